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
    let files: [SurveyDirectory.JournalFile]
    let instruments: PinnedInstruments
    let currentSHA: String
    let records: CaseRecordLookup
    /// Cases a row pass found it cannot export (`CaseRebuild`). The counting pass cannot see them
    /// (it reads record kinds, not histories), so it subtracts the ones an earlier row pass found.
    private var knownLeftOut: Set<String> = []
    /// The report of the latest row pass.
    public private(set) var report = SurveyExportReport()

    public init(directory: SurveyDirectory, instruments: PinnedInstruments, current: (instrument: Instrument, sha256: String),
                records: CaseRecordLookup, options: SurveyExportOptions) throws {
        self.directory = directory
        self.instruments = instruments
        self.currentSHA = current.sha256
        self.records = records
        self.options = options
        plan = SurveyColumnPlan(instrument: current.instrument, includeIdentifiers: options.includeIdentifiers,
                                includeWeight: try records.hasWeights())
        do {
            files = try directory.journalFiles().sorted { $0.caseID < $1.caseID }
        } catch {
            throw SurveyExportError.survey("\(directory.root.path): cannot list the journals: \(error)")
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

    /// Reads and decodes one journal. Touches nothing but the file, so it is safe off the main thread.
    static func decode(_ file: SurveyDirectory.JournalFile) throws -> DecodedCase {
        let history: CaseHistory
        do {
            history = try CaseHistory.read(journalAt: file.url, caseID: file.caseID)
        } catch {
            throw SurveyExportError.survey("\(file.url.path): cannot read the journal: \(error)")
        }
        return DecodedCase(history: history, outline: CaseOutline(history: history))
    }

    func load(_ file: SurveyDirectory.JournalFile) throws -> LoadedCase {
        complete(try Self.decode(file))
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
        let tally = try ExportedCaseTally.count(files: files, includePartials: options.includePartials, currentSHA: currentSHA)
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
        for file in files {
            let loaded = try load(file)
            guard loaded.outline.isExported(includePartials: options.includePartials) else { continue }
            for p in loaded.outline.corruption { problems.append("\(file.caseID): \(p)") }
            guard let instrument = loaded.instrument else {
                problems.append("\(file.caseID): its questionnaire (\(loaded.sha256.prefix(12))) cannot be loaded")
                continue
            }
            let sample = SampleRecord(try records.record(caseID: file.caseID)?.fields ?? [:])
            let (_, replay) = Interview.replay(instrument: instrument, sample: sample, events: loaded.history.interviewEvents)
            for p in replay { problems.append("\(file.caseID): event \(p.eventIndex + 1) (\(p.event.kind)): \(p.message)") }
        }
        return problems
    }

    public func forEachRow(_ body: ([ExportCell]) throws -> Void) throws {
        var report = SurveyExportReport()
        var versionCounts: [String: (version: String, count: Int)] = [:]
        let maker = CaseRowMaker(source: self)
        defer {
            for (sha, entry) in versionCounts.sorted(by: { $0.key < $1.key }) {
                let mapping = maker.knownMapping(sha)
                report.versions.append(.init(version: entry.version, sha256: sha, interviews: entry.count,
                                             unmapped: mapping?.unmapped ?? [], absent: mapping?.absent ?? []))
            }
            self.report = report
        }
        // Every core reads, decodes and replays journals (a few dozen cases in flight at most);
        // the rows come back here in case-id order, so the file is the same as one thread's.
        let files = self.files
        let window = CaseRecordWindow(lookup: records, caseIDs: files.map(\.caseID))
        let prefetch = OrderedPrefetch(count: files.count, capacity: 64, workers: OrderedPrefetch<CaseRowMaker.Outcome>.coreCount) { index in
            try maker.make(files[index], record: { try window.record(at: index) })
        }
        defer { prefetch.finish() }
        var unforeseen: [String] = []
        while let outcome = try prefetch.next() {
            switch outcome {
            case .noInterview: report.casesWithoutInterview += 1
            case .partialLeftOut: report.partialsLeftOut += 1
            case let .unreadableQuestionnaire(caseID, sha):
                report.casesWithUnreadableQuestionnaire += 1
                report.example("\(caseID): questionnaire \(sha.prefix(12)) cannot be loaded")
            case .replayed(let made):
                if let damage = made.firstCorruption {
                    report.corruptRecords += made.skippedRecords
                    report.casesWithCorruption += 1
                    report.example("\(made.caseID): \(damage)")
                }
                if made.sha256 != currentSHA {
                    versionCounts[made.sha256, default: (made.version, 0)].count += 1
                }
                if let reason = made.leftOutReason {
                    report.leftOut.append(.init(caseID: made.caseID, reason: reason))
                    if !knownLeftOut.contains(made.caseID) { unforeseen.append(made.caseID) }
                    continue
                }
                if made.skippedRecords > 0 { report.casesWithSkippedRecords += 1 }
                if let first = made.firstReplayProblem {
                    report.replayProblems += made.replayProblems
                    report.casesWithReplayProblems += 1
                    report.example("\(made.caseID): \(first)")
                }
                report.undeclaredMissing += made.undeclaredMissing
                report.rows += 1
                try body(made.cells)
            }
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

}
