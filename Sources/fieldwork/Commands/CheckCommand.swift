import ArgumentParser
import FieldworkChecker
import FieldworkDiagnostics
import Foundation

/// `fieldwork check FILE...`: the designer's compiler. Exit 0 when clean (warnings allowed), 1 on
/// errors, 2 on misuse.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check questionnaires for errors before fieldwork.",
        discussion: "Every finding has file:line:column, a severity and a stable code documented in docs/diagnostics.md."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Argument(help: "Questionnaire files (.json).")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one questionnaire file") }
    }

    func run() throws {
        var all: [Diagnostic] = []
        var summaries: [FileSummary] = []
        for file in files {
            let (instrument, diagnostics) = QuestionnaireLoading.load(file)
            all += diagnostics
            summaries.append(FileSummary(file: file, ok: instrument != nil && !(strict && diagnostics.contains { $0.severity == .warning }),
                                         questions: instrument?.questions.count, variables: instrument?.variables.count,
                                         errors: diagnostics.filter { $0.severity == .error }.count,
                                         warnings: diagnostics.filter { $0.severity == .warning }.count))
        }
        let errors = all.filter { $0.severity == .error }.count
        let warnings = all.filter { $0.severity == .warning }.count
        switch format {
        case .json:
            let report = CheckReport(files: summaries, diagnostics: all.map(DiagnosticRecord.init), errors: errors, warnings: warnings)
            print(Output.json(report))
        case .text:
            // Messages quote the file's text: escape it where it meets the terminal.
            for d in all { TerminalText.print(d.description) }
            for s in summaries {
                if s.errors == 0 {
                    TerminalText.print("\(s.file): ok — \(s.questions ?? 0) questions, \(s.variables ?? 0) export variables, \(s.warnings) warning(s)")
                }
            }
            if errors > 0 { print("\(errors) error(s), \(warnings) warning(s)") }
        }
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }

    struct FileSummary: Encodable {
        var file: String
        var ok: Bool
        var questions: Int?
        var variables: Int?
        var errors: Int
        var warnings: Int
    }

    struct CheckReport: Encodable {
        var files: [FileSummary]
        var diagnostics: [DiagnosticRecord]
        var errors: Int
        var warnings: Int
    }
}

/// A diagnostic as JSON for editors and CI.
struct DiagnosticRecord: Encodable {
    var file: String
    var line: Int
    var column: Int
    var offset: Int
    var severity: String
    var code: String
    var message: String

    init(_ d: Diagnostic) {
        file = d.location.file
        line = d.location.line
        column = d.location.column
        offset = d.location.offset
        severity = d.severity.rawValue
        code = d.code.rawValue
        message = d.message
    }
}
