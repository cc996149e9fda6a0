import FieldworkDiagnostics

/// A decoded JSON string that remembers how its characters map back to the source, so an error
/// inside an expression or fill held in the string can be reported at its real column even when
/// escapes (`\n`, `\u00e9`, surrogate pairs) make the source longer than the text.
public struct JSONString: Sendable, Hashable {
    /// The decoded text.
    public var value: String
    /// Where the first character after the opening quote is.
    public var contentStart: SourceLocation
    /// Escapes in source order; empty for the common string without any.
    var escapes: [Escape]

    /// One escape sequence: the decoded scalar it produced and how many source bytes it spans.
    struct Escape: Sendable, Hashable {
        var scalarIndex: Int
        var sourceLength: Int
    }

    /// A string with no escapes whose text starts at `contentStart`; for strings built in code.
    public init(_ value: String, contentStart: SourceLocation = SourceLocation(line: 1, column: 1)) {
        self.init(value: value, contentStart: contentStart, escapes: [])
    }

    init(value: String, contentStart: SourceLocation, escapes: [Escape]) {
        self.value = value
        self.contentStart = contentStart
        self.escapes = escapes
    }

    /// Location of the scalar at `scalarOffset` within the *decoded* value, accounting for escapes
    /// in the source; used to point inside expressions held in strings. An offset equal to the
    /// scalar count gives the closing quote; offsets outside the string are clamped.
    public func location(ofScalarOffset scalarOffset: Int) -> SourceLocation {
        var column = contentStart.column
        var byte = contentStart.offset
        var escapeCursor = 0
        var index = 0
        for scalar in value.unicodeScalars {
            if index >= scalarOffset { break }
            if escapeCursor < escapes.count, escapes[escapeCursor].scalarIndex == index {
                column += escapes[escapeCursor].sourceLength
                byte += escapes[escapeCursor].sourceLength
                escapeCursor += 1
            } else {
                column += 1
                byte += UTF8.width(scalar)
            }
            index += 1
        }
        return SourceLocation(file: contentStart.file, line: contentStart.line, column: column, offset: byte)
    }

    /// Location of the scalar that starts at `utf8Offset` within the decoded value's UTF-8, for
    /// lexers that work on bytes. An offset inside a multi-byte scalar gives that scalar.
    public func location(ofUTF8Offset utf8Offset: Int) -> SourceLocation {
        var scalarOffset = 0
        var consumed = 0
        for scalar in value.unicodeScalars {
            consumed += UTF8.width(scalar)
            if consumed > utf8Offset { break }
            scalarOffset += 1
        }
        return location(ofScalarOffset: scalarOffset)
    }

    /// Strings are equal when their text is; where they came from belongs to the enclosing node.
    public static func == (lhs: JSONString, rhs: JSONString) -> Bool { lhs.value == rhs.value }

    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
