/// Why a margins file cannot be used: every problem found, each with its line.
public struct MarginsFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var reason: String
    }

    public var source: String
    public var problems: [Problem]
    /// Problems found beyond those listed.
    public var unlistedCount: Int = 0

    /// One `FILE:LINE: reason` line per problem, then a count of the rest.
    public var messages: [String] {
        problems.map { "\(source):\($0.line): \($0.reason)" } + (unlistedCount > 0 ? ["… and \(unlistedCount) more problem(s)"] : [])
    }

    public var description: String { messages.joined(separator: "\n") }
}
