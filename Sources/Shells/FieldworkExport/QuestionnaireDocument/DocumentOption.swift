/// One option of a code frame as printed: code, label and how the interviewer handles it.
public struct DocumentOption: Sendable, Equatable {
    public var code: Int
    public var label: String
    /// False: "do not read out", coded only when volunteered.
    public var readOut: Bool
    /// Choosing it clears every other option (multiple choice only).
    public var exclusive: Bool
    /// "specify: up to 100 characters, required"; nil without a specify text.
    public var specify: String?
    /// "Shown only if …"; nil when always offered.
    public var shownIf: String?

    /// The notes printed beside the label, in a fixed order.
    public var notes: [String] {
        var notes: [String] = []
        if !readOut { notes.append("do not read out") }
        if exclusive { notes.append("exclusive: clears every other answer") }
        if let specify { notes.append(specify) }
        if let shownIf { notes.append(shownIf) }
        return notes
    }
}
