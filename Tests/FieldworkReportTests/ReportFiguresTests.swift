import FieldworkCases
import Foundation
import XCTest
@testable import FieldworkReport

final class ReportFiguresTests: XCTestCase {
    /// Lengths 4, 10, 12, 14, 20 minutes: median 12, threshold 6 (50 %), so only the 4-minute one is flagged;
    /// p90 is rank ⌈4.5⌉ = 5, i.e. 20.
    func testLengthsMedianP90AndShortInterviews() {
        let figures = LengthFigures(targetMinutes: 11, interviews: [
            ("A1", "ann", 10), ("A2", "ann", 4), ("B1", "bob", 12), ("B2", "bob", 14), ("B3", "bob", 20),
        ])
        XCTAssertEqual(figures.interviews, 5)
        XCTAssertEqual(figures.medianMinutes, 12)
        XCTAssertEqual(figures.p90Minutes, 20)
        XCTAssertEqual(figures.shortThresholdMinutes, 6)
        XCTAssertEqual(figures.shareOverTarget, 3.0 / 5.0)
        XCTAssertEqual(figures.shortInterviews, [.init(caseID: "A2", interviewer: "ann", minutes: 4)])
        XCTAssertEqual(figures.byInterviewer.map(\.interviewer), ["ann", "bob"])
        XCTAssertEqual(figures.byInterviewer[0].medianMinutes, 7)       // (4 + 10) / 2
        XCTAssertEqual(figures.byInterviewer[0].p90Minutes, 10)         // rank ⌈1.8⌉ = 2
        XCTAssertEqual(figures.byInterviewer[0].shortInterviews, 1)
        XCTAssertEqual(figures.byInterviewer[1].medianMinutes, 14)
        XCTAssertEqual(figures.byInterviewer[1].shortInterviews, 0)
    }

    /// An interview of exactly half the median is not "shorter than" it.
    func testExactlyHalfTheMedianIsNotFlagged() {
        let figures = LengthFigures(targetMinutes: 10, interviews: [("A", "x", 5), ("B", "x", 10), ("C", "x", 10)])
        XCTAssertEqual(figures.shortThresholdMinutes, 5)
        XCTAssertTrue(figures.shortInterviews.isEmpty)
    }

    /// A floor of 11 minutes flags 10 and 4 as well (threshold max(6, 11) = 11); a floor under half the median changes nothing.
    func testAFixedFloorFlagsInterviewsUnderItToo() {
        let interviews: [(caseID: String, interviewer: String, minutes: Double)] =
            [("A1", "ann", 10), ("A2", "ann", 4), ("B1", "bob", 12), ("B2", "bob", 14), ("B3", "bob", 20)]
        let floored = LengthFigures(targetMinutes: 11, interviews: interviews, shortFloorMinutes: 11)
        XCTAssertEqual(floored.shortThresholdMinutes, 11)
        XCTAssertEqual(floored.shortInterviews.map(\.caseID), ["A2", "A1"])
        XCTAssertEqual(floored.shortRule, "shorter than 50 % of the overall median or than 11 minutes")
        let low = LengthFigures(targetMinutes: 11, interviews: interviews, shortFloorMinutes: 3)
        XCTAssertEqual(low.shortInterviews.map(\.caseID), ["A2"])
        // Without interviews the floor alone is the threshold.
        XCTAssertEqual(LengthFigures(targetMinutes: 11, interviews: [], shortFloorMinutes: 5).shortThresholdMinutes, 5)
    }

    func testNoInterviewsGiveNoFiguresRatherThanZeros() {
        let figures = LengthFigures(targetMinutes: 10, interviews: [])
        XCTAssertNil(figures.medianMinutes)
        XCTAssertNil(figures.p90Minutes)
        XCTAssertNil(figures.shareOverTarget)
        XCTAssertNil(figures.shortThresholdMinutes)
        XCTAssertTrue(figures.shortInterviews.isEmpty)
    }

    /// London is UTC+1 in June: 22:30Z is 23:30 on the 1st, 23:30Z is 00:30 on the 2nd. Calls per hour
    /// counts clock hours with a call per interviewer and day: ann calls at 09:10, 09:50 and 10:05 local
    /// (2 hours, 3 calls), and at 23:30 and 00:30 (2 more hours on two days).
    func testCompletesPerDayFollowTheSurveyTimeZone() {
        let calls = [
            StoredCall(caseID: "A", at: instant("2026-06-01T08:10:00Z"), interviewer: "ann", outcome: "no-answer", finalCode: nil),
            StoredCall(caseID: "B", at: instant("2026-06-01T08:50:00Z"), interviewer: "ann", outcome: "interview-complete", finalCode: "1.1"),
            StoredCall(caseID: "C", at: instant("2026-06-01T09:05:00Z"), interviewer: "ann", outcome: "hard-refusal", finalCode: "2.11"),
            StoredCall(caseID: "D", at: instant("2026-06-01T22:30:00Z"), interviewer: "ann", outcome: "interview-complete", finalCode: "1.1"),
            StoredCall(caseID: "E", at: instant("2026-06-01T23:30:00Z"), interviewer: "ann", outcome: "interview-complete", finalCode: "1.1"),
            StoredCall(caseID: "F", at: instant("2026-06-01T23:40:00Z"), interviewer: "bob", outcome: "interview-complete", finalCode: "1.1"),
        ]
        let progress = ProgressFigures(totalCases: 6, byStatus: [], calls: calls, timeZone: TimeZone(identifier: "Europe/London")!,
                                       contactRate: nil)
        XCTAssertEqual(progress.completesByDay, [.init(day: "2026-06-01", completes: 2), .init(day: "2026-06-02", completes: 2)])
        XCTAssertEqual(progress.completes, 4)
        XCTAssertEqual(progress.calls, 6)
        let ann = progress.byInterviewer[0]
        XCTAssertEqual(ann.interviewer, "ann")
        XCTAssertEqual(ann.calls, 5)
        XCTAssertEqual(ann.hoursWithCalls, 4)
        XCTAssertEqual(ann.callsPerHour, 5.0 / 4.0)
        XCTAssertEqual(ann.completes, 3)
        XCTAssertEqual(progress.byInterviewer[1].callsPerHour, 1)
        XCTAssertEqual(progress.hoursWithCalls, 5)
        XCTAssertEqual(progress.callsPerHour, 6.0 / 5.0)
        // In UTC the same calls fall on one day.
        let utc = ProgressFigures(totalCases: 6, byStatus: [], calls: calls, timeZone: TimeZone(identifier: "UTC")!, contactRate: nil)
        XCTAssertEqual(utc.completesByDay, [.init(day: "2026-06-01", completes: 4)])
    }

    func testNoCallsGiveNoRateRatherThanADivisionByZero() {
        let progress = ProgressFigures(totalCases: 0, byStatus: [], calls: [], timeZone: TimeZone(identifier: "UTC")!, contactRate: nil)
        XCTAssertNil(progress.callsPerHour)
        XCTAssertEqual(progress.hoursWithCalls, 0)
        XCTAssertTrue(progress.completesByDay.isEmpty)
    }

    func testQuotaCellRemainingNeverBelowZero() {
        XCTAssertEqual(QuotaCellFigure(rule: "r", cell: "a", target: 10, achieved: 4).remaining, 6)
        XCTAssertEqual(QuotaCellFigure(rule: "r", cell: "a", target: 3, achieved: 4).remaining, 0)
        XCTAssertNil(QuotaCellFigure(rule: "r", cell: "a", target: nil, achieved: 4).remaining)
    }
}
