/// One cell of a population margin: its key (the margin's fields' values joined by `|`) and the
/// population count it must be weighted up to.
public struct MarginCell: Sendable, Equatable {
    public var key: String
    public var population: Double
    /// Where the cell was read (1-based line of the margins file), for messages; nil when built in code.
    public var line: Int?

    public init(key: String, population: Double, line: Int? = nil) {
        self.key = key
        self.population = population
        self.line = line
    }
}
