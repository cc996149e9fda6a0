import FieldworkEngine

/// The questions the interviewer may jump back to: answered ones on the current path, in order,
/// named as the interviewer saw them (fills rendered, loop items by name).
public struct InterviewJumpList: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var address: QuestionAddress
        /// The question's short label, or its text with fills rendered when it has no label.
        public var label: String
        /// The loop item and pass, e.g. "Burglary (1 of 3)"; nil outside loops.
        public var loop: String?
        /// 1-based position on the path.
        public var position: Int
    }

    public var entries: [Entry]

    public init(interview: Interview) {
        var entries: [Entry] = []
        let language = interview.language
        for (index, entry) in interview.state.path.enumerated() {
            guard interview.state.answers[entry.key]?.status == .active else { continue }
            let view = interview.view(of: entry.key, at: index)
            // A label is plain text; one written with fills is shown as the rendered question instead.
            let label = view.question.label?.text(in: language).nilIfHoldingFills ?? view.text
            entries.append(Entry(address: view.address, label: TerminalSafe.text(label), loop: view.loopLabel, position: index + 1))
        }
        self.entries = entries
    }
}

private extension String {
    var nilIfHoldingFills: String? { contains("{") ? nil : self }
}
