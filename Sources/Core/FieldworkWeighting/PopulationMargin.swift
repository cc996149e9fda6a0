/// A population margin: a named classification of the population over one or more case fields,
/// with a target count per cell. `size_band x sector` is over the fields `size_band` and `sector`,
/// and its cells are keyed `1-9|G`.
public struct PopulationMargin: Sendable, Equatable {
    /// How the margin's name separates its fields.
    public static let fieldSeparator = " x "
    /// How a cell key separates its fields' values.
    public static let valueSeparator = "|"

    public var name: String
    public var fields: [String]
    /// Cells in the order they were given.
    public var cells: [MarginCell]

    public init(name: String, cells: [MarginCell]) {
        self.name = name
        self.fields = Self.fields(inName: name)
        self.cells = cells
    }

    /// The fields a margin name lists: `size_band x sector` → `["size_band", "sector"]`.
    public static func fields(inName name: String) -> [String] {
        name.split(separator: fieldSeparator, omittingEmptySubsequences: false).map { part in
            String(part.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        }
    }

    /// The cell key of a case from its fields' values, in the margin's field order.
    public static func cellKey(values: [String]) -> String {
        values.joined(separator: valueSeparator)
    }

    /// The sum of the cells' populations.
    public var total: Double { cells.reduce(0) { $0 + $1.population } }
}

