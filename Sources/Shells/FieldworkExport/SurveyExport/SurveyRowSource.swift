import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import Foundation

/// Streams one row per exported interview, in case-id order, reading one journal at a time so
/// memory does not grow with the number of interviews. The counting pass decides inclusion from
/// the journal alone; only the row pass replays interviews through the engine.
public final class SurveyRowSource: ExportRowSource {
    public let plan: SurveyColumnPlan
    public let options: SurveyExportOptions
    let directory: SurveyDirectory
    /// Where the journals are read from (the directory's files, or the server).
    let journals: any JournalStore
    /// Every case with a journal, in case-id order.
    let caseIDs: [String]
    let instruments: PinnedInstruments
    let currentSHA: String
    let records: CaseRecordLookup
    private var mappings: [String: VersionMapping] = [:]
    /// Cases a row pass found it cannot export (`CaseRebuild`). The counting pass cannot see them
    /// (it reads record kinds, not histories), so it subtracts the ones an earlier row pass found.
    private var knownLeftOut: Set<String> = []
    /// The report of the latest row pass.
    public private(set) var report = SurveyExportReport()

    public init(directory: SurveyDirectory, journals: (any JournalStore)? = nil, instruments: PinnedInstruments,
                current: (instrument: Instrument, sha256: String),
                records: CaseRecordLookup, options: SurveyExportOptions) throws {
        self.directory = directory
        let journals = journals ?? directory
        self.journals = journals
        self.instruments = instruments
        self.currentSHA = current.sha256
        self.records = records
        self.options = options
        plan = SurveyColumnPlan(instrument: current.instrument, includeIdentifiers: options.includeIdentifiers,
                                includeWeight: try records.hasWeights())
        do {
            caseIDs = try journals.journalCaseIDs()
        } catch {
            throw SurveyExportError.survey("\(journals.journalLocation): cannot list the journals: \(error)")
        }
    }

    /// One case's journal decoded: all that can be worked out from the journal alone, so it can
    /// be done on another thread while the previous case is replayed.
    struct DecodedCase: Sendable {
        var history: CaseHistory
        var outline: CaseOutline
        /// The case-store record, when the reader looked it up (the row pass does).
        var record: CaseRecord?
    }

    /// One case as read from disk, with the questionnaire it replays against.
    struct LoadedCase {
        var history: CaseHistory
        var outline: CaseOutline
        var instrument: Instrument?
        var sha256: String
    }

    /// Reads and decodes one journal. Touches nothing but the journal store (which serialises its
    /// own reads), so it is safe off the main thread.
    static func decode(_ caseID: String, from journals: any JournalStore) throws -> DecodedCase {
        let history: CaseHistory
        do {
            history = try journals.history(caseID: caseID)
        } catch {
            throw SurveyExportError.survey("\(journals.journalLocation): cannot read the journal of \(caseID): \(error)")
        }
        return DecodedCase(history: history, outline: CaseOutline(history: history))
    }

    func load(_ caseID: String) throws -> LoadedCase {
        complete(try Self.decode(caseID, from: journals))
    }

    /// Adds the pinned questionnaire (loaded and cached here, on the calling thread).
    func complete(_ decoded: DecodedCase) -> LoadedCase {
        let outline = decoded.outline
        let sha = outline.stamp?.sha256 ?? currentSHA
        var instrument: Instrument?
        if outline.isExported(includePartials: options.includePartials), case .success(let i) = instruments.instrument(sha256: sha) {
            instrument = i
        }
        return LoadedCase(history: decoded.history, outline: outline, instrument: instrument, sha256: sha)
    }

    /// Counts the rows from record kinds alone (no event decoding, no replay): the first of the
    /// two passes the writers need. Journals are read on several threads; a case counts when its
    /// questionnaire loads, decided here per questionnaire.
    public func rowCount() throws -> Int {
        let tally = try ExportedCaseTally.count(caseIDs: caseIDs, journals: journals, includePartials: options.includePartials, currentSHA: currentSHA)
        var count = 0
        for (sha, cases) in tally.sorted(by: { $0.key < $1.key }) {
            if case .success = instruments.instrument(sha256: sha) { count += cases }
        }
        return count - knownLeftOut.count
    }

    /// Thrown at the end of a row pass that left out cases the counting pass had counted: the
    /// header of a .sav or .dta already promised more rows. The exporter then writes again; this
    /// source now knows those cases, so its count and its rows agree.
    public struct CasesLeftOutUnforeseen: Error {
        public var caseIDs: [String]
    }

    /// Reads and replays every exported case and lists each damaged record and each event that
    /// did not replay: what `--strict` refuses on.
    public func strictProblems() throws -> [String] {
        var problems: [String] = []
        for caseID in caseIDs {
            let loaded = try load(caseID)
            guard loaded.outline.isExported(includePartials: options.includePartials) else { continue }
            for p in loaded.outline.corruption { problems.append("\(caseID): \(p)") }
            guard let instrument = loaded.instrument else {
                problems.append("\(caseID): its questionnaire (\(loaded.sha256.prefix(12))) cannot be loaded")
                continue
            }
            let sample = SampleRecord(try records.record(caseID: caseID)?.fields ?? [:])
            let (_, replay) = Interview.replay(instrument: instrument, sample: sample, events: loaded.history.interviewEvents)
            for p in replay { problems.append("\(caseID): event \(p.eventIndex + 1) (\(p.event.kind)): \(p.message)") }
        }
        return problems
    }

