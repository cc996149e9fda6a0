import Foundation

/// Why an export stopped. Every case says where the problem is and what to do about it; no
/// partial file is left under the final name when one of these is thrown.
public enum ExportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The schema cannot be written in this format (bad or duplicate names, too many missing codes…).
    case invalidSchema(format: ExportFormat, problems: [String])
    /// The target exists and `overwrite` was false.
    case fileExists(path: String)
    /// A row did not have one cell per variable.
    case rowShape(row: Int, expected: Int, got: Int)
    /// A cell does not fit its variable (text in a numeric variable, undeclared missing code…).
    case badCell(row: Int, variable: String, problem: String)
    /// The row source produced a different number of rows than it counted.
    case rowCountChanged(counted: Int, produced: Int)
    /// ReadStat refused an operation.
    case readStat(operation: String, message: String)
    /// The file system refused an operation.
    case io(operation: String, path: String, message: String)
    /// The output path is something an export must not write through or replace (a symbolic link,
    /// a directory, a block device); `reason` says what it is and what to pass instead.
    case unsupportedTarget(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidSchema(format, problems):
            return "cannot export as .\(format.rawValue): \(problems.count) problem(s) in the variable list:\n"
                + problems.map { "  - \($0)" }.joined(separator: "\n")
                + "\nrename or fix these variables in the questionnaire and export again"
        case let .fileExists(path):
            return "\(path) exists; pass --force to replace it"
        case let .rowShape(row, expected, got):
            return "row \(row): \(got) cells for \(expected) variables; every row needs one cell per variable"
        case let .badCell(row, variable, problem):
            return "row \(row), variable \(variable): \(problem)"
        case let .rowCountChanged(counted, produced):
            return "the data changed during export: \(counted) rows counted, \(produced) produced; export again"
        case let .readStat(operation, message):
            return "ReadStat \(operation) failed: \(message)"
        case let .io(operation, path, message):
            return "\(operation) \(path): \(message)"
        case let .unsupportedTarget(path, reason):
            return "\(path) \(reason)"
        }
    }
}
