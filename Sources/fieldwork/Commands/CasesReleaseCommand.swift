import FieldworkBasics
import ArgumentParser
import FieldworkCases
import FieldworkScreen
import Foundation

/// `fieldwork cases release ID --by SUPERVISOR --reason TEXT`: ends whoever's lease, audited.
/// `fieldwork cases release --replicate N --by SUPERVISOR --reason TEXT`: releases a sample replicate.
struct CasesReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Release a case's lease (audited), or a sample replicate for calling (--replicate N).",
        discussion: """
            With a case id: ends whoever's lease so the case goes back to the pool.
            With --replicate N: every case imported with `cases import --replicate N` becomes callable and counts
            in the response rates from now on; the release is recorded with --by, --reason and the number of cases.
            """
    )

    @Argument(help: "The case id (leave out with --replicate).")
    var id: String?

    @Option(name: .long, help: "Release sample replicate N instead of a case's lease.")
    var replicate: Int?

    @OptionGroup var change: CaseChangeOptions

    @OptionGroup var survey: SurveyDirectoryOptions

    func validate() throws {
        switch (id, replicate) {
        case (nil, nil): throw ValidationError("give a case id to release its lease, or --replicate N to release a sample replicate")
        case (.some, .some): throw ValidationError("give either a case id or --replicate N, not both")
        default: break
        }
    }

    func run() throws {
        if let replicate {
            let now = try CaseClock.now()
            let store = try survey.openAdministration()
            let release = try store.releaseReplicate(replicate, by: change.by, reason: change.reason, now: now)
            if change.json {
                print(try CasesOutput.json(release))
            } else {
                print("Replicate \(release.replicate): \(release.cases) case(s) released by \(TerminalSafe.text(release.by)) "
                    + "at \(CasesOutput.local(release.at, store.rules)) \(store.rules.timeZoneID)")
                print("  reason: \(TerminalSafe.text(release.reason))")
            }
            return
        }
        guard let id else { return }
        try change.record(caseID: id, in: survey) { store, now in
            try store.releaseCase(id: id, by: change.by, reason: change.reason, now: now)
        }
    }
}
