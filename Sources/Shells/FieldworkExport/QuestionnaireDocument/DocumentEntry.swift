/// One thing printed in a section, in questionnaire order. Loops appear as a start and an end
/// around the entries they repeat; each entry knows how deep in loops it stands.
public enum DocumentEntry: Sendable, Equatable {
    /// A question, or a statement read out with nothing recorded.
    case question(DocumentQuestion)
    case loopStart(DocumentLoop)
    case loopEnd(DocumentLoop)
    case computed(DocumentComputed)
    case end(DocumentEnding)
}
