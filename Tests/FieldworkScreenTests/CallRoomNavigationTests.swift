import FieldworkEngine
import FieldworkScreen
import Testing

/// The jump list with answers and a filter, the first-unanswered key, the section review, a hard
/// check's way to the other question, the soft check's wording and the resumed interview's
/// re-introduction.
@Suite("Moving around an interview")
struct CallRoomNavigationTests {
    @Test func theJumpListShowsAnswersAndFiltersAsYouType() throws {
        var driver = try CallRoomFixture.atLondon()
        #expect(driver.currentID == "q_london")
        driver.press(.function(5))
        var text = driver.screen(CallRoomFixture.wide).text
        #expect(text.contains("q_borough  Borough = 6 Camden"))
        #expect(text.contains("q_sectors  Sectors = 3 Making goods (manufacturing); 10 Information and communication"))
        #expect(text.contains("q_staff  Staff = 40"))
        driver.type("cam")
        text = driver.screen(CallRoomFixture.wide).text
        #expect(text.contains("Borough = 6 Camden"))
        #expect(!text.contains("q_staff"))
        #expect(driver.screen(CallRoomFixture.wide).plainLines[38].hasPrefix("Filter: cam"))
        driver.press(.escape)                    // clears the filter
        #expect(driver.screen(CallRoomFixture.wide).text.contains("q_staff  Staff = 40"))
        guard case .jumpList? = driver.controller.dialog else { Issue.record("the jump list closed on the first Esc"); return }
        driver.type("sites")
        driver.press(.enter)
        #expect(driver.currentID == "q_sites")
        #expect(driver.controller.dialog == nil)
    }

    @Test func aFilterThatMatchesNothingSaysSoAndEnterDoesNothing() throws {
        var driver = try CallRoomFixture.atLondon()
        driver.press(.ctrl("g"))
        driver.type("zzz")
        #expect(driver.screen().text.contains("No answered question matches \"zzz\""))
        driver.press(.enter)
        #expect(driver.currentID == "q_london")
        driver.press(.backspace, .backspace, .backspace)
        #expect(InterviewJumpList(interview: driver.interview).filtered("").count == 5)
    }

    @Test func theFirstUnansweredKeyGoesBackToWhereTheInterviewStopped() throws {
        var driver = try CallRoomFixture.atLondon()
        driver.press(.function(5)); driver.type("borough"); driver.press(.enter)
        #expect(driver.currentID == "q_borough")
        driver.press(.function(10))
        #expect(driver.currentID == "q_london")
        driver.press(.ctrl("f"))
        #expect(driver.currentID == "q_london")
        #expect(driver.controller.message?.text == "This is the first unanswered question.")
        driver.press(.function(4), .function(4))
        #expect(driver.currentID == "q_sites")
        driver.press(.ctrl("f"))
        #expect(driver.currentID == "q_london")
    }

    @Test func theReviewListsTheSectionsAnswersAndGoesToOne() throws {
        var driver = try CallRoomFixture.atLondon()
        driver.press(.function(11))
        var text = driver.screen().text
        #expect(text.contains("Review: People (section 2/2) — 1 of 2 answered"))
        #expect(text.contains("q_staff  Staff = 40"))
        #expect(text.contains("q_london  Staff in London = (not answered)  ← on screen"))
        #expect(!text.contains("q_borough"))
        driver.press(.up, .enter)
        #expect(driver.currentID == "q_staff")
        driver.press(.function(4))
        driver.press(.ctrl("o"))
        text = driver.screen(CallRoomFixture.wide).text
        #expect(text.contains("Review: Where the business is (section 1/2) — 4 of 4 answered"))
        #expect(text.contains("q_borough  Borough = 6 Camden"))
        #expect(text.contains("q_sites  Sites = 2  ← on screen"))
        driver.press(.escape)
        #expect(driver.controller.dialog == nil)
        #expect(driver.currentID == "q_sites")
    }

