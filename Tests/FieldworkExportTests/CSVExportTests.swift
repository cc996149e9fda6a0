import FieldworkBasics
import FieldworkExpressions
import Foundation
import Testing
@testable import FieldworkExport
import FieldworkTestSupport

struct CSVExportTests {
    @Test func quotingFollowsRFC4180() {
        #expect(CSVExportWriter.field("plain £ é") == "plain £ é")
        #expect(CSVExportWriter.field("a,b") == "\"a,b\"")
        #expect(CSVExportWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVExportWriter.field("one\ntwo") == "\"one\ntwo\"")
        #expect(CSVExportWriter.field("one\rtwo") == "\"one\rtwo\"")
        #expect(CSVExportWriter.field("") == "")
        #expect(CSVExportWriter.record(["a", "b,c"]) == "a,\"b,c\"\r\n")
    }

    @Test func numbersReadBackExactly() {
        #expect(DecimalText.shortest(3) == "3")
        #expect(DecimalText.shortest(-2) == "-2")
        #expect(DecimalText.shortest(12.5) == "12.5")
        #expect(DecimalText.shortest(0.1) == "0.1")
        #expect(Double(DecimalText.shortest(1.0 / 3.0)) == 1.0 / 3.0)
    }

    @Test func numbersAreWrittenWithAtMostTheirDeclaredDecimals() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("money.csv")
        let schema = ExportSchema(variables: [ExportVariable(name: "cost", label: "Cost", kind: .numeric(decimals: 2)),
                                              ExportVariable(name: "n", label: "Count", kind: .numeric(decimals: 0))])
        let rows = ArrayRowSource([[.number(2534.8300000000004), .number(3)], [.number(0.1 + 0.2), .number(2.6)]])
        try ExportWriter.write(schema: schema, rows: rows, format: .csv, to: target, overwrite: false)
        #expect(try String(contentsOf: target, encoding: .utf8) == "cost,n\r\n2534.83,3\r\n0.3,3\r\n")
    }

    @Test func displayWidthsFitTheDeclaredRange() {
        let money = NumericExtent(decimals: 2, magnitude: 50_000_000, canBeNegative: false)
        #expect(NumericDisplayWidth.width(for: money, decimals: 2, hasNegativeCodes: true) == 12)
        #expect(NumericDisplayWidth.width(for: money, decimals: 2, hasNegativeCodes: false) == 11)
        #expect(NumericDisplayWidth.width(for: NumericExtent(decimals: 0, magnitude: 99, canBeNegative: false), decimals: 0,
                                          hasNegativeCodes: true) == 8, "never narrower than F8")
        #expect(NumericDisplayWidth.width(for: .unknown, decimals: 2, hasNegativeCodes: false) == 16)
    }

    @Test func sampleDatasetBytes() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("sample.csv")
        let summary = try ExportWriter.write(schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource,
                                             format: .csv, to: target, overwrite: false)
        #expect(summary.files.map(\.lastPathComponent) == ["sample.csv", "sample.labels.csv", "sample.variables.csv", "sample.sps", "sample.do"])
        #expect(summary.rowCount == 5)

        let data = try Data(contentsOf: target)
        #expect(!data.starts(with: [0xEF, 0xBB, 0xBF]))  // no byte-order mark
        let expected = "caseid,sector,turnover,comment\r\n"
            + "1,1,12.5,\"Rent is £2,000 a month\"\r\n"
            + "2,3,-1,\"Café owner said \"\"too dear\"\"\"\r\n"
            + "3,-2,-2,\"Line one\nline two, Zoë\"\r\n"
            + "4,-1,,\r\n"
            + "5,2,0.25,\r\n"
        #expect(String(decoding: data, as: UTF8.self) == expected)

        let labels = try String(contentsOf: directory.appendingPathComponent("sample.labels.csv"), encoding: .utf8)
        #expect(labels == "variable,value,label\r\n"
            + "sector,1,Retail\r\nsector,2,Finance\r\nsector,3,Café & hospitality\r\n"
            + "sector,-1,Don't know\r\nsector,-2,Refused\r\n"
            + "turnover,-1,Don't know\r\nturnover,-2,Refused\r\n")
        let variables = try String(contentsOf: directory.appendingPathComponent("sample.variables.csv"), encoding: .utf8)
        #expect(variables.hasPrefix("name,label,type,decimals,max_bytes,missing\r\ncaseid,Case identifier,numeric,0,,\r\n"))
        #expect(variables.contains("turnover,Annual turnover (£m),numeric,2,,-1;-2\r\n"))
        #expect(variables.contains("comment,Any other comments? (Zoë's probe),string,,,\r\n"))
    }

    @Test func companionFilesAreCheckedBeforeWriting() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("keep".utf8).write(to: directory.appendingPathComponent("out.labels.csv"))
        let error = #expect(throws: ExportError.self) {
            try ExportWriter.write(schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource,
                                   format: .csv, to: directory.appendingPathComponent("out.csv"), overwrite: false)
        }
        #expect(error == .fileExists(path: directory.appendingPathComponent("out.labels.csv").path))
        #expect(try directoryListing(directory) == ["out.labels.csv"])
    }
}
