import FieldworkChecker
import FieldworkEngine
import FieldworkModel
import Testing
@testable import FieldworkScreen

@Suite("The screen: options in a drawn order, and switching language")
struct DrawnOrderScreenTests {
    static let json = #"""
    {"id": "s", "version": "1", "title": {"en": "Shop", "pl": "Ankieta sklepowa"}, "languages": ["en", "pl"],
     "sections": [{"id": "main", "title": {"en": "Main", "pl": "Główna"}, "items": [
       {"id": "shop", "type": "single", "order": "random", "text": {"en": "Where do you shop?", "pl": "Gdzie robi Pan/Pani zakupy?"},
        "options": [
          {"code": 11, "name": "market", "label": {"en": "Market", "pl": "Targ"}},
          {"code": 22, "name": "corner", "label": {"en": "Corner shop", "pl": "Sklep osiedlowy"}},
          {"code": 33, "name": "super", "label": {"en": "Supermarket", "pl": "Supermarket"}},
          {"code": 44, "name": "online", "label": {"en": "Online", "pl": "Przez internet"}},
          {"code": 98, "name": "none", "label": {"en": "Nowhere", "pl": "Nigdzie"}, "exclusive": true}
        ]},
       {"id": "kinds", "type": "multiple", "order": "rotate", "text": {"en": "What do you buy?", "pl": "Co Pan/Pani kupuje?"},
        "options": [
          {"code": 1, "name": "food", "label": {"en": "Food", "pl": "Jedzenie"}},
          {"code": 2, "name": "clothes", "label": {"en": "Clothes", "pl": "Ubrania"}},
          {"code": 3, "name": "books", "label": {"en": "Books", "pl": "Książki"}}
        ]},
       {"id": "age", "type": "integer", "text": {"en": "How old are you?", "pl": "Ile ma Pan/Pani lat?"}}
     ]}]}
    """#

    static func driver(seed: UInt64?) throws -> InterviewDriver {
        let (instrument, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "shop.json")
        guard let instrument else { throw FixtureError(message: diagnostics.map(\.description).joined(separator: "\n")) }
        return InterviewDriver(Interview(instrument: instrument, sample: SampleRecord([:]), seed: seed))
    }

    @Test(arguments: [UInt64(3), 17, 2_024])
    func theNumberShownChoosesTheOptionShown(seed: UInt64) throws {
        var d = try Self.driver(seed: seed)
        let view = try #require(d.interview.currentView())
        #expect(view.optionsReordered)
        let screen = d.screen(ScreenSize(width: 100, height: 40)).text
        // Each option appears with its place as the number to type.
        for (place, option) in view.options.enumerated() {
            #expect(screen.contains("\(place + 1). \(option.label)"), "option \(option.label) is not numbered \(place + 1):\n\(screen)")
        }
        #expect(!screen.contains("11. ") && !screen.contains("44. "))
        // Typing the second number records the second option's code.
        d.type("2")
        d.press(.enter)
        let second = view.options[1].code
        #expect(d.interview.activeAnswer(try #require(d.interview.key(for: QuestionAddress(id: "shop")))) == .choice(second, specify: nil))
    }

    @Test func aNumberBeyondTheListIsRefused() throws {
        var d = try Self.driver(seed: 5)
        d.type("11")
        d.press(.enter)
        #expect(d.currentID == "shop")
        #expect(d.controller.message?.text.contains("not a code") == true)
    }

    @Test func ticksInARotatedListAreNumberedAsShown() throws {
        var d = try Self.driver(seed: 8)
        d.type("1")
        d.press(.enter)
        let view = try #require(d.interview.currentView())
        #expect(view.address.id == "kinds")
        d.type("3")
        d.press(.enter)
        #expect(d.controller.toggled == [view.options[2].code])
        d.press(.enter)
        #expect(d.interview.activeAnswer(try #require(d.interview.key(for: QuestionAddress(id: "kinds")))) == .choices([view.options[2].code], specify: [:]))
    }

    @Test func writtenOrderStillTakesCodes() throws {
        var d = try Self.driver(seed: nil)
        #expect(d.interview.currentView()?.optionsReordered == false)
        #expect(d.screen(ScreenSize(width: 100, height: 40)).text.contains("44. Online"))
        d.type("44")
        d.press(.enter)
        #expect(d.interview.activeAnswer(try #require(d.interview.key(for: QuestionAddress(id: "shop")))) == .choice(44, specify: nil))
    }

    @Test func f9SwitchesTheLanguageAndItIsRecorded() throws {
        var d = try Self.driver(seed: 3)
        #expect(d.screen(ScreenSize(width: 100, height: 40)).text.contains("Where do you shop?"))
        d.press(.function(9))
        guard case .perform(.chooseLanguage("pl")) = d.lastIntent else {
            Issue.record("F9 did not ask to switch to Polish: \(d.lastIntent)")
            return
        }
        let screen = d.screen(ScreenSize(width: 100, height: 40)).text
        #expect(screen.contains("Gdzie robi Pan/Pani zakupy?"))
        #expect(screen.contains("Nigdzie"))
        #expect(screen.contains("Ankieta sklepowa"), "the title bar follows the language")
        #expect(!screen.contains("Where do you shop?"))
        #expect(d.interview.state.language == "pl")
        d.press(.ctrl("l"))
        #expect(d.screen(ScreenSize(width: 100, height: 40)).text.contains("Where do you shop?"))
    }

    @Test func withOneLanguageTheKeySaysSo() throws {
        var d = InterviewDriver(try InterviewFixture.interview())
        d.press(.function(9))
        #expect(d.lastIntent == .none)
        #expect(d.controller.message?.text.contains("one language (en)") == true)
    }

    @Test func theHelpListsTheLanguageKey() throws {
        var d = try Self.driver(seed: 1)
        d.press(.function(1))
        #expect(d.screen(ScreenSize(width: 120, height: 50)).text.contains("F9 / Ctrl-L"))
    }
}
