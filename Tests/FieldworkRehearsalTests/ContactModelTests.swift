import FieldworkCases
import FieldworkEngine
@testable import FieldworkRehearsal
import Testing

@Suite("The rehearsal's contact model")
struct ContactModelTests {
    @Test func theStandardChancesSumToOneInEveryPartOfTheDay() {
        #expect(ContactModel.standard.problems.isEmpty)
        var broken = ContactModel.standard
        broken.chances[.midday]?[.interview] = 0.5
        #expect(broken.problems == ["the chances for the midday sum to 1.41, not 1"])
    }

    @Test func drawsFollowTheChances() {
        var rng = SeededRandom(seed: 11)
        var counts: [ContactModel.Result: Int] = [:]
        let n = 200_000
        for _ in 0..<n { counts[ContactModel.standard.draw(part: .morning, keepingAppointment: false, rng: &rng), default: 0] += 1 }
        for (result, chance) in ContactModel.standard.chances[.morning]! {
            let share = Double(counts[result, default: 0]) / Double(n)
            // Four standard errors of a proportion at this n.
            #expect(abs(share - chance) < 4 * (chance * (1 - chance) / Double(n)).squareRoot() + 1e-9, "\(result): \(share) vs \(chance)")
        }
    }

    @Test func aKeptAppointmentIsAnInterviewOrNoAnswer() {
        var rng = SeededRandom(seed: 3)
        var interviews = 0
        for _ in 0..<10_000 {
            let result = ContactModel.standard.draw(part: .afternoon, keepingAppointment: true, rng: &rng)
            #expect(result == .interview || result == .noAnswer)
            if result == .interview { interviews += 1 }
        }
        #expect(abs(Double(interviews) / 10_000 - ContactModel.standard.appointmentKept) < 0.02)
    }

    @Test func everyResultHasACallOutcome() {
        #expect(ContactModel.callOutcome(.appointment).requiresAppointment)
        #expect(ContactModel.callOutcome(.hardRefusal).finalDisposition == .refusal)
        #expect(ContactModel.callOutcome(.nonWorking).finalDisposition?.group == 4)
    }
}
