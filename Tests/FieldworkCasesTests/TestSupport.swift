import FieldworkBasics
import Foundation
@testable import FieldworkCases

let london = TimeZone(identifier: "Europe/London")!

/// The instant of a Europe/London wall-clock time, e.g. `at("2025-10-20T10:00")`.
func at(_ local: String) -> Date {
    guard let time = LocalDateTime(local), let instant = time.instant(in: london) else {
        fatalError("test fixture time '\(local)' is invalid")
    }
    return instant
}

/// The instant of a UTC wall-clock time.
func utc(_ local: String) -> Date {
    guard let time = LocalDateTime(local), let instant = time.instant(in: TimeZone(identifier: "UTC")!) else {
        fatalError("test fixture time '\(local)' is invalid")
    }
    return instant
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-cases-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A fresh store in a new temporary directory holding `ids` with simple fields.
func makeStore(rules: SchedulingRules = SchedulingRules(), ids: [String] = [], fields: [String: [String: String]] = [:],
               now: Date = at("2025-10-20T08:00")) throws -> SQLiteCaseStore {
    let directory = try temporaryDirectory()
    let store = try SQLiteCaseStore(surveyDirectory: directory, rules: rules)
    if !ids.isEmpty {
        let cases = ids.enumerated().map { index, id in
            SampleCase(id: id, fields: fields[id] ?? ["business_name": "Business \(id)"], line: index + 2)
        }
        _ = try store.importCases(ParsedSample(source: "test.csv", columns: ["case_id", "business_name"], cases: cases), now: now)
    }
    return store
}

extension SQLiteCaseStore {
    /// Records an outcome for a case (taking the lease first is not required when nobody holds it).
    @discardableResult
    func record(_ id: String, _ outcome: CallOutcome, at now: Date, by interviewer: String = "int1",
                appointment: Appointment? = nil) throws -> AttemptResult {
        try recordAttempt(CallAttemptInput(caseID: id, interviewer: interviewer, outcome: outcome, appointment: appointment), now: now)
    }
}
