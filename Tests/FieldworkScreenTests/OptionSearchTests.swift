import FieldworkEngine
import FieldworkScreen
import Testing

/// Typing letters on a long code frame filters it; digits still type codes; long lists take two
/// columns when the window is wide enough.
@Suite("Search in code frames")
struct OptionSearchTests {
    private func code(_ driver: InterviewDriver, _ id: String) -> Response? {
        driver.interview.onPathAnswers.first { driver.interview.address(of: $0.key).id == id }?.response
    }

    @Test func lettersFilterTheBoroughsAndEnterPicksTheMatch() throws {
        var driver = try CallRoomFixture.atBorough()
        #expect(driver.currentID == "q_borough")
        #expect(driver.screen().text.contains("Type the code, or letters of the name to search the list."))
        driver.type("tow")
        let text = driver.screen().text
        #expect(text.contains("Search \"tow\": 1 of 33"))
        #expect(text.contains("» 30. Tower Hamlets"))
        #expect(!text.contains("Camden"))
        #expect(driver.screen().plainLines[22].hasPrefix("Find: tow"))
        driver.press(.enter)
        #expect(driver.currentID == "q_sectors")
        #expect(code(driver, "q_borough") == .choice(30, specify: nil))
    }

    @Test func theBestMatchIsHighlightedAndArrowsMoveAmongTheMatches() throws {
        var driver = try CallRoomFixture.atBorough()
        driver.type("HAM")
        let view = try #require(driver.interview.currentView())
        let search = try #require(driver.controller.optionSearch(view))
        // Barking and Dagenham, Hammersmith and Fulham, Kingston upon Thames, Lewisham, Newham,
        // Richmond upon Thames, Tower Hamlets, Waltham Forest: in list order.
        #expect(search.matches == [1, 13, 21, 23, 25, 27, 30, 31])
        #expect(search.highlighted == 13)   // the label starts with the search
        driver.press(.down)
        driver.press(.down)
        #expect(driver.screen().text.contains("» 23. Lewisham"))
        driver.press(.up, .down)
        driver.press(.enter)
        #expect(code(driver, "q_borough") == .choice(23, specify: nil))
    }

    @Test func aNameThatStartsWithTheSearchIsPreferredOverAnEarlierMatchInsideAWord() throws {
        let driver = try CallRoomFixture.atBorough()
        let options = try #require(driver.interview.currentView()).options
        let search = InterviewOptionSearch(query: "king", options: options)
        #expect(search.matches == [1, 21])     // Barking and Dagenham, Kingston upon Thames
        #expect(search.highlighted == 21)
        #expect(InterviewOptionSearch(query: "king", options: options, preferred: 1).highlighted == 1)
        #expect(InterviewOptionSearch(query: "upon tham", options: options).matches == [21, 27])
    }

    @Test func digitsStillPickCodes() throws {
        var driver = try CallRoomFixture.atBorough()
        driver.type("12")
        #expect(!driver.screen().text.contains("Search"))
        #expect(driver.screen().plainLines[22].hasPrefix("Code: 12"))
        driver.press(.enter)
        #expect(code(driver, "q_borough") == .choice(12, specify: nil))
    }

    @Test func backspaceWidensTheSearchAndEscShowsTheWholeList() throws {
        var driver = try CallRoomFixture.atBorough()
        driver.type("towx")
        #expect(driver.screen().text.contains("No option matches \"towx\""))
        driver.press(.enter)
        #expect(driver.currentID == "q_borough")
        #expect(driver.controller.message?.style == .alert)
        #expect(driver.controller.editor.text == "towx")
        driver.press(.backspace)
        #expect(driver.controller.editor.text == "tow")
        #expect(driver.screen().text.contains("1 of 33"))
        driver.press(.escape)
        #expect(driver.controller.editor.isEmpty)
        let text = driver.screen(ScreenSize(width: 80, height: 30)).text
        #expect(!text.contains("Search"))
        #expect(text.contains("Barking and Dagenham"))
        #expect(text.contains("Westminster"))
        #expect(driver.currentID == "q_borough")
    }

