import FieldworkBasics
import ArgumentParser
import FieldworkCases
import FieldworkEngine
import FieldworkExport
import FieldworkJournal
import Foundation

/// `fieldwork export`: the survey's interviews as one dataset (CSV, SPSS .sav, Stata .dta), or with
/// `--paradata` the event-level paradata and interviewer length summary.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export interviews from a survey directory as .csv, .sav or .dta (or paradata).",
        discussion: """
            One row per interview, completed interviews only unless --include-partials. Variables follow the \
            current questionnaire's plan (see `fieldwork check`); each interview is replayed with the questionnaire \
            version it was recorded with. Identifier sample fields are left out unless --include-identifiers. \
            Damaged journal records are skipped with a warning; --strict refuses to export instead. \
            See docs/exports.md.
            """
    )

    @Option(name: .long, help: "The survey directory.")
    var data: String

    @Option(name: .long, help: "csv, sav or dta.")
    var format: String?

    @Option(name: .long, help: "The file to write; - for standard output (CSV only).")
    var out: String

    @Flag(name: .customLong("include-partials"), help: "Also export interviews that were not completed.")
    var includePartials = false

    @Flag(name: .customLong("include-identifiers"), help: "Also export identifier sample fields (personal data).")
    var includeIdentifiers = false

    @Flag(name: .long, help: "Replace files that already exist.")
    var force = false

    @Flag(name: .long, help: "Refuse to export when any journal record is damaged or does not replay.")
    var strict = false

    @Flag(name: .long, help: "Write event-level paradata (CSV), <out>.interviewers.csv and <out>.notes.csv instead of the dataset.")
    var paradata = false

    @Option(name: .long, help: "A loop id: write that loop's long file, one row per pass (case_id, item_code, item_label, the pass's variables).")
    var level: String?

    @Flag(name: .customLong("no-formula-escaping"),
          help: "Write CSV text starting with = + - @ tab or CR as it is, without the ' that keeps spreadsheets from running it as a formula. Control characters are escaped either way.")
    var noFormulaEscaping = false

    func validate() throws {
        if out == "-", !paradata, let format, format != "csv" {
            throw ValidationError("--out - writes CSV only: .\(format) is a binary file, which a terminal or pipe would garble; give a file name")
        }
        if paradata {
            if let format, format != "csv" { throw ValidationError("--paradata writes CSV; leave out --format or use --format csv") }
            if level != nil { throw ValidationError("--level writes a loop's answers; it does not go with --paradata") }
            return
        }
        guard let format else { throw ValidationError("--format is required: csv, sav or dta") }
        guard ExportFormat(rawValue: format) != nil else {
            throw ValidationError("--format \(format): use csv, sav or dta")
        }
    }

    func run() throws {
        let directoryURL = URL(fileURLWithPath: data, isDirectory: true)
        let outURL = out == "-" ? AtomicFile.standardOutput : URL(fileURLWithPath: out)
        // With the data on standard output, the report goes to standard error.
        let report: (String) -> Void = outURL == AtomicFile.standardOutput ? { Output.error($0) } : { print($0) }
        do {
            let directory = try openSurvey(directoryURL)
            if paradata {
                let result = try ParadataExporter.export(directory: directory, to: outURL, overwrite: force,
                                                         textEscaping: CSVTextEscaping(formulaEscaping: !noFormulaEscaping))
                if result.files.count > 2 {
                    report("wrote \(result.eventRows) event(s) to \(out), \(result.summaries.count) interviewer(s) to \(result.files[1].path) "
                        + "and \(result.notes) note(s) to \(result.files[2].path)")
                } else {
                    report("wrote \(result.eventRows) event(s) to \(out == "-" ? "standard output" : out)")
                    Output.error("warning: the interviewer summary and the \(result.notes) interviewer note(s) were not written: the output is a stream; export to a file to get them")
                }
                if result.corruptRecords > 0 {
                    Output.error("warning: skipped \(result.corruptRecords) damaged journal record(s); run `fieldwork verify`")
                }
                for s in result.summaries where s.flagged {
                    Output.error("note: interviewer \(s.interviewer): median \(DecimalText.fixed(s.medianMinutes, places: 1)) minutes, under half the overall median")
                }
                return
            }
            let options = SurveyExportOptions(includePartials: includePartials, includeIdentifiers: includeIdentifiers, strict: strict,
                                              formulaEscaping: !noFormulaEscaping, level: level)
            let records = try StoredCaseRecords.open(surveyDirectory: directoryURL)
            let result = try SurveyExporter.export(directory: directory, records: records, format: ExportFormat(rawValue: format ?? "csv") ?? .csv,
                                                   to: outURL, options: options, overwrite: force)
            let summary = result.summary
            let names = summary.files.map { $0 == AtomicFile.standardOutput ? "standard output" : $0.path }
            let rowsWritten = level.map { "\(summary.rowCount) pass(es) of loop \($0)" } ?? "\(summary.rowCount) interview(s)"
            report("wrote \(rowsWritten), \(summary.variableCount) variable(s): \(names.joined(separator: ", "))")
            let leftOut = result.report.leftOut.map(\.caseID)
            if !leftOut.isEmpty {
                report("left out \(leftOut.count) case(s) whose history cannot be rebuilt: \(leftOut.joined(separator: ", "))")
            }
            for warning in Self.condensed(summary.warnings) + result.report.warnings {
                Output.error("warning: \(warning)")
            }
        } catch let error as SurveyExportError {
            Output.error("fieldwork export: \(error.description)")
            throw ExitCode(1)
        } catch let error as ExportError {
            Output.error("fieldwork export: \(error.description)")
            throw ExitCode(1)
        } catch let error as CaseStoreError {
            Output.error("fieldwork export: case store: \(error)")
            throw ExitCode(1)
        }
    }
}

