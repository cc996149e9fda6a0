/// How serious a finding is: errors stop fieldwork, warnings are advice.
public enum Severity: String, Sendable, Codable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .note: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A stable identifier for a kind of finding, so designers can look it up in `docs/diagnostics.md`
/// and tools can match on it across versions.
public struct DiagnosticCode: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// One finding about a questionnaire, scenario or data file: where, how bad, and what to do.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var severity: Severity
    public var code: DiagnosticCode
    /// Says what is wrong and what to do about it, in the designer's terms.
    public var message: String

    public init(_ severity: Severity, _ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        self.location = location
        self.severity = severity
        self.code = code
        self.message = message
    }

    public static func error(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, code, at: location, message)
    }

    public static func warning(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, code, at: location, message)
    }

    /// The form compilers use, so editors can jump to it: `file:line:col: error: FW123: message`.
    public var description: String {
        "\(location): \(severity.rawValue): [\(code)] \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// In file order, errors before warnings at the same place, so output is stable.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.severity != b.severity { return a.severity < b.severity }
            return a.code.rawValue < b.code.rawValue
        }
    }
}

/// Suggests the closest known name for a misspelt one ("did you mean …?").
public enum NearMiss {
    /// The candidate within a small edit distance of `name`, if there is a clear one.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        // The distance is at least the difference in length, and a suggestion needs at most 3:
        // a name far longer than every candidate (a 50 MB key) is never compared scalar by scalar.
        let length = name.unicodeScalars.prefix(10_000).count
        guard length < 10_000 else { return nil }
        let lowered = Array(name.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let limit = max(1, min(3, candidate.count / 3))
            guard abs(length - candidate.unicodeScalars.count) <= limit else { continue }
            // Only a distance better than the best so far matters.
            let bound = best.map { Swift.min(limit, $0.1 - 1) } ?? limit
            guard bound >= 0, let d = distance(lowered, Array(candidate.lowercased().unicodeScalars), atMost: bound) else { continue }
            best = (candidate, d)
            if d == 0 { break }
        }
        return best?.0
    }

    /// The Levenshtein distance when it is at most `limit`, else nil: only the diagonal band of
    /// width 2 × limit + 1 is worked out, and the work stops once every cell of a row exceeds it.
    public static func distance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], atMost limit: Int) -> Int? {
        guard abs(x.count - y.count) <= limit else { return nil }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        let beyond = limit + 1
        var previous = (0...y.count).map { Swift.min($0, beyond) }
        var current = [Int](repeating: beyond, count: y.count + 1)
        for i in 1...x.count {
            let low = Swift.max(1, i - limit), high = Swift.min(y.count, i + limit)
            current[0] = i <= limit ? i : beyond
            if low > 1 { current[low - 1] = beyond }
            var rowBest = current[0]
            if low <= high {
                for j in low...high {
                    let cost = x[i - 1] == y[j - 1] ? 0 : 1
                    let value = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    current[j] = Swift.min(value, beyond)
                    rowBest = Swift.min(rowBest, current[j])
                }
            }
            if high < y.count { current[high + 1] = beyond }
            if rowBest > limit { return nil }
            swap(&previous, &current)
        }
        return previous[y.count] <= limit ? previous[y.count] : nil
    }

    /// Levenshtein distance over Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}

/// Lets a diagnostic travel as a thrown error where a single problem ends the work.
extension Diagnostic: Error {}
