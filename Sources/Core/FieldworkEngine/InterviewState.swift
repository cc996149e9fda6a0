import FieldworkChecker
import FieldworkExpressions

/// Whether an answer counts. Answers that leave the path are kept, flagged off-path, never silently
/// reused: if the path comes back to them, they are offered for confirmation.
public enum AnswerStatus: Hashable, Sendable {
    case active
    case offPath
}

public struct StoredAnswer: Hashable, Sendable {
    public var response: Response
    public var status: AnswerStatus
    /// Soft checks the interviewer confirmed for this answer, with the values each one read then;
    /// ordered by check id.
    public var confirmations: [SoftCheckConfirmation]

    public init(response: Response, status: AnswerStatus, confirmations: [SoftCheckConfirmation] = []) {
        self.response = response
        self.status = status
        self.confirmations = confirmations.sorted { $0.check < $1.check }
    }

    /// The ids of the soft checks the interviewer confirmed for this answer.
    public var confirmedChecks: Set<String> { Set(confirmations.map(\.check)) }

    /// The confirmation of one check, if it was confirmed.
    public func confirmation(of check: String) -> SoftCheckConfirmation? {
        confirmations.first { $0.check == check }
    }
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
    /// Twelve bytes: positions are copied at every step, so they are kept small.
    public struct LoopFrame: Hashable, Sendable {
        private var loop16: Int16
        private var current16: Int16
        private var number16: Int16
        private var count16: Int16
        private var start32: Int32

        public init(loop: Int, passStart: Int, passCount: Int, current: Int, number: Int) {
            loop16 = Int16(truncatingIfNeeded: loop)
            start32 = Int32(truncatingIfNeeded: passStart)
            count16 = Int16(truncatingIfNeeded: passCount)
            current16 = Int16(truncatingIfNeeded: current)
            number16 = Int16(truncatingIfNeeded: number)
        }

        public var loop: Int { Int(loop16) }
        /// Where this loop's passes sit in the interview's pass list (`InterviewState.passes`).
        public var passStart: Int { Int(start32) }
        /// Passes made (at most `LoopPass.maxPerLevel`).
        public var passCount: Int { Int(count16) }
        /// Index of the current pass among the passes made.
        public var current: Int {
            get { Int(current16) }
            set { current16 = Int16(truncatingIfNeeded: newValue) }
        }
        /// The 1-based number of the current pass (for a forEach loop: option position + 1).
        public var number: Int {
            get { Int(number16) }
            set { number16 = Int16(truncatingIfNeeded: newValue) }
        }
    }
    public var pc: Int
    public var loops: LoopFrames

    public init(pc: Int, loops: LoopFrames) {
        self.pc = pc
        self.loops = loops
    }

    public var iteration: LoopPass {
        var it = LoopPass.none
        for f in loops { it = it.appending(f.number) }
        return it
    }
}

/// The loop frames of a position, outermost first: at most `LoopPass.maxDepth`, kept inline.
public struct LoopFrames: Hashable, Sendable, RandomAccessCollection {
    private static let unused = WalkPosition.LoopFrame(loop: 0, passStart: 0, passCount: 0, current: 0, number: 0)
    private var a = unused
    private var b = unused
    private var c = unused
    private var depth: UInt8 = 0

    public init() {}

    public var count: Int { Int(depth) }
    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(depth) }

    public subscript(i: Int) -> WalkPosition.LoopFrame {
        get {
            switch i {
            case 0: return a
            case 1: return b
            default: return c
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

    /// Adds an inner loop; the checker allows at most `LoopPass.maxDepth` levels of nesting.
    public mutating func append(_ frame: WalkPosition.LoopFrame) {
        precondition(count < LoopPass.maxDepth, "loops nest deeper than the checker allows")
        self[count] = frame
        depth += 1
    }

    @discardableResult
    public mutating func removeLast() -> WalkPosition.LoopFrame {
        let frame = self[count - 1]
        self[count - 1] = Self.unused
        depth -= 1
        return frame
    }
}

/// One question on the path, with the program position where it was found.
public struct PathEntry: Hashable, Sendable {
    public var key: InstanceKey
    public var position: WalkPosition
}

/// Where the route met an `end` item whose condition held: which one, in which loop pass.
public struct EndpointHit: Hashable, Sendable {
    public var index: Int
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
    /// The `end` item the route stops at, when the routing ends the interview early (a screen-out,
    /// a refused consent); nil when the route runs to the last question.
    public internal(set) var endpoint: EndpointHit?
    public internal(set) var status: InterviewStatus = .inProgress
    public internal(set) var notes: [InterviewNote] = []
    /// Soft-check confirmations given for the answer about to be recorded.
    public internal(set) var pendingConfirmations: [InstanceKey: Set<String>] = [:]
    public internal(set) var eventCount: Int = 0
    /// The language the interviewer last switched to; nil: the questionnaire's default.
    public internal(set) var language: String?
    /// The passes of every loop the walk has entered, one run after another; loop frames point
    /// into it, so that positions carry no arrays of their own.
    public internal(set) var passes: [Int] = []
    /// Number of active answers; when it exceeds the answered part of the path, some answers lie
    /// beyond the frontier awaiting re-validation.
    internal var activeCount: Int = 0
}
