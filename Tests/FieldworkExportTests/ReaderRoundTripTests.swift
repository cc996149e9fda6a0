import Foundation
import Testing
@testable import FieldworkExport
import FieldworkTestSupport

/// Reads the sample .sav back with PSPP, a reader that shares no code with ReadStat.
struct ReaderRoundTripTests {
    @Test func psppReadsLabelsMissingValuesAndData() throws {
        let directory = try makeTemporaryDirectory()
        defer { if ProcessInfo.processInfo.environment["KEEP_PSPP"] == nil { try? FileManager.default.removeItem(at: directory) } else { print(directory.path) } }
        let target = directory.appendingPathComponent("sample.sav")
        let summary = try ExportWriter.write(schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource,
                                             format: .sav, to: target, overwrite: false)
        #expect(summary.rowCount == 5)
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")

        let syntax = """
            SYSFILE INFO FILE='sample.sav'.
            GET FILE='sample.sav'.
            DISPLAY DICTIONARY.
            LIST.
            FREQUENCIES VARIABLES=sector.
            """
        guard let report = try psppReport(syntax, in: directory) else { return }

        // PSPP's CSV output keeps each table row on one line, so whole rows can be compared.
        let expectedLines = [
            "Label,Business Attitudes Survey – export self-test",
            "Encoding,UTF-8",
            "Cases,5",
            // Variable labels, measurement levels, byte-sized string width (27 bytes, 26 characters),
            // print formats carrying decimals, and the user-missing definitions.
            "caseid,1,Case identifier,Scale,Input,8,Right,F8.0,F8.0,",
            "sector,2,Which sector is your business mainly in?,Nominal,Input,8,Right,F8.0,F8.0,-1; -2",
            "turnover,3,Annual turnover (£m),Scale,Input,8,Right,F8.2,F8.2,-1; -2",
            "comment,4,Any other comments? (Zoë's probe),Nominal,Input,8,Left,A27,A27,",
            // Value labels, missing codes labelled and marked user-missing.
            "Which sector is your business mainly in?,-2[a],Refused",
            ",-1[a],Don't know",
            ",3,Café & hospitality",
            "Annual turnover (£m),-2.00[a],Refused",
            // The data, quotes, commas, line breaks and system-missing intact.
            "1,1,12.50,\"Rent is £2,000 a month\"",
            "2,3,-1.00,\"Café owner said \"\"too dear\"\"\"",
            "3,-2,-2.00,\"Line one\nline two, Zoë\"",
            "4,-1,.  ,",
            "5,2,.25,",
            // Don't know and refused are counted as missing, not as valid answers.
            "N,Valid,3",
            "Missing,Refused,1,20.0%,,",
            ",Don't know,1,20.0%,,",
        ]
        for line in expectedLines {
            #expect(report.contains(line + "\n"), "PSPP output lacks line: \(line)\n\(report)")
        }
    }
}