    public func forEachRow(_ body: ([ExportCell]) throws -> Void) throws {
        var report = SurveyExportReport()
        var versionCounts: [String: (version: String, count: Int)] = [:]
        defer {
            for (sha, entry) in versionCounts.sorted(by: { $0.key < $1.key }) {
                let mapping = mappings[sha]
                report.versions.append(.init(version: entry.version, sha256: sha, interviews: entry.count,
                                             unmapped: mapping?.unmapped ?? [], absent: mapping?.absent ?? []))
            }
            self.report = report
        }
        let columns = plan.columns
        let cellColumns = columns.map { AnswerCells.Column($0.variable) }
        let fills = columns.map { ColumnFill($0.source) }
        var row = [ExportCell](repeating: .systemMissing, count: columns.count)
        // Journals are read and decoded one case ahead on a background thread (a few dozen at
        // most in flight); replay and cells stay here, in case-id order.
        let caseIDs = self.caseIDs
        let journals = self.journals
        let window = CaseRecordWindow(lookup: records, caseIDs: caseIDs)
        let prefetch = OrderedPrefetch(count: caseIDs.count, capacity: 32) { index in
            var decoded = try Self.decode(caseIDs[index], from: journals)
            if decoded.outline.standing != .noInterview { decoded.record = try window.record(at: index) }
            return decoded
        }
        defer { prefetch.finish() }
        var position = 0
        var unforeseen: [String] = []
        while let decoded = try prefetch.next() {
            let caseID = caseIDs[position]
            position += 1
            let loaded = complete(decoded)
            let outline = loaded.outline
            switch outline.standing {
            case .noInterview: report.casesWithoutInterview += 1; continue
            case .partial where !options.includePartials: report.partialsLeftOut += 1; continue
            default: break
            }
            guard let instrument = loaded.instrument else {
                report.casesWithUnreadableQuestionnaire += 1
                report.example("\(caseID): questionnaire \(loaded.sha256.prefix(12)) cannot be loaded")
                continue
            }
            if !outline.corruption.isEmpty {
                report.corruptRecords += CaseRebuild.skippedRecords(in: outline)
                report.casesWithCorruption += 1
                report.example("\(caseID): \(outline.corruption[0])")
            }
            let mapping = mapping(for: loaded.sha256, instrument: instrument)
            if loaded.sha256 != currentSHA {
                versionCounts[loaded.sha256, default: (instrument.questionnaire.version, 0)].count += 1
            }
            let record = decoded.record
            let sample = SampleRecord(record?.fields ?? [:])
            let (interview, replay) = Interview.replay(instrument: instrument, sample: sample, events: loaded.history.interviewEvents)
            let rebuild = CaseRebuild(outline: outline, interview: interview, replay: replay)
            if let reason = rebuild.leftOutReason {
                report.leftOut.append(.init(caseID: caseID, reason: reason))
                if !knownLeftOut.contains(caseID) { unforeseen.append(caseID) }
                continue
            }
            if rebuild.skippedRecords > 0 { report.casesWithSkippedRecords += 1 }
            if !replay.isEmpty {
                report.replayProblems += replay.count
                report.casesWithReplayProblems += 1
                report.example("\(caseID): event \(replay[0].eventIndex + 1) (\(replay[0].event.kind)): \(replay[0].message)")
            }
            var cells = AnswerCells(interview: interview)
            let timing = InterviewTiming(history: loaded.history)
            let missingCodes = instrument.questionnaire.missingCodes
            columns.withUnsafeBufferPointer { columns in
                row.withUnsafeMutableBufferPointer { row in
                    // Columns are read in place (no per-cell struct copies); only the source of
                    // each planned column in this version is needed, and it is a plain value.
                    for index in columns.indices {
                        switch fills[index] {
                        case .metadata(let field):
                            row[index] = metadata(field, history: loaded.history, interview: interview, timing: timing, record: record,
                                                  skippedRecords: rebuild.skippedRecords)
                        case .sample:
                            guard case .sample(let name) = columns[index].source else { continue }
                            row[index] = sampleCell(record?.fields[name], columns[index].variable)
                        case .weight:
                            row[index] = record?.weight.map(ExportCell.number) ?? .systemMissing
                        case .planned:
                            if let source = mapping.sources[index] {
                                row[index] = cells.cell(for: source, column: cellColumns[index], missingCodes: missingCodes)
                            } else {
                                row[index] = .systemMissing
                            }
                        }
                    }
                }
            }
            report.undeclaredMissing += cells.undeclaredMissing
            report.rows += 1
            try body(row)
        }
        if !unforeseen.isEmpty {
            knownLeftOut.formUnion(unforeseen)
            throw CasesLeftOutUnforeseen(caseIDs: unforeseen)
        }
    }

    /// How a column is filled, as a plain value (a column's source holds strings, and the row
    /// loop runs for every cell).
    enum ColumnFill {
        case metadata(VariableSpec.MetadataField)
        case sample
        case planned
        case weight

        init(_ source: SurveyColumn.Source) {
            switch source {
            case .metadata(let field): self = .metadata(field)
            case .sample: self = .sample
            case .planned: self = .planned
            case .weight: self = .weight
            }
        }
    }

    func mapping(for sha: String, instrument: Instrument) -> VersionMapping {
        if let known = mappings[sha] { return known }
        let mapping = VersionMapping(columns: plan.columns, instrument: instrument)
        mappings[sha] = mapping
        return mapping
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

    func sampleCell(_ value: String?, _ variable: ExportVariable) -> ExportCell {
        guard let value, !value.isEmpty else { return .systemMissing }
        if variable.kind.isNumeric {
            return Double(value).map(ExportCell.number) ?? .systemMissing
        }
        return .text(value)
    }
}
