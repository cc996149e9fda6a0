/// Why the terminal could not be started, with what to do about it.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
