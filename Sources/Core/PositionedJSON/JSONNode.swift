import FieldworkDiagnostics

/// A JSON value together with where it starts in the source, so that anything built from it
/// (questions, routes, fills) can point a designer at the exact `file:line:column`.
public struct JSONNode: Sendable, Hashable {
    public var value: JSONValue
    /// The first character of the value: the `{`, `[` or `"`, the sign or first digit of a number,
    /// the first letter of `true`, `false` or `null`.
    public var location: SourceLocation

    public init(_ value: JSONValue, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension JSONNode {
    /// The decoded text, if this is a string.
    public var stringValue: String? {
        if case .string(let string) = value { return string.value }
        return nil
    }

    /// The string with its source mapping, for pointing inside expressions held in strings.
    public var jsonString: JSONString? {
        if case .string(let string) = value { return string }
        return nil
    }

    public var numberValue: JSONNumber? {
        if case .number(let number) = value { return number }
        return nil
    }

    /// The number as an `Int`, if it is a whole number that fits.
    public var intValue: Int? { numberValue?.intValue }

    /// The number as a `Double` (infinite if out of range).
    public var doubleValue: Double? { numberValue?.doubleValue }

    public var boolValue: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    public var arrayValue: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = value { return object }
        return nil
    }

    public var isNull: Bool { value == .null }

    /// The member named `key` if this is an object that has one (the first, if repeated).
    public subscript(key: String) -> JSONNode? { objectValue?[key] }

    /// What kind of value this is, in the words used in messages: "null", "boolean", "number",
    /// "string", "array" or "object".
    public var typeName: String { value.typeName }
}
