import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork-testkit lease-test`: leases cases in a loop and prints their ids, for the
/// multi-process concurrency test and the lease-expiry tests; with `--record OUTCOME`, records that
/// outcome on each case leased (calls for the call history). Opens the survey's store wherever
/// `store.json` puts it (cases.sqlite or PostgreSQL).
struct LeaseTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lease-test",
        abstract: "Lease cases until none are left and print each id."
    )

    @Option(help: "Survey directory holding cases.sqlite and scheduling.json.")
    var data: String = "."

    @Option(help: "Interviewer id to lease as.")
    var interviewer: String

    @Option(help: "Stop after this many leases.")
    var max: Int = .max

    @Option(help: "Record this call outcome (e.g. no-answer) on each case leased.")
    var record: String?

    func run() throws {
        let now = try CaseClock.now()
        let directory = URL(fileURLWithPath: data, isDirectory: true)
        let outcome = try record.map { name in
            guard let outcome = CallOutcome(rawValue: name) else { throw ValidationError("--record \(name): not a call outcome") }
            return outcome
        }
        let pinnedClock = !(ProcessInfo.processInfo.environment[CaseClock.environmentVariable] ?? "").isEmpty
        let store = try CaseStoreLocation.read(surveyDirectory: directory)
            .open(rules: try SchedulingRules.load(fromSurveyDirectory: directory), callerClock: pinnedClock)
        var count = 0
        while count < max, let lease = try store.nextCase(for: interviewer, now: now) {
            print(lease.caseID)
            if let outcome {
                _ = try store.recordAttempt(CallAttemptInput(caseID: lease.caseID, interviewer: interviewer, outcome: outcome), now: now)
            }
            count += 1
        }
    }
}
