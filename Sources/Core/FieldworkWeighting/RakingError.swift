/// Why a set of completes cannot be raked to a set of margins. Every message names what to fix:
/// the margin, the cell, the case or the line of the margins file.
public enum RakingError: Error, Sendable, Equatable, CustomStringConvertible {
    case noCompletes
    case noMargins
    case settings(String)
    /// The input's arrays disagree in length (a caller's mistake, reported rather than trapped).
    case inconsistentInput(String)
    case badBaseWeight(caseID: String, value: Double)
    /// Completes fall in a cell the margin does not list.
    case cellNotInMargin(margin: String, cell: String, cases: Int, exampleCaseID: String)
    /// The margin wants a population in a cell no complete falls in: no weights can reach it.
    case emptyCell(margin: String, cell: String, population: Double, line: Int?)
    /// The margin puts no population in a cell that has completes: their weights would be zero.
    case zeroPopulationCell(margin: String, cell: String, cases: Int, line: Int?)
    /// Two margins describe populations of different sizes (beyond the relative tolerance).
    case totalsDisagree(margin: String, total: Double, reference: String, referenceTotal: Double)

    /// Margins' totals may differ by this share of the first margin's total (rounding in published counts).
    public static let totalsTolerance = 1e-6

    public var description: String {
        switch self {
        case .noCompletes:
            return "no completes to weight: no case has the final code 1.1"
        case .noMargins:
            return "no margins to weight to; the margins file lists none"
        case .settings(let problem):
            return problem
        case .inconsistentInput(let problem):
            return "inconsistent raking input: \(problem)"
        case let .badBaseWeight(caseID, value):
            return "case \(caseID): base weight \(Self.number(value)) is not a positive finite number"
        case let .cellNotInMargin(margin, cell, cases, example):
            return "margin '\(margin)' has no cell '\(cell)', but \(cases) complete(s) fall in it (e.g. case \(example)); add the cell to the margins file or merge it into a neighbouring cell"
        case let .emptyCell(margin, cell, population, line):
            return "\(Self.at(line))margin '\(margin)', cell '\(cell)': population \(Self.number(population)) but no complete falls in the cell, so no weights can reach it; merge the cell with a neighbouring one in the margins file"
        case let .zeroPopulationCell(margin, cell, cases, line):
            return "\(Self.at(line))margin '\(margin)', cell '\(cell)': population 0 but \(cases) complete(s) fall in it; their weights would be zero — correct the population or the cases' sample fields"
        case let .totalsDisagree(margin, total, reference, referenceTotal):
            return "margin '\(margin)' totals \(Self.number(total)) but margin '\(reference)' totals \(Self.number(referenceTotal)); every margin must describe the same population (they may differ by a relative \(Self.number(Self.totalsTolerance)))"
        }
    }

    static func at(_ line: Int?) -> String { line.map { "line \($0): " } ?? "" }

    /// Whole numbers without a decimal point, others as Swift prints them.
    static func number(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
