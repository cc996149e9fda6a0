import FieldworkBasics
import FieldworkScreen
import FieldworkScreen
import ArgumentParser
import FieldworkCases
import FieldworkJournal
import Foundation

/// `fieldwork cases …`: the sample and call records of one survey directory.
struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Import the sample and inspect case progress (cases.sqlite in the survey directory).",
        discussion: """
            Times are read from FIELDWORK_NOW (ISO-8601, e.g. 2025-10-27T09:45:00Z) when set, else the real clock.
            Calling rules come from scheduling.json in the survey directory (defaults when absent).
            """,
        subcommands: [CasesImportCommand.self, CasesPreloadCommand.self, CasesStatusCommand.self, CasesShowCommand.self, CasesCloseWaveCommand.self,
                      CasesReleaseCommand.self, CasesReopenCommand.self, CasesCorrectCommand.self, CasesAssignCommand.self,
                      CasesAppointmentsCommand.self, CasesBookCommand.self, CasesMoveCommand.self, CasesCancelCommand.self,
                      CasesCallsCommand.self]
    )
}

/// Options shared by the cases subcommands.
struct SurveyDirectoryOptions: ParsableArguments {
    @Option(name: .long, help: "Survey directory holding cases.sqlite, scheduling.json and sample-schema.json.")
    var data: String = "."

    var directory: URL { URL(fileURLWithPath: data, isDirectory: true) }

    /// Refuses a directory `fieldwork init` did not make (no `fieldwork.json`): a store created there
    /// would hold personal data outside any survey. Exit 1 with what to run instead.
    func requireSurveyDirectory(for purpose: String) throws {
        let manifest = directory.appendingPathComponent(SurveyDirectory.manifestName).path
        guard FileManager.default.fileExists(atPath: manifest) else {
            CasesOutput.standardError("""
                \(TerminalSafe.text(data)) is not a survey directory (it has no \(SurveyDirectory.manifestName)); \
                run `fieldwork init \(TerminalSafe.text(data)) --questionnaire QUESTIONNAIRE.json` first, then repeat \(purpose)
                """)
            throw ExitCode(1)
        }
    }

    /// Opens the survey's case store wherever `store.json` puts it, for supervisors' work
    /// (`CaseAdministration`): the same operations on cases.sqlite and on PostgreSQL.
    func openAdministration() throws -> any CaseAdministration {
        try requireExistingDirectory()
        let rules = try SchedulingRules.load(fromSurveyDirectory: directory)
        let pinnedClock = !(ProcessInfo.processInfo.environment[CaseClock.environmentVariable] ?? "").isEmpty
        return try CaseStoreLocation.read(surveyDirectory: directory).open(rules: rules, callerClock: pinnedClock)
    }

    /// Opens the survey's case store wherever `store.json` puts it (cases.sqlite by default).
    func openCaseStore() throws -> any CaseStore {
        try openAdministration()
    }

    private func requireExistingDirectory() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("survey directory '\(TerminalSafe.text(data))' does not exist")
        }
    }
}

/// Output helpers for the cases commands.
enum CasesOutput {
    static func standardError(_ line: String) {
        Output.error(line)
    }

    /// `YYYY-MM-DD HH:MM` in the survey zone.
    static func local(_ date: Date, _ rules: SchedulingRules) -> String {
        rules.local(date).displayText
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return TerminalText.json(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
