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
/// inside, which pass it is making. Plain values only, so positions (one per question on the
/// path) are copied and dropped without reference counting.
public struct WalkPosition: Hashable, Sendable {
    public struct LoopFrame: Hashable, Sendable {
        public var loop: Int
        /// Where this loop's passes sit in the interview's pass list (`InterviewState.passes`).
        public var passStart: Int
        public var passCount: Int
        /// Index of the current pass among the passes made.
        public var current: Int
        /// The 1-based number of the current pass (for a forEach loop: option position + 1).
        public var number: Int
    }
    public var pc: Int
    public var loops: LoopFrames

    public init(pc: Int, loops: LoopFrames) {
        self.pc = pc
        self.loops = loops
    }

    public var iteration: Iteration {
        var it = Iteration.none
        for f in loops { it = it.appending(f.number) }
        return it
    }
}

/// The loop frames of a position, outermost first: at most `Iteration.maxDepth`, kept inline.
public struct LoopFrames: Hashable, Sendable, RandomAccessCollection {
    private var a: WalkPosition.LoopFrame?
    private var b: WalkPosition.LoopFrame?
    private var c: WalkPosition.LoopFrame?
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> WalkPosition.LoopFrame {
        get {
            switch i {
            case 0: return a!
            case 1: return b!
            default: return c!
            }
        }
        set {
            switch i {
            case 0: a = newValue
            case 1: b = newValue
            default: c = newValue
            }
        }
    }

    /// Adds an inner loop; the checker allows at most `Iteration.maxDepth` levels of nesting.
    public mutating func append(_ frame: WalkPosition.LoopFrame) {
        precondition(count < Iteration.maxDepth, "loops nest deeper than the checker allows")
        count += 1
        self[count - 1] = frame
    }

    @discardableResult
    public mutating func removeLast() -> WalkPosition.LoopFrame {
        let frame = self[count - 1]
        switch count {
        case 1: a = nil
        case 2: b = nil
        default: c = nil
        }
        count -= 1
        return frame
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
    /// The passes of every loop the walk has entered, one run after another; loop frames point
    /// into it, so that positions carry no arrays of their own.
    public internal(set) var passes: [Int] = []
    /// Number of active answers; when it exceeds the answered part of the path, some answers lie
    /// beyond the frontier awaiting re-validation.
    internal var activeCount: Int = 0
}
