import ArgumentParser
import FieldworkCases
import FieldworkExport
import FieldworkJournal
import FieldworkSurveyStores
import Foundation

/// `fieldwork codebook`: every export variable with its label, type, values, missing codes, the
/// condition under which it is asked (in words) and its frequencies in the data.
struct CodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Describe every export variable: labels, values, missing codes, when asked, frequencies.",
        discussion: "Frequencies count completed interviews (all interviews with --include-partials). See docs/exports.md."
    )

    @Option(name: .long, help: "The survey directory.")
    var data: String

    @Option(name: .long, help: "md, html or ddi (DDI-Codebook 2.5 XML).")
    var format: String = "md"

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    @Flag(name: .customLong("include-partials"), help: "Count interviews that were not completed too.")
    var includePartials = false

    @Flag(name: .long, help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        guard CodebookRenderer.Format(rawValue: format) != nil else { throw ValidationError("--format \(format): use md, html or ddi") }
    }

    func run() throws {
        let directoryURL = URL(fileURLWithPath: data, isDirectory: true)
        do {
            let stores = try openSurvey(directoryURL)
            let directory = stores.directory
            let instruments = PinnedInstruments(directory: directory)
            let current = try instruments.current()
            let records = try StoredCaseRecords.open(stores)
            let source = try SurveyRowSource(directory: directory, journals: stores.journals, instruments: instruments, current: current, records: records,
                                             options: SurveyExportOptions(includePartials: includePartials))
            let codebook = try Codebook.build(source: source, instrument: current.instrument)
            let chosen = CodebookRenderer.Format(rawValue: format) ?? .md
            let text = chosen == .ddi
                ? DDICodebookRenderer.render(codebook, instrument: current.instrument, rates: try Self.responseRates(stores))
                : CodebookRenderer.render(codebook, format: chosen)
            if let out {
                // Never through a symbolic link, never replacing a FIFO or device (AtomicFile).
                do {
                    try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: out), overwrite: force, access: .shared)
                } catch ExportError.fileExists {
                    Output.error("fieldwork codebook: \(out) exists; pass --force to replace it")
                    throw ExitCode(1)
                } catch let error as ExportError {
                    Output.error("fieldwork codebook: cannot write \(out): \(error.description)")
                    throw ExitCode(1)
                }
                print("wrote the codebook of \(codebook.entries.count) variable(s), \(codebook.interviews) interview(s) to \(out)")
            } else {
                print(text, terminator: "")
            }
            for warning in source.report.warnings { Output.error("warning: \(warning)") }
        } catch let error as SurveyExportError {
            Output.error("fieldwork codebook: \(error.description)")
            throw ExitCode(1)
        } catch let error as CaseStoreError {
            Output.error("fieldwork codebook: case store: \(error)")
            throw ExitCode(1)
        }
    }

    /// The AAPOR response rates of the case store's final (and interim) codes, for the DDI study
    /// description; none without a case store or without cases.
    static func responseRates(_ stores: SurveyStores) throws -> [DDICodebookRenderer.Rate] {
        guard let store = try stores.existingCaseStore(rules: SchedulingRules()) else { return [] }
        let counts = try store.statusCounts(now: try CaseClock.now())
        var codeCounts: [String: Int] = [:]
        for (d, n) in counts.byDisposition { codeCounts[d.code, default: 0] += n }
        for (d, n) in counts.byInterimDisposition { codeCounts[d.code, default: 0] += n }
        guard !codeCounts.isEmpty else { return [] }
        return ResponseRates(codeCounts: codeCounts).rates.compactMap { rate in
            rate.value.map { DDICodebookRenderer.Rate(name: rate.name, value: $0, formula: rate.formula) }
        }
    }
}
