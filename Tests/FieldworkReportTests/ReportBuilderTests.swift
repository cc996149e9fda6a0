import FieldworkCases
import FieldworkEngine
import Foundation
import GRDB
import XCTest
@testable import FieldworkReport

final class ReportBuilderTests: XCTestCase {
    let now = instant("2026-06-10T12:00:00Z")

    /// Four completes (one don't know, one refused at victim), a refusal and a case never called:
    /// every figure checked against counts worked out by hand.
    func testFiguresFromAHandMadeStoreAndJournals() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.interview("C1", by: "ann", start: instant("2026-06-01T08:00:00Z"), minutes: 12,
                              answers: [.choice(1, specify: nil), .number(10), .choices([1, 2], specify: [:])])
        try fixture.interview("C2", by: "ann", start: instant("2026-06-01T09:00:00Z"), minutes: 4,
                              answers: [.choice(2, specify: nil), .number(30), .choices([2], specify: [:])])
        try fixture.interview("C3", by: "bob", start: instant("2026-06-01T22:40:00Z"), minutes: 10,
                              answers: [.dontKnow, .dontKnow, .choices([3], specify: [:])])
        try fixture.interview("C4", by: "bob", start: instant("2026-06-02T10:00:00Z"), minutes: 14,
                              answers: [.refused, .number(20), .dontKnow])
        let store = try fixture.store()
        try fixture.importCases(["C1", "C2", "C3", "C4", "R1", "F1"], store: store)
        let ends = ["C1": "2026-06-01T08:12:00Z", "C2": "2026-06-01T09:04:00Z", "C3": "2026-06-01T22:50:00Z", "C4": "2026-06-02T10:14:00Z"]
        var calls: [(CallAttemptInput, Date)] = ends.map { (CallAttemptInput(caseID: $0.key, interviewer: $0.key < "C3" ? "ann" : "bob",
                                                                               outcome: .interviewComplete), instant($0.value)) }
        calls.append((CallAttemptInput(caseID: "R1", interviewer: "ann", outcome: .hardRefusal), instant("2026-06-01T08:30:00Z")))
        _ = try store.recordAttempts(calls)

        let report = try ReportBuilder(directory: fixture.root, now: now).build()
        XCTAssertFalse(report.noCases)
        XCTAssertEqual(report.progress.totalCases, 6)
        XCTAssertEqual(report.progress.completes, 4)
        // C3 ends at 23:50 London time on 1 June; C4 on the 2nd.
        XCTAssertEqual(report.progress.completesByDay, [.init(day: "2026-06-01", completes: 3), .init(day: "2026-06-02", completes: 1)])
        XCTAssertEqual(report.progress.byInterviewer.map(\.completes), [2, 2])
        // The AAPOR counts are the store's: I = 4, R = 1, one fresh case unknown (3.11 → UH).
        XCTAssertEqual(report.aapor.counts["I"], 4)
        XCTAssertEqual(report.aapor.counts["R"], 1)
        XCTAssertEqual(report.aapor.counts["UH"], 1)
        let rr1 = try XCTUnwrap(report.aapor.rates.first { $0.name == "RR1" }?.value)
        XCTAssertEqual(rr1, 4.0 / 6.0, accuracy: 1e-12)
        XCTAssertEqual(report.progress.contactRate ?? -1, 5.0 / 6.0, accuracy: 1e-12)  // CON1 = (I+P+R+O)/(D+U)

        // Lengths 4, 10, 12, 14: median 11, p90 rank ⌈3.6⌉ = 4 → 14; C2 (4 < 5.5) is very short.
        XCTAssertEqual(report.lengths.interviews, 4)
        XCTAssertEqual(report.lengths.medianMinutes, 11)
        XCTAssertEqual(report.lengths.p90Minutes, 14)
        XCTAssertEqual(report.lengths.shortInterviews.map(\.caseID), ["C2"])
        XCTAssertEqual(report.lengths.shareOverTarget, 0.5)

