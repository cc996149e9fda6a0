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
                let message = fullMessage(for: error)
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
