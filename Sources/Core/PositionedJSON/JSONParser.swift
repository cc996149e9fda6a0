import FieldworkDiagnostics

/// The state of one parse: the input, the cursor, and the line bookkeeping that turns byte offsets
/// into line and column cheaply. Containers are kept on an explicit stack rather than the call
/// stack, so nesting depth is limited by policy, never by a crash.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let maximumDepth: Int
    /// Next byte to read.
    var index = 0
    /// 1-based line of `index`.
    var line = 1
    /// Byte offset where the current line starts (after a byte-order mark on line 1).
    var lineStart = 0
    /// Offset where the input proper starts (3 when there is a byte-order mark).
    let contentStart: Int
    /// Column cache: the column at `columnCacheOffset`, valid while `columnCacheLine == line`.
    /// Locations are asked for in increasing order, so counting resumes where it left off and a
    /// long single-line (minified) file stays linear.
    var columnCacheLine = 0
    var columnCacheOffset = 0
    var columnCacheColumn = 1

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, maximumDepth: Int) {
        self.bytes = bytes
        self.file = file
        self.maximumDepth = maximumDepth
        let hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        contentStart = hasByteOrderMark ? 3 : 0
        index = contentStart
        lineStart = contentStart
    }

    /// A container being filled. Only one of `elements`/`members` is used, per `isObject`.
    private struct OpenContainer {
        var isObject: Bool
        var location: SourceLocation
        var elements: [JSONNode] = []
        var members: [JSONMember] = []
        var pendingKey = ""
        var pendingKeyLocation: SourceLocation
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONNode {
        var stack: [OpenContainer] = []
        var document: JSONNode

        nextValue: while true {
            skipWhitespace()
            let start = index
            var node: JSONNode
            guard index < bytes.count else {
                let what = start == contentStart ? "found end of input: the file is empty" : "found end of input"
                throw error(at: start, "expected a value (object, array, string, number, true, false or null), \(what)")
            }
            switch bytes[index] {
            case ASCII.openBrace:
                let location = self.location(at: start)
                try checkDepth(stack.count, at: start)
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == ASCII.closeBrace {
                    index += 1
                    node = JSONNode(.object(JSONObject()), at: location)
                } else {
                    var container = OpenContainer(isObject: true, location: location, pendingKeyLocation: location)
                    (container.pendingKey, container.pendingKeyLocation) = try parseKey(after: "'{'", orClosing: true)
                    stack.append(container)
                    continue nextValue
                }
            case ASCII.openBracket:
                let location = self.location(at: start)
                try checkDepth(stack.count, at: start)
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == ASCII.closeBracket {
                    index += 1
                    node = JSONNode(.array([]), at: location)
                } else {
                    stack.append(OpenContainer(isObject: false, location: location, pendingKeyLocation: location))
                    continue nextValue
                }
            // Locations are taken before the value is read: the column cache only moves forward.
            case ASCII.quote:
                let location = self.location(at: start)
                node = JSONNode(.string(try parseString()), at: location)
            case ASCII.minus, ASCII.zero...ASCII.nine:
                let location = self.location(at: start)
                node = JSONNode(.number(try parseNumber()), at: location)
            case UInt8(ascii: "t"):
                let location = self.location(at: start)
                try expectLiteral("true")
                node = JSONNode(.bool(true), at: location)
            case UInt8(ascii: "f"):
                let location = self.location(at: start)
                try expectLiteral("false")
                node = JSONNode(.bool(false), at: location)
            case UInt8(ascii: "n"):
                let location = self.location(at: start)
                try expectLiteral("null")
                node = JSONNode(.null, at: location)
            default:
                throw unexpectedValueStart(at: start)
            }

            // A value is complete: hand it to its container, closing containers as they end.
            while true {
                guard !stack.isEmpty else {
                    document = node
                    break nextValue
                }
                let top = stack.count - 1
                skipWhitespace()
                if stack[top].isObject {
                    stack[top].members.append(
                        JSONMember(key: stack[top].pendingKey, keyLocation: stack[top].pendingKeyLocation, value: node))
                    if index < bytes.count, bytes[index] == ASCII.comma {
                        index += 1
                        (stack[top].pendingKey, stack[top].pendingKeyLocation) = try parseKey(after: "','", orClosing: false)
                        continue nextValue
                    } else if index < bytes.count, bytes[index] == ASCII.closeBrace {
                        index += 1
                        let finished = stack.removeLast()
                        node = JSONNode(.object(JSONObject(members: finished.members)), at: finished.location)
                    } else {
                        throw error(at: index, "expected ',' or '}' after object member, found \(describe(at: index))\(missingCommaHint(at: index))")
                    }
                } else {
                    stack[top].elements.append(node)
                    if index < bytes.count, bytes[index] == ASCII.comma {
                        let comma = index
                        index += 1
                        skipWhitespace()
                        if index < bytes.count, bytes[index] == ASCII.closeBracket {
                            throw error(at: comma, "trailing comma before ']': remove it")
                        }
                        continue nextValue
                    } else if index < bytes.count, bytes[index] == ASCII.closeBracket {
                        index += 1
                        let finished = stack.removeLast()
                        node = JSONNode(.array(finished.elements), at: finished.location)
                    } else {
                        throw error(at: index, "expected ',' or ']' after array element, found \(describe(at: index))\(missingCommaHint(at: index))")
                    }
                }
            }
        }

        skipWhitespace()
        if index < bytes.count {
            throw error(at: index, "expected end of input after the top-level value, found \(describe(at: index)): a JSON file holds exactly one value")
        }
        return document
    }

    /// Reads `"key" :` at the start of an object member. `after` names what preceded it for the
    /// message; `orClosing` says whether `}` would also have been acceptable (right after `{`).
    private mutating func parseKey(after: String, orClosing: Bool) throws(JSONSyntaxError) -> (String, SourceLocation) {
        let comma = index - 1
        skipWhitespace()
        guard index < bytes.count, bytes[index] == ASCII.quote else {
            if !orClosing, index < bytes.count, bytes[index] == ASCII.closeBrace {
                throw error(at: comma, "trailing comma before '}': remove it")
            }
            let expected = orClosing ? "a string key or '}'" : "a string key"
            var hint = ""
            if index < bytes.count, ASCII.isWordByte(bytes[index]) {
                hint = ": object keys must be in double quotes"
            } else if index < bytes.count, bytes[index] == ASCII.apostrophe {
                hint = ": JSON uses double quotes, not single quotes"
            }
            throw error(at: index, "expected \(expected) after \(after), found \(describe(at: index))\(hint)")
        }
        let keyStart = index
        let keyLocation = location(at: keyStart)
        let key = try parseString().value
        skipWhitespace()
        guard index < bytes.count, bytes[index] == ASCII.colon else {
            throw error(at: index, "expected ':' after object key \"\(key)\", found \(describe(at: index))")
        }
        index += 1
        return (key, keyLocation)
    }

    private func checkDepth(_ openContainers: Int, at offset: Int) throws(JSONSyntaxError) {
        if openContainers >= maximumDepth {
            throw error(at: offset, "nesting deeper than \(maximumDepth) levels: flatten the structure")
        }
    }

    /// Consumes `literal` (true, false, null) or explains what was found instead.
    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let matches = index + count <= bytes.count
            && (0..<count).allSatisfy { bytes[index + $0] == literal.utf8Start[$0] }
        // "nullx" must not pass as null followed by junk that a container would misdescribe.
        if matches, index + count >= bytes.count || !ASCII.isWordByte(bytes[index + count]) {
            index += count
            return
        }
        throw unexpectedValueStart(at: index)
    }

    /// Skips JSON whitespace (space, tab, line feed, carriage return), counting lines.
    /// A CR LF pair is one line break; so is a lone CR.
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case ASCII.space, ASCII.tab:
                index += 1
            case ASCII.lineFeed:
                index += 1
                line += 1
                lineStart = index
            case ASCII.carriageReturn:
                index += 1
                if index < bytes.count, bytes[index] == ASCII.lineFeed { index += 1 }
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }
}
