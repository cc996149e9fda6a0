/// How closely weights reproduce one margin: the largest relative gap between a cell's weighted
/// count and its population, over the cells with a population.
public struct MarginFit: Sendable, Equatable {
    public var margin: String
    public var cells: Int
    public var total: Double
    public var largestRelativeError: Double
    /// The cell with that gap.
    public var worstCell: String?

    public init(margin: String, cells: Int, total: Double, largestRelativeError: Double, worstCell: String?) {
        self.margin = margin
        self.cells = cells
        self.total = total
        self.largestRelativeError = largestRelativeError
        self.worstCell = worstCell
    }
}
