import Testing
import FieldworkDiagnostics
@testable import PositionedJSON

/// Bad input of every shape must produce an error value, never a crash, a hang or a stack overflow.
@Suite("Robustness")
struct RobustnessTests {
    static let sample = """
        {"id": "BAS-2025", "version": 3, "title": "Business Attitudes \\u00e9\\uD83D\\uDE00\\n",
         "questions": [
          {"name": "q1", "type": "single", "options": [1, 2.5, -3e2, true, false, null], "text": "Café 😀"},
          {"name": "q2", "route": {"if": "q1 == 1", "goto": "end"}, "empty": {}, "none": []}
         ]
        }
        """

    @Test func everyProperPrefixIsRejectedWithoutCrashing() throws {
        let bytes = Array(Self.sample.utf8)
        _ = try JSONReader.parse(bytes, file: "q.json")
        for length in 0..<bytes.count {
            let prefix = Array(bytes[0..<length])
            let error = try #require(syntaxError(prefix), "prefix of \(length) bytes parsed")
            #expect(error.location.offset <= length)
            #expect(error.location.line >= 1 && error.location.column >= 1)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func randomJunkNeverCrashes() {
        var generator = SplitMix64(seed: 0xF1E1D)
        let alphabet = Array("{}[],:\"\\ \n\r\t0123456789-+.eEtruefalsn/u'xé😀".utf8)
        var failures = 0
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...48, using: &generator)
            let bytes: [UInt8] = (0..<length).map { _ in
                Bool.random(using: &generator)
                    ? alphabet.randomElement(using: &generator)!
                    : UInt8.random(in: 0...255, using: &generator)
            }
            if let error = syntaxError(bytes) {
                failures += 1
                #expect(error.location.offset >= 0 && error.location.offset <= bytes.count)
                #expect(error.location.line >= 1 && error.location.column >= 1)
            }
        }
        #expect(failures > 2_500)  // junk is almost never JSON
    }

    @Test func mutatedDocumentsNeverCrash() throws {
        var generator = SplitMix64(seed: 42)
        let original = Array(Self.sample.utf8)
        var accepted = 0
        for _ in 0..<2_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: position)
                default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                }
            }
            do {
                let root = try JSONReader.parse(bytes, file: "m.json")
                accepted += 1
                for node in allNodes(root) { #expect(node.location.offset < bytes.count) }
            } catch {
                #expect(error.location.offset <= bytes.count)
            }
        }
        #expect(accepted < 2_000)
    }

    @Test func deepNestingIsRefusedNotOverflowed() throws {
        let opening = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let error = try #require(syntaxError(opening))
        #expect(error.message == "nesting deeper than 512 levels: flatten the structure")
        #expect(error.location == SourceLocation(file: "q.json", line: 1, column: 513, offset: 512))

        let objects = String(repeating: #"{"a":"#, count: 100_000)
        let objectError = try #require(syntaxError(objects))
        #expect(objectError.message == "nesting deeper than 512 levels: flatten the structure")
        #expect(objectError.location.offset == 512 * 5)
    }

    @Test func nestingAtTheLimitIsAccepted() throws {
        let text = String(repeating: "[", count: 512) + "7" + String(repeating: "]", count: 512)
        var node = try parseValid(text)
        var depth = 0
        while let inner = node.arrayValue?.first {
            node = inner
            depth += 1
        }
        #expect(depth == 512)
        #expect(node.intValue == 7)
        #expect(node.location.column == 513)
        #expect(syntaxError("[" + text + "]")?.message == "nesting deeper than 512 levels: flatten the structure")
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse("[[[1]]]", file: "x", maximumDepth: 2) }
    }

    @Test func tenMegabyteDocumentParses() throws {
        var text = "[\n"
        var count = 0
        while text.utf8.count < 10_000_000 {
            if count > 0 { text += ",\n" }
            text += #"  {"name": "q\#(count)", "label": "Question \#(count) — café", "weight": \#(count).25, "codes": [1, 2, 3, -4e2], "required": true, "note": null, "if": "age > \#(count % 90)\n"}"#
            count += 1
        }
        text += "\n]"
        let bytes = Array(text.utf8)
        #expect(bytes.count >= 10_000_000)
        let root = try JSONReader.parse(bytes, file: "big.json")
        let elements = try #require(root.arrayValue)
        #expect(elements.count == count)
        let last = try #require(elements.last)
        #expect(last.location.line == count + 1)
        #expect(last.location.column == 3)
        #expect(last["name"]?.stringValue == "q\(count - 1)")
        #expect(bytes[last.location.offset] == UInt8(ascii: "{"))
    }
}
