import FieldworkEngine
import FieldworkScreen
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
        let long = String(repeating: "Zoë's Café in Müller Street sells £1,250 of 東京 goods. ", count: 12)
        let sample = InterviewScreenContext(caseID: "C1", interviewerID: "I1", sampleDisplay: ["x"], elapsedSeconds: 0)
        let base = try InterviewFixture.instrument()
        _ = base
        let driver = InterviewDriver(try InterviewFixture.interview())
        for size in [ScreenSize(width: 80, height: 24), ScreenSize(width: 60, height: 20)] {
            // Every word of the question appears across the scrolled pages, in order.
            var controller = driver.controller
            controller.message = InterviewMessage(long, style: .warning)
            var words: [Substring] = []
            var seen = Set<Int>()
            var scroll = 0
            while true {
                controller.scroll = scroll
                let composition = InterviewScreen.compose(interview: driver.interview, controller: controller, context: sample, size: size)
                #expect(composition.frame.plainLines.allSatisfy { DisplayWidth.of($0) <= size.width })
                let body = composition.frame.plainLines[4..<min(composition.frame.plainLines.count, 4 + composition.bodyHeight)]
                for line in body where !line.hasPrefix("▲") && !line.hasPrefix("▼") { words += line.split(separator: " ") }
                if seen.contains(composition.frame.plainLines.hashValue) || scroll >= composition.scrollLimit { break }
                seen.insert(composition.frame.plainLines.hashValue)
                scroll = min(composition.scrollLimit, scroll + max(1, composition.bodyHeight - 2))
            }
            let expected = driver.interview.currentView()!.text.split(separator: " ")
            let joined = words.joined(separator: " ")
            #expect(joined.contains(expected.joined(separator: " ")), "size \(size)")
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
