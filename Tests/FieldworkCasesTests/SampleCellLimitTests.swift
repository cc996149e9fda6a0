import FieldworkBasics
import Foundation
import Testing
@testable import FieldworkCases

/// A sample cell longer than `InputLimits.sampleCellBytes` refuses the file by its row and column,
/// before the CSV library builds the cell; a cell at the limit is imported whole.
@Suite struct SampleCellLimitTests {
    @Test func aCellAtTheLimitIsImportedAndOneByteMoreIsRefused() throws {
        let limit = 1_048_576
        let importer = SampleImporter(maximumCellBytes: limit)
        let atLimit = "case_id,business_name\nB001,Acme\nB002,\"" + String(repeating: "x", count: limit - 2) + "\"\"y\"\nB003,Last\n"
        let sample = try importer.parse(csv: atLimit, source: "s.csv")
        #expect(sample.cases.map(\.id) == ["B001", "B002", "B003"])
        #expect(sample.cases[1].fields["business_name"]?.utf8.count == limit)

        let over = "case_id,business_name\r\nB001,Acme\r\nB002," + String(repeating: "x", count: limit + 1) + "\r\nB003,Last\r\n"
        let error = try #require(throws: SampleImportError.self) { try importer.parse(csv: over, source: "s.csv") }
        #expect(error.problems == [SampleProblem(line: 3, kind: .cellTooLarge,
            reason: "the cell in column 2 is longer than 1 MB (1,048,576 bytes, the limit for one cell); shorten it or leave such text out of the sample; nothing was imported")])
        #expect(error.messages.first?.hasPrefix("s.csv:3: the cell in column 2") == true)
    }

    @Test(arguments: [
        // (csv, limit, expected line and column)
        ("a,bbbb\n", 3, OversizedCell(line: 1, column: 2)),
        ("a,bbb\n", 3, nil),
        ("\"a\"\"b\",c\n", 3, nil),              // a""b is three bytes: a"b
        ("\"a\"\"bc\",c\n", 3, OversizedCell(line: 1, column: 1)),
        ("x\r\ny,\"1\n2\",z\nabcd", 3, OversizedCell(line: 4, column: 1)),  // a quoted cell spanning lines
        ("x\ry,\"1\n234\"\n", 4, OversizedCell(line: 2, column: 2)),           // a lone CR ends a line
        ("x,\"never closed", 5, OversizedCell(line: 1, column: 2)),
        ("ab\"cd\",e", 5, OversizedCell(line: 1, column: 1)),                   // a quote inside a cell is a byte
    ] as [(String, Int, OversizedCell?)])
    func cellsAreMeasuredAsTheCSVReaderReadsThem(csv: String, limit: Int, expected: OversizedCell?) {
        #expect(OversizedCell.find(in: csv, limit: limit) == expected, "\(csv.debugDescription)")
    }
    // The real limit (100 MB + 1 byte) is fed to the binary by Tests/EndToEnd/test_input_limits.py:
    // scanning 100 MB unoptimised takes tens of seconds, too long for this suite.
}
