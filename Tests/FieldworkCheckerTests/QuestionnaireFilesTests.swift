import Foundation
import Testing
import FieldworkChecker
import FieldworkDiagnostics

/// The shipped questionnaires must check clean, and every broken questionnaire in the corpus must
/// produce the diagnostic its `.expect` sidecar names, at the position it names.
struct QuestionnaireFilesTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let questionnaires = packageRoot.appendingPathComponent("Questionnaires")
    static let corpus = packageRoot.appendingPathComponent("Tests/FieldworkCheckerTests/Corpus")

    static func files(in directory: URL, ending suffix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { directory.appendingPathComponent($0) }
    }

    static func check(_ url: URL) throws -> (Instrument?, [Diagnostic]) {
        let bytes = Array(try Data(contentsOf: url))
        return Checker.check(bytes: bytes, file: url.lastPathComponent)
    }

    @Test func shippedQuestionnairesExist() {
        let names = Self.files(in: Self.questionnaires, ending: ".json").map(\.lastPathComponent)
        #expect(names.contains("bas.json"))
        #expect(names.contains("pas-online.json"))
    }

    /// FW222 findings left in the shipped questionnaires, by file and line (none: every routing on
    /// a question that allows don't know says what a don't know does, with answered()).
    static let knownDontKnowRouting: [String: Set<Int>] = [:]

    @Test(arguments: files(in: questionnaires, ending: ".json"))
    func shippedQuestionnaireChecksClean(_ url: URL) throws {
        let (instrument, diagnostics) = try Self.check(url)
        let known = Self.knownDontKnowRouting[url.lastPathComponent] ?? []
        let unexpected = diagnostics.filter { !($0.code == .unhandledDontKnow && known.contains($0.location.line)) }
        #expect(unexpected.isEmpty, "\(url.lastPathComponent):\n\(unexpected.map(\.description).joined(separator: "\n"))")
        #expect(Set(diagnostics.filter { $0.code == .unhandledDontKnow }.map(\.location.line)) == known)
        #expect(instrument != nil)
    }

    @Test func basExportNamesFitStata() throws {
        let (instrument, _) = try Self.check(Self.questionnaires.appendingPathComponent("bas.json"))
        let variables = try #require(instrument).variables
        #expect(variables.count > 500)
        #expect(variables.allSatisfy { $0.name.count <= 32 })
        #expect(variables.contains { $0.name == "sc_times_burglary" })
        #expect(variables.contains { $0.name == "v_cost_tot_takeover" })
        #expect(!variables.contains { $0.name == "business_name" || $0.name == "phone" }, "identifiers must not be exported")
    }

    @Test func corpusHasCases() {
        #expect(Self.files(in: Self.corpus, ending: ".json").count >= 30)
    }

    @Test(arguments: files(in: corpus, ending: ".json"))
    func corpusCaseProducesExpectedDiagnostic(_ url: URL) throws {
        let expectURL = url.deletingPathExtension().appendingPathExtension("expect")
        let line = try String(contentsOf: expectURL, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = line.split(separator: " ")
        try #require(parts.count == 2, "\(expectURL.lastPathComponent) must read 'CODE LINE:COLUMN'")
        let code = String(parts[0])
        let position = parts[1].split(separator: ":").compactMap { Int($0) }
        try #require(position.count == 2)
        #expect(url.lastPathComponent.hasPrefix(code + "-"), "file name should start with its code")

        let (_, diagnostics) = try Self.check(url)
        let found = diagnostics.contains {
            $0.code.rawValue == code && $0.location.line == position[0] && $0.location.column == position[1]
        }
        #expect(found, "\(url.lastPathComponent): expected \(line), got:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
    }
}
