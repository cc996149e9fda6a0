import Foundation
import Testing
@testable import FieldworkExport

/// Seconds since 1970-01-01 00:00:00 UTC of two instants the tests know in every format.
private let unixEpoch = 0
/// 2026-11-30T10:15:30Z.
private let lateNovember = 1_796_033_730

/// A date-time column as each format stores it, with an empty cell for an interview never sat.
private let dateTimeSchema = ExportSchema(variables: [
    ExportVariable(name: "id", label: "Case", kind: .numeric(decimals: 0)),
    ExportVariable(name: "start_time", label: "Interview start (UTC)", kind: .dateTime),
], fileLabel: "Date-time test")

private let dateTimeRows: [[ExportCell]] = [
    [.number(1), .dateTime(unixSeconds: lateNovember)],
    [.number(2), .dateTime(unixSeconds: unixEpoch)],
    [.number(3), .systemMissing],
    [.number(4), .dateTime(unixSeconds: StatDateTime.stataOriginUnixSeconds - 1)],
]

@Suite("Date-times: conversions to SPSS and Stata")
struct StatDateTimeTests {
    @Test("the formats' origins in seconds since 1970")
    func origins() {
        #expect(StatDateTime.spssOriginUnixSeconds == -12_219_379_200)
        #expect(StatDateTime.stataOriginUnixSeconds == -315_619_200)
        #expect(UTCTimestamp.format(unixSeconds: StatDateTime.spssOriginUnixSeconds) == "1582-10-14T00:00:00Z")
        #expect(UTCTimestamp.format(unixSeconds: StatDateTime.stataOriginUnixSeconds) == "1960-01-01T00:00:00Z")
        #expect(UTCTimestamp.format(unixSeconds: lateNovember) == "2026-11-30T10:15:30Z")
    }

    @Test("known instants to SPSS seconds since 1582-10-14 00:00 and back")
    func spss() {
        #expect(StatDateTime.spssSeconds(unixSeconds: unixEpoch) == 12_219_379_200)
        #expect(StatDateTime.spssSeconds(unixSeconds: lateNovember) == 14_015_412_930)
        #expect(StatDateTime.spssSeconds(unixSeconds: StatDateTime.spssOriginUnixSeconds) == 0)
        #expect(StatDateTime.unixSeconds(spssSeconds: 12_219_379_200) == unixEpoch)
        #expect(StatDateTime.unixSeconds(spssSeconds: 14_015_412_930) == lateNovember)
        // A fraction of a second belongs to the second it started in.
        #expect(StatDateTime.unixSeconds(spssSeconds: 14_015_412_930.75) == lateNovember)
        #expect(StatDateTime.unixSeconds(spssSeconds: .nan) == nil)
        // Same day as the date conversion gives.
        #expect(StatDate.dayNumber(spssSeconds: StatDateTime.spssSeconds(unixSeconds: lateNovember))
                == lateNovember / StatDate.secondsPerDay)
    }

    @Test("known instants to Stata %tc milliseconds since 1960-01-01 00:00 and back")
    func stata() {
        #expect(StatDateTime.stataMilliseconds(unixSeconds: unixEpoch) == 315_619_200_000)
        #expect(StatDateTime.stataMilliseconds(unixSeconds: lateNovember) == 2_111_652_930_000)
        #expect(StatDateTime.stataMilliseconds(unixSeconds: StatDateTime.stataOriginUnixSeconds - 1) == -1_000)
        #expect(StatDateTime.unixSeconds(stataMilliseconds: 315_619_200_000) == unixEpoch)
        #expect(StatDateTime.unixSeconds(stataMilliseconds: 2_111_652_930_000) == lateNovember)
        #expect(StatDateTime.unixSeconds(stataMilliseconds: 2_111_652_930_999) == lateNovember)
        #expect(StatDateTime.unixSeconds(stataMilliseconds: -1_000) == StatDateTime.stataOriginUnixSeconds - 1)
        #expect(StatDateTime.unixSeconds(stataMilliseconds: .infinity) == nil)
    }

    @Test("instants across centuries survive both round trips")
    func roundTrips() {
        for s in stride(from: -20_000_000_000, through: 20_000_000_000, by: 99_999_937) {
            #expect(StatDateTime.unixSeconds(spssSeconds: StatDateTime.spssSeconds(unixSeconds: s)) == s)
            #expect(StatDateTime.unixSeconds(stataMilliseconds: StatDateTime.stataMilliseconds(unixSeconds: s)) == s)
        }
    }
}

