import FieldworkBasics
/// One thing wrong with a sample file, tied to the line it was found on.
public struct SampleProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case unreadableFile
        case emptyHeaderName
        case duplicateColumn
        case missingColumn
        case unknownColumn
        case wrongColumnCount
        case invalidCaseID
        case duplicateCaseID
        case missingRequiredField
        case invalidPhoneNumber
        case invalidNumber
        case conflictsWithStoredCase
        /// A preload row for a case the store does not have.
        case unknownCase
        /// A cell longer than `InputLimits.sampleCellBytes`.
        case cellTooLarge
    }

    /// 1-based line in the file where the offending row starts (the header is line 1).
    public var line: Int
    public var kind: Kind
    /// A sentence saying what is wrong and what to do, quoting the sample as it is (raw): the
    /// command that prints it makes it safe for the terminal (`Output.error`).
    public var reason: String

    public init(line: Int, kind: Kind, reason: String) {
        self.line = line
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

/// Why a sample was not imported. Import is all-or-nothing, so this lists every problem found
/// (up to a cap) and nothing was written.
public struct SampleImportError: Error, Sendable, CustomStringConvertible {
    /// The file name (or label) the problems refer to, for `FILE:LINE: reason` messages.
    public var source: String
    public var problems: [SampleProblem]
    /// Problems found beyond the cap and not listed.
    public var unlistedCount: Int

    public init(source: String, problems: [SampleProblem], unlistedCount: Int = 0) {
        self.source = source
        self.problems = problems
        self.unlistedCount = unlistedCount
    }

    /// Each problem as `source:line: reason`, terminal-safe, plus a summary line when capped.
    public var messages: [String] {
        var lines = problems.map { "\(source):\($0.line): \($0.reason)" }
        if unlistedCount > 0 {
            lines.append("\(source): \(unlistedCount) more problem(s) not listed; nothing was imported")
        }
        return lines
    }

    public var description: String { messages.joined(separator: "\n") }
}
