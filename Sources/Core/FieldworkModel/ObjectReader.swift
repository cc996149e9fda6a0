import FieldworkBasics
import FieldworkDiagnostics
import PositionedJSON

/// Reads one JSON object of the questionnaire, reporting unknown keys (with a near-miss suggestion),
/// duplicate keys, missing keys and wrong types, so every member is looked at exactly once.
struct ObjectReader {
    let node: JSONNode
    let object: JSONObject
    /// What the object is, for messages ("question", "option").
    let what: String

    /// Nil (with a diagnostic) when the node is not an object.
    init?(_ node: JSONNode, what: String, allowed: [String], diagnostics: inout [Diagnostic]) {
        guard case .object(let object) = node.value else {
            diagnostics.append(.error(.wrongType, at: node.location,
                "\(what) must be an object ({…}), found \(node.typeName)"))
            return nil
        }
        self.node = node
        self.object = object
        self.what = what
        var seen = Set<String>()
        for member in object.members {
            if !seen.insert(member.key).inserted {
                diagnostics.append(.error(.duplicateKey, at: member.keyLocation,
                    "key \(QuotedInput.quoted(member.key)) appears twice in this \(what); keep one"))
            }
            if !allowed.contains(member.key) && member.key != "$schema" && member.key != "comment" {
                var message = "unknown key \(QuotedInput.quoted(member.key)) in \(what)"
                if let s = NearMiss.suggestion(for: member.key, among: allowed) {
                    message += "; did you mean \(QuotedInput.quoted(s))?"
                } else {
                    message += "; allowed keys: \(allowed.joined(separator: ", "))"
                }
                diagnostics.append(.error(.unknownKey, at: member.keyLocation, message))
            }
        }
    }

    subscript(key: String) -> JSONNode? { object[key] }

    func has(_ key: String) -> Bool { object[key] != nil }

    func string(_ key: String, required: Bool = false, _ d: inout [Diagnostic]) -> (String, SourceLocation)? {
        guard let n = object[key] else {
            if required { d.append(.error(.missingKey, at: node.location, "\(what) needs \(QuotedInput.quoted(key))")) }
            return nil
        }
        guard case .string(let s) = n.value else {
            d.append(.error(.wrongType, at: n.location, "\(QuotedInput.quoted(key)) must be a string, found \(n.typeName)"))
            return nil
        }
        return (s.value, n.location)
    }

    func jsonString(_ key: String, _ d: inout [Diagnostic]) -> (JSONString, SourceLocation)? {
        guard let n = object[key] else { return nil }
        guard case .string(let s) = n.value else {
            d.append(.error(.wrongType, at: n.location, "\(QuotedInput.quoted(key)) must be a string, found \(n.typeName)"))
            return nil
        }
        return (s, n.location)
    }

    func bool(_ key: String, default value: Bool, _ d: inout [Diagnostic]) -> Bool {
        guard let n = object[key] else { return value }
        guard case .bool(let b) = n.value else {
            d.append(.error(.wrongType, at: n.location, "\(QuotedInput.quoted(key)) must be true or false, found \(n.typeName)"))
            return value
        }
        return b
    }

    func int(_ key: String, required: Bool = false, _ d: inout [Diagnostic]) -> (Int, SourceLocation)? {
        guard let n = object[key] else {
            if required { d.append(.error(.missingKey, at: node.location, "\(what) needs \(QuotedInput.quoted(key))")) }
            return nil
        }
        guard case .number(let num) = n.value else {
            d.append(.error(.wrongType, at: n.location, "\(QuotedInput.quoted(key)) must be a whole number, found \(n.typeName)"))
            return nil
        }
        guard let i = num.intValue, abs(i) <= 999_999_999_999 else {
            d.append(.error(.wrongType, at: n.location,
                "\(QuotedInput.quoted(key)) must be a whole number between -999999999999 and 999999999999, found \(QuotedInput.bounded(num.text))"))
            return nil
        }
        return (i, n.location)
    }

    func double(_ key: String, _ d: inout [Diagnostic]) -> (Double, SourceLocation)? {
        guard let n = object[key] else { return nil }
        guard case .number(let num) = n.value else {
            d.append(.error(.wrongType, at: n.location, "\(QuotedInput.quoted(key)) must be a number, found \(n.typeName)"))
            return nil
        }
        guard num.doubleValue.isFinite, abs(num.doubleValue) < 1e15 else {
            d.append(.error(.invalidValue, at: n.location, "\(QuotedInput.quoted(key)) is too large: \(QuotedInput.bounded(num.text))"))
            return nil
        }
        return (num.doubleValue, n.location)
    }

    func array(_ key: String, required: Bool = false, _ d: inout [Diagnostic]) -> ([JSONNode], SourceLocation)? {
        guard let n = object[key] else {
            if required { d.append(.error(.missingKey, at: node.location, "\(what) needs \(QuotedInput.quoted(key))")) }
            return nil
        }
        guard case .array(let a) = n.value else {
            d.append(.error(.wrongType, at: n.location, "\(QuotedInput.quoted(key)) must be a list ([…]), found \(n.typeName)"))
            return nil
        }
        return (a, n.location)
    }
}
