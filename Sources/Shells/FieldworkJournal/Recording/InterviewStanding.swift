import FieldworkEngine
import Foundation

/// A case's standing, the one summary of "answered, completed, which questionnaire": whether an
/// answer was recorded, whether the interview was completed, and the questionnaire of the latest
/// sitting. Read from a journal's record kinds (`read(journalAt:caseID:)`, for the counting pass of
/// an export: a fraction of the work of decoding every event) or taken from a decoded history.
public struct InterviewStanding: Sendable, Equatable {
    public var answered = false
    public var completed = false
    public var lastQuestionnaire: QuestionnaireStamp?

    public init(answered: Bool = false, completed: Bool = false, lastQuestionnaire: QuestionnaireStamp? = nil) {
        self.answered = answered
        self.completed = completed
        self.lastQuestionnaire = lastQuestionnaire
    }

    /// The standing of a decoded history: answered when any answer event decoded, completed when a
    /// completion did. On a journal whose records all decode this equals `read(journalAt:caseID:)`.
    public init(history: CaseHistory) {
        for timed in history.events {
            switch timed.event {
            case .answered: answered = true
            case .completed: completed = true
            default: break
            }
        }
        lastQuestionnaire = history.lastQuestionnaire
    }

    /// Reads the standing of the journal at `url`; a missing file is an empty standing. Only record
    /// kinds are looked at, and the data of the last `session.start`. The journal's accepted
    /// records are exactly `JournalReader`'s.
    ///
    /// Why this can skip most checksums: when the sequence numbers that can be read off the lines
    /// strictly increase through the file (always so unless lines were duplicated, reordered or
    /// damaged in their numbers), the reader accepts a line exactly when it is a valid record of
    /// this case — no earlier line can make it a duplicate. So only the few lines that decide the
    /// answer are fully checked: the first valid answer, the first valid completion and the last
    /// valid sitting start. Any other journal is read in full by `JournalReader`'s scan.
    public static func read(journalAt url: URL, caseID: String) throws -> InterviewStanding {
        guard let bytes = try PosixFile.readAllIfPresent(url.path) else { return InterviewStanding() }
        return read(journalBytes: bytes, caseID: caseID)
    }

    /// The standing of a journal's bytes already read (from a file or from the server).
    public static func read(journalBytes bytes: [UInt8], caseID: String) -> InterviewStanding {
        // The same bytes for both routes: one read of the file, so a journal being appended to
        // cannot give them different contents.
        quickStanding(bytes, caseID: caseID) ?? fullStanding(bytes, caseID: caseID)
    }

    private static let answerKinds = JournalKinds.answered.map(JournalKinds.bytes)
    private static let completeKind = JournalKinds.bytes(JournalKinds.complete)
    private static let sessionStartKind = JournalKinds.bytes(JournalKinds.sessionStart)

    /// The standing from every record `JournalReader` accepts.
    static func fullStanding(_ bytes: [UInt8], caseID: String) -> InterviewStanding {
        var standing = InterviewStanding()
        _ = JournalReader.scan(bytes: bytes, expectedCaseID: caseID, validatingData: false) { record in
            if record.kindIs(completeKind) {
                standing.completed = true
            } else if answerKinds.contains(where: { record.kindIs($0) }) {
                standing.answered = true
            } else if record.kindIs(sessionStartKind), let start = try? JournalCodec.sessionStart(from: record.data) {
                standing.lastQuestionnaire = start.questionnaire
            }
        }
        return standing
    }

    /// The standing from increasing sequence numbers and a few checked lines, or nil when the
    /// numbers do not strictly increase (the caller then reads the journal in full).
    static func quickStanding(_ bytes: [UInt8], caseID: String) -> InterviewStanding? {
        let lines = JournalReader.splitLines(bytes)
        let caseBytes = Array(caseID.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> InterviewStanding? in
            var answers: [Range<Int>] = []
            var completions: [Range<Int>] = []
            var starts: [Range<Int>] = []
            var previous = 0
            for line in lines {
                guard let header = RecordLine.peek(buffer, line: line, caseIDLength: caseBytes.count) else { continue }
                guard header.seq > previous else { return nil }
                previous = header.seq
                guard let kindStart = header.kindStart else { continue }
                if JournalKinds.answered.contains(where: { RecordLine.kind(buffer, at: kindStart, in: line, is: $0) }) {
                    answers.append(line)
                } else if RecordLine.kind(buffer, at: kindStart, in: line, is: JournalKinds.complete) {
                    completions.append(line)
                } else if RecordLine.kind(buffer, at: kindStart, in: line, is: JournalKinds.sessionStart) {
                    starts.append(line)
                }
            }
            var standing = InterviewStanding()
            standing.answered = answers.contains { accepted(buffer, $0, caseID: caseBytes) != nil }
            standing.completed = completions.contains { accepted(buffer, $0, caseID: caseBytes) != nil }
            for line in starts.reversed() {
                guard let fields = accepted(buffer, line, caseID: caseBytes) else { continue }
                if let start = try? JournalCodec.sessionStart(from: UnsafeBufferPointer(rebasing: buffer[fields.data])) {
                    standing.lastQuestionnaire = start.questionnaire
                    break
                }
            }
            return standing
        }
    }

    /// The fields of `line` when it is a valid record of this case (checksum and all).
    private static func accepted(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, caseID: [UInt8]) -> RecordLine.Fields? {
        guard case .record(let fields) = RecordLine.parse(bytes, line: line, validatingData: false),
              bytes[fields.caseID].elementsEqual(caseID) else { return nil }
        return fields
    }
}
