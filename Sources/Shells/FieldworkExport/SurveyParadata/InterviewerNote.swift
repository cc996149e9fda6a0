import FieldworkEngine
import FieldworkJournal
import Foundation

/// A note an interviewer left in a case's journal: typed during the interview (`interview.note`,
/// usually at a question) or left with a call outcome. Exported to `<paradata>.notes.csv` so
/// notes reach the analyst with the case, sitting, place, time and author.
struct InterviewerNote: Equatable {
    enum Source: String {
        /// An `interview.note` event.
        case interview
        /// The note of a `call.outcome` record.
        case call
    }

    static let columns = ["case_id", "session", "timestamp", "interviewer", "source", "question", "text"]

    var caseID: String
    /// The sitting, counted from 0; nil for a call note made before any sitting.
    var session: Int?
    var at: Date
    var interviewer: String
    var source: Source
    var question: QuestionAddress?
    var text: String

    /// Every note of a case in time order (interview notes before call notes at the same instant).
    static func notes(in history: CaseHistory) -> [InterviewerNote] {
        var notes: [InterviewerNote] = []
        for timed in history.events {
            guard case .note(let address, let text) = timed.event else { continue }
            notes.append(InterviewerNote(caseID: history.caseID, session: timed.session, at: timed.at,
                                         interviewer: interviewer(of: timed.session, in: history),
                                         source: .interview, question: address, text: text))
        }
        for (outcome, at) in history.outcomes {
            guard let text = outcome.note, !text.isEmpty else { continue }
            let session = history.sessions.lastIndex { $0.startedAt <= at }
            notes.append(InterviewerNote(caseID: history.caseID, session: session, at: at,
                                         interviewer: outcome.interviewer ?? session.map { interviewer(of: $0, in: history) } ?? "",
                                         source: .call, question: nil, text: text))
        }
        // A stable sort keeps journal order among notes of the same source and instant.
        return notes.enumerated().sorted { a, b in
            if a.element.at != b.element.at { return a.element.at < b.element.at }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The CSV fields, text columns escaped for spreadsheets.
    func fields(escaping: CSVTextEscaping) -> [String] {
        [escaping.text(caseID), session.map { String($0 + 1) } ?? "", JournalTimestamp.format(at),
         escaping.text(interviewer), source.rawValue, escaping.text(question?.description ?? ""), escaping.text(text)]
    }

    private static func interviewer(of session: Int, in history: CaseHistory) -> String {
        session < history.sessions.count ? history.sessions[session].interviewer : ""
    }
}
