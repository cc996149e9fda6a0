import FieldworkChecker
import FieldworkExpressions
import Testing
@testable import FieldworkEngine

/// Computed numbers keep the places their inputs declare: money adds up to the penny.
@Suite("Computed decimals")
struct DecimalComputedTests {
    let survey = questionnaire("""
      {"type": "decimal", "id": "a", "text": "First amount?", "min": 0, "max": 50000000, "decimals": 2},
      {"type": "decimal", "id": "b", "text": "Second amount?", "min": 0, "max": 50000000, "decimals": 2},
      {"type": "integer", "id": "n", "text": "How many?", "min": 1, "max": 10},
      {"type": "computed", "id": "total", "valueType": "decimal", "expression": "a + b"},
      {"type": "computed", "id": "each", "valueType": "decimal", "expression": "total / n"},
      {"type": "computed", "id": "scaled", "valueType": "decimal", "expression": "a * 1.5"},
      {"type": "text", "id": "bye", "text": "That is {total} in all, {a + b} again.", "maxLength": 20}
    """)

    @Test func sumsAreRoundedToTheLargestDeclaredPlaces() throws {
        let inst = try instrument(survey)
        var s = Session(inst)
        s.answer(.n(0.1)); s.answer(.n(0.2)); s.answer(.n(3))
        #expect(s.interview.computedValue(id: "total") == .number(0.3))
        #expect(s.interview.computedValue(id: "scaled") == .number(0.15), "a product keeps the places of both factors")
        #expect(s.interview.currentView()?.text == "That is 0.3 in all, 0.3 again.")
        let total = try #require(inst.computedIndex(id: "total"))
        #expect(inst.computedExtents[total] == NumericExtent(decimals: 2, magnitude: 100_000_000, canBeNegative: false))
        let each = try #require(inst.computedIndex(id: "each"))
        #expect(inst.computedExtents[each].decimals == nil, "a division is not bounded by its inputs")
        #expect(inst.variables.first { $0.name == "total" }?.kind == .numeric(decimals: 2))
    }
}
