import FieldworkEngine

/// The extra missing codes a question allows (`allowMissing`: "too many to count", "not
/// applicable" …), in the order the question lists them, with the labels the interviewer reads
/// in the interview's language. The `*` key offers them; don't know and refused keep F2 and F3.
public struct InterviewMissingChoices: Sendable, Hashable {
    public struct Choice: Sendable, Hashable {
        /// The name the engine records (`Response.missingCode(name)`).
        public var name: String
        public var label: String
    }

    public var choices: [Choice]

    public init(_ view: QuestionView, interview: Interview) {
        let codes = interview.instrument.questionnaire.missingCodes
        choices = view.question.allowMissing.map { name in
            Choice(name: name, label: codes.extra(named: name)?.label.text(in: view.language) ?? name)
        }
    }

    public var isEmpty: Bool { choices.isEmpty }

    /// For the hint under the question: "* too many to count" with one code, "* other non-answer
    /// (too many to count, not applicable)" with more.
    public var hint: String? {
        guard let first = choices.first else { return nil }
        if choices.count == 1 { return "* \(first.label.lowercasedFirst)" }
        return "* other non-answer (" + choices.map(\.label.lowercasedFirst).joined(separator: ", ") + ")"
    }
}

extension String {
    /// "Too many to count" → "too many to count", for a label inside a sentence; a label that
    /// starts with an acronym ("NA", "DNA …") stays as it is.
    fileprivate var lowercasedFirst: String {
        guard let first = first, first.isUppercase else { return self }
        let rest = dropFirst()
        if let second = rest.first, second.isUppercase { return self }
        return first.lowercased() + rest
    }
}
