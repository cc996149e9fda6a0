import ArgumentParser
import Foundation

@main
struct Fieldwork: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldwork",
        abstract: "Survey instruments for telephone interviewing: check, simulate, interview, export.",
        subcommands: [
            CheckCommand.self,
            SimulateCommand.self,
            ScenarioTestCommand.self,
            InitCommand.self,
            VerifyCommand.self,
            CasesCommand.self,
            StoreCommand.self,
            InterviewCommand.self,
            SessionCommand.self,
            SuperviseCommand.self,
            ExportCommand.self,
            CodebookCommand.self,
            DocCommand.self,
            RehearseCommand.self,
            DashboardCommand.self,
            WeightCommand.self,
            ReportCommand.self,
        ]
    )

    /// Misuse of the command exits 2 (not ArgumentParser's 64), so scripts can tell "you called it
    /// wrong" from "your questionnaire has errors" (1).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Output.error(fullMessage(for: error))
                Foundation.exit(2)
            }
            // Any other failure with words (a case-store error a command let through, say) is
            // printed as ArgumentParser would, but through `Output.error`, so text it quotes from
            // a sample or the command line cannot drive the terminal. Help and version (exit 0)
            // and bare exit codes keep ArgumentParser's own handling.
            let message = fullMessage(for: error)
            if code != .success, !message.isEmpty {
                Output.error(message)
                Foundation.exit(code.rawValue)
            }
            exit(withError: error)
        }
    }
}
