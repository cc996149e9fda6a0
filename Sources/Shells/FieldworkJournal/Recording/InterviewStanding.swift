import Foundation

/// What the counting pass of an export needs from a journal: whether an answer was recorded,
/// whether the interview was completed, and the questionnaire of the latest sitting. The same
/// facts as `CaseHistory.outline(of:)` (without its problem list), found with a fraction of the work.
public struct InterviewStanding: Sendable, Equatable {
    public var answered = false
    public var completed = false
    public var lastQuestionnaire: QuestionnaireStamp?

    public init(answered: Bool = false, completed: Bool = false, lastQuestionnaire: QuestionnaireStamp? = nil) {
        self.answered = answered
        self.completed = completed
        self.lastQuestionnaire = lastQuestionnaire
    }

    init(_ outline: CaseHistory.Outline) {
        self.init(answered: outline.answered, completed: outline.completed, lastQuestionnaire: outline.lastQuestionnaire)
    }

    /// Reads the standing of the journal at `url`; a missing file is an empty standing.
    ///
    /// Why this can skip most checksums: when the sequence numbers that can be read off the lines
    /// strictly increase through the file (always so unless lines were duplicated, reordered or
    /// damaged in their numbers), the reader accepts a line exactly when it is a valid record of
    /// this case — no earlier line can make it a duplicate. So only the few lines that decide the
    /// answer are fully checked: the first valid answer, the first valid completion and the last
    /// valid sitting start. Any other journal is read in full, as `CaseHistory.outline(bytes:caseID:)`.
    public static func read(journalAt url: URL, caseID: String) throws -> InterviewStanding {
        guard let bytes = try PosixFile.readAllIfPresent(url.path) else { return InterviewStanding() }
        if let quick = quickStanding(bytes, caseID: caseID) { return quick }
        // The same bytes, read in full: one read of the file, so a journal being appended to
        // cannot give the two passes different contents.
        return InterviewStanding(CaseHistory.outline(bytes: bytes, caseID: caseID))
    }

    static let answerKinds = JournalKinds.answered
    static let completeKind = JournalKinds.complete
    static let sessionStartKind = JournalKinds.sessionStart

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
                guard let (seq, kindStart) = header(buffer, line: line, caseID: caseBytes) else { continue }
                guard seq > previous else { return nil }
                previous = seq
                guard let kindStart else { continue }
                if answerKinds.contains(where: { kind(buffer, kindStart, line, is: $0) }) {
                    answers.append(line)
                } else if kind(buffer, kindStart, line, is: completeKind) {
                    completions.append(line)
                } else if kind(buffer, kindStart, line, is: sessionStartKind) {
                    starts.append(line)
                }
            }
            var standing = InterviewStanding()
            standing.answered = answers.contains { accepted(buffer, $0, caseID: caseBytes) != nil }
            standing.completed = completions.contains { accepted(buffer, $0, caseID: caseBytes) != nil }
            for line in starts.reversed() {
                guard let fields = accepted(buffer, line, caseID: caseBytes) else { continue }
                let data = UnsafeBufferPointer(rebasing: buffer[fields.data])
                if let stamp = PlainEventDecoding.sessionQuestionnaire(from: data) {
                    standing.lastQuestionnaire = stamp
                    break
                }
            }
            return standing
        }
    }

    /// The sequence number a line starts with (`{"v":1,"seq":<digits>`), nil for lines that
    /// cannot be records; and where its kind would start if the line has this case's header shape.
    private static func header(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>, caseID: [UInt8]) -> (Int, Int?)? {
        let prefix: StaticString = #"{"v":1,"seq":"#
        guard line.count > prefix.utf8CodeUnitCount, let base = bytes.baseAddress,
              memcmp(base + line.lowerBound, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0 else { return nil }
        var index = line.lowerBound + prefix.utf8CodeUnitCount
        var seq = 0
        let digitsStart = index
        while index < line.upperBound, index - digitsStart < 18, bytes[index] >= 48, bytes[index] <= 57 {
            seq = seq * 10 + Int(bytes[index] - 48)
            index += 1
        }
        guard index > digitsStart else { return nil }
        // ,"case":"<id>","at":"<24 characters>","kind":"
        let kindStart = index + 9 + caseID.count + 8 + 24 + 10
        guard kindStart < line.upperBound else { return (seq, nil) }
        return (seq, kindStart)
    }

    private static func kind(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ line: Range<Int>, is name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard start + count < line.upperBound, let base = bytes.baseAddress,
              memcmp(base + start, name.utf8Start, count) == 0 else { return false }
        return bytes[start + count] == UInt8(ascii: "\"")
    }

    /// The fields of `line` when it is a valid record of this case (checksum and all).
    private static func accepted(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, caseID: [UInt8]) -> RecordLine.Fields? {
        guard case .record(let fields) = RecordLine.parse(bytes, line: line, validatingData: false),
              bytes[fields.caseID].elementsEqual(caseID) else { return nil }
        return fields
    }
}
