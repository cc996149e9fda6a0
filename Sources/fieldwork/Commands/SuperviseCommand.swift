import ArgumentParser
import FieldworkCases
import FieldworkScreen
import FieldworkTerminal
import Foundation

/// `fieldwork supervise --data DIR`: the supervisor's live, read-only console beside the sessions,
/// or one `--json` snapshot of the same figures for scripts.
struct SuperviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervise",
        abstract: "Live read-only console: interviewers and their states, today's work, appointments, quotas, rates.",
        discussion: """
            Refreshes every --refresh-seconds (default 3); q quits, r refreshes at once. Each refresh is a few short
            read transactions on cases.sqlite (WAL), so running sessions are not held up. --json prints one snapshot
            and exits. Times come from FIELDWORK_NOW when set, else the real clock. See docs/supervision.md.
            """
    )

    @OptionGroup var survey: SurveyDirectoryOptions

    @Option(name: .customLong("refresh-seconds"), help: "Seconds between refreshes of the console.")
    var refreshSeconds: Int = 3

    @Flag(name: .long, help: "Print one snapshot of the figures as JSON and exit.")
    var json = false

    func validate() throws {
        guard refreshSeconds >= 1 else { throw ValidationError("--refresh-seconds must be at least 1") }
    }

    func run() throws {
        try CommandFailure.reporting {
            let store = try survey.openAdministration()
            if json {
                print(try CasesOutput.json(try store.supervisorSnapshot(now: try CaseClock.now())))
                return
            }
            let terminal = Terminal()
            do { try terminal.start() } catch let error as TerminalError { throw CommandFailure(error.message) }
            defer { terminal.stop() }
            var snapshot = try store.supervisorSnapshot(now: try CaseClock.now())
            var problem: String?
            while true {
                let shown = snapshot
                let message = problem
                terminal.present {
                    SupervisorConsoleScreen.compose(shown, rules: store.rules, refreshSeconds: refreshSeconds, problem: message, size: $0)
                }
                let started = ContinuousClock.now
                var refresh = false
                while !refresh {
                    switch terminal.readKey(timeoutMilliseconds: 250) {
                    case .character("q"), .character("Q"), .ctrl("c"), .hangup, .terminate, .interrupt: return
                    case .character("r"), .character("R"), .resize: refresh = true
                    default: refresh = started.duration(to: .now) >= .seconds(refreshSeconds)
                    }
                }
                do {
                    snapshot = try store.supervisorSnapshot(now: try CaseClock.now())
                    problem = nil
                } catch {
                    problem = "Could not refresh (showing the last figures): \(error)"
                }
            }
        }
    }
}