extension ExportCommand {
    /// Folds the one-per-variable "label cut" warnings into a single line: hundreds of identical
    /// lines would hide the warnings that matter.
    static func condensed(_ warnings: [String]) -> [String] {
        let marker = ": variable label cut to "
        let cut = warnings.filter { $0.contains(marker) }
        guard cut.count > 3 else { return warnings }
        let names = cut.compactMap { $0.components(separatedBy: marker).first }
        let limit = cut[0].components(separatedBy: marker).last ?? ""
        return warnings.filter { !$0.contains(marker) }
            + ["\(cut.count) variable labels cut to \(limit) (e.g. \(names.prefix(3).joined(separator: ", "))); the full labels are in the codebook"]
    }
}

/// Opens a survey directory or explains why it is not one.
func openSurvey(_ url: URL) throws -> SurveyDirectory {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw SurveyExportError.survey("\(url.path): no such directory; pass the survey directory with --data")
    }
    do {
        return try SurveyDirectory.open(at: url)
    } catch {
        throw SurveyExportError.survey("\(url.path): not a survey directory (\(error))")
    }
}

/// Case records from `cases.sqlite` in the survey directory; the export never creates the store.
struct StoredCaseRecords: CaseRecordLookup {
    let store: SQLiteCaseStore?

    static func open(surveyDirectory: URL) throws -> StoredCaseRecords {
        let path = surveyDirectory.appendingPathComponent(SQLiteCaseStore.fileName).path
        guard FileManager.default.fileExists(atPath: path) else { return StoredCaseRecords(store: nil) }
        return StoredCaseRecords(store: try SQLiteCaseStore(path: path))
    }

    func record(caseID: String) throws -> CaseRecord? {
        try records(caseIDs: [caseID])[caseID]
    }

    func records(caseIDs: [String]) throws -> [String: CaseRecord] {
        guard let store else { return [:] }
        // The replay reads the case's preload values too (`preload.name` may route), as the interview did.
        let preload = try store.preloadValues(ids: caseIDs)
        var out: [String: CaseRecord] = [:]
        for (id, stored) in try store.exportFields(ids: caseIDs) {
            let fields = SampleRecord(stored.fields).addingPreload(preload[id] ?? [:]).fields
            out[id] = CaseRecord(fields: fields, finalDisposition: stored.finalCode, weight: stored.weight)
        }
        return out
    }

    func hasWeights() throws -> Bool {
        try store?.hasWeights() ?? false
    }

    func finalCode(forCallOutcome outcome: String) -> String? {
        CallOutcome(rawValue: outcome)?.finalDisposition?.code
    }
}
