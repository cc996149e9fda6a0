import Testing
import FieldworkDiagnostics
@testable import PositionedJSON

@Suite("Values")
struct ValueTests {
    @Test func everyValueKind() throws {
        let root = try parseValid(#"{"n": null, "t": true, "f": false, "i": -42, "d": 2.5, "s": "hi", "a": [1, "x"], "o": {"k": []}}"#)
        let object = try #require(root.objectValue)
        #expect(object.keys == ["n", "t", "f", "i", "d", "s", "a", "o"])
        #expect(root["n"]?.isNull == true)
        #expect(root["t"]?.boolValue == true)
        #expect(root["f"]?.boolValue == false)
        #expect(root["i"]?.intValue == -42)
        #expect(root["i"]?.numberValue?.text == "-42")
        #expect(root["d"]?.doubleValue == 2.5)
        #expect(root["d"]?.intValue == nil)
        #expect(root["s"]?.stringValue == "hi")
        #expect(root["a"]?.arrayValue?.count == 2)
        #expect(root["a"]?.arrayValue?[1].stringValue == "x")
        #expect(root["o"]?["k"]?.arrayValue?.isEmpty == true)
        #expect(root["missing"] == nil)
        #expect(root["s"]?["k"] == nil)
    }

    @Test func typeNamesForMessages() throws {
        let root = try parseValid(#"[null, true, 1, "s", [], {}]"#)
        let names = try #require(root.arrayValue).map(\.typeName)
        #expect(names == ["null", "boolean", "number", "string", "array", "object"])
        #expect(root.typeName == "array")
    }

    @Test func accessorsReturnNilForOtherKinds() throws {
        let number = try parseValid("7")
        #expect(number.stringValue == nil)
        #expect(number.boolValue == nil)
        #expect(number.arrayValue == nil)
        #expect(number.objectValue == nil)
        #expect(number.jsonString == nil)
        #expect(!number.isNull)
        #expect(number.intValue == 7)
    }

    @Test func scalarsAtTopLevel() throws {
        #expect(try parseValid("null").isNull)
        #expect(try parseValid(" true ").boolValue == true)
        #expect(try parseValid("\"\"").stringValue == "")
        #expect(try parseValid("-0").intValue == 0)
        #expect(try parseValid("{}").objectValue?.members.isEmpty == true)
    }

    @Test func duplicateKeysAreKeptInOrder() throws {
        let root = try parseValid(#"{"a": 1, "b": 2, "a": 3}"#)
        let object = try #require(root.objectValue)
        #expect(object.members.map(\.key) == ["a", "b", "a"])
        #expect(object["a"]?.intValue == 1)
        let duplicates = object.duplicateMembers
        #expect(duplicates.count == 1)
        #expect(duplicates.first?.value.intValue == 3)
        #expect(position(duplicates.first?.keyLocation) == "1:18")
        #expect(position(object.member(named: "a")?.keyLocation) == "1:2")
    }

    @Test(arguments: [
        ("0", 0), ("-7", -7), ("123456789012345678", 123456789012345678),
        ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
        ("3.0", 3), ("0.3e1", 3), ("1e2", 100), ("100e-2", 1), ("-2.50E+1", -25), ("0e-99999", 0),
        ("9007199254740993", 9007199254740993),
    ])
    func exactIntegers(text: String, expected: Int) throws {
        let number = try #require(try parseValid(text).numberValue)
        #expect(number.intValue == expected)
        #expect(number.text == text)
    }

    @Test(arguments: ["0.5", "1e-1", "9223372036854775808", "-9223372036854775809", "1e19", "12.25"])
    func nonIntegersHaveNoIntValue(text: String) throws {
        let number = try #require(try parseValid(text).numberValue)
        #expect(number.intValue == nil)
        #expect(number.text == text)
    }

    @Test func doublesAreParsed() throws {
        #expect(try parseValid("-12.5e-1").doubleValue == -1.25)
        #expect(try parseValid("1E3").doubleValue == 1000)
        #expect(try parseValid("9007199254740993").doubleValue == 9007199254740992)
    }

    @Test func hugeNumbersKeepTheirTextWithoutCrashing() throws {
        let exponent = try #require(try parseValid("1e999999").numberValue)
        #expect(exponent.intValue == nil)
        #expect(exponent.doubleValue == .infinity)
        #expect(exponent.text == "1e999999")

        let digits = "-" + String(repeating: "9", count: 400)
        let long = try #require(try parseValid("[\(digits)]").arrayValue?.first?.numberValue)
        #expect(long.intValue == nil)
        #expect(long.doubleValue == -.infinity)
        #expect(long.text == digits)

        let tiny = try #require(try parseValid("1e-999999").numberValue)
        #expect(tiny.doubleValue == 0)
        #expect(tiny.intValue == nil)

        let hugeExponent = try #require(try parseValid("2E+99999999999999999999999").numberValue)
        #expect(hugeExponent.intValue == nil)
        #expect(hugeExponent.doubleValue == .infinity)
    }

    @Test func stringEqualityIgnoresWhereTheStringCameFrom() throws {
        let a = try #require(try parseValid(#"["x\u0041"]"#).arrayValue?.first?.jsonString)
        let b = try #require(try parseValid(#"  "xA""#).jsonString)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a == JSONString("xA"))
    }

    @Test func parsingBytesAndTextAgree() throws {
        let text = #"{"é": [1, "ü"]}"#
        let fromText = try JSONReader.parse(text, file: "a.json")
        let fromBytes = try JSONReader.parse(Array(text.utf8), file: "a.json")
        #expect(fromText == fromBytes)
    }

    @Test func syntaxErrorBecomesDiagnostic() throws {
        var diagnostics: [Diagnostic] = []
        let node = JSONReader.parse(Array("[1,]".utf8), file: "survey.json", diagnostics: &diagnostics)
        #expect(node == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.code == JSONSyntaxError.diagnosticCode)
        #expect(diagnostic.location == SourceLocation(file: "survey.json", line: 1, column: 3, offset: 2))
        #expect(diagnostic.message == "trailing comma before ']': remove it")
        #expect(syntaxError("[1,]")?.description == "q.json:1:3: error: trailing comma before ']': remove it")
    }
}
