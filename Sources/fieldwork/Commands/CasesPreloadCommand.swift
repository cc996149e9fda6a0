import FieldworkBasics
import ArgumentParser
import FieldworkCases
import FieldworkChecker
import FieldworkJournal
import FieldworkModel
import FieldworkScreen
import Foundation

/// `fieldwork cases preload FILE.csv`: values from an earlier wave, keyed by case, for `preload.name`.
struct CasesPreloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preload",
        abstract: "Load values from a previous wave's export (or any CSV keyed by case id) for preload.NAME. Any bad row loads nothing.",
        discussion: """
            The questionnaire's "preload" list names the values; each is read from the file's column of the same name
            unless --map NAME=COLUMN says otherwise. Other columns are ignored, so a whole CSV export can be given.
            Every row must name a case already in the store. Loading again replaces the values of the cases in the
            file; an empty cell removes that case's value (the interview reads it as not asked).
            """
    )

    @Argument(help: "The CSV file (a previous wave's `fieldwork export --format csv`, or any CSV with a case id column).")
    var file: String

    @OptionGroup var survey: SurveyDirectoryOptions

    @ArgumentParser.Option(name: .long, help: "The file's case id column.")
    var key: String = SampleSchema.caseIDColumn

    @ArgumentParser.Option(name: .long, parsing: .singleValue, help: "Read preload value NAME from the file's COLUMN, as NAME=COLUMN (repeatable).")
    var map: [String] = []

    func run() throws {
        let now = try CaseClock.now()
        try survey.requireSurveyDirectory(for: "loading preload values")
        let declared = try Self.declaredPreload(directory: survey.directory)
        let mapping = Result { () throws(PreloadMappingError) -> PreloadMapping in
            try PreloadMapping(declared: declared.map { ($0.name, $0.kind == .number) }, arguments: map)
        }
        guard case .success(let resolved) = mapping else {
            if case .failure(let problem) = mapping { CasesOutput.standardError(problem.description) }
            throw ExitCode(1)
        }
        let columns = resolved.columns
        let store = try survey.openAdministration()
        let label = TerminalSafe.text(file)
        do {
            let parsed = try PreloadImporter(columns: columns, keyColumn: key)
                .parse(contentsOf: URL(fileURLWithPath: file), source: label) { (try? store.containsCase(id: $0)) ?? false }
            let count = try store.storePreload(parsed, now: now)
            let names = parsed.names.joined(separator: ", ")
            print("Loaded preload values (\(names)) for \(count) case(s) from \(label).")
        } catch let error as SampleImportError {
            for line in error.messages { CasesOutput.standardError(line) }
            CasesOutput.standardError("\(label): nothing loaded (\(error.problems.count + error.unlistedCount) problem(s))")
            throw ExitCode(1)
        }
    }

    /// The preload values the survey's current questionnaire declares; exit 1 when it has errors or declares none.
    static func declaredPreload(directory: URL) throws -> [PreloadField] {
        let surveyDirectory = try SurveyDirectory.open(at: directory)
        let (pinned, bytes) = try surveyDirectory.currentQuestionnaire()
        let (checked, diagnostics) = Checker.check(bytes: [UInt8](bytes), file: surveyDirectory.questionnaireURL(sha256: pinned.sha256).path)
        guard let instrument = checked else {
            let first = diagnostics.first { $0.severity == .error }.map { "\($0)" } ?? "unknown problem"
            CasesOutput.standardError("the survey's questionnaire \(pinned.id) version \(pinned.version) has errors; run `fieldwork check` on it. First: \(first)")
            throw ExitCode(1)
        }
        let declared = instrument.questionnaire.preloadFields
        guard !declared.isEmpty else {
            CasesOutput.standardError("""
                the survey's questionnaire \(pinned.id) version \(pinned.version) declares no preload values; \
                add a "preload" list (e.g. [{"name": "prev_total", "type": "number"}]) and pin the new version first
                """)
            throw ExitCode(1)
        }
        return declared
    }
}
