import Testing
@testable import FieldworkExport

struct UTF8CutTests {
    @Test func bytesNotCharacters() {
        #expect("£".utf8.count == 2)
        #expect(UTF8Cut.prefix("££££", maxBytes: 5) == "££")
        #expect(UTF8Cut.prefix("a£", maxBytes: 2) == "a")
        #expect(UTF8Cut.prefix("abc", maxBytes: 3) == "abc")
        #expect(UTF8Cut.prefix("abc", maxBytes: 0) == "")
    }

    @Test func neverSplitsACharacter() {
        let text = "Zoë said “café” 👍🏽 £"
        for limit in 0...text.utf8.count {
            let cut = UTF8Cut.prefix(text, maxBytes: limit)
            #expect(cut.utf8.count <= limit)
            #expect(text.hasPrefix(cut))
            // The cut ends exactly on a character boundary: the next character would not fit.
            let rest = text.dropFirst(cut.count)
            if let next = rest.first {
                #expect(cut.utf8.count + String(next).utf8.count > limit)
            }
        }
        // Combining accent (e + U+0301) stays with its letter.
        #expect(UTF8Cut.prefix("Zoe\u{301}", maxBytes: 4) == "Zo")
    }

    @Test func stataCountsCharacters() {
        let label = String(repeating: "é", count: 100)
        let cut = UTF8Cut.prefix(label, maxScalars: 80, maxBytes: 320)
        #expect(cut.count == 80)
        #expect(cut.utf8.count == 160)
        #expect(UTF8Cut.prefix(String(repeating: "👍", count: 90), maxScalars: 80, maxBytes: 320).utf8.count == 320)
    }

    @Test func savLayoutSizesStringsByBytes() throws {
        let schema = ExportSchema(variables: [
            ExportVariable(name: "t", label: String(repeating: "é", count: 200), kind: .string(maxBytes: nil)),
        ])
        let rows = ArrayRowSource([[.text("£££")], [.text("abcd")], [.systemMissing]])
        let measurement = try DataMeasurement.measure(schema: schema, rows: rows)
        #expect(measurement.rowCount == 3)
        #expect(measurement.measuredBytes == [6])
        let sav = StatFileLayout(schema: schema, measurement: measurement, format: .sav)
        #expect(sav.columns[0].storage == .string(width: 6))
        #expect(sav.columns[0].label.utf8.count == 254)  // 127 "é": 255 would split one
        #expect(sav.warnings.contains { $0.contains("variable label cut") })
        let dta = StatFileLayout(schema: schema, measurement: measurement, format: .dta)
        #expect(dta.columns[0].label.count == 80)
    }

    @Test func longTextIsStrLInStataAndAVeryLongStringInSPSS() throws {
        let schema = ExportSchema(variables: [ExportVariable(name: "t", label: "", kind: .string(maxBytes: nil))])
        let measurement = try DataMeasurement.measure(schema: schema, rows: ArrayRowSource([[.text(String(repeating: "£", count: 1500))]]))
        #expect(measurement.measuredBytes == [3000])
        #expect(StatFileLayout(schema: schema, measurement: measurement, format: .dta).columns[0].storage == .stringReference)
        let sav = StatFileLayout(schema: schema, measurement: measurement, format: .sav)
        #expect(sav.columns[0].storage == .string(width: 3000))
        #expect(sav.warnings.isEmpty)
    }
}
