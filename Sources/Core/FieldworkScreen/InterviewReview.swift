import FieldworkBasics
import FieldworkEngine

/// The review screen: the questions of the current section reached so far, in order, each with
/// its answer or "not answered", so the interviewer can read them back and go to one to change it.
public struct InterviewReview: Sendable, Hashable {
    /// The section's title and its number ("2/7").
    public var sectionTitle: String
    public var sectionNumber: Int
    public var sectionCount: Int
    /// The section's questions on the path; `answer` is nil for those not answered yet.
    public var entries: [InterviewJumpList.Entry]
    /// The index in `entries` of the question on screen; nil at the end screen.
    public var currentIndex: Int?

    /// The section of the question on screen, or of the last question reached at the end screen.
    public init(interview: Interview) {
        let state = interview.state
        let instrument = interview.instrument
        let anchor = min(state.cursor, max(0, state.path.count - 1))
        guard !state.path.isEmpty else {
            sectionTitle = ""; sectionNumber = 0; sectionCount = instrument.sections.count; entries = []; currentIndex = nil
            return
        }
        let section = instrument.questions[Int(state.path[anchor].key.item)].section
        let language = interview.language
        var entries: [InterviewJumpList.Entry] = []
        var currentIndex: Int?
        for (index, entry) in state.path.enumerated() where instrument.questions[Int(entry.key.item)].section == section {
            if index == state.cursor && interview.currentKey != nil { currentIndex = entries.count }
            let stored = state.answers[entry.key]
            entries.append(InterviewJumpList.entry(interview: interview, pathIndex: index, language: language,
                                                   answer: stored?.status == .active ? stored?.response : nil))
        }
        self.sectionTitle = TerminalSafe.text(instrument.sections[section].section.title.text(in: language))
        self.sectionNumber = section + 1
        self.sectionCount = instrument.sections.count
        self.entries = entries
        self.currentIndex = currentIndex
    }

    /// How many of the entries have an answer.
    public var answeredCount: Int { entries.filter { $0.answer != nil }.count }
}
