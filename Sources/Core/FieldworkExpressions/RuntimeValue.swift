import FieldworkBasics
/// Why a value is absent. Absent values never make a comparison true.
public enum MissingReason: Sendable, Hashable {
    case notAsked
    case dontKnow
    case refused
    /// An extra non-answer of the questionnaire's `missingCodes.extra`, by name.
    case coded(String)
    /// No meaningful value, e.g. division by zero or `round` with absurd digits.
    case undefined
}

/// A value during an interview. Numbers are `Double`; integer-typed results are integral.
public enum RuntimeValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case text(String)
    case boolean(Bool)
    /// Days since 1970-01-01.
    case date(Int)
    /// One option code.
    case choice(Int)
    /// Option codes, sorted ascending.
    case choices([Int])
    case missing(MissingReason)

    /// A condition holds only when this is true: missing and false both mean "no".
    @inlinable public var isTrue: Bool {
        if case .boolean(true) = self { return true }
        return false
    }

    @inlinable public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// Plain rendering for text fills and debugging: integral numbers without a decimal point,
    /// dates as YYYY-MM-DD, choices as codes. Callers with labels should render choices themselves.
    public var description: String {
        switch self {
        case .number(let n): return RuntimeValue.format(n)
        case .text(let t): return t
        case .boolean(let b): return b ? "true" : "false"
        case .date(let d): return CivilDate(daysSinceEpoch: d).description
        case .choice(let c): return String(c)
        case .choices(let cs): return cs.map(String.init).joined(separator: ", ")
        case .missing(let reason):
            switch reason {
            case .notAsked: return "(not asked)"
            case .dontKnow: return "(don't know)"
            case .refused: return "(refused)"
            case .coded(let name): return "(\(name))"
            case .undefined: return "(undefined)"
            }
        }
    }

    static func format(_ n: Double) -> String {
        if n.isFinite, n == n.rounded(), Swift.abs(n) < 1e15 { return String(Int(n)) }
        return String(n)
    }
}
