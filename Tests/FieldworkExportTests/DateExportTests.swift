import FieldworkEngine
import FieldworkModel
import Foundation
import Testing
@testable import FieldworkExport
import FieldworkTestSupport

/// A questionnaire with one date question that allows don't know and refused, and one that
/// allows neither.
private let dateQuestionnaire = """
    {"id": "tq", "version": "1", "title": "Dates", "languages": ["en"],
     "missingCodes": {"dontKnow": -7, "refused": -8}, "targetMinutes": 5,
     "sections": [{"id": "main", "title": "Main", "items": [
        {"id": "when", "type": "date", "text": "When did it happen?", "label": "Date of the incident",
         "min": "1950-01-01", "max": "2030-12-31"},
        {"id": "born", "type": "date", "text": "Date of birth?", "min": "1900-01-01", "max": "2030-12-31",
         "allowDontKnow": false, "allowRefused": false}
     ]}]}
    """

@Suite("Dates: conversions to SPSS and Stata")
struct StatDateTests {
    private func day(_ text: String) throws -> Int { try #require(DateText.dayNumber(text)) }

    @Test("known dates to SPSS seconds since 1582-10-14 and back")
    func spss() throws {
        #expect(StatDate.spssSeconds(dayNumber: try day("1582-10-14")) == 0)
        #expect(StatDate.spssSeconds(dayNumber: try day("1582-10-15")) == 86_400)
        #expect(StatDate.spssSeconds(dayNumber: try day("1970-01-01")) == 12_219_379_200)
        #expect(StatDate.spssSeconds(dayNumber: try day("2026-11-30")) == 14_015_376_000)
        #expect(StatDate.dayNumber(spssSeconds: 0).map(DateText.text(dayNumber:)) == "1582-10-14")
        #expect(StatDate.dayNumber(spssSeconds: 12_219_379_200) == 0)
        #expect(StatDate.dayNumber(spssSeconds: 14_015_376_000).map(DateText.text(dayNumber:)) == "2026-11-30")
        // A time of day still falls on its date.
        #expect(StatDate.dayNumber(spssSeconds: 14_015_376_000 + 3_600).map(DateText.text(dayNumber:)) == "2026-11-30")
        #expect(StatDate.dayNumber(spssSeconds: .nan) == nil)
    }

    @Test("known dates to Stata days since 1960-01-01 and back")
    func stata() throws {
        #expect(StatDate.stataDays(dayNumber: try day("1960-01-01")) == 0)
        #expect(StatDate.stataDays(dayNumber: try day("1959-12-31")) == -1)
        #expect(StatDate.stataDays(dayNumber: try day("1970-01-01")) == 3_653)
        #expect(StatDate.stataDays(dayNumber: try day("2026-11-30")) == 24_440)
        #expect(StatDate.dayNumber(stataDays: 0).map(DateText.text(dayNumber:)) == "1960-01-01")
        #expect(StatDate.dayNumber(stataDays: 24_440).map(DateText.text(dayNumber:)) == "2026-11-30")
        #expect(StatDate.dayNumber(stataDays: 3_653) == 0)
        #expect(StatDate.dayNumber(stataDays: 0.5) == nil)
    }

    @Test("every day of a long span survives both round trips")
    func roundTrips() {
        for d in stride(from: -200_000, through: 200_000, by: 997) {
            #expect(StatDate.dayNumber(spssSeconds: StatDate.spssSeconds(dayNumber: d)) == d)
            #expect(StatDate.dayNumber(stataDays: StatDate.stataDays(dayNumber: d)) == d)
        }
    }
}

@Suite("Dates: export")
struct DateExportTests {
    @Test("a date question is a date variable that declares don't know and refused only where allowed")
    func plannedAsDate() throws {
        let fixture = try SurveyFixture(questionnaire: dateQuestionnaire)
        defer { fixture.remove() }
        let plan = SurveyColumnPlan(instrument: fixture.instrument, includeIdentifiers: false)
        let when = try #require(plan.columns.first { $0.variable.name == "when" }?.variable)
        #expect(when.kind == .date)
        #expect(when.missing.map(\.code) == [-7, -8])
        #expect(when.missing.map(\.label) == ["Don't know", "Refused"])
        let born = try #require(plan.columns.first { $0.variable.name == "born" }?.variable)
        #expect(born.kind == .date)
        #expect(born.missing.isEmpty)
        #expect(Codebook.typeText(try #require(plan.columns.first { $0.variable.name == "when" })).hasPrefix("date"))
    }

