import FieldworkBasics
import FieldworkExpressions
import FieldworkEngine
import FieldworkJournal
import Foundation

/// Writes interview paradata as a long CSV, one row per interview event, so fieldwork managers can
/// see where interviews slow down, and a per-interviewer summary of interview lengths for
/// monitoring (very short interviews are a classic sign of corner-cutting), and the interviewers'
/// notes (`InterviewerNote`).
public enum ParadataExporter {
    public static let columns = ["case_id", "session", "interviewer", "seq", "timestamp", "event", "question", "seconds_on_question"]

    public struct Result: Sendable {
        public var eventRows: Int
        /// Interviewer notes found; written to the notes file unless the output is a stream.
        public var notes: Int
        /// The event file, then (unless it is a stream) the interviewer summary and the notes.
        public var files: [URL]
        public var summaries: [InterviewerLengthSummary]
        /// Damaged records skipped while reading.
        public var corruptRecords: Int
    }

    /// `paradata.csv` → `paradata.interviewers.csv`.
    public static func interviewersURL(for url: URL) -> URL {
        url.deletingPathExtension().appendingPathExtension("interviewers.csv")
    }

    /// `paradata.csv` → `paradata.notes.csv`.
    public static func notesURL(for url: URL) -> URL {
        url.deletingPathExtension().appendingPathExtension("notes.csv")
    }

    /// A FIFO, character device or standard output receives the event rows alone: the summary and
    /// notes files need names of their own. Text columns (case id, interviewer) are escaped as `textEscaping` says.
    public static func export(directory: SurveyDirectory, to url: URL, overwrite: Bool,
                              textEscaping: CSVTextEscaping = .standard) throws -> Result {
        let streaming = try ExportTarget.of(url, overwrite: overwrite).isStream
        let summaryURL = interviewersURL(for: url)
        let notesURL = notesURL(for: url)
        if !streaming {
            try AtomicFile.checkTarget(summaryURL, overwrite: overwrite)
            try AtomicFile.checkTarget(notesURL, overwrite: overwrite)
        }
        let files: [SurveyDirectory.JournalFile]
        do {
            files = try directory.journalFiles().sorted { $0.caseID < $1.caseID }
        } catch {
            throw SurveyExportError.survey("\(directory.root.path): cannot list the journals: \(error)")
        }
        var lengths = InterviewLengths()
        var rows = 0
        var corrupt = 0
        // Notes are few and short next to the events; they are kept for their own file.
        var notes: [InterviewerNote] = []
        try AtomicFile.write(to: url, overwrite: overwrite) { sink in
            sink.append(CSVExportWriter.record(columns))
            for file in files {
                let read: JournalReadResult
                do {
                    read = try JournalReader.read(fileAt: file.url, expectedCaseID: file.caseID)
                } catch {
                    throw SurveyExportError.survey("\(file.url.path): cannot read the journal: \(error)")
                }
                let history = CaseHistory(caseID: file.caseID, read: read)
                corrupt += history.problems.filter(\.isCorruption).count
                rows += write(history, textEscaping: textEscaping, to: sink)
                notes += InterviewerNote.notes(in: history)
                if history.events.contains(where: { $0.event == .completed }),
                   let seconds = InterviewTimingSeconds.of(history) {
                    lengths.add(interviewer: history.sessions.last?.interviewer ?? "", minutes: seconds / 60)
                }
                if let failure = sink.failure {
                    throw ExportError.io(operation: "writing", path: sink.path, message: failure)
                }
            }
        }
        let summaries = lengths.summaries()
        if streaming {
            return Result(eventRows: rows, notes: notes.count, files: [url], summaries: summaries, corruptRecords: corrupt)
        }
        try AtomicFile.write(to: summaryURL, overwrite: overwrite) { sink in
            InterviewLengths.write(summaries, overallMedian: lengths.overallMedian, to: sink)
        }
        // Free text about respondents: readable by the owner only, like identifier exports.
        try AtomicFile.write(to: notesURL, overwrite: overwrite, access: .ownerOnly) { sink in
            sink.append(CSVExportWriter.record(InterviewerNote.columns))
            for note in notes {
                sink.append(CSVExportWriter.record(note.fields(escaping: textEscaping)))
            }
        }
        return Result(eventRows: rows, notes: notes.count, files: [url, summaryURL, notesURL], summaries: summaries,
                      corruptRecords: corrupt)
    }

    /// One row per event; `seconds_on_question` on each `shown` row: the time until the next event
    /// for the same question (usually its answer), empty when none followed.
    static func write(_ history: CaseHistory, textEscaping: CSVTextEscaping, to sink: FileSink) -> Int {
        let events = history.events
        for (index, timed) in events.enumerated() {
            let address = timed.event.address
            var seconds = ""
            if case .shown(let shown) = timed.event {
                for later in events[(index + 1)...] where later.event.address == shown {
                    seconds = DecimalText.shortest((later.at.timeIntervalSince(timed.at) * 1000).rounded() / 1000)
                    break
                }
            }
            let interviewer = timed.session < history.sessions.count ? history.sessions[timed.session].interviewer : ""
            sink.append(CSVExportWriter.record([
                textEscaping.text(history.caseID), String(timed.session + 1), textEscaping.text(interviewer), String(timed.seq),
                JournalTimestamp.format(timed.at), timed.event.kind, address?.description ?? "", seconds,
            ]))
        }
        return events.count
    }
}

extension InterviewEvent {
    /// The question an event concerns, if any.
    var address: QuestionAddress? {
        switch self {
        case .shown(let a), .answered(let a, _), .softCheckConfirmed(let a, _), .jump(let a): return a
        case .note(let a, _): return a
        case .back, .suspended, .resumed, .completed, .ended, .endReached, .interviewDated, .seeded, .languageChosen: return nil
        }
    }
}

/// Interview length in seconds: the sum of its sittings (see `InterviewTiming`).
enum InterviewTimingSeconds {
    static func of(_ history: CaseHistory) -> Double? { InterviewTiming(history: history).seconds }
}
