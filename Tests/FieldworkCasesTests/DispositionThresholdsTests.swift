import Foundation
import Testing
@testable import FieldworkCases

@Suite struct DispositionThresholdsTests {
    @Test func defaultsAreHalfAndFourFifths() {
        let thresholds = SchedulingRules().dispositionThresholds
        #expect(thresholds.partialAtLeast == 0.5)
        #expect(thresholds.completeAtLeast == 0.8)
    }

    @Test func boundariesBelongToTheHigherOutcome() {
        let t = DispositionThresholds()
        let cases: [(Double, CallOutcome)] = [
            (0, .breakOff), (0.4999, .breakOff), (0.5, .interviewPartial), (0.62, .interviewPartial),
            (0.7999, .interviewPartial), (0.8, .interviewComplete), (1, .interviewComplete),
        ]
        for (share, outcome) in cases {
            #expect(t.outcome(forStoppedInterviewWithShare: share).outcome == outcome, "share \(share)")
        }
    }

    @Test func ruleTextNamesTheShareAndTheThreshold() {
        let t = DispositionThresholds()
        #expect(t.outcome(forStoppedInterviewWithShare: 0.62).rule == "answered 62% of applicable questions (partial from 50%) → 1.2")
        #expect(t.outcome(forStoppedInterviewWithShare: 0.85).rule == "answered 85% of applicable questions (complete from 80%) → 1.1")
        #expect(t.outcome(forStoppedInterviewWithShare: 0.3).rule == "answered 30% of applicable questions (break-off below 50%) → 2.12")
        // Rounded down, so a share just under a threshold never reads as reaching it.
        #expect(t.outcome(forStoppedInterviewWithShare: 0.79999).rule.hasPrefix("answered 79.9% "))
        #expect(t.outcome(forStoppedInterviewWithShare: 0.58).rule.hasPrefix("answered 58% "))
    }

    @Test func outOfRangeSharesAreClamped() {
        let t = DispositionThresholds()
        #expect(t.outcome(forStoppedInterviewWithShare: 1.5).outcome == .interviewComplete)
        #expect(t.outcome(forStoppedInterviewWithShare: -0.2).outcome == .breakOff)
        #expect(t.outcome(forStoppedInterviewWithShare: .nan).outcome == .breakOff)
    }

    @Test func customThresholdsAreReadFromSchedulingJSON() throws {
        let json = #"{"interviewDispositions": {"partialAtLeast": 0.4, "completeAtLeast": 0.9}, "eligibilityRate": 0.75}"#
        let rules = try JSONDecoder().decode(SchedulingRules.self, from: Data(json.utf8))
        #expect(rules.dispositionThresholds == DispositionThresholds(partialAtLeast: 0.4, completeAtLeast: 0.9))
        #expect(rules.eligibilityRate == 0.75)
        #expect(rules.problems.isEmpty)
        #expect(rules.dispositionThresholds.outcome(forStoppedInterviewWithShare: 0.85).outcome == .interviewPartial)
        let partialOnly = try JSONDecoder().decode(SchedulingRules.self, from: Data(#"{"interviewDispositions": {"partialAtLeast": 0.3}}"#.utf8))
        #expect(partialOnly.dispositionThresholds == DispositionThresholds(partialAtLeast: 0.3, completeAtLeast: 0.8))
    }

    @Test func inconsistentThresholdsAreReportedClearly() throws {
        var rules = SchedulingRules()
        rules.dispositionThresholds = DispositionThresholds(partialAtLeast: 0.9, completeAtLeast: 0.8)
        #expect(rules.problems.count == 1)
        #expect(rules.problems.first?.contains("partialAtLeast (0.9) is above completeAtLeast (0.8)") == true)
        rules.dispositionThresholds = DispositionThresholds(partialAtLeast: -0.1, completeAtLeast: 1.2)
        #expect(rules.problems.count == 2)
        #expect(rules.problems.allSatisfy { $0.contains("between 0 and 1") })
        rules.dispositionThresholds = DispositionThresholds()
        rules.eligibilityRate = 1.5
        #expect(rules.problems.first?.hasPrefix("eligibilityRate is 1.5") == true)

        let directory = try temporaryDirectory()
        try Data(#"{"interviewDispositions": {"partialAtLeast": 0.9, "completeAtLeast": 0.8}}"#.utf8)
            .write(to: directory.appendingPathComponent(SchedulingRules.fileName))
        do {
            _ = try SchedulingRules.load(fromSurveyDirectory: directory)
            Issue.record("inconsistent thresholds were accepted")
        } catch CaseStoreError.invalidConfiguration(let message) {
            #expect(message.contains("interviewDispositions.partialAtLeast"))
        }
    }
}