    @Test("dates are YYYY-MM-DD in CSV; don't know and refused on a date are their missing codes")
    func csvCells() throws {
        let fixture = try SurveyFixture(questionnaire: dateQuestionnaire)
        defer { fixture.remove() }
        try fixture.record("C1", [.answer(.date(try #require(DateText.dayNumber("2026-11-30")))), .answer(.date(0))])
        try fixture.record("C2", [.answer(.dontKnow), .answer(.date(-3_653))])
        try fixture.record("C3", [.answer(.refused), .answer(.date(1))])
        let rows = try fixture.exportCSV().rows
        #expect(rows.map { $0["when"] } == ["2026-11-30", "-7", "-8"])
        #expect(rows.map { $0["born"] } == ["1970-01-01", "1960-01-01", "1970-01-02"])
    }

    @Test("the CSV companions type the variable as a date and label its missing codes")
    func csvCompanions() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("dates.csv")
        _ = try ExportWriter.write(schema: ExportDateSample.schema, rows: ExportDateSample.rowSource,
                                   format: .csv, to: target, overwrite: false)
        let data = try String(contentsOf: target, encoding: .utf8)
        #expect(data == "id,incident\r\n1,2026-11-30\r\n2,-1\r\n3,-2\r\n4,\r\n5,1970-01-01\r\n6,1960-01-01\r\n")
        let variables = try String(contentsOf: directory.appendingPathComponent("dates.variables.csv"), encoding: .utf8)
        #expect(variables.contains("incident,Date of the most recent incident,date,,10,-1;-2\r\n"))
        let labels = try String(contentsOf: directory.appendingPathComponent("dates.labels.csv"), encoding: .utf8)
        #expect(labels.contains("incident,-1,Don't know\r\n") && labels.contains("incident,-2,Refused\r\n"))
    }

    @Test("a number or text in a date column is refused with the variable named", arguments: ExportFormat.allCases)
    func wrongCellsAreRefused(format: ExportFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for bad in [ExportCell.number(20_787), .text("2026-11-30")] {
            let target = directory.appendingPathComponent("bad-\(UUID().uuidString).\(format.fileExtension)")
            #expect {
                try ExportWriter.write(schema: ExportDateSample.schema, rows: ArrayRowSource([[.number(1), bad]]),
                                       format: format, to: target, overwrite: false)
            } throws: { error in
                "\(error)".contains("incident")
            }
            #expect(!FileManager.default.fileExists(atPath: target.path), "nothing is left under the final name")
        }
    }

    @Test("PSPP reads the .sav dates as SDATE10 dates, don't know and refused as labelled user-missing")
    func psppReadsDates() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("dates.sav")
        let summary = try ExportWriter.write(schema: ExportDateSample.schema, rows: ExportDateSample.rowSource,
                                             format: .sav, to: target, overwrite: false)
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        let syntax = """
            GET FILE='dates.sav'.
            DISPLAY DICTIONARY.
            LIST.
            FREQUENCIES VARIABLES=incident.
            COMPUTE days = DATEDIFF(incident, DATE.DMY(1,1,1970), "days").
            FORMATS days (F8.0).
            LIST VARIABLES=id days.
            """
        guard let report = try psppReport(syntax, in: directory) else { return }
        for line in [
            // A date display format, the codes declared user-missing and labelled.
            "incident,2,Date of the most recent incident,Scale,Input,8,Right,SDATE10,SDATE10,-1; -2",
            "Date of the most recent incident,.[a],Refused",
            ",.[a],Don't know",
            "1,2026/11/30", "5,1970/01/01", "6,1960/01/01", "4,.",
            // Don't know and refused are counted as missing, not as dates.
            "N,Valid,3",
            "Minimum,,1960/01/01",
            "Maximum,,2026/11/30",
            ",Refused,1,16.7%,,",
            ",Don't know,1,16.7%,,",
            // PSPP's own date arithmetic agrees on the day numbers.
            "1,20787", "5,0", "6,-3653", "2,.",
        ] {
            #expect(report.contains(line + "\n"), "PSPP output lacks line: \(line)\n\(report)")
        }
    }
}
