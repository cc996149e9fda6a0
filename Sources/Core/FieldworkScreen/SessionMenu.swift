/// What a key on the case screen's menu does. Call outcomes are named by their stored code (the
/// case store's `CallOutcome` raw value), so this pure module needs no link to the store.
public enum SessionMenuAction: Sendable, Hashable {
    /// Record this call outcome (after a confirmation).
    case outcome(code: String)
    /// Book an appointment: opens the date/time/kind/note form.
    case appointment
    /// Start (or resume) the interview for this case.
    case interview
    /// Type or change the note recorded with the call.
    case note
    /// Give the case back and end the session.
    case endSession
    /// Give the case back and take a break: no case is offered until the interviewer comes back.
    case takeBreak
}

/// One menu entry: a single key, its label, what it does.
public struct SessionMenuEntry: Sendable, Hashable {
    public var key: Character
    public var label: String
    public var action: SessionMenuAction

    public init(key: Character, label: String, action: SessionMenuAction) {
        self.key = key
        self.label = label
        self.action = action
    }

    /// The entry for `key` (letters match either case), if any.
    public static func entry(for key: Character, in menu: [SessionMenuEntry]) -> SessionMenuEntry? {
        let lowered = Character(key.lowercased())
        return menu.first { Character($0.key.lowercased()) == lowered }
    }
}
