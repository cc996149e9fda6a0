import FieldworkEngine
import FieldworkJournal
import Foundation
import Testing
@testable import FieldworkExport

@Suite("Survey export: versions and damaged journals")
struct SurveyVersionAndDamageTests {
    @Test("each interview replays with its own questionnaire version; names map onto the current plan")
    func versionMapping() throws {
        var fixture = try SurveyFixture()
        defer { fixture.remove() }
        try fixture.record("V1", [.answer(.choice(2, specify: nil)), .answer(.text("old")), .answer(.choice(1, specify: nil))])
        try fixture.change(to: surveyQuestionnaire(version: "2", extraQuestion: true, dropText: true))
        try fixture.record("V2", [.answer(.choice(2, specify: nil)), .answer(.choice(1, specify: nil)), .answer(.choice(2, specify: nil))])
        let (rows, report) = try fixture.exportCSV()
        #expect(rows.map { $0["q_version"] } == ["1", "2"])
        #expect(rows[0]["end"] == "1")
        #expect(rows[0]["rating"] == "", "not asked in version 1")
        #expect(rows[0]["comment"] == nil, "the current plan has no comment column")
        #expect(rows[1]["rating"] == "1")
        let note = try #require(report.versions.first)
        #expect(note.version == "1")
        #expect(note.interviews == 1)
        #expect(note.unmapped == ["comment"])
        #expect(note.absent == ["rating"])
        #expect(report.warnings.contains { $0.contains("comment") })
    }

    @Test("damaged records are skipped with a warning; --strict refuses and writes nothing")
    func corruption() throws {
        let fixture = try SurveyFixture()
        defer { fixture.remove() }
        try fixture.record("D1", [.answer(.choice(2, specify: nil)), .answer(.text("t")), .answer(.choice(1, specify: nil))])
        let url = fixture.directory.journalURL(for: try CaseID("D1"))
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data("this is not a journal record\n".utf8))
        handle.closeFile()

        let (rows, report) = try fixture.exportCSV()
        #expect(rows.count == 1)
        #expect(report.corruptRecords == 1)
        #expect(report.warnings.first?.contains("damaged") == true)

        let out = fixture.root.deletingLastPathComponent().appendingPathComponent("strict.sav")
        #expect(throws: SurveyExportError.self) {
            try SurveyExporter.export(directory: fixture.directory, records: FixtureRecords(), format: .sav, to: out,
                                      options: SurveyExportOptions(strict: true), overwrite: false)
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("a name the format rejects is reported before writing, naming the questionnaire")
    func invalidNameNamesQuestionnaire() throws {
        // The checker vets planned names; identifier sample fields join only on request, so "by"
        // (an SPSS keyword) first meets the .sav rules at export time.
        let q = surveyQuestionnaire().replacingOccurrences(of: "{\"name\": \"phone\"", with: "{\"name\": \"by\"")
        let fixture = try SurveyFixture(questionnaire: q)
        defer { fixture.remove() }
        let out = fixture.root.deletingLastPathComponent().appendingPathComponent("x.sav")
        do {
            try SurveyExporter.export(directory: fixture.directory, records: FixtureRecords(), format: .sav, to: out,
                                      options: SurveyExportOptions(includeIdentifiers: true), overwrite: false)
            Issue.record("expected the export to refuse")
        } catch let error as SurveyExportError {
            #expect(error.description.contains("questionnaire tq"))
            #expect(error.description.contains("by: a reserved word in SPSS"))
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("conditions read as words with option labels")
    func conditionWording() throws {
        let fixture = try SurveyFixture()
        defer { fixture.remove() }
        let plan = SurveyColumnPlan(instrument: fixture.instrument, includeIdentifiers: false)
        let describer = ConditionDescriber(instrument: fixture.instrument)
        let count = try #require(plan.columns.first { $0.variable.name == "count" })
        #expect(describer.describe(count) == "asked if victim is Yes")
        let cost = try #require(plan.columns.first { $0.variable.name == "cost_fraud" })
        #expect(describer.describe(cost).contains("asked for each option chosen at kinds; this column: Fraud"))
        #expect(CodebookRenderer.escape("<b>&\"'") == "&lt;b&gt;&amp;&quot;&#39;")
    }
}
