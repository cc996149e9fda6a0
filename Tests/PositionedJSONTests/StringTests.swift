import Testing
import FieldworkDiagnostics
@testable import PositionedJSON

@Suite("Strings")
struct StringTests {
    @Test func escapesAreDecoded() throws {
        let value = try parseValid(#""\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u20AC \uD83D\uDE00 \u0000""#).stringValue
        #expect(value == "\" \\ / \u{08} \u{0C} \n \r \t A é € 😀 \u{0}")
    }

    @Test func rawMultibyteTextIsKept() throws {
        #expect(try parseValid(#""Ça va? 😀 日本""#).stringValue == "Ça va? 😀 日本")
    }

    @Test func locationOfScalarOffsetAccountsForEscapes() throws {
        // Columns:   {"e": "a\nb\u00e9c\uD83D\uDE00d"}
        //            1234567890123456789012345678901234
        let root = try parseValid(#"{"e": "a\nb\u00e9c\uD83D\uDE00d"}"#)
        let string = try #require(root["e"]?.jsonString)
        #expect(string.value == "a\nbéc😀d")
        let columns = (0...7).map { string.location(ofScalarOffset: $0).column }
        #expect(columns == [8, 9, 11, 12, 18, 19, 31, 32])
        // All-ASCII source: byte offset is column - 1.
        for offset in 0...7 {
            let location = string.location(ofScalarOffset: offset)
            #expect(location.offset == location.column - 1)
            #expect(location.line == 1)
            #expect(location.file == "q.json")
        }
    }

    @Test func locationOfScalarOffsetAccountsForMultibyteSource() throws {
        let root = try parseValid("[\n  \"é😀x\"]")
        let string = try #require(root.arrayValue?.first?.jsonString)
        #expect(string.contentStart == SourceLocation(file: "q.json", line: 2, column: 4, offset: 5))
        #expect(string.location(ofScalarOffset: 1) == SourceLocation(file: "q.json", line: 2, column: 5, offset: 7))
        #expect(string.location(ofScalarOffset: 2) == SourceLocation(file: "q.json", line: 2, column: 6, offset: 11))
        #expect(string.location(ofScalarOffset: 3) == SourceLocation(file: "q.json", line: 2, column: 7, offset: 12))
        // Clamped at both ends.
        #expect(string.location(ofScalarOffset: -5) == string.contentStart)
        #expect(string.location(ofScalarOffset: 99) == string.location(ofScalarOffset: 3))
    }

    @Test func locationOfUTF8Offset() throws {
        let string = try #require(try parseValid("\"é😀x\"").jsonString)
        #expect(string.location(ofUTF8Offset: 0).column == 2)
        #expect(string.location(ofUTF8Offset: 2).column == 3)
        #expect(string.location(ofUTF8Offset: 4).column == 3)  // inside 😀
        #expect(string.location(ofUTF8Offset: 6).column == 4)
        #expect(string.location(ofUTF8Offset: 7).column == 5)  // closing quote
    }

    @Test func pointingIntoAnExpressionInsideAString() throws {
        // A checker finds `bad` at scalar 9 of the decoded expression and reports the real column.
        let root = try parseValid("{\n  \"if\": \"age > 1\\t&& bad\"\n}")
        let expression = try #require(root["if"]?.jsonString)
        let scalarOffset = expression.value.unicodeScalars.count - 3
        #expect(String(expression.value.unicodeScalars.suffix(3)) == "bad")
        #expect(position(expression.location(ofScalarOffset: scalarOffset)) == "2:22")
    }

    @Test func keysDecodeEscapes() throws {
        let root = try parseValid(#"{"caf\u00e9": 1}"#)
        #expect(root["café"]?.intValue == 1)
    }
}
