import FieldworkChecker
import FieldworkDiagnostics
import FieldworkModel
import Testing

@Suite("Preload checking")
struct PreloadCheckerTests {
    private let declared = #"""
      "preload": [{"name": "prev_crimes", "type": "number", "label": "Incidents last wave"}, {"name": "prev_sector"}],
    """#

    @Test func declaredPreloadValuesCompileWithTheirTypes() throws {
        let json = checkerQuestionnaire("""
              {"type": "statement", "id": "intro", "text": "Last year you told us about {preload.prev_crimes} incidents in {preload.prev_sector}.",
               "askIf": "preload.prev_crimes > 0"}
        """, extraRoot: declared)
        let (inst, diagnostics) = diagnose(json)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let i = try #require(inst)
        #expect(i.preloadFieldNames == ["prev_crimes", "prev_sector"])
        #expect(i.preloadFieldIsNumber == [true, false])
        #expect(i.questionnaire.preloadFields.first?.label != nil)
    }

    @Test func undeclaredPreloadValueIsAnErrorWithANearMiss() throws {
        let json = checkerQuestionnaire("""
              {"type": "statement", "id": "intro", "text": "Hello.", "askIf": "preload.prev_crime > 0"}
        """, extraRoot: declared)
        let (inst, diagnostics) = diagnose(json)
        #expect(inst == nil)
        let d = try expectDiagnostic(.undefinedReference, in: diagnostics, severity: .error)
        #expect(d.message.contains("did you mean \"preload.prev_crimes\""), "\(d)")
        expectAt(d, position(of: "preload.prev_crime >", in: json))
    }

    @Test func withoutDeclarationsTheMessageSaysWhereToDeclare() throws {
        let json = checkerQuestionnaire("""
              {"type": "statement", "id": "intro", "text": "Last year: {preload.prev_crimes}."}
        """)
        let (_, diagnostics) = diagnose(json)
        let d = try expectDiagnostic(.undefinedReference, in: diagnostics, severity: .error)
        #expect(d.message.contains("add it to \"preload\""), "\(d)")
    }

    @Test func preloadAndSampleAreSeparateNamespaces() throws {
        let json = checkerQuestionnaire("""
              {"type": "statement", "id": "intro", "text": "Hello.", "askIf": "sample.prev_crimes > 0"}
        """, extraRoot: declared)
        let (_, diagnostics) = diagnose(json)
        _ = try expectDiagnostic(.undefinedReference, in: diagnostics, severity: .error)
    }

    @Test func duplicateDeclarationAndUnknownTypeAndReservedID() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "preload", "text": "Count?"}
        """, extraRoot: #"""
          "preload": [{"name": "a", "type": "number"}, {"name": "a", "type": "phone"}],
        """#)
        let (inst, diagnostics) = diagnose(json)
        #expect(inst == nil)
        let dup = try expectDiagnostic(.duplicateID, in: diagnostics, severity: .error)
        #expect(dup.message.contains("preload value \"a\" is declared twice"), "\(dup)")
        #expect(diagnostics.contains { $0.message.contains("phone") && $0.message.contains("preload value type") }, "\(diagnostics)")
        #expect(diagnostics.contains { $0.message.contains("\"preload\" is a reserved name") }, "\(diagnostics)")
    }
}
