import Foundation
import Testing
@testable import FieldworkCases

/// `number` sample fields take plain decimal numbers only: Swift's `Double` parser also accepts
/// nan, inf and hex floats, which no spreadsheet or statistics package reads back as a count.
@Suite struct SampleNumberTests {
    let schema = SampleSchema(fields: [SampleFieldSpec(name: "employees", kind: .number)])

    private func problems(_ value: String) -> [SampleProblem] {
        do throws(SampleImportError) {
            _ = try SampleImporter(schema: schema).parse(csv: "case_id,employees\nA1,\(value)\n", source: "s.csv")
            return []
        } catch {
            return error.problems
        }
    }

    @Test(arguments: ["nan", "NaN", "-nan", "inf", "+inf", "-Infinity", "INFINITY", "0x1p3", "0X1.8P1", "-0x10", "1e400", "-1e999"])
    func nonFiniteAndHexNumbersAreRefused(_ value: String) {
        let found = problems(value)
        #expect(found.map(\.kind) == [.invalidNumber])
        #expect(found.map(\.line) == [2])
        #expect(found.first?.reason.contains(value) == true)
    }

    @Test(arguments: ["0", "12", "-1", "+3", "2.5", ".5", "5.", "1e3", "-2.5E-2", "007"])
    func decimalNumbersAreAccepted(_ value: String) {
        #expect(problems(value) == [])
    }
}
