import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork-testkit lease-test`: leases cases in a loop and prints their ids, for the
/// multi-process concurrency test and the lease-expiry tests.
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

    func run() throws {
        let now = try CaseClock.now()
        let directory = URL(fileURLWithPath: data, isDirectory: true)
        let store = try SQLiteCaseStore(surveyDirectory: directory, rules: try SchedulingRules.load(fromSurveyDirectory: directory))
        var count = 0
        while count < max, let lease = try store.nextCase(for: interviewer, now: now) {
            print(lease.caseID)
            count += 1
        }
    }
}
