import FieldworkBasics
import FieldworkChecker
import FieldworkDiagnostics
import Testing

/// Messages quote at most about 80 characters of the input (issue 26).
struct QuotedInputTests {
    @Test func shortTextIsQuotedWhole() {
        #expect(QuotedInput.quoted("askIf") == "\"askIf\"")
        #expect(QuotedInput.quoted("") == "\"\"")
        #expect(QuotedInput.quoted(String(repeating: "é", count: 80)) == "\"" + String(repeating: "é", count: 80) + "\"")
    }

    @Test func longTextIsCutWithAnEllipsis() {
        #expect(QuotedInput.quoted(String(repeating: "k", count: 81)) == "\"" + String(repeating: "k", count: 80) + "…\"")
        // Cut at a character: an accented letter written as two scalars is never split.
        let combining = String(repeating: "e\u{301}", count: 100)
        #expect(QuotedInput.bounded(combining) == String(repeating: "e\u{301}", count: 80) + "…")
    }

    @Test func aMegabyteUnknownKeyIsReportedByItsStart() throws {
        let key = String(repeating: "k", count: 1_000_000)
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?", "\(key)": 1}
        """)
        let d = try expectDiagnostic(.unknownKey, in: diagnose(json).1, severity: .error)
        #expect(d.message.hasPrefix("unknown key \"" + String(repeating: "k", count: 80) + "…\" in "))
        #expect(d.message.utf8.count < 600, "\(d.message.utf8.count) bytes")
        expectAt(d, position(of: "\"kkk", in: json))
    }

    @Test func aLongNameStillGetsNoSuggestionButItsLocation() {
        #expect(NearMiss.suggestion(for: String(repeating: "a", count: 20_000), among: ["askIf", "a"]) == nil)
        #expect(NearMiss.suggestion(for: "askif", among: ["askIf", "text"]) == "askIf")
    }
}
