import FieldworkEngine
import Foundation
import Testing
@testable import FieldworkExport

@Suite("Survey export: cells")
struct SurveyCellMappingTests {
    @Test("answers on the path are exported; loops get one column per pass; multiple choice is 0/1")
    func onPathAnswers() throws {
        let fixture = try SurveyFixture()
        defer { fixture.remove() }
        try fixture.record("C1", [
            .answer(.choice(1, specify: nil)), .answer(.number(3)),
            .answer(.choices([1, 3], specify: [3: "arson"])),
            .answer(.number(120)), .answer(.dontKnow),
            .answer(.text("fine, \"thanks\"")), .answer(.choice(2, specify: nil)),
        ])
        let (rows, report) = try fixture.exportCSV()
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["case_id"] == "C1")
        #expect(row["victim"] == "1")
        #expect(row["count"] == "3")
        #expect(row["kinds_theft"] == "1")
        #expect(row["kinds_fraud"] == "0")
        #expect(row["kinds_other"] == "1")
        #expect(row["kinds_other_spec"] == "arson")
        #expect(row["cost_theft"] == "120")
        #expect(row["cost_fraud"] == "")
        #expect(row["cost_other"] == "-1")
        #expect(row["comment"] == "fine, \"thanks\"")
        #expect(row["status"] == "complete")
        #expect(row["disposition"] == "1.1")
        #expect(row["region"] == "North")
        #expect(row["phone"] == nil, "identifiers stay out unless asked for")
        #expect(report.rows == 1)
    }

    @Test("an answer that left the path after an earlier answer changed is never exported")
    func offPathAnswerIsNotExported() throws {
        let fixture = try SurveyFixture()
        defer { fixture.remove() }
        let interview = try fixture.record("C2", [
            .answer(.choice(1, specify: nil)), .answer(.number(4)), .answer(.choices([2], specify: [:])),
            .jump(QuestionAddress(id: "victim")), .answer(.choice(2, specify: nil)),
            .answer(.text("none")), .answer(.choice(1, specify: nil)),
        ])
        // The engine still holds the old answers, flagged off the path.
        let countKey = try #require(interview.key(for: QuestionAddress(id: "count")))
        #expect(interview.state.answers[countKey]?.status == .offPath)
        let row = try #require(try fixture.exportCSV().rows.first)
        #expect(row["victim"] == "2")
        #expect(row["count"] == "", "off-path answer must be system-missing")
        #expect(row["kinds_fraud"] == "")
        #expect(row["cost_fraud"] == "")
        #expect(row["end"] == "1")
    }

    @Test("don't know and refused become the missing codes, in every option column of a multiple choice")
    func missingCodes() throws {
        let fixture = try SurveyFixture()
        defer { fixture.remove() }
        try fixture.record("C3", [
            .answer(.choice(1, specify: nil)), .answer(.refused), .answer(.dontKnow),
            .answer(.text("x")), .answer(.refused),
        ])
        let row = try #require(try fixture.exportCSV().rows.first)
        #expect(row["count"] == "-2")
        for option in ["theft", "fraud", "other", "none"] { #expect(row["kinds_\(option)"] == "-1") }
        #expect(row["end"] == "-2")
        #expect(row["cost_theft"] == "", "a loop over a don't-know answer makes no passes")
    }

    @Test("partials only with --include-partials, with their status; identifiers only when asked")
    func partialsAndIdentifiers() throws {
        let fixture = try SurveyFixture()
        defer { fixture.remove() }
        try fixture.record("A-done", [.answer(.choice(2, specify: nil)), .answer(.text("ok")), .answer(.choice(1, specify: nil))])
        try fixture.record("B-part", [.answer(.choice(1, specify: nil))], complete: false)
        let defaults = try fixture.exportCSV()
        #expect(defaults.rows.map { $0["case_id"] } == ["A-done"])
        #expect(defaults.report.partialsLeftOut == 1)
        let all = try fixture.exportCSV(options: SurveyExportOptions(includePartials: true, includeIdentifiers: true))
        #expect(all.rows.map { $0["case_id"] } == ["A-done", "B-part"])
        #expect(all.rows[1]["status"] == "partial")
        #expect(all.rows[1]["disposition"] == "")
        #expect(all.rows[0]["phone"] == "020 7946 0000")
    }

    @Test("variable order: metadata, identifiers (when asked), sample, then questions in order")
    func columnPlan() throws {
        let fixture = try SurveyFixture()
        defer { fixture.remove() }
        let plan = SurveyColumnPlan(instrument: fixture.instrument, includeIdentifiers: true)
        let names = plan.columns.map(\.variable.name)
        #expect(Array(names.prefix(12)) == ["case_id", "interviewer", "status", "disposition", "start_time", "end_time",
                                             "duration_s", "q_version", "skipped_records", "language", "phone", "region"])
        let victim = try #require(plan.columns.first { $0.variable.name == "victim" }?.variable)
        #expect(victim.missing.map(\.code) == [-1, -2])
        #expect(victim.missing.map(\.stataTag) == ["a", "b"])
        #expect(victim.valueLabels.map(\.label) == ["Yes", "No"])
    }
}
