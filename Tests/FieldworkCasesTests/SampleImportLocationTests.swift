import Foundation
import Testing
@testable import FieldworkCases

/// Import errors say where in the file the problem is, so it can be found and fixed.
@Suite struct SampleImportLocationTests {
    private func problems(data: Data) throws -> [SampleProblem] {
        let url = try temporaryDirectory().appendingPathComponent("sample.csv")
        try data.write(to: url)
        do throws(SampleImportError) {
            _ = try SampleImporter().parse(contentsOf: url, source: "sample.csv")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func nonUTF8ByteIsReportedAtItsLineAndByteColumn() throws {
        var bytes = Array("case_id,name\nA1,Caf".utf8) + [0xC3, 0xA9] + Array("\nA2,\"multi\nline\"\nA3,Gar".utf8)
        bytes += [0xE7] + Array("on\n".utf8)  // Latin-1 ç on line 5, byte column 7
        let found = try problems(data: Data(bytes))
        #expect(found.map(\.kind) == [.unreadableFile])
        #expect(found.map(\.line) == [5])
        #expect(found.first?.reason.contains("byte column 7") == true)
        #expect(found.first?.reason.contains("0xE7") == true)
    }

    @Test func nonUTF8ByteAfterABOMCountsBytesFromTheLineStart() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("case_id,n".utf8) + [0xFF] + Array("ame\n".utf8)
        let found = try problems(data: Data(bytes))
        #expect(found.map(\.line) == [1])
        #expect(found.first?.reason.contains("byte column 13") == true)
    }

    @Test func unterminatedQuoteIsReportedWhereTheCellStarts() throws {
        let found = try problems(data: Data("case_id,name\nA1,x\nA2,\"open\nA3,y\nA4,z\n".utf8))
        #expect(found.map(\.line) == [3])
        #expect(found.map(\.kind) == [.unreadableFile])
        #expect(found.first?.reason.contains("unterminated quoted cell starting at line 3") == true)
    }

    @Test func quotedCellsWithEscapedQuotesAndLineBreaksAreNotUnterminated() throws {
        let found = try problems(data: Data("case_id,name\nA1,\"say \"\"hi\"\"\nthere\"\nA2,\"\"\"\"\n".utf8))
        #expect(found == [])
    }
}
