import Foundation
import Testing
@testable import FieldworkExport
import FieldworkTestSupport

/// Counts how the writer reads its source: the export must stream, producing each row once (into
/// the spool, which measures it) and never asking for all rows at once.
final class CountingRowSource: ExportRowSource {
    let base: SyntheticRowSource
    private(set) var countCalls = 0
    private(set) var passes = 0
    private(set) var rowsRead = 0

    init(count: Int) { base = SyntheticRowSource(count: count) }

    func rowCount() throws -> Int {
        countCalls += 1
        return try base.rowCount()
    }

    func forEachRow(_ body: ([ExportCell]) throws -> Void) throws {
        passes += 1
        try base.forEachRow { row in
            rowsRead += 1
            try body(row)
        }
    }
}

struct ExportWriterTests {
    @Test(arguments: [ExportFormat.sav, .dta])
    func rowsAreProducedOnce(format: ExportFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = CountingRowSource(count: 2_000)
        let summary = try ExportWriter.write(schema: SyntheticRowSource.schema, rows: source, format: format,
                                             to: directory.appendingPathComponent("s.\(format.rawValue)"), overwrite: false)
        #expect(summary.rowCount == 2_000)
        // The spool counts and measures: the source is neither asked for a count nor read twice.
        #expect(source.countCalls == 0)
        #expect(source.passes == 1)
        #expect(source.rowsRead == 2_000)
    }

    @Test func undeclaredWidthsAreMeasuredInTheSamePass() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var schema = SyntheticRowSource.schema
        schema.variables[3].kind = .string(maxBytes: nil)
        let source = CountingRowSource(count: 1_000)
        try ExportWriter.write(schema: schema, rows: source, format: .sav,
                               to: directory.appendingPathComponent("s.sav"), overwrite: false)
        #expect(source.countCalls == 0)
        #expect(source.passes == 1)
        #expect(source.rowsRead == 1_000)
    }

    @Test func csvIsOnePass() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = CountingRowSource(count: 500)
        let summary = try ExportWriter.write(schema: SyntheticRowSource.schema, rows: source, format: .csv,
                                             to: directory.appendingPathComponent("s.csv"), overwrite: false)
        #expect(summary.rowCount == 500)
        #expect(source.passes == 1 && source.countCalls == 0)
        let lines = try String(contentsOf: directory.appendingPathComponent("s.csv"), encoding: .utf8)
            .components(separatedBy: "\r\n")
        #expect(lines.count == 502)  // header, 500 rows, empty after the last CRLF
    }

    @Test func textLongerThanItsDeclarationIsKeptWhole() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // An older questionnaire version may have allowed longer answers: the column takes the data's width.
        let schema = ExportSchema(variables: [ExportVariable(name: "t", label: "Text", kind: .string(maxBytes: 5))])
        let rows = ArrayRowSource([[.text("££££")], [.text("abc")], [.text("éééé")]])
        let measurement = try DataMeasurement.measure(schema: schema, rows: rows)
        for format in [ExportFormat.sav, .dta] {
            #expect(StatFileLayout(schema: schema, measurement: measurement, format: format).columns[0].storage == .string(width: 8))
            let summary = try ExportWriter.write(schema: schema, rows: rows, format: format,
                                                 to: directory.appendingPathComponent("t.\(format.rawValue)"), overwrite: false)
            #expect(summary.warnings.isEmpty)
        }
    }

    @Test func stataDropsLabelsItCannotKeyAndSaysSo() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = ExportSchema(variables: [
            ExportVariable(name: "score", label: "Score", kind: .numeric(decimals: 1),
                           valueLabels: [ValueLabel(1, "Low"), ValueLabel(1.5, "Middle")]),
        ])
        let dta = try ExportWriter.write(schema: schema, rows: ArrayRowSource([[.number(1.5)]]), format: .dta,
                                         to: directory.appendingPathComponent("s.dta"), overwrite: false)
        #expect(dta.warnings.count == 1)
        #expect(dta.warnings.first?.contains("code 1.5 is not a whole number") == true)
        let sav = try ExportWriter.write(schema: schema, rows: ArrayRowSource([[.number(1.5)]]), format: .sav,
                                         to: directory.appendingPathComponent("s.sav"), overwrite: false)
        #expect(sav.warnings.isEmpty)
    }

    @Test(arguments: ExportFormat.allCases)
    func zeroRowsStillMakeAReadableFile(format: ExportFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("empty.\(format.rawValue)")
        let summary = try ExportWriter.write(schema: ExportSampleDataset.schema, rows: ArrayRowSource([]),
                                             format: format, to: target, overwrite: false)
        #expect(summary.rowCount == 0)
        #expect(FileManager.default.fileExists(atPath: target.path))
    }
}
