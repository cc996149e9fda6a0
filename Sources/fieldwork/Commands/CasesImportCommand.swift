import FieldworkBasics
import FieldworkScreen
import FieldworkScreen
import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork cases import SAMPLE.csv`: all-or-nothing sample import.
struct CasesImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a sample CSV (header row with case_id). Any bad row imports nothing.",
        discussion: """
            Columns are checked against sample-schema.json in the survey directory. Without one, every column is
            accepted as text, phone/telephone are checked as phone numbers, and business_name, contact_name, phone,
            telephone, email, address and postcode are marked as identifiers.
            Re-importing the same rows is harmless: identical cases are skipped.
            With --replicate N the new cases form sample replicate N: they are never offered, and count in no
            response rate, until `fieldwork cases release --replicate N --by NAME --reason TEXT`.
            """
    )

    @Argument(help: "The sample file.")
    var sample: String

    @Option(name: .long, help: "Import the new cases as sample replicate N (1 or more), held back until released.")
    var replicate: Int?

    @OptionGroup var survey: SurveyDirectoryOptions

    func validate() throws {
        if let replicate, replicate < 1 { throw ValidationError("--replicate \(replicate): replicates are numbered from 1") }
    }

    func run() throws {
        let now = try CaseClock.now()
        try survey.requireSurveyDirectory(for: "importing a sample")
        let schema = try SampleSchema.load(fromSurveyDirectory: survey.directory)
        let store = try survey.openAdministration()
        let label = TerminalSafe.text(sample)
        do {
            let parsed = try SampleImporter(schema: schema).parse(contentsOf: URL(fileURLWithPath: sample), source: label)
            let summary = try store.importCases(parsed, replicate: replicate, now: now)
            print("Imported \(summary.imported) case(s); skipped \(summary.skipped) already stored.")
            if let replicate {
                print("The new cases are replicate \(replicate), not yet released: "
                    + "run `fieldwork cases release --replicate \(replicate) --by NAME --reason TEXT` to start calling them.")
            }
        } catch let error as SampleImportError {
            for line in error.messages { CasesOutput.standardError(line) }
            CasesOutput.standardError("\(label): nothing imported (\(error.problems.count + error.unlistedCount) problem(s))")
            throw ExitCode(1)
        }
    }
}
