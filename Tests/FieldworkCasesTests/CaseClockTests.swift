import Foundation
import Testing
@testable import FieldworkCases

@Suite struct CaseClockTests {
    @Test func environmentPinsTheClock() throws {
        #expect(try CaseClock.now(environment: ["FIELDWORK_NOW": "2025-10-27T09:45:00Z"]) == utc("2025-10-27T09:45"))
        #expect(try CaseClock.now(environment: ["FIELDWORK_NOW": "2025-10-20T10:45:00+01:00"]) == utc("2025-10-20T09:45"))
        #expect(throws: CaseStoreError.self) { try CaseClock.now(environment: ["FIELDWORK_NOW": "monday"]) }
        let real = try CaseClock.now(environment: [:])
        #expect(abs(real.timeIntervalSinceNow) < 5)
    }

    @Test func rulesFileFillsMissingKeysWithDefaults() throws {
        let directory = try temporaryDirectory()
        try Data(#"{"maxAttempts": 12, "callingHours": {"end": "20:00"}}"#.utf8)
            .write(to: directory.appendingPathComponent(SchedulingRules.fileName))
        let rules = try SchedulingRules.load(fromSurveyDirectory: directory)
        #expect(rules.maxAttempts == 12)
        #expect(rules.callingHours.end == "20:00")
        #expect(rules.callingHours.start == "09:00")
        #expect(rules.retryGapMinutes == 180)
        try Data(#"{"callingHours": {"start": "18:00", "end": "09:00"}}"#.utf8)
            .write(to: directory.appendingPathComponent(SchedulingRules.fileName))
        #expect(throws: CaseStoreError.self) { try SchedulingRules.load(fromSurveyDirectory: directory) }
    }
}
