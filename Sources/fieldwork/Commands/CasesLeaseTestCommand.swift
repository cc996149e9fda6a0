import ArgumentParser
import FieldworkCases
import Foundation

/// Hidden: leases cases in a loop and prints their ids, for the multi-process concurrency test.
struct CasesLeaseTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lease-test",
        abstract: "Lease cases until none are left and print each id (testing aid).",
        shouldDisplay: false
    )

    @OptionGroup var survey: SurveyDirectoryOptions

    @Option(help: "Interviewer id to lease as.")
    var interviewer: String

    @Option(help: "Stop after this many leases.")
    var max: Int = .max

    func run() throws {
        let now = try CaseClock.now()
        let store = try survey.openStore()
        var count = 0
        while count < max, let lease = try store.nextCase(for: interviewer, now: now) {
            print(lease.caseID)
            count += 1
        }
    }
}
