import FieldworkEngine
import FieldworkJournal
import Foundation
import Testing
@testable import FieldworkExport

/// A damaged record in the middle of a journal: skipped alone when the rest of the history still
/// replays, the case left out (and named) when it does not.
@Suite("Survey export: damaged records inside a history")
struct SurveyDamagedHistoryTests {
    /// victim yes → count → kinds (theft, fraud) → cost[theft] → cost[fraud] → comment → end.
    static let fullInterview: [InterviewCommand] = [
        .answer(.choice(1, specify: nil)), .answer(.number(3)), .answer(.choices([1, 2], specify: [:])),
        .answer(.number(100)), .answer(.number(250)), .answer(.text("ok")), .answer(.choice(2, specify: nil)),
    ]

    /// Flips one byte inside the data of the `occurrence`-th record of `kind` whose line mentions
    /// `containing`, so that its checksum fails and the reader skips it.
    static func damage(_ fixture: SurveyFixture, case caseID: String, kind: String, containing: String) throws {
        let url = fixture.directory.journalURL(for: try CaseID(caseID))
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("\"kind\":\"\(kind)\"") && $0.contains(containing) })
        lines[index] = lines[index].replacingOccurrences(of: containing, with: String(containing.reversed()))
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    @Test("a damaged note record is skipped alone: every answer is kept and the row says a record was skipped")
    func damagedNoteIsSkippedAlone() throws {
        let fixture = try SurveyFixture()
        defer { fixture.remove() }
        var withNote = Self.fullInterview
        withNote.insert(.note("respondent asked to hurry"), at: 3)
        try fixture.record("A1", withNote)
        try fixture.record("A2", Self.fullInterview)
        try Self.damage(fixture, case: "A1", kind: "interview.note", containing: "hurry")

        let (rows, report) = try fixture.exportCSV()
        #expect(rows.map { $0["case_id"] } == ["A1", "A2"])
        #expect(rows[0]["status"] == "complete")
        #expect(rows[0]["cost_fraud"] == "250")
        #expect(rows[0]["end"] == "2")
        #expect(rows[0]["skipped_records"] == "1")
        #expect(rows[1]["skipped_records"] == "0")
        #expect(report.leftOut.isEmpty)
        #expect(report.casesWithSkippedRecords == 1)
        #expect(report.warnings.contains { $0.contains("skipped_records") })
    }

    @Test("a damaged answer in the middle leaves the case out, named, in every format; other cases are exported whole")
    func damagedAnswerLeavesTheCaseOut() throws {
        let fixture = try SurveyFixture()
        defer { fixture.remove() }
        try fixture.record("B1", Self.fullInterview)
        try fixture.record("B2", Self.fullInterview)
        try fixture.record("B3", Self.fullInterview)
        try Self.damage(fixture, case: "B2", kind: "interview.answer", containing: "\"question\":\"cost[1]\"")

        for options in [SurveyExportOptions(), SurveyExportOptions(includePartials: true)] {
            let (rows, report) = try fixture.exportCSV(options: options)
            #expect(rows.map { $0["case_id"] } == ["B1", "B3"])
            #expect(rows.allSatisfy { $0["status"] == "complete" && $0["skipped_records"] == "0" })
            let left = try #require(report.leftOut.first)
            #expect(report.leftOut.count == 1)
            #expect(left.caseID == "B2")
            #expect(left.reason.contains("line"), "the reason points at the damaged line: \(left.reason)")
            #expect(report.warnings.contains { $0.contains("B2") })
        }

        // The .sav and .dta headers carry the row count: it must match the rows written.
        for format in [ExportFormat.sav, .dta] {
            let out = fixture.root.deletingLastPathComponent().appendingPathComponent("damaged.\(format.rawValue)")
            let result = try SurveyExporter.export(directory: fixture.directory, records: FixtureRecords(), format: format, to: out,
                                                   options: SurveyExportOptions(), overwrite: true)
            #expect(result.summary.rowCount == 2)
            #expect(result.report.rows == 2)
            #expect(result.report.leftOut.map(\.caseID) == ["B2"])
        }
    }
}
