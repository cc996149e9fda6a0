/// The first problems of a long list and a line counting the rest: a scenario with a million
/// broken lines prints a screenful a person can act on, not a million lines.
public struct BoundedDiagnostics: Sendable {
    /// How many problems commands print before summing up the rest.
    public static let defaultLimit = 100

    public var shown: [Diagnostic]
    public var omittedErrors: Int
    public var omittedWarnings: Int

    public init(_ diagnostics: [Diagnostic], limit: Int = BoundedDiagnostics.defaultLimit) {
        shown = Array(diagnostics.prefix(limit))
        let rest = diagnostics.dropFirst(limit)
        omittedErrors = rest.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) }
        omittedWarnings = rest.count - omittedErrors
    }

    /// "… and 999,900 more problems not shown (999,900 errors)", or nil when nothing was left out.
    public var omittedSummary: String? {
        let total = omittedErrors + omittedWarnings
        guard total > 0 else { return nil }
        var kinds: [String] = []
        if omittedErrors > 0 { kinds.append(Self.counted(omittedErrors, "error")) }
        if omittedWarnings > 0 { kinds.append(Self.counted(omittedWarnings, "warning")) }
        return "… and \(total) more \(total == 1 ? "problem" : "problems") not shown (\(kinds.joined(separator: ", "))); fix the ones above first"
    }

    private static func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
