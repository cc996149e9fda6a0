import Testing
import FieldworkDiagnostics
@testable import PositionedJSON

@Suite("Positions")
struct PositionTests {
    static let document = """
        {
          "name": "Café",
          "items": [1, {"x": true}],
          "é": null
        }
        """

    @Test func nestedValuesAndKeys() throws {
        let root = try parseValid(Self.document, file: "survey.json")
        #expect(root.location == SourceLocation(file: "survey.json", line: 1, column: 1, offset: 0))
        let object = try #require(root.objectValue)
        #expect(position(object.member(named: "name")?.keyLocation) == "2:3")
        #expect(position(root["name"]?.location) == "2:11")
        #expect(position(object.member(named: "items")?.keyLocation) == "3:3")
        let items = try #require(root["items"])
        #expect(position(items.location) == "3:12")
        let elements = try #require(items.arrayValue)
        #expect(position(elements[0].location) == "3:13")
        #expect(position(elements[1].location) == "3:16")
        let inner = try #require(elements[1].objectValue)
        #expect(position(inner.member(named: "x")?.keyLocation) == "3:17")
        #expect(position(inner["x"]?.location) == "3:22")
        // "é" is one column but two bytes: the value after it is at column 8.
        #expect(position(object.member(named: "é")?.keyLocation) == "4:3")
        #expect(position(root["é"]?.location) == "4:8")
        #expect(root["name"]?.location.file == "survey.json")
    }

    @Test func everyNodeOffsetPointsAtItsFirstByte() throws {
        let text = Self.document
        let bytes = Array(text.utf8)
        let root = try parseValid(text)
        for node in allNodes(root) {
            let first = bytes[node.location.offset]
            switch node.value {
            case .null: #expect(first == UInt8(ascii: "n"))
            case .bool(let flag): #expect(first == (flag ? UInt8(ascii: "t") : UInt8(ascii: "f")))
            case .number: #expect(first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first))
            case .string: #expect(first == UInt8(ascii: "\""))
            case .array: #expect(first == UInt8(ascii: "["))
            case .object: #expect(first == UInt8(ascii: "{"))
            }
        }
        for member in try #require(root.objectValue).members {
            #expect(bytes[member.keyLocation.offset] == UInt8(ascii: "\""))
        }
    }

    @Test func columnsCountScalarsButOffsetsCountBytes() throws {
        let root = try parseValid(#"["é", "😀x", 1]"#)
        let elements = try #require(root.arrayValue)
        #expect(elements[1].location == SourceLocation(file: "q.json", line: 1, column: 7, offset: 7))
        #expect(elements[2].location == SourceLocation(file: "q.json", line: 1, column: 13, offset: 16))
    }

    @Test func crlfLineEndingsCountOnce() throws {
        let root = try parseValid("{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    true\r\n  ]\r\n}")
        let object = try #require(root.objectValue)
        #expect(object.member(named: "a")?.keyLocation == SourceLocation(file: "q.json", line: 2, column: 3, offset: 5))
        #expect(position(root["a"]?.location) == "2:8")
        #expect(object.member(named: "b")?.keyLocation == SourceLocation(file: "q.json", line: 3, column: 3, offset: 16))
        #expect(position(root["b"]?.location) == "3:8")
        #expect(position(root["b"]?.arrayValue?.first?.location) == "4:5")
    }

    @Test func multibyteAfterCrlf() throws {
        let root = try parseValid("[\r\n\"ü€\", \"😀\",\r\n  \"x\"]")
        let elements = try #require(root.arrayValue)
        #expect(elements[1].location == SourceLocation(file: "q.json", line: 2, column: 7, offset: 12))
        #expect(elements[2].location == SourceLocation(file: "q.json", line: 3, column: 3, offset: 23))
    }

    @Test func loneCarriageReturnIsALineBreak() throws {
        let root = try parseValid("[1,\r2]")
        #expect(position(root.arrayValue?.last?.location) == "2:1")
    }

    @Test func tabsCountAsOneColumn() throws {
        let root = try parseValid("[\t\t1]")
        #expect(position(root.arrayValue?.first?.location) == "1:4")
    }

    @Test func byteOrderMarkIsSkippedAndNotCounted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[1,\n 2]".utf8)
        let root = try JSONReader.parse(bytes, file: "bom.json")
        #expect(root.location == SourceLocation(file: "bom.json", line: 1, column: 1, offset: 3))
        #expect(root.arrayValue?.first?.location == SourceLocation(file: "bom.json", line: 1, column: 2, offset: 4))
        #expect(root.arrayValue?.last?.location == SourceLocation(file: "bom.json", line: 2, column: 2, offset: 8))
        // Errors after a BOM are located the same way.
        let error = syntaxError([0xEF, 0xBB, 0xBF] + Array("[1,]".utf8))
        #expect(error?.location == SourceLocation(file: "q.json", line: 1, column: 3, offset: 5))
    }

    @Test func longSingleLineKeepsCountingColumns() throws {
        let count = 2_000
        let text = "[" + Array(repeating: "\"é\"", count: count).joined(separator: ",") + "]"
        let elements = try #require(try parseValid(text).arrayValue)
        #expect(elements.count == count)
        for (index, element) in elements.enumerated() {
            #expect(element.location.column == 2 + 4 * index)
            #expect(element.location.offset == 1 + 5 * index)
        }
    }

    @Test func trackedLocationsAgreeWithRescanningFromTheStart() throws {
        let text = "\u{FEFF}{\r\n \"ü\": [\"😀\\u00e9\", 1.5e3,\n\t{\"k\": null}],\r  \"日本\": \"x\"\r\n}"
        let bytes = Array(text.utf8)
        let root = try JSONReader.parse(bytes, file: "m.json")
        bytes.withUnsafeBufferPointer { buffer in
            let parser = JSONParser(bytes: buffer, file: "m.json", maximumDepth: 512)
            for node in allNodes(root) {
                #expect(node.location == parser.locationFromStart(of: node.location.offset))
            }
            for member in root.objectValue?.members ?? [] {
                #expect(member.keyLocation == parser.locationFromStart(of: member.keyLocation.offset))
            }
        }
        #expect(position(root["日本"]?.location) == "4:9")
    }

    @Test func outOfOrderLocationRequestsStayCorrect() {
        let bytes = Array("[\"é😀\", \"ab\", \"日本語\", 12345, true]".utf8)
        var generator = SplitMix64(seed: 7)
        bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, file: "o.json", maximumDepth: 512)
            for _ in 0..<200 {
                let offset = Int.random(in: 0...bytes.count, using: &generator)
                #expect(parser.location(at: offset) == parser.locationFromStart(of: offset))
            }
        }
    }
}
