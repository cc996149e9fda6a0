/// A value bound to a `$n` placeholder. Statements take values only this way, never spliced into
/// SQL text, so no answer, case id or name can change what a statement does.
public enum PostgresParameter: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int)
    /// Raw bytes for a `bytea` column, sent in binary so they arrive exactly as given.
    case bytes([UInt8])
    case boolean(Bool)

    /// The PostgreSQL type this parameter is sent as (0 lets the server infer it from the statement).
    var typeOID: UInt32 {
        switch self {
        case .bytes: return 17 // bytea
        case .integer: return 20 // int8
        case .boolean: return 16 // bool
        case .null, .text: return 0
        }
    }
}

extension PostgresParameter: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
}
