import FieldworkChecker
import FieldworkDiagnostics
import FieldworkModel
import Testing

@Suite("Checking random and rotated orders")
struct DrawnOrderCheckerTests {
    static func survey(block: String, order: String = "random") -> String {
        """
        {"id": "t", "version": "1", "title": "T",
         "sections": [
          {"id": "intro", "items": [{"id": "age", "type": "integer", "text": "Age?"}]},
          {"id": "block", "order": "\(order)", "items": [
        \(block)
          ]}
         ]}
        """
    }

    @Test func independentQuestionsMayComeInRandomOrder() {
        let json = Self.survey(block: """
            {"id": "q1", "type": "integer", "text": "One?", "askIf": "age > 17"},
            {"id": "q2", "type": "text", "text": "At {age}, two?"}
        """)
        let (instrument, diagnostics) = diagnose(json)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(instrument?.usesDrawnOrder == true)
    }

    @Test(arguments: [
        #"{"id": "q2", "type": "integer", "text": "Two?", "askIf": "q1 > 1"}"#,
        #"{"id": "q2", "type": "integer", "text": "Two, after {q1}?"}"#,
        #"{"id": "q2", "type": "integer", "text": "Two?", "checks": [{"require": "q2 <= q1", "message": "No more than q1."}]}"#,
    ])
    func aQuestionReferringToAnotherInTheBlockIsRefused(second: String) throws {
        let json = Self.survey(block: """
            {"id": "q1", "type": "integer", "text": "One?"},
            \(second)
        """, order: "rotate")
        let (_, diagnostics) = diagnose(json)
        let d = try expectDiagnostic(.dependentDrawnOrder, in: diagnostics, severity: .error)
        #expect(d.message.contains("\"q2\" refers to \"q1\""))
        #expect(d.message.contains("rotate order"))
        let at = try #require(position(of: #"{"id": "q2""#, in: json))
        #expect(d.location.line == at.line)
    }

    @Test func referencesFromAfterTheBlockAreFine() throws {
        let json = """
        {"id": "t", "version": "1", "title": "T",
         "sections": [
          {"id": "block", "order": "random", "items": [
            {"id": "q1", "type": "integer", "text": "One?"},
            {"id": "q2", "type": "integer", "text": "Two?"}
          ]},
          {"id": "later", "items": [
            {"id": "double", "type": "computed", "expression": "q1 * 2"},
            {"id": "q3", "type": "integer", "text": "Three?"}
          ]}
         ]}
        """
        // Outside the block a reference is fine.
        #expect(diagnose(json).1.filter { $0.code == .dependentDrawnOrder }.isEmpty)
    }

    @Test func aRandomSectionHoldsOnlyQuestions() throws {
        let json = Self.survey(block: """
            {"id": "q1", "type": "integer", "text": "One?"},
            {"id": "sum", "type": "computed", "expression": "age + 1"}
        """)
        let d = try expectDiagnostic(.dependentDrawnOrder, in: diagnose(json).1)
        #expect(d.message.contains("can hold only questions"))
        #expect(d.message.contains("\"sum\""))
    }

    @Test func orderOnAQuestionWithoutOptionsIsRefused() throws {
        let json = Self.survey(block: #"{"id": "q1", "type": "integer", "text": "One?", "order": "random"}"#, order: "fixed")
        let d = try expectDiagnostic(.invalidValue, in: diagnose(json).1)
        #expect(d.message.contains("no options to put in order"))
    }

    @Test func anUnknownOrderWordIsNamed() throws {
        let json = Self.survey(block: #"{"id": "q1", "type": "integer", "text": "One?"}"#, order: "shuffle")
        let d = try #require(diagnose(json).1.first { $0.message.contains("shuffle") })
        #expect(d.severity == .error)
        #expect(d.message.contains("random"))
    }

    @Test func theOrderIsPlannedAsAVariable() throws {
        let json = """
        {"id": "t", "version": "1", "title": "T", "sections": [{"id": "s", "items": [
          {"id": "brand", "type": "single", "order": "random", "text": "Brand?", "options": [
            {"code": 1, "name": "a", "label": "A"}, {"code": 12, "name": "b", "label": "B"}, {"code": 3, "name": "c", "label": "C"}]}
        ]}]}
        """
        let instrument = try #require(diagnose(json).0)
        let spec = try #require(instrument.variables.first { $0.name == "brand_order" })
        #expect(spec.kind == .text(maxLength: 6))
        #expect(spec.source == .optionOrder(question: 0, iteration: .none))
        #expect(instrument.variables.contains { $0.name == "language" })
    }
}