        let toplines = Dictionary(uniqueKeysWithValues: report.toplines.questions.map { ($0.variable, $0) })
        XCTAssertEqual(report.toplines.weighting, "unweighted")
        let victim = try XCTUnwrap(toplines["victim"])
        XCTAssertEqual(victim.kind, .single)
        XCTAssertEqual(victim.base, 4)
        XCTAssertEqual(victim.rows.map(\.count), [1, 1])
        XCTAssertEqual(victim.rows.map(\.percent), [25, 25])
        XCTAssertEqual(victim.dontKnow.count, 1)
        XCTAssertEqual(victim.refused.count, 1)
        let staff = try XCTUnwrap(toplines["staff"]?.numbers)
        XCTAssertEqual(staff.answered, 3)
        XCTAssertEqual(staff.mean, 20)
        XCTAssertEqual(staff.median, 20)
        XCTAssertEqual(toplines["staff"]?.dontKnow.count, 1)
        let kinds = try XCTUnwrap(toplines["kinds"])
        XCTAssertEqual(kinds.kind, .multiple)
        XCTAssertEqual(kinds.base, 4)
        XCTAssertEqual(kinds.rows.map(\.label), ["Theft", "Fraud", "Damage"])
        XCTAssertEqual(kinds.rows.map(\.count), [1, 2, 1])
        XCTAssertEqual(kinds.rows.map(\.percent), [25, 50, 25])
        XCTAssertEqual(kinds.dontKnow.count, 1)
        XCTAssertNil(victim.rows[0].weightedPercent)
    }

    /// With a weights table: weighted percentages beside unweighted bases; a complete without a weight is named in a note.
    func testWeightsGiveWeightedPercentagesBesideUnweightedBases() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let start = instant("2026-06-01T08:00:00Z")
        try fixture.interview("W1", by: "ann", start: start, minutes: 10, answers: [.choice(1, specify: nil), .number(10), .choices([1], specify: [:])])
        try fixture.interview("W2", by: "ann", start: start, minutes: 10, answers: [.choice(2, specify: nil), .number(40), .choices([2], specify: [:])])
        try fixture.interview("W3", by: "ann", start: start, minutes: 10, answers: [.choice(2, specify: nil), .number(70), .choices([2], specify: [:])])
        let store = try fixture.store()
        try fixture.importCases(["W1", "W2", "W3"], store: store)
        try fixture.addWeights(["W1": 3, "W2": 1])
        let report = try ReportBuilder(directory: fixture.root, now: now).build()
        XCTAssertTrue(report.toplines.weighted)
        XCTAssertEqual(report.toplines.completesWithoutWeight, 1)
        XCTAssertTrue(report.notes.contains { $0.contains("1 completed interview(s) have no row in the weights table") })
        let victim = try XCTUnwrap(report.toplines.questions.first { $0.variable == "victim" })
        XCTAssertEqual(victim.base, 3)
        XCTAssertEqual(victim.weightedBase, 4)
        XCTAssertEqual(victim.rows.map(\.count), [1, 2])
        XCTAssertEqual(victim.rows.map(\.weightedPercent), [75, 25])
        let staff = try XCTUnwrap(report.toplines.questions.first { $0.variable == "staff" }?.numbers)
        XCTAssertEqual(staff.weightedMean, (3 * 10 + 1 * 40) / 4.0)
        XCTAssertEqual(staff.mean, 40)
    }

    func testABadWeightIsAnErrorNamingTheCase() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let store = try fixture.store()
        try fixture.importCases(["W1"], store: store)
        try fixture.addWeights(["W1": -2])
        XCTAssertThrowsError(try ReportBuilder(directory: fixture.root, now: now).build()) { error in
            XCTAssertTrue("\(error)".contains("give case W1 the weight -2"), "\(error)")
        }
    }

    /// No cases and no journals: a report that says so, rates n/a, and every renderer copes.
    func testAnEmptySurveySaysSoAndHasNoRates() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let report = try ReportBuilder(directory: fixture.root, now: now).build()
        XCTAssertTrue(report.noCases)
        XCTAssertTrue(report.notes.contains { $0.hasPrefix("no cases") })
        XCTAssertTrue(report.aapor.rates.allSatisfy { $0.value == nil })
        XCTAssertNil(report.aapor.e)
        XCTAssertNil(report.progress.callsPerHour)
        XCTAssertNil(report.progress.contactRate)
        XCTAssertNil(report.lengths.medianMinutes)
        XCTAssertEqual(report.toplines.completes, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("cases.sqlite").path),
                       "a report never creates the case store")
        let json = try ReportFormat.json.render(report)
        XCTAssertTrue(json.contains("\"RR1\" : null") || json.contains("\"value\" : null"))
        XCTAssertFalse(json.lowercased().contains("nan"))
        let text = try ReportFormat.text.render(report)
        XCTAssertTrue(text.contains("no cases"))
        let html = try ReportFormat.html.render(report)
        XCTAssertTrue(html.contains("no cases"))
        XCTAssertFalse(html.contains("<script"))
    }

    func testHTMLIsSelfContainedWithCharts() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        try fixture.interview("H1", by: "ann <b>", start: instant("2026-06-01T08:00:00Z"), minutes: 10,
                              answers: [.choice(1, specify: nil), .number(10), .choices([1], specify: [:])])
        let store = try fixture.store()
        try fixture.importCases(["H1"], store: store)
        _ = try store.recordAttempts([(CallAttemptInput(caseID: "H1", interviewer: "ann", outcome: .interviewComplete), instant("2026-06-01T08:10:00Z"))])
        let html = try ReportFormat.html.render(try ReportBuilder(directory: fixture.root, now: now).build())
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("src="))
        XCTAssertFalse(html.contains("href="))
        XCTAssertFalse(html.contains("url("))
        XCTAssertFalse(html.contains("ann <b>"))
        XCTAssertTrue(html.contains("ann &lt;b&gt;"))
    }
}