@Suite("Date-times: export")
struct DateTimeExportTests {
    @Test("start_time and end_time are date-time variables; CSV keeps the UTC text")
    func interviewTimes() throws {
        let fixture = try SurveyFixture()
        defer { fixture.remove() }
        let plan = SurveyColumnPlan(instrument: fixture.instrument, includeIdentifiers: false)
        for name in ["start_time", "end_time"] {
            let column = try #require(plan.columns.first { $0.variable.name == name })
            #expect(column.variable.kind == .dateTime)
            #expect(column.variable.missing.isEmpty)
            #expect(Codebook.typeText(column).hasPrefix("date-time"))
        }
        #expect(plan.columns.first { $0.variable.name == "duration_s" }?.variable.kind == .numeric(decimals: 0))
        // The fixture opens the sitting at 2026-01-05T09:00:00Z, answers 10 s later and closes the
        // sitting 5 s after that: the end is the close of the last sitting, not the last answer.
        try fixture.record("C1", [.answer(.choice(1, specify: nil))], complete: false)
        let row = try #require(try fixture.exportCSV(options: SurveyExportOptions(includePartials: true)).rows.first)
        #expect(row["start_time"] == "2026-01-05T09:00:00Z")
        #expect(row["end_time"] == "2026-01-05T09:00:15Z")
    }

    @Test("CSV writes instants as UTC text and types them datetime in the dictionary")
    func csv() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("times.csv")
        _ = try ExportWriter.write(schema: dateTimeSchema, rows: ArrayRowSource(dateTimeRows), format: .csv, to: target, overwrite: false)
        let data = try String(contentsOf: target, encoding: .utf8)
        #expect(data == "id,start_time\r\n1,2026-11-30T10:15:30Z\r\n2,1970-01-01T00:00:00Z\r\n3,\r\n4,1959-12-31T23:59:59Z\r\n")
        let variables = try String(contentsOf: directory.appendingPathComponent("times.variables.csv"), encoding: .utf8)
        #expect(variables.contains("start_time,Interview start (UTC),datetime,,20,\r\n"))
    }

    @Test("a number, date or text in a date-time column is refused with the variable named", arguments: ExportFormat.allCases)
    func wrongCellsAreRefused(format: ExportFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for bad in [ExportCell.number(1_796_033_730), .date(dayNumber: 20_787), .text("2026-11-30T10:15:30Z")] {
            let target = directory.appendingPathComponent("bad-\(UUID().uuidString).\(format.fileExtension)")
            #expect {
                try ExportWriter.write(schema: dateTimeSchema, rows: ArrayRowSource([[.number(1), bad]]),
                                       format: format, to: target, overwrite: false)
            } throws: { error in
                "\(error)".contains("start_time")
            }
        }
    }

    @Test("PSPP reads the .sav instants as DATETIME20 to the second")
    func psppReadsDateTimes() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("times.sav")
        let summary = try ExportWriter.write(schema: dateTimeSchema, rows: ArrayRowSource(dateTimeRows),
                                             format: .sav, to: target, overwrite: false)
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        let syntax = """
            GET FILE='times.sav'.
            DISPLAY DICTIONARY.
            LIST.
            COMPUTE since = DATEDIFF(start_time, DATE.DMY(1,1,1970), "seconds").
            FORMATS since (F12.0).
            LIST VARIABLES=id since.
            """
        guard let report = try psppReport(syntax, in: directory) else { return }
        for line in [
            "start_time,2,Interview start (UTC),Scale,Input,8,Right,DATETIME20.0,DATETIME20.0",
            "1,30-NOV-2026 10:15:30", "2,01-JAN-1970 00:00:00", "3,.", "4,31-DEC-1959 23:59:59",
            "1,1796033730", "2,0", "3,.", "4,-315619201",
        ] {
            #expect(report.contains(line + "\n"), "PSPP output lacks line: \(line)\n\(report)")
        }
    }
}
