/// An optional figure that is written as JSON `null` when absent (n/a), rather than left out, so a
/// reader sees every figure's key whether or not it could be worked out.
@propertyWrapper
public struct NullIfAbsent<Value: Encodable & Sendable & Equatable>: Encodable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
