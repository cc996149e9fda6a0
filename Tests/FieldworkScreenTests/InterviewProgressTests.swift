import FieldworkEngine
import FieldworkScreen
import Testing

/// The "Q n of ~N" estimate follows the routing and never shrinks while answering forward.
@Suite("Progress estimate")
struct InterviewProgressTests {
    @Test func progressEstimateIsMonotoneAndKnowsTheLoopPasses() throws {
        var driver = InterviewDriver(try InterviewLoopFixture.interview())
        var totals: [Int] = []
        func total() -> Int {
            let line = driver.screen().plainLines[1]
            let digits = line.split(separator: "~").last.map { $0.prefix { $0.isNumber } } ?? ""
            return Int(digits) ?? -1
        }
        totals.append(total())
        driver.type("1"); driver.press(.enter); totals.append(total())
        driver.type("2"); driver.press(.enter); totals.append(total())     // q_site leaves the route
        for code in ["1", "2", "3"] { driver.type(code); driver.press(.enter) }
        driver.press(.enter); totals.append(total())
        let atForms = totals.last!
        for _ in 0..<3 {
            driver.press(.enter); totals.append(total())                    // v_intro
            driver.type("2"); driver.press(.enter); totals.append(total())  // v_inc
            driver.type("2"); driver.press(.enter); totals.append(total())  // v_rep
        }
        #expect(driver.currentID == "q_last")
        #expect(zip(totals, totals.dropFirst()).allSatisfy { $0 <= $1 }, "\(totals)")
        // Known from the routing once the crimes are answered: 3 + 3 × 3 + 1 questions on the path.
        #expect(totals.suffix(from: totals.count - 9).allSatisfy { $0 == atForms }, "\(totals)")
        #expect(atForms == 13, "\(totals)")
    }

    @Test func goingBackDoesNotShrinkTheEstimate() throws {
        var driver = try InterviewLoopFixture.driverInForms()
        let before = driver.screen().plainLines[1]
        driver.press(.function(4)); driver.press(.function(4))
        let after = driver.screen().plainLines[1]
        #expect(before.split(separator: "~").last == after.split(separator: "~").last)
    }
}
