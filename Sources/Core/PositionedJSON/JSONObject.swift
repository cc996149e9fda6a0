import FieldworkDiagnostics

/// A JSON object that keeps its members in source order and keeps duplicate keys, so the checker
/// can report a repeated key instead of silently losing one of the values.
public struct JSONObject: Sendable, Hashable {
    /// Members in source order, duplicates included.
    public var members: [JSONMember]

    public init(members: [JSONMember] = []) {
        self.members = members
    }

    /// The value of the first member named `key`. Lookup is linear: questionnaire objects are small.
    public subscript(key: String) -> JSONNode? {
        member(named: key)?.value
    }

    /// The first member named `key`, with the key's own location.
    public func member(named key: String) -> JSONMember? {
        members.first { $0.key == key }
    }

    /// The keys in source order, duplicates included.
    public var keys: [String] { members.map(\.key) }

    /// Members whose key already appeared earlier in the object (the later occurrences), so a
    /// checker can say "duplicate key 'x' (first at 3:5)".
    public var duplicateMembers: [JSONMember] {
        var seen = Set<String>()
        return members.filter { !seen.insert($0.key).inserted }
    }
}

/// One `"key": value` pair of an object, with the key's location for messages about the key itself
/// (unknown or misspelt property names).
public struct JSONMember: Sendable, Hashable {
    public var key: String
    /// The opening quote of the key.
    public var keyLocation: SourceLocation
    public var value: JSONNode

    public init(key: String, keyLocation: SourceLocation, value: JSONNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
