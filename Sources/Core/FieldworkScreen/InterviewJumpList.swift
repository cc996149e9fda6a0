import FieldworkEngine

/// The questions the interviewer may jump back to: answered ones on the current path, in order.
public struct InterviewJumpList: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var address: QuestionAddress
        public var label: String
        /// 1-based position on the path.
        public var position: Int
    }

    public var entries: [Entry]

    public init(interview: Interview) {
        var entries: [Entry] = []
        for (index, item) in interview.pathSummary.enumerated() where item.answered {
            entries.append(Entry(address: item.address, label: item.label, position: index + 1))
        }
        self.entries = entries
    }
}
