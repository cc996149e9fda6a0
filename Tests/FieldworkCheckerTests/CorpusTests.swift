import FieldworkChecker
import FieldworkDiagnostics
import Foundation
import Testing

/// One questionnaire of the corpus with the finding it must produce, read from its `.expect`
/// sidecar: `CODE LINE:COLUMN` (one per line; `#` starts a comment).
struct CorpusCase: Sendable, CustomTestStringConvertible {
    struct Expectation: Sendable {
        var code: String
        var line: Int
        var column: Int
    }

    var name: String
    var json: URL
    var expectations: [Expectation]
    /// Lines of the sidecar that could not be read, reported as failures.
    var unreadable: [String]

    var testDescription: String { name }

    /// Every `Corpus/*.json` that has an `.expect` sidecar, in name order.
    static var all: [CorpusCase] {
        guard let folder = Bundle.module.url(forResource: "Corpus", withExtension: nil),
              let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return files.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }.compactMap { url in
            let sidecar = url.deletingPathExtension().appendingPathExtension("expect")
            guard let text = try? String(contentsOf: sidecar, encoding: .utf8) else { return nil }
            var expectations: [Expectation] = []
            var unreadable: [String] = []
            for raw in text.split(whereSeparator: \.isNewline) {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                if let e = parse(line) { expectations.append(e) } else { unreadable.append(line) }
            }
            return CorpusCase(name: url.lastPathComponent, json: url, expectations: expectations, unreadable: unreadable)
        }
    }

    static func parse(_ line: String) -> Expectation? {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let position = parts[1].split(separator: ":")
        guard position.count == 2, let l = Int(position[0]), let c = Int(position[1]) else { return nil }
        return Expectation(code: String(parts[0]), line: l, column: c)
    }
}

@Suite("Corpus")
struct CorpusTests {
    @Test(arguments: CorpusCase.all)
    func corpusFileProducesItsExpectedDiagnostic(_ c: CorpusCase) throws {
        #expect(c.unreadable.isEmpty, "\(c.name).expect: write CODE LINE:COLUMN, not \(c.unreadable)")
        #expect(!c.expectations.isEmpty, "\(c.name).expect names no diagnostic")
        let bytes = Array(try Data(contentsOf: c.json))
        let (_, diagnostics) = Checker.check(bytes: bytes, file: c.name)
        for e in c.expectations {
            let hit = diagnostics.contains { $0.code.rawValue == e.code && $0.location.line == e.line && $0.location.column == e.column }
            #expect(hit, "\(c.name): expected \(e.code) at \(e.line):\(e.column); found:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
        }
    }

    /// The parameterised test above passes vacuously when no case is found (a missing resource,
    /// a renamed folder): the corpus must actually be there.
    @Test func corpusIsNotEmpty() {
        let count = CorpusCase.all.count
        #expect(count >= 50, "found only \(count) corpus cases (Corpus/*.json with an .expect sidecar); expected at least 50")
    }

    @Test func expectLinesParse() throws {
        let e = try #require(CorpusCase.parse("FW205 12:34"))
        #expect(e.code == "FW205" && e.line == 12 && e.column == 34)
        #expect(CorpusCase.parse("FW205 12") == nil)
        #expect(CorpusCase.parse("FW205 a:b") == nil)
        #expect(CorpusCase.parse("FW205") == nil)
    }
}
