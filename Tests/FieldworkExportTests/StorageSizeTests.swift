import Foundation
import Testing
@testable import FieldworkExport

/// Storage sized to the data (issue 17): Stata whole-number types from the values a column holds,
/// strings as wide as the longest value, and the spool that measures rows without producing them twice.
struct StorageSizeTests {
    @Test func stataTypesFollowStatasOwnRanges() {
        #expect(StataWholeNumber.smallest(holding: 0...1) == .byte)
        #expect(StataWholeNumber.smallest(holding: -127...100) == .byte)
        #expect(StataWholeNumber.smallest(holding: 0...101) == .int)
        #expect(StataWholeNumber.smallest(holding: -128...0) == .int)
        #expect(StataWholeNumber.smallest(holding: 0...32_740) == .int)
        #expect(StataWholeNumber.smallest(holding: 0...32_741) == .long)
        #expect(StataWholeNumber.smallest(holding: 0...2_147_483_620) == .long)
        #expect(StataWholeNumber.smallest(holding: 0...2_147_483_621) == nil)
    }

    @Test func dtaLayoutPicksTheSmallestExactType() throws {
        let schema = ExportSchema(variables: [
            ExportVariable(name: "flag", label: "", kind: .numeric(decimals: 0), missing: [.dontKnow]),
            ExportVariable(name: "count", label: "", kind: .numeric(decimals: 0)),
            ExportVariable(name: "money", label: "", kind: .numeric(decimals: 2)),
            ExportVariable(name: "never", label: "", kind: .numeric(decimals: 0)),
            ExportVariable(name: "id", label: "", kind: .string(maxBytes: 256)),
        ])
        let rows = ArrayRowSource([
            [.number(1), .number(40_000), .number(12.5), .systemMissing, .text("BAS-00001")],
            [.missing(code: -1), .number(-3), .number(100), .systemMissing, .text("BAS-1")],
        ])
        let measurement = try DataMeasurement.measure(schema: schema, rows: rows)
        let dta = StatFileLayout(schema: schema, measurement: measurement, format: .dta)
        #expect(dta.columns.map(\.storage) == [
            .whole(.byte, decimals: 0), .whole(.long, decimals: 0), .numeric(decimals: 2), .whole(.byte, decimals: 0),
            .string(width: 9),
        ])
        // SPSS stores every number as a double; the width is still sized to the data.
        let sav = StatFileLayout(schema: schema, measurement: measurement, format: .sav)
        #expect(sav.columns[0].storage == .numeric(decimals: 0))
        #expect(sav.columns[4].storage == .string(width: 9))
    }

    @Test func spoolGivesBackEveryCellExactly() throws {
        let schema = ExportSchema(variables: (0..<6).map { ExportVariable(name: "v\($0)", label: "", kind: .numeric(decimals: 0)) })
        let long = String(repeating: "é£👍", count: 200_000)  // over the spool's 1 MiB read buffer
        let rows: [[ExportCell]] = [
            [.number(1.5), .text("a"), .date(dayNumber: 20_000), .dateTime(unixSeconds: 1_800_000_000), .systemMissing, .missing(code: -2)],
            [.number(-0.0), .text(""), .date(dayNumber: -5), .dateTime(unixSeconds: -1), .text(long), .number(.greatestFiniteMagnitude)],
        ]
        let (spool, measurement) = try RowSpool.spool(ArrayRowSource(rows), schema: schema)
        #expect(measurement.rowCount == 2)
        #expect(try spool.rowCount() == 2)
        for _ in 0..<2 {  // read twice: the Stata strL pass and the row pass
            var back: [[ExportCell]] = []
            try spool.forEachRow { back.append($0) }
            #expect(back == rows)
        }
    }

    @Test func multipleResponseRecordGoesBeforeTheTerminationRecord() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mr-\(UUID().uuidString).sav")
        defer { try? FileManager.default.removeItem(at: url) }
        let schema = ExportSchema(variables: [
            ExportVariable(name: "media_radio_long_name", label: "Where: Radio", kind: .numeric(decimals: 0)),
            ExportVariable(name: "media_web", label: "Where: Web", kind: .numeric(decimals: 0)),
        ], multipleResponseSets: [MultipleResponseSet(name: "media", label: "Where", variables: ["media_radio_long_name", "media_web"])])
        try ExportWriter.write(schema: schema, rows: ArrayRowSource([[.number(1), .number(0)]]), format: .sav, to: url, overwrite: false)
        let bytes = try Data(contentsOf: url)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("$media=D1 1 5 Where "))
        // Written once, and the file still ends with the row ReadStat wrote after the dictionary.
        #expect(text.components(separatedBy: "$media=").count == 2)
    }
}
