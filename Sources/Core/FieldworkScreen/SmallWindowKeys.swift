/// What keys do while the window is too small to show the screen. The interviewer cannot see
/// what a key would change, so nothing is acted on unseen: keys are dropped, except a resize
/// (which may bring the screen back), the signals that close the program cleanly, and Ctrl-C,
/// which leaves at once (the "too small" notice says so; a confirmation could not be seen either).
public enum SmallWindowKeys {
    public enum Action: Sendable, Hashable {
        /// Handle the key as usual.
        case handle
        /// Drop the key.
        case ignore
        /// Leave now: close the interview (answers are saved) or end the session.
        case leave
    }

    public static func action(for key: Key) -> Action {
        if key == .resize || key.isShutdownRequest { return .handle }
        if key == .ctrl("c") { return .leave }
        return .ignore
    }
}
