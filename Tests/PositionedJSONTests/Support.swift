import FieldworkDiagnostics
@testable import PositionedJSON

/// Parses text that must be valid, failing the calling test with the syntax error otherwise.
func parseValid(_ text: String, file: String = "q.json") throws -> JSONNode {
    try JSONReader.parse(text, file: file)
}

/// The syntax error for text that must be invalid, or nil if it unexpectedly parsed.
func syntaxError(_ text: String) -> JSONSyntaxError? {
    syntaxError(Array(text.utf8))
}

func syntaxError(_ bytes: [UInt8]) -> JSONSyntaxError? {
    do {
        _ = try JSONReader.parse(bytes, file: "q.json")
        return nil
    } catch {
        return error
    }
}

/// `line:column` of a location, for compact expectations.
func position(_ location: SourceLocation?) -> String? {
    location.map { "\($0.line):\($0.column)" }
}

/// A small deterministic generator so fuzz-style tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Every node in a tree, depth first, so properties can be checked on all of them.
func allNodes(_ root: JSONNode) -> [JSONNode] {
    var result: [JSONNode] = []
    var pending = [root]
    while let node = pending.popLast() {
        result.append(node)
        switch node.value {
        case .array(let elements): pending.append(contentsOf: elements)
        case .object(let object): pending.append(contentsOf: object.members.map(\.value))
        default: break
        }
    }
    return result
}