    @Test func aHardCheckOffersTheOtherQuestion() throws {
        var driver = try CallRoomFixture.atLondon()
        driver.type("50"); driver.press(.enter)
        guard case .hardCheck(_, let others, _)? = driver.controller.dialog else {
            Issue.record("expected the hard-check box, got \(String(describing: driver.controller.dialog))"); return
        }
        #expect(others.map(\.id) == ["q_staff"])
        let text = driver.screen().text
        #expect(text.contains("And how many of them work in London?"))
        #expect(text.contains("50 in London cannot be more than the 40 people in all."))
        #expect(text.contains("1. q_staff  Staff = 40"))
        driver.press(.character("1"))
        #expect(driver.currentID == "q_staff")
        driver.type("60"); driver.press(.enter)
        #expect(driver.currentID == "q_london")
        driver.type("50"); driver.press(.enter)
        #expect(driver.currentID == "q_comment")
    }

    @Test func escFromTheHardCheckKeepsTheEntryToChange() throws {
        var driver = try CallRoomFixture.atLondon()
        driver.type("50"); driver.press(.enter)
        driver.press(.escape)
        #expect(driver.controller.dialog == nil)
        #expect(driver.currentID == "q_london")
        #expect(driver.controller.editor.text == "50")
        #expect(driver.controller.message?.style == .alert)
        #expect(driver.screen().text.contains("cannot be more than"))
        driver.type("30"); driver.press(.enter)   // the refused entry gives way to the new one
        #expect(driver.currentID == "q_comment")
    }

    @Test func aCheckOnTheQuestionAloneStaysOnTheMessageLine() throws {
        var driver = try CallRoomFixture.atLondon()
        driver.press(.function(4))
        driver.type("0"); driver.press(.enter)     // below the range: no other question involved
        #expect(driver.controller.dialog == nil)
        #expect(driver.controller.message?.style == .alert)
    }

    @Test func theSoftCheckLeavesTheWordingVisible() throws {
        var driver = try CallRoomFixture.atLondon()
        driver.press(.function(4))
        driver.type("800"); driver.press(.enter)
        guard case .softCheck? = driver.controller.dialog else { Issue.record("expected the soft check"); return }
        let text = driver.screen().text
        #expect(text.contains("How many people work for the business in all?"))
        #expect(text.contains("Please check this answer"))
        #expect(text.contains("800 people is a large business for this survey. Please check."))
        #expect(driver.screen().styles(of: "How many people work") == [.readAloud])
    }

    @Test func aResumedInterviewOpensOnAReintroduction() throws {
        var driver = try CallRoomFixture.atLondon()
        driver.controller.showResumeIntroduction(InterviewResumeSummary(
            lastInterviewer: "I3", stoppedAt: "2026-11-30 14:02", howItStopped: InterviewResumeSummary.describeEnd("interrupted"),
            sittings: 1, answered: 5))
        let text = driver.screen().text
        #expect(text.contains("Resuming a partial interview"))
        #expect(text.contains("Last sitting by I3, stopped 2026-11-30 14:02: left by the interviewer."))
        #expect(text.contains("5 answers saved."))
        #expect(text.contains("It continues at q_london (Q 6): Staff in London"))
        #expect(text.contains("calling back to finish the survey"))
        driver.type("5")                           // ignored: the question is not on screen yet
        #expect(driver.controller.editor.isEmpty)
        driver.press(.enter)
        #expect(driver.controller.dialog == nil)
        #expect(driver.screen().text.contains("And how many of them work in London?"))
    }

    @Test func theSessionCaseScreenSaysAPartialInterviewExists() {
        let view = SessionCaseView(caseID: "S1", phone: "020 7946 0000", businessName: "Acme", reason: "Retry (call 2)",
                                   partialInterview: "Partial interview: 5 answers saved; stopped at q_london on 2026-11-30 14:02 by I3 (left by the interviewer). i resumes it.")
        let frame = SessionScreen.compose(view: view, controller: SessionCaseController(menu: []),
                                          context: SessionScreenContext(interviewerID: "I7", clock: "10:00"), size: .minimum)
        #expect(frame.text.contains("Partial interview: 5 answers saved; stopped at q_london"))
        #expect(frame.text.contains("I3 (left by the interviewer)"))
        #expect(frame.styles(of: "Partial interview") == [.warning])
    }
}
