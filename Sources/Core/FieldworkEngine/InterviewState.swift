import FieldworkChecker

/// Whether an answer counts. Answers that leave the path are kept, flagged off-path, never silently
/// reused: if the path comes back to them, they are offered for confirmation.
public enum AnswerStatus: Hashable, Sendable {
    case active
    case offPath
}

public struct StoredAnswer: Hashable, Sendable {
    public var response: Response
    public var status: AnswerStatus
    /// Soft checks the interviewer confirmed for this answer.
    public var confirmedChecks: Set<String>
}

/// Where the interview stands overall.
public enum InterviewStatus: Hashable, Sendable {
    case inProgress
    case completed
    case suspended
    case ended(outcome: String)

    public var isOpen: Bool { self == .inProgress || self == .suspended }
}

/// The engine's position in its flattened program: the program counter and, for each loop it is
/// inside, the passes to make and the current one.
public struct WalkPosition: Hashable, Sendable {
    public struct LoopFrame: Hashable, Sendable {
        public var loop: Int
        /// 1-based pass numbers to run, in order.
        public var passes: [Int]
        public var current: Int
    }
    public var pc: Int
    public var loops: [LoopFrame]

    public var iteration: Iteration {
        var it = Iteration.none
        for f in loops { it = it.appending(f.passes[f.current]) }
        return it
    }
}

/// One question on the path, with the program position where it was found.
public struct PathEntry: Hashable, Sendable {
    public var key: InstanceKey
    public var position: WalkPosition
}

public struct InterviewNote: Hashable, Sendable {
    public var question: QuestionAddress?
    public var text: String
}

/// The complete state of one interview. It is rebuilt, identically, by replaying its events.
public struct InterviewState: Hashable, Sendable {
    public internal(set) var answers = AnswerBook()
    /// Questions on the path, from the first up to the first one still to answer (or all of them
    /// when the end is reached).
    public internal(set) var path: [PathEntry] = []
    /// Index into `path` of the question on screen.
    public internal(set) var cursor: Int = 0
    /// True when every question on the path has an answer.
    public internal(set) var atEnd: Bool = false
    public internal(set) var status: InterviewStatus = .inProgress
    public internal(set) var notes: [InterviewNote] = []
    /// Soft-check confirmations given for the answer about to be recorded.
    public internal(set) var pendingConfirmations: [InstanceKey: Set<String>] = [:]
    public internal(set) var eventCount: Int = 0
    /// Number of active answers; when it exceeds the answered part of the path, some answers lie
    /// beyond the frontier awaiting re-validation.
    internal var activeCount: Int = 0
}
