import FieldworkBasics
import Foundation
import Testing
@testable import FieldworkJournal

/// A journal line longer than `InputLimits.journalLineBytes` is skipped as damage by every reader,
/// unparsed, and the records around it are kept; the writer refuses to write one, so nothing it
/// acknowledged can ever be skipped (docs/hardening.md "Resource limits").
@Suite struct JournalLineLimitTests {
    private static let at = Date(timeIntervalSince1970: 1_796_000_000)

    private static func line(_ seq: Int, _ text: String) throws -> [UInt8] {
        let json = try JSONEncoder().encode(["text": text])
        return try JournalLine.encode(seq: seq, caseID: "C001", at: at, kind: "note", json: [UInt8](json))
    }

    @Test func aLineOverTheLimitIsSkippedUnparsedAndTheRecordsAroundItAreKept() throws {
        let long = try Self.line(2, String(repeating: "x", count: 200))
        let bytes = try Self.line(1, "first") + long + Self.line(3, "third")
        let limit = long.count - 2  // the line without its newline is one byte over
        let result = JournalReader.read(bytes: bytes, expectedCaseID: "C001", maximumLineBytes: limit)
        #expect(result.records.map(\.seq) == [1, 3])
        #expect(result.problems.map(\.kind) == [.malformedLine, .sequenceGap])
        #expect(result.problems.first?.line == 2)
        #expect(result.problems.first?.message == "not a valid record: the line is \(InputLimits.grouped(limit + 1)) bytes, longer than \(InputLimits.grouped(limit)) bytes, the limit for one journal line (fieldwork never writes one that long: the file was altered or damaged); skipped")
        #expect(result.problems.first?.isCorruption == true)

        let atLimit = JournalReader.read(bytes: bytes, expectedCaseID: "C001", maximumLineBytes: limit + 1)
        #expect(atLimit.records.map(\.seq) == [1, 2, 3] && atLimit.problems.isEmpty)
    }

    /// The real limit: a line of 100 MB + 1 byte between two records is skipped, unparsed.
    @Test func aLineOneByteOverOneHundredMegabytesIsSkipped() throws {
        let head = Array(#"{"text":""#.utf8), tail = Array(#""}"#.utf8)
        let empty = try JournalLine.encode(seq: 2, caseID: "C001", at: Self.at, kind: "note", json: head + tail)
        let fill = InputLimits.journalLineBytes + 1 - (empty.count - 1)
        let over = try JournalLine.encode(seq: 2, caseID: "C001", at: Self.at, kind: "note",
                                          json: head + [UInt8](repeating: UInt8(ascii: "x"), count: fill) + tail)
        #expect(over.count - 1 == InputLimits.journalLineBytes + 1)
        let refused = JournalReader.read(bytes: try Self.line(1, "first") + over + Self.line(3, "third"), expectedCaseID: "C001")
        #expect(refused.records.map(\.seq) == [1, 3])
        #expect(refused.problems.first?.message.contains("the line is 104,857,601 bytes, longer than 100 MB, the limit for one journal line") == true)
    }

    @Test(.timeLimit(.minutes(1)))
    func theWriterRefusesARecordTheReadersWouldSkipAndKeepsGoing() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let id = try CaseID("C001")
        let journal = try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
        try journal.append(kind: "answer", data: Answer(question: "Q1", value: 1))
        let before = try Data(contentsOf: survey.journalURL(for: id))
        let huge = Answer(question: "Q2", value: 2, note: String(repeating: "x", count: InputLimits.journalLineBytes))
        #expect {
            try journal.append(kind: "answer", data: huge)
        } throws: { error in
            guard case let JournalError.recordTooLong(kind, bytes, limit) = error else { return false }
            return kind == "answer" && bytes > limit && limit == InputLimits.journalLineBytes
                && (error as? JournalError)?.description.contains("longer than 100 MB, the limit for one journal line; it was not recorded") == true
        }
        #expect(throws: JournalError.self) { try journal.appendBatch([.init(kind: "answer", at: Self.at, data: huge)]) }
        #expect(try Data(contentsOf: survey.journalURL(for: id)) == before, "nothing was written")
        let next = try journal.append(kind: "answer", data: Answer(question: "Q3", value: 3))
        #expect(next.seq == 2)
        journal.close()
        let result = try JournalReader.read(fileAt: survey.journalURL(for: id), expectedCaseID: "C001")
        #expect(result.problems.isEmpty && result.records.map(\.seq) == [1, 2])
    }
}
