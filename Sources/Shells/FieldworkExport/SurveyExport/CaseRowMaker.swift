import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import Foundation

/// The work of a row pass for one case, done on any of the export's worker threads: read and
/// decode the journal, look up the case-store record, replay the interview with its questionnaire
/// and fill the row. What it finds is handed back as an `Outcome` for the consuming thread to
/// count and write in case-id order, so the report and the file are those of a one-thread pass.
///
/// Shared by the workers: the plan and options are values; the pinned questionnaires and their
/// mappings onto the plan are loaded once each, under a lock.
final class CaseRowMaker: @unchecked Sendable {
    /// One case's result.
    enum Outcome: Sendable {
        case noInterview
        case partialLeftOut
        case unreadableQuestionnaire(caseID: String, sha256: String)
        case replayed(Made)
    }

    /// A case replayed: its row (when exported) and what the report counts about it.
    struct Made: Sendable {
        var caseID: String
        var sha256: String
        var version: String
        /// The first damaged record, when the journal had any.
        var firstCorruption: String?
        var skippedRecords: Int
        /// Why the case is left out (`CaseRebuild`); nil when it is a row.
        var leftOutReason: String?
        var replayProblems: Int
        var firstReplayProblem: String?
        var undeclaredMissing: Int
        var cells: [ExportCell]
    }

    private let columns: [SurveyColumn]
    private let cellColumns: [AnswerCells.Column]
    private let fills: [SurveyRowSource.ColumnFill]
    private let options: SurveyExportOptions
    private let currentSHA: String
    private let records: CaseRecordLookup
    private let instruments: PinnedInstruments
    private let lock = NSLock()
    private var loaded: [String: (instrument: Instrument, mapping: VersionMapping)?] = [:]

    init(source: SurveyRowSource) {
        columns = source.plan.columns
        cellColumns = columns.map { AnswerCells.Column($0.variable) }
        fills = columns.map { SurveyRowSource.ColumnFill($0.source) }
        options = source.options
        currentSHA = source.currentSHA
        records = source.records
        instruments = source.instruments
    }

    /// The mapping of a questionnaire version that some case was replayed with.
    func knownMapping(_ sha: String) -> VersionMapping? {
        lock.lock()
        defer { lock.unlock() }
        return loaded[sha]??.mapping
    }

    /// The pinned questionnaire and its mapping onto the plan, loaded once (nil: it cannot be loaded).
    private func pinned(_ sha: String) -> (instrument: Instrument, mapping: VersionMapping)? {
        lock.lock()
        defer { lock.unlock() }
        if let known = loaded[sha] { return known }
        var result: (Instrument, VersionMapping)?
        if case .success(let instrument) = instruments.instrument(sha256: sha) {
            result = (instrument, VersionMapping(columns: columns, instrument: instrument))
        }
        loaded[sha] = result
        return result
    }

    func make(_ file: SurveyDirectory.JournalFile, record lookUp: () throws -> CaseRecord?) throws -> Outcome {
        let decoded = try SurveyRowSource.decode(file)
        let outline = decoded.outline
        switch outline.standing {
        case .noInterview: return .noInterview
        case .partial where !options.includePartials: return .partialLeftOut
        default: break
        }
        let record = try lookUp()
        let sha = outline.stamp?.sha256 ?? currentSHA
        guard let (instrument, mapping) = pinned(sha) else {
            return .unreadableQuestionnaire(caseID: file.caseID, sha256: sha)
        }
        let history = decoded.history
        let sample = SampleRecord(record?.fields ?? [:])
        let (interview, replay) = Interview.replay(instrument: instrument, sample: sample, events: history.interviewEvents)
        let rebuild = CaseRebuild(outline: outline, interview: interview, replay: replay)
        var made = Made(caseID: file.caseID, sha256: sha, version: instrument.questionnaire.version,
                        firstCorruption: outline.corruption.first.map { "\($0)" }, skippedRecords: rebuild.skippedRecords,
                        leftOutReason: rebuild.leftOutReason, replayProblems: replay.count,
                        firstReplayProblem: replay.first.map { "event \($0.eventIndex + 1) (\($0.event.kind)): \($0.message)" },
                        undeclaredMissing: 0, cells: [])
        guard rebuild.leftOutReason == nil else { return .replayed(made) }

        var cells = AnswerCells(interview: interview)
        let timing = InterviewTiming(history: history)
        let missingCodes = instrument.questionnaire.missingCodes
        var row = [ExportCell](repeating: .systemMissing, count: columns.count)
        columns.withUnsafeBufferPointer { columns in
            row.withUnsafeMutableBufferPointer { row in
                // Columns are read in place (no per-cell struct copies); only the source of
                // each planned column in this version is needed, and it is a plain value.
                for index in columns.indices {
                    switch fills[index] {
                    case .metadata(let field):
                        row[index] = metadata(field, history: history, interview: interview, timing: timing, record: record,
                                              skippedRecords: rebuild.skippedRecords)
                    case .sample:
                        guard case .sample(let name) = columns[index].source else { continue }
                        row[index] = sampleCell(record?.fields[name], isNumeric: cellColumns[index].isNumeric)
                    case .weight:
                        row[index] = record?.weight.map(ExportCell.number) ?? .systemMissing
                    case .planned:
                        if let source = mapping.sources[index] {
                            row[index] = cells.cell(for: source, column: cellColumns[index], missingCodes: missingCodes)
                        }
                    }
                }
            }
        }
        made.undeclaredMissing = cells.undeclaredMissing
        made.cells = row
        return .replayed(made)
    }

    func metadata(_ field: VariableSpec.MetadataField, history: CaseHistory, interview: Interview, timing: InterviewTiming,
                  record: CaseRecord?, skippedRecords: Int) -> ExportCell {
        switch field {
        case .caseID: return .text(history.caseID)
        case .interviewer: return .text(history.interviewers.joined(separator: ";"))
        case .status: return .text(DispositionRule.statusText(interview.state.status))
        case .disposition:
            return .text(DispositionRule.disposition(stored: record?.finalDisposition, history: history, status: interview.state.status,
                                                     outcomeCodes: records.finalCode(forCallOutcome:)))
        case .startTime: return timing.start.map { .dateTime(unixSeconds: UTCTimestamp.wholeSeconds($0)) } ?? .systemMissing
        case .endTime: return timing.end.map { .dateTime(unixSeconds: UTCTimestamp.wholeSeconds($0)) } ?? .systemMissing
        case .durationSeconds: return timing.seconds.map(ExportCell.number) ?? .systemMissing
        case .questionnaireVersion: return .text(interview.instrument.questionnaire.version)
        case .skippedRecords: return .number(Double(skippedRecords))
        case .language: return .text(interview.language)
        }
    }

    func sampleCell(_ value: String?, isNumeric: Bool) -> ExportCell {
        guard let value, !value.isEmpty else { return .systemMissing }
        if isNumeric {
            return Double(value).map(ExportCell.number) ?? .systemMissing
        }
        return .text(value)
    }
}
