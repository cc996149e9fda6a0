/// The value of a loop's question or computed variable in one pass the interview made.
public struct PassValue: Sendable, Hashable {
    /// The pass number (for a `forEach` loop: the option's position in its frame, plus one).
    public var pass: Int
    public var value: RuntimeValue

    public init(pass: Int, value: RuntimeValue) {
        self.pass = pass
        self.value = value
    }
}
