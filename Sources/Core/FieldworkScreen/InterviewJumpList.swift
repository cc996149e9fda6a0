import FieldworkBasics
import FieldworkEngine

/// The questions the interviewer may jump back to: answered ones on the current path, in order,
/// named as the interviewer saw them (fills rendered, loop items by name), each with its answer.
public struct InterviewJumpList: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var address: QuestionAddress
        /// The question's short label, or its text with fills rendered when it has no label.
        public var label: String
        /// The loop item and pass, e.g. "Burglary (1 of 3)"; nil outside loops.
        public var loop: String?
        /// 1-based position on the path.
        public var position: Int
        /// The answer as text ("2 No", "12", "don't know"); nil when the question has none.
        public var answer: String?

        /// Id, loop item and label as the lists show them: "v_inc · Burglary (1 of 3)  Number of incidents".
        public var place: String { loop.map { "\(address.id) · \($0)" } ?? address.description }

        /// Whether every word of `query` is in the entry's position, id, loop item, label or
        /// answer (ignoring case and accents). An empty query matches everything.
        public func matches(_ query: String) -> Bool {
            let words = InterviewOptionSearch.fold(query).split(separator: " ")
            guard !words.isEmpty else { return true }
            let haystack = InterviewOptionSearch.fold("\(position) \(address) \(loop ?? "") \(label) \(answer ?? "")")
            return words.allSatisfy { haystack.contains($0) }
        }
    }

    public var entries: [Entry]

    public init(interview: Interview) {
        var entries: [Entry] = []
        let language = interview.language
        for (index, entry) in interview.state.path.enumerated() {
            guard let stored = interview.state.answers[entry.key], stored.status == .active else { continue }
            entries.append(Self.entry(interview: interview, pathIndex: index, language: language, answer: stored.response))
        }
        self.entries = entries
    }

    /// The entries that match `query` (all of them for an empty query).
    public func filtered(_ query: String) -> [Entry] {
        let trimmed = query.stripping(" ")
        guard !trimmed.isEmpty else { return entries }
        return entries.filter { $0.matches(trimmed) }
    }

    /// The entry for one question on the path.
    static func entry(interview: Interview, pathIndex index: Int, language: String, answer: Response?) -> Entry {
        let key = interview.state.path[index].key
        let view = interview.view(of: key, at: index)
        // A label is plain text; one written with fills is shown as the rendered question instead.
        let label = view.question.label?.text(in: language).nilIfHoldingFills ?? view.text
        return Entry(address: view.address, label: TerminalSafe.text(label), loop: view.loopLabel, position: index + 1,
                     answer: answer.map { TerminalSafe.text(interview.describe($0, for: key)) })
    }
}

private extension String {
    var nilIfHoldingFills: String? { contains("{") ? nil : self }
}
