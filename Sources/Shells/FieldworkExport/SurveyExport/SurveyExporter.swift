import FieldworkJournal
import Foundation

/// Exports a survey directory's interviews as one dataset: the entry point behind
/// `fieldwork export`. Checks the variable plan against the format and (with `--strict`) the
/// journals before writing, then streams rows into the file atomically.
public enum SurveyExporter {
    public struct Result: Sendable {
        public var summary: ExportSummary
        public var report: SurveyExportReport
    }

    /// Writes `format` to `url` from the survey directory's journals; `records` is the case store.
    /// `journals` is where the survey keeps its journals (the directory itself when not given).
    public static func export(directory: SurveyDirectory, journals: (any JournalStore)? = nil, records: CaseRecordLookup,
                              format: ExportFormat, to url: URL,
                              options: SurveyExportOptions, overwrite: Bool) throws -> Result {
        let instruments = PinnedInstruments(directory: directory)
        let current = try instruments.current()
        let source = try SurveyRowSource(directory: directory, journals: journals, instruments: instruments, current: current,
                                         records: records, options: options)
        let q = current.instrument.questionnaire
        var schema = source.plan.schema(fileLabel: "\(q.id) \(q.version)")
        var rows: any ExportRowSource = source
        if let level = options.level {
            let loopPlan: LoopLevelPlan
            do {
                loopPlan = try LoopLevelPlan(wide: source.plan, instrument: current.instrument, loopID: level, fileLabel: schema.fileLabel)
            } catch let problem as LoopLevelPlan.Problem {
                throw SurveyExportError.survey(problem.description)
            }
            schema = loopPlan.schema
            rows = LoopLevelRows(plan: loopPlan, wide: source)
        }
        let problems = SchemaCheck.problems(in: schema, format: format)
        guard problems.isEmpty else {
            throw SurveyExportError.invalidVariables(questionnaireID: q.id, detail: ExportError.invalidSchema(format: format, problems: problems).description)
        }
        if options.strict {
            let found = try source.strictProblems()
            if !found.isEmpty { throw SurveyExportError.strictRefused(problems: found) }
        }
        do {
            // A first pass may find cases whose history cannot be rebuilt after the header promised
            // their rows; the second pass knows them (and nothing else can change between the two).
            for attempt in 1...2 {
                do {
                    let summary = try ExportWriter.write(schema: schema, rows: rows, format: format, to: url, overwrite: overwrite,
                                                         access: options.includeIdentifiers ? .ownerOnly : .shared,
                                                         csvText: CSVTextEscaping(formulaEscaping: options.formulaEscaping))
                    return Result(summary: summary, report: source.report)
                } catch let unforeseen as SurveyRowSource.CasesLeftOutUnforeseen where attempt == 1 {
                    _ = unforeseen
                    continue
                }
            }
            throw SurveyExportError.write("the journals changed while they were being exported; nothing was written, run the export again")
        } catch let unforeseen as SurveyRowSource.CasesLeftOutUnforeseen {
            throw SurveyExportError.write("the journals of \(unforeseen.caseIDs.joined(separator: ", ")) changed while they were being exported; nothing was written, run the export again")
        } catch let error as ExportError {
            if case .invalidSchema = error {
                throw SurveyExportError.invalidVariables(questionnaireID: q.id, detail: error.description)
            }
            throw SurveyExportError.write(error.description)
        }
    }
}
