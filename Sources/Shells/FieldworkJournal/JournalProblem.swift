/// Something wrong found while reading a journal. Records on problem lines are skipped, never
/// guessed at.
public struct JournalProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The last line has no newline: a write that was never acknowledged (crash, kill, power cut).
        case tornTail = "torn-tail"
        /// An incomplete record in the middle of the file that a later session closed off with a
        /// newline and then continued after, with no record lost. Expected after a crash.
        case interruptedWrite = "interrupted-write"
        /// A complete line whose CRC-32 does not match: bits changed on disk or by hand editing.
        case checksumMismatch = "checksum-mismatch"
        /// A line that is not a journal record (garbage, a cut line in the middle, bad fields).
        case malformedLine = "malformed-line"
        /// Sequence numbers jump forward: records are missing.
        case sequenceGap = "sequence-gap"
        /// A sequence number already seen or going backwards: a duplicated or reordered line.
        case duplicateSequence = "duplicate-sequence"
        /// A valid record that belongs to another case.
        case wrongCase = "wrong-case"
        /// A valid record written by a different journal format version.
        case unsupportedVersion = "unsupported-version"
    }

    public let kind: Kind
    /// 1-based line number in the file.
    public let line: Int
    public let message: String

    public init(kind: Kind, line: Int, message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    /// False for the two traces an ordinary crash leaves (torn tail, interrupted write), which lose
    /// nothing that was acknowledged; true for everything that means data was damaged or altered.
    public var isCorruption: Bool {
        switch kind {
        case .tornTail, .interruptedWrite: return false
        default: return true
        }
    }

    public var description: String { "line \(line): \(message)" }
}

/// Everything read from one journal: the good records in order, and what was wrong.
public struct JournalReadResult: Sendable, Equatable {
    public var records: [JournalRecord]
    public var problems: [JournalProblem]
    /// The highest sequence number accepted (0 when there are none); the next record gets this + 1.
    public var lastSequence: Int
    /// False when the file ends part way through a line (a torn tail).
    public var endsWithNewline: Bool

    public init(records: [JournalRecord] = [], problems: [JournalProblem] = [], lastSequence: Int = 0, endsWithNewline: Bool = true) {
        self.records = records
        self.problems = problems
        self.lastSequence = lastSequence
        self.endsWithNewline = endsWithNewline
    }

    /// True when any problem is more than a crash trace; see `JournalProblem.isCorruption`.
    public var hasCorruption: Bool { problems.contains { $0.isCorruption } }

    /// True when the case has a record of kind `interview.complete`.
    public var isComplete: Bool { records.contains { $0.kind == JournalKinds.text(JournalKinds.complete) } }

    /// True when the interview was closed without completing it: at an end item (a screen-out, a
    /// refused consent) or stopped by the interviewer (refusal, break-off).
    public var isEnded: Bool {
        let kinds = JournalKinds.endings.map(JournalKinds.text)
        return !isComplete && records.contains { kinds.contains($0.kind) }
    }
}
