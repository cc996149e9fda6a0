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
/// Lets a diagnostic travel as a thrown error where a single problem ends the work.
extension Diagnostic: Error {}
