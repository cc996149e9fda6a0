import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import Foundation
import Testing
@testable import FieldworkExport

/// A questionnaire with options in random order, in two languages.
let orderedExportQuestionnaire = """
{"id": "tq", "version": "1", "title": {"en": "Shops", "pl": "Sklepy"}, "languages": ["en", "pl"],
 "sampleFields": [{"name": "phone", "type": "phone", "identifier": true, "label": {"en": "Phone", "pl": "Telefon"}},
                  {"name": "region", "type": "text", "label": {"en": "Region", "pl": "Region"}}],
 "sections": [{"id": "main", "title": {"en": "Main", "pl": "Główna"}, "items": [
    {"id": "shop", "type": "single", "order": "random", "text": {"en": "Where?", "pl": "Gdzie?"}, "options": [
      {"code": 1, "name": "market", "label": {"en": "Market", "pl": "Targ"}},
      {"code": 2, "name": "corner", "label": {"en": "Corner shop", "pl": "Sklep osiedlowy"}},
      {"code": 3, "name": "super", "label": {"en": "Supermarket", "pl": "Supermarket"}},
      {"code": 4, "name": "online", "label": {"en": "Online", "pl": "Przez internet"}},
      {"code": 9, "name": "none", "label": {"en": "Nowhere", "pl": "Nigdzie"}, "exclusive": true}]},
    {"id": "age", "type": "integer", "text": {"en": "Age?", "pl": "Wiek?"}}
 ]}]}
"""

@Suite("Exporting the order shown and the language")
struct DrawnOrderExportTests {
    @Test func theOrderAndTheLanguageAreExported() throws {
        let fixture = try SurveyFixture(questionnaire: orderedExportQuestionnaire)
        defer { fixture.remove() }
        let first = try fixture.record("C1", [.chooseLanguage("pl"), .answer(.choice(2, specify: nil)), .answer(.number(40))])
        let second = try fixture.record("C2", [.answer(.choice(9, specify: nil)), .answer(.number(30))])
        let (rows, _) = try fixture.exportCSV()
        let byCase = Dictionary(uniqueKeysWithValues: rows.map { ($0["case_id"] ?? "", $0) })
        let shop = InstanceKey(item: 0, iteration: .none)
        for (caseID, interview) in [("C1", first), ("C2", second)] {
            let order = try #require(interview.optionOrder(of: shop)).map { [1, 2, 3, 4, 9][$0] }
            #expect(byCase[caseID]?["shop_order"] == order.map(String.init).joined(separator: " "))
            #expect(order.last == 9)
        }
        #expect(byCase["C1"]?["language"] == "pl")
        #expect(byCase["C2"]?["language"] == "en")
        #expect(byCase["C1"]?["shop"] == "2")
    }

    @Test func aResumedInterviewKeepsItsSeed() throws {
        let fixture = try SurveyFixture(questionnaire: orderedExportQuestionnaire)
        defer { fixture.remove() }
        let started = try fixture.record("C1", [], complete: false)
        let seed = try #require(started.seed)
        let resumed = try fixture.record("C1", [.answer(.choice(1, specify: nil)), .answer(.number(50))])
        #expect(resumed.seed == seed)
        let journal = try String(contentsOf: fixture.directory.journalURL(for: try CaseID("C1")), encoding: .utf8)
        #expect(journal.components(separatedBy: "\"type\":\"seed\"").count == 2, "the seed is journalled once")
    }
}
