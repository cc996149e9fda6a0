import Testing
@testable import FieldworkCases

@Suite struct CallOutcomeTests {
    /// The documented table (docs/case-management.md): outcome → final code, or nil when the case stays open.
    static let finalCodes: [CallOutcome: String?] = [
        .noAnswer: nil, .busy: nil, .answeringMachineMessageLeft: nil, .answeringMachineNoMessage: nil,
        .gatekeeperCallBack: nil, .namedContactNotAvailable: nil, .softRefusal: nil,
        .hardRefusal: "2.11", .wrongNumber: "3.90", .nonWorkingNumber: "4.31", .notABusiness: "4.51",
        .ceasedTrading: "4.91", .outOfScope: "4.10", .faxDataLine: "4.20",
        .languageBarrier: "2.33", .respondentUnable: "2.32", .duplicateListing: "4.92", .movedOutOfArea: "4.11",
        .hardAppointment: nil, .softAppointment: nil,
        .interviewComplete: "1.1", .interviewPartial: "1.2", .breakOff: "2.12", .suspendedWithAppointment: nil,
    ]

    @Test func everyOutcomeHasItsDocumentedFinalCode() {
        #expect(Set(Self.finalCodes.keys) == Set(CallOutcome.allCases))
        for outcome in CallOutcome.allCases {
            #expect(outcome.finalDisposition?.code == Self.finalCodes[outcome] ?? nil, "\(outcome)")
        }
    }

    @Test func exhaustedCodesDependOnEligibility() {
        let unknown: [CallOutcome: String] = [.noAnswer: "3.13", .busy: "3.12", .answeringMachineMessageLeft: "3.14", .answeringMachineNoMessage: "3.14"]
        for (outcome, code) in unknown { #expect(outcome.exhaustedDisposition(everEligible: false).code == code) }
        let eligible: [CallOutcome: String] = [
            .noAnswer: "2.20", .busy: "2.20", .answeringMachineMessageLeft: "2.221", .answeringMachineNoMessage: "2.222",
            .gatekeeperCallBack: "2.21", .namedContactNotAvailable: "2.21", .softRefusal: "2.11",
        ]
        for (outcome, code) in eligible { #expect(outcome.exhaustedDisposition(everEligible: true).code == code) }
    }

    @Test func finalOutcomesSetFinalStatuses() throws {
        let store = try makeStore(ids: CallOutcome.allCases.map(\.rawValue))
        let now = at("2025-10-20T10:00")
        for outcome in CallOutcome.allCases where outcome.finalDisposition != nil {
            let result = try store.record(outcome.rawValue, outcome, at: now)
            #expect(result.status.isFinal)
            #expect(result.finalDisposition == outcome.finalDisposition)
            #expect(try store.caseDetail(id: outcome.rawValue)?.finalDisposition == outcome.finalDisposition)
        }
    }

    @Test func onlyContactWithTheBusinessConfirmsEligibility() {
        #expect(CallOutcome.gatekeeperCallBack.confirmsEligibility)
        #expect(!CallOutcome.noAnswer.confirmsEligibility)
        #expect(!CallOutcome.answeringMachineMessageLeft.confirmsEligibility)
        #expect(!CallOutcome.notABusiness.confirmsEligibility)
    }
}
