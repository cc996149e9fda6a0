import Testing
import FieldworkDiagnostics
@testable import PositionedJSON

/// Every kind of syntax error, with the exact place it is reported and the exact message.
@Suite("Syntax errors")
struct ErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var input: [UInt8]
        var position: String
        var message: String
        var testDescription: String { String(decoding: input, as: UTF8.self) }

        init(_ input: String, _ position: String, _ message: String) {
            self.init(bytes: Array(input.utf8), position, message)
        }

        init(bytes: [UInt8], _ position: String, _ message: String) {
            self.input = bytes
            self.position = position
            self.message = message
        }
    }

    static let value = "expected a value (object, array, string, number, true, false or null)"

    static let cases: [Case] = [
        // Structure
        Case("[1, 2,]", "1:6", "trailing comma before ']': remove it"),
        Case("[\n  1,\n  2,\n]", "3:4", "trailing comma before ']': remove it"),
        Case(#"{"a": 1,}"#, "1:8", "trailing comma before '}': remove it"),
        Case(#"{"a": 1]"#, "1:8", "expected ',' or '}' after object member, found ']'"),
        Case(#"{"a": 1 "b": 2}"#, "1:9", "expected ',' or '}' after object member, found '\"': is a ',' missing?"),
        Case("[1 2]", "1:4", "expected ',' or ']' after array element, found '2': is a ',' missing?"),
        Case("[1}", "1:3", "expected ',' or ']' after array element, found '}'"),
        Case(#"{"a" 1}"#, "1:6", "expected ':' after object key \"a\", found '1'"),
        Case("{name: 1}", "1:2", "expected a string key or '}' after '{', found 'name': object keys must be in double quotes"),
        Case("{'a': 1}", "1:2", "expected a string key or '}' after '{', found ''': JSON uses double quotes, not single quotes"),
        Case(#"{"a": 1, 2}"#, "1:10", "expected a string key after ',', found '2': object keys must be in double quotes"),
        Case("", "1:1", "\(value), found end of input: the file is empty"),
        Case("  \n ", "2:2", "\(value), found end of input"),
        Case("[1,", "1:4", "\(value), found end of input"),
        Case(#"{"a":"#, "1:6", "\(value), found end of input"),
        Case("[1", "1:3", "expected ',' or ']' after array element, found end of input"),
        Case("{", "1:2", "expected a string key or '}' after '{', found end of input"),
        Case("{} x", "1:4", "expected end of input after the top-level value, found 'x': a JSON file holds exactly one value"),
        Case("1 2", "1:3", "expected end of input after the top-level value, found '2': a JSON file holds exactly one value"),
        Case("[,1]", "1:2", "\(value), found ','"),
        Case("]", "1:1", "\(value), found ']'"),
        // Comments, quotes, literals
        Case("// note\n[]", "1:1", "\(value), found '/': comments are not allowed in JSON"),
        Case("[1, /* x */ 2]", "1:5", "\(value), found '/': comments are not allowed in JSON"),
        Case("['a']", "1:2", "\(value), found ''': JSON strings use double quotes"),
        Case("[“a”]", "1:2", "\(value), found '“' (U+201C): use straight double quotes (\"), not typographic quotes"),
        Case("[True]", "1:2", "\(value), found 'True': JSON literals are lowercase true, false and null"),
        Case("[tru]", "1:2", "\(value), found 'tru': the literal is incomplete"),
        Case("[nullx]", "1:2", "\(value), found 'nullx': text values must be in double quotes"),
        Case("[yes]", "1:2", "\(value), found 'yes': text values must be in double quotes"),
        Case("\u{0C}[]", "1:1", "\(value), found control character U+000C"),
        // Numbers
        Case("[01]", "1:2", "leading zero in number '01': JSON numbers cannot start with 0 unless the whole part is 0"),
        Case("[-012]", "1:2", "leading zero in number '-012': JSON numbers cannot start with 0 unless the whole part is 0"),
        Case("[NaN]", "1:2", "\(value), found 'NaN': NaN and Infinity are not JSON numbers"),
        Case("[-Infinity]", "1:3", "expected a digit after '-', found 'Infinity'"),
        Case("[-]", "1:3", "expected a digit after '-', found ']'"),
        Case("[+1]", "1:2", "\(value), found '+': JSON numbers cannot start with '+'"),
        Case("[.5]", "1:2", "\(value), found '.': JSON numbers need a digit before the decimal point"),
        Case("[1.]", "1:4", "expected a digit after '.' in number, found ']'"),
        Case("[1.e5]", "1:4", "expected a digit after '.' in number, found 'e5'"),
        Case("[1e]", "1:4", "expected a digit in the exponent of a number, found ']'"),
        Case("[1e+]", "1:5", "expected a digit in the exponent of a number, found ']'"),
        Case("[0x1F]", "1:3", "expected ',' or ']' after array element, found 'x1F'"),
        // Strings
        Case("{\n  \"title\": \"abc", "2:16", "unterminated string starting at 2:12: found end of input before the closing '\"'"),
        Case("[\"abc\n\"]", "1:6", "unterminated string starting at 1:2: found a line break before the closing '\"' (write \\n for a line break inside text)"),
        Case("[\"a\tb\"]", "1:4", "unescaped control character U+0009 in string: write it as \\t"),
        Case("[\"a\u{01}\"]", "1:4", "unescaped control character U+0001 in string: write it as \\u0001"),
        Case(#"["\x"]"#, "1:3", #"invalid escape '\x' in string: valid escapes are \" \\ \/ \b \f \n \r \t and \uXXXX"#),
        Case(#"["\u12G4"]"#, "1:7", #"expected 4 hex digits after '\u', found 'G4'"#),
        Case(#"["\u12"]"#, "1:7", #"expected 4 hex digits after '\u', found '"'"#),
        Case(#"["\"#, "1:4", #"expected an escape character after '\', found end of input"#),
        Case(#"["x\uD800"]"#, "1:4", #"lone surrogate \uD800: a high surrogate must be followed by a low surrogate \uDC00–\uDFFF"#),
        Case(#"["\uDBFFx"]"#, "1:3", #"lone surrogate \uDBFF: a high surrogate must be followed by a low surrogate \uDC00–\uDFFF"#),
        Case(#"["\uD800\u0041"]"#, "1:3", #"lone surrogate \uD800: expected a low surrogate \uDC00–\uDFFF next, found \u0041"#),
        Case(#"["\uDC00"]"#, "1:3", #"lone surrogate \uDC00: a low surrogate must follow a high surrogate \uD800–\uDBFF"#),
        // Invalid UTF-8: reported at the offending byte.
        Case(bytes: [0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D], "1:4", "invalid UTF-8 byte 0xFF: save the file as UTF-8"),
        Case(bytes: [0x5B, 0x22, 0xC3, 0x41, 0x22, 0x5D], "1:4", "invalid UTF-8 byte 0x41: save the file as UTF-8"),
        Case(bytes: [0x5B, 0x22, 0xC0, 0x80, 0x22, 0x5D], "1:3", "invalid UTF-8 byte 0xC0: save the file as UTF-8"),
        Case(bytes: [0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D], "1:4", "invalid UTF-8 byte 0xA0: save the file as UTF-8"),
        Case(bytes: [0x5B, 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22, 0x5D], "1:4", "invalid UTF-8 byte 0x90: save the file as UTF-8"),
        Case(bytes: [0x5B, 0x22, 0x80, 0x22, 0x5D], "1:3", "invalid UTF-8 byte 0x80: save the file as UTF-8"),
        Case(bytes: [0x5B, 0x22, 0xE2, 0x82], "1:3", "incomplete UTF-8 sequence at end of input: save the file as UTF-8"),
        Case(bytes: [0x5B, 0xFF, 0x5D], "1:2", "\(value), found invalid UTF-8 byte 0xFF"),
        // Positions after multibyte text and CRLF line ends.
        Case("{\r\n  \"é\": 1,\r\n}", "2:9", "trailing comma before '}': remove it"),
        Case("[\"日本\", 1 2]", "1:10", "expected ',' or ']' after array element, found '2': is a ',' missing?"),
    ]

    @Test(arguments: cases)
    func reportsWhereAndWhat(_ testCase: Case) throws {
        let error = try #require(syntaxError(testCase.input))
        #expect(position(error.location) == testCase.position)
        #expect(error.message == testCase.message)
        #expect(error.location.file == "q.json")
    }

    @Test func errorOffsetsAreByteOffsets() throws {
        let crlf = try #require(syntaxError("{\r\n  \"é\": 1,\r\n}"))
        #expect(crlf.location.offset == 12)
        let utf8 = try #require(syntaxError([0x5B, 0x22, 0xC3, 0xA9, 0xFF, 0x22, 0x5D]))
        #expect(utf8.location == SourceLocation(file: "q.json", line: 1, column: 4, offset: 4))
    }
}