    @Test func accentsAndCaseAreIgnored() throws {
        #expect(InterviewOptionSearch.fold("Żoliborz Café") == "zoliborz cafe")
        var driver = try CallRoomFixture.atBorough()
        driver.type("6"); driver.press(.enter)
        #expect(driver.currentID == "q_sectors")
        driver.type("CAFE")
        #expect(driver.screen().text.contains("Hotels, cafés and restaurants"))
        #expect(driver.screen().text.contains("1 of 21"))
    }

    @Test func multipleChoiceSearchTicksAndSpaceIsTypedIntoTheSearch() throws {
        var driver = try CallRoomFixture.atBorough()
        driver.type("6"); driver.press(.enter)
        driver.type("estate ag")
        #expect(driver.controller.editor.text == "estate ag")   // Space did not tick anything
        #expect(driver.controller.toggled.isEmpty)
        driver.press(.enter)
        #expect(driver.controller.toggled == [12])
        #expect(driver.controller.editor.isEmpty)
        driver.type("3"); driver.press(.character(" "))
        #expect(driver.controller.toggled == [3, 12])
        driver.type("educ"); driver.press(.enter)
        #expect(driver.controller.toggled == [3, 12, 16])
        driver.press(.enter)
        #expect(driver.currentID == "q_sites")
        #expect(code(driver, "q_sectors") == .choices([3, 12, 16], specify: [:]))
    }

    @Test func longListsUseTwoColumnsWhenTheWidthAllows() throws {
        let driver = try CallRoomFixture.atBorough()
        let lines = driver.screen(ScreenSize(width: 80, height: 32)).plainLines
        // 33 options in two columns: 17 rows, read down then across.
        let first = try #require(lines.first { $0.contains("1.  Barking and Dagenham") })
        #expect(first.contains("18. Hounslow"))
        #expect(lines.contains { $0.contains("16. Havering") && $0.contains("33. Westminster") })
        let last = try #require(lines.first { $0.contains("17. Hillingdon") })
        #expect(last.trimmingSuffixSpaces == "    17. Hillingdon")
        // Labels line up within a column, and the right column starts at the same place on every row.
        let nine = try #require(lines.first { $0.contains("9.  Ealing") })
        #expect(nine.range(of: "Ealing")?.lowerBound.utf16Offset(in: nine) == first.range(of: "Barking")?.lowerBound.utf16Offset(in: first))
        #expect(nine.range(of: "26. Redbridge")?.lowerBound.utf16Offset(in: nine) == first.range(of: "18. Hounslow")?.lowerBound.utf16Offset(in: first))
        let narrow = driver.screen(ScreenSize(width: 50, height: 60)).plainLines
        #expect(!narrow.contains { $0.contains("Barking") && $0.contains("Hounslow") })
        #expect(narrow.contains { $0.contains("13. Hammersmith and Fulham") })
    }

    @Test func theHighlightedMatchIsScrolledIntoView() throws {
        var driver = try CallRoomFixture.atBorough()
        driver.type("e")   // most boroughs
        for _ in 0..<20 { driver.press(.down) }
        let view = try #require(driver.interview.currentView())
        let search = try #require(driver.controller.optionSearch(view))
        let highlighted = try #require(search.highlighted)
        #expect(driver.screen(ScreenSize(width: 80, height: 24)).text.contains("» \(highlighted). "))
    }

    @Test func shortListsKeepTheirKeysAndTextQuestionsTakeLetters() throws {
        var driver = InterviewDriver(try InterviewFixture.interview())
        driver.press(.enter)
        #expect(!driver.screen().text.contains("letters of the name"))
        driver.type("n")
        #expect(driver.screen().text.contains("» 2. No"))
        driver.press(.enter)
        #expect(driver.currentID == "q_staff")
    }

    @Test func theKeyGuideNamesSearchAndTheNewKeys() {
        let keys = InterviewKeyGuide.help.map(\.keys)
        #expect(keys.contains("letters (choice)"))
        #expect(keys.contains("F10 / Ctrl-F"))
        #expect(keys.contains("F11 / Ctrl-O"))
    }
}

private extension String {
    var trimmingSuffixSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
