import FieldworkChecker
import FieldworkEngine
import FieldworkScreen
import Foundation
import Testing

@Suite("Interview screen composition")
struct InterviewScreenTests {
    @Test func headerShowsSurveyCaseSampleInterviewerProgressAndClock() throws {
        let driver = InterviewDriver(try InterviewFixture.interview())
        let frame = driver.screen()
        let lines = frame.plainLines
        #expect(lines[0].contains("Mini Business Survey"))
        #expect(lines[0].contains("Case C42"))
        #expect(lines[0].contains("Int I7"))
        #expect(lines[0].contains("02:05 / 30:00"))
        #expect(lines[1].contains("Acme Widgets Ltd · 020 7946 0000"))
        #expect(lines[1].contains("Section 1/2 · Q 1 of ~"))
        #expect(lines[2].contains("Getting started"))
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test func clockWarnsFiveMinutesBeforeTargetAndAlertsAtIt() throws {
        let driver = InterviewDriver(try InterviewFixture.interview())
        func clockStyle(_ seconds: Int) -> Set<Style> {
            var context = InterviewFixture.context
            context.elapsedSeconds = seconds
            return driver.screen(context: context).styles(of: InterviewScreen.clock(seconds))
        }
        #expect(clockStyle(24 * 60 + 59) == [.reverse])
        #expect(clockStyle(25 * 60) == [.warning])
        #expect(clockStyle(29 * 60 + 59) == [.warning])
        #expect(clockStyle(30 * 60) == [.alert])
        #expect(clockStyle(41 * 60) == [.alert])
        #expect(InterviewScreen.clock(3725) == "1:02:05")
    }

    @Test func readAloudTextIsPlainAndInstructionsArePrefixed() throws {
        let frame = InterviewDriver(try InterviewFixture.interview()).screen()
        let lines = frame.plainLines
        let question = try #require(lines.firstIndex { $0.hasPrefix("Thank you for taking part.") })
        #expect(frame.rows[question].spans.first?.style == .readAloud)
        let instruction = try #require(lines.firstIndex { $0.hasPrefix("▸ Business: Acme Widgets Ltd.") })
        #expect(frame.rows[instruction].spans.allSatisfy { $0.style == .instruction })
        #expect(!frame.styles(of: "Thank you").contains(.instruction))
    }

    @Test func notReadOptionsAreBracketedAndDim() throws {
        var driver = InterviewDriver(try InterviewFixture.interview())
        driver.press(.enter)                   // statement
        driver.type("2"); driver.press(.enter)  // q_kind = no: q_follow skipped
        driver.type("12"); driver.press(.enter) // q_staff
        #expect(driver.currentID == "q_role")
        let frame = driver.screen()
        #expect(frame.text.contains("  1. Owner or director"))
        #expect(frame.text.contains("[3] Something else (specify) [not read]"))
        #expect(frame.styles(of: "Something else") == [.dim])
        #expect(frame.styles(of: "Owner or director") == [.normal])
    }

    @Test func numberQuestionShowsUnitAndRange() throws {
        var driver = InterviewDriver(try InterviewFixture.interview())
        driver.press(.enter)
        driver.type("2"); driver.press(.enter)
        #expect(driver.currentID == "q_staff")
        let text = driver.screen().text
        #expect(text.contains("▸ Number from 1 to 1000 (people)"))
        #expect(text.contains("Number (people): "))
    }

    @Test func longTextWrapsWithoutLossAtBothSizes() throws {
        // A question far longer than the screen, with wide and accented characters.
        let long = String(repeating: "Zoë's Café in Müller Street sells £1,250 of 東京 goods every week. ", count: 30)
        let json = InterviewFixture.json.replacingOccurrences(of: "Thank you for taking part.", with: long)
        let (instrument, diagnostics) = Checker.check(bytes: Array(json.utf8), file: "long.json")
        let interview = Interview(instrument: try #require(instrument, "\(diagnostics)"), sample: SampleRecord(["business_name": "A", "phone": "1"]))
        let expected = try #require(interview.currentView()).text.split(separator: " ").joined(separator: " ")
        for size in [ScreenSize(width: 80, height: 24), ScreenSize(width: 60, height: 20)] {
            var controller = InterviewController()
            controller.sync(with: interview)
            var pages: [[String]] = []
            var body: [Int: String] = [:]
            var scroll = 0
            while true {
                controller.scroll = scroll
                let composition = InterviewScreen.compose(interview: interview, controller: controller, context: InterviewFixture.context, size: size)
                #expect(composition.frame.plainLines.allSatisfy { DisplayWidth.of($0) <= size.width })
                #expect(composition.scrollLimit > 0, "the question should need scrolling at \(size)")
                let lines = composition.frame.plainLines + Array(repeating: "", count: size.height)
                let page = Array(lines[4..<(4 + composition.bodyHeight)])
                pages.append(page)
                // With the body scrolled by `scroll`, the first line after the ▲ marker is body line `scroll`.
                let content = page.drop(while: { $0.hasPrefix("▲") })
                for (offset, line) in content.enumerated() where !line.hasPrefix("▼") { body[scroll + offset] = line }
                if scroll >= composition.scrollLimit { break }
                scroll += 1
            }
            let words = body.keys.sorted().compactMap { body[$0] }.flatMap { $0.split(separator: " ") }.joined(separator: " ")
            #expect(words.contains(expected), "size \(size)")
            #expect(pages.first?.last?.hasPrefix("▼") == true)
            #expect(pages.last?.first?.hasPrefix("▲") == true)
        }
    }

    @Test func scrollingMarksHiddenLinesAndReachesTheEnd() throws {
        let driver = InterviewDriver(try InterviewFixture.interview())
        var controller = driver.controller
        controller.dialog = .help
        let size = ScreenSize(width: 60, height: 20)
        let top = InterviewScreen.compose(interview: driver.interview, controller: controller, context: InterviewFixture.context, size: size)
        #expect(top.scrollLimit > 0)
        #expect(top.frame.text.contains("more line"))
        #expect(top.frame.text.contains("PgDn"))
        controller.scroll = top.scrollLimit
        let bottom = InterviewScreen.compose(interview: driver.interview, controller: controller, context: InterviewFixture.context, size: size)
        #expect(bottom.frame.text.contains("lines above"))
        #expect(bottom.frame.text.contains("Any other key closes this help."))
        #expect(!bottom.frame.text.contains("more line"))
    }

    @Test func sampleEscapeSequencesAreShownHarmlessly() throws {
        let driver = InterviewDriver(try InterviewFixture.interview())
        let context = InterviewScreenContext(caseID: "C1", interviewerID: "I1", sampleDisplay: ["Evil\u{1B}[2J Ltd"], elapsedSeconds: 0)
        let frame = driver.screen(context: context)
        #expect(frame.plainLines[1].contains("Evil^[[2J Ltd"))
        #expect(!frame.plainLines.joined().unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test func footerFitsAndListsHelp() throws {
        let driver = InterviewDriver(try InterviewFixture.interview())
        for width in [60, 80, 120] {
            let frame = driver.screen(ScreenSize(width: width, height: 24))
            let footer = frame.plainLines[23]
            #expect(DisplayWidth.of(footer) == width)
            #expect(footer.contains("F1 help"))
            #expect(footer.contains("F2 DK"))
        }
        #expect(driver.screen(ScreenSize(width: 120, height: 24)).plainLines[23].contains("F8 stop"))
    }
}
