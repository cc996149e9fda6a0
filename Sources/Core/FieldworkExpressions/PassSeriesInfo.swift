/// A question or computed variable of a loop, seen from just outside that loop (or from the pass of
/// the enclosing loop): one value per pass, which `sum`, `count`, `any` and `all` combine.
public struct PassSeriesInfo: Sendable, Hashable {
    /// The value in one pass: the symbol reads the current pass's occurrence.
    public var element: SymbolInfo
    /// The loop's driving answer (read where the aggregate stands), nil when the loop has none.
    public var driver: SymbolID?
    /// The loop's id, for messages.
    public var loopName: String
    /// The most passes the loop can make.
    public var maxPasses: Int
    /// For `forEach` loops: the driving question's frame, whose options name the passes.
    public var frame: CodeFrameInfo?
    /// For `forEach` loops: the pass number of each option name.
    public var passByName: [String: Int]

    public init(element: SymbolInfo, driver: SymbolID?, loopName: String, maxPasses: Int,
                frame: CodeFrameInfo? = nil, passByName: [String: Int] = [:]) {
        self.element = element
        self.driver = driver
        self.loopName = loopName
        self.maxPasses = maxPasses
        self.frame = frame
        self.passByName = passByName
    }
}
