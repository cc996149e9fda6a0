/// A preload file that passed every check: per case, its values by preload name. An empty cell
/// leaves the value out (the interview reads it as not asked).
public struct ParsedPreload: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var caseID: String
        /// Values by preload name; empty cells are absent.
        public var values: [String: String]
        /// The line the row starts on.
        public var line: Int
    }

    public var source: String
    /// The preload names the file supplied, in declaration order.
    public var names: [String]
    public var rows: [Row]
}
