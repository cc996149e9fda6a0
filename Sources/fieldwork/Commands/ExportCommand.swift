import ArgumentParser
import FieldworkCases
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

    @Option(name: .long, help: "The file to write.")
    var out: String

    @Flag(name: .customLong("include-partials"), help: "Also export interviews that were not completed.")
    var includePartials = false

    @Flag(name: .customLong("include-identifiers"), help: "Also export identifier sample fields (personal data).")
    var includeIdentifiers = false

    @Flag(name: .long, help: "Replace files that already exist.")
    var force = false

    @Flag(name: .long, help: "Refuse to export when any journal record is damaged or does not replay.")
    var strict = false

    @Flag(name: .long, help: "Write event-level paradata (CSV) and <out>.interviewers.csv instead of the dataset.")
    var paradata = false

    func validate() throws {
        if paradata {
            if let format, format != "csv" { throw ValidationError("--paradata writes CSV; leave out --format or use --format csv") }
            return
        }
        guard let format else { throw ValidationError("--format is required: csv, sav or dta") }
        guard ExportFormat(rawValue: format) != nil else {
            throw ValidationError("--format \(format): use csv, sav or dta")
        }
    }

    func run() throws {
        let directoryURL = URL(fileURLWithPath: data, isDirectory: true)
        let outURL = URL(fileURLWithPath: out)
        do {
            let directory = try openSurvey(directoryURL)
            if paradata {
                let result = try ParadataExporter.export(directory: directory, to: outURL, overwrite: force)
                print("wrote \(result.eventRows) event(s) to \(out) and \(result.summaries.count) interviewer(s) to \(result.files[1].path)")
                if result.corruptRecords > 0 {
                    Output.error("warning: skipped \(result.corruptRecords) damaged journal record(s); run `fieldwork verify`")
                }
                for s in result.summaries where s.flagged {
                    Output.error("note: interviewer \(s.interviewer): median \(String(format: "%.1f", s.medianMinutes)) minutes, under half the overall median")
                }
                return
            }
            let options = SurveyExportOptions(includePartials: includePartials, includeIdentifiers: includeIdentifiers, strict: strict)
            let records = try StoredCaseRecords.open(surveyDirectory: directoryURL)
            let result = try SurveyExporter.export(directory: directory, records: records, format: ExportFormat(rawValue: format ?? "csv") ?? .csv,
                                                   to: outURL, options: options, overwrite: force)
            let summary = result.summary
            print("wrote \(summary.rowCount) interview(s), \(summary.variableCount) variable(s): \(summary.files.map(\.path).joined(separator: ", "))")
            let leftOut = result.report.leftOut.map(\.caseID)
            if !leftOut.isEmpty {
                print("left out \(leftOut.count) case(s) whose history cannot be rebuilt: \(leftOut.joined(separator: ", "))")
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
        guard let store, let detail = try store.caseDetail(id: caseID) else { return nil }
        return CaseRecord(fields: detail.fields, finalDisposition: detail.finalDisposition?.code)
    }

    func records(caseIDs: [String]) throws -> [String: CaseRecord] {
        guard let store else { return [:] }
        return try store.exportFields(ids: caseIDs).mapValues { CaseRecord(fields: $0.fields, finalDisposition: $0.finalCode) }
    }

    func finalCode(forCallOutcome outcome: String) -> String? {
        CallOutcome(rawValue: outcome)?.finalDisposition?.code
    }
}
