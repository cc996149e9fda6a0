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

    /// The real limit: a line of 100 MB + 1 byte between two records is skipped by its length alone
    /// (its checksum is never computed, so it need not be right).
    @Test func aLineOneByteOverOneHundredMegabytesIsSkipped() throws {
        let head = Array(#"{"v":1,"seq":2,"case":"C001","at":"2026-11-30T10:00:00.000Z","kind":"note","data":{"text":""#.utf8)
        let tail = Array(#""},"crc":"00000000"}"#.utf8) + [0x0A]
        var over = head
        over += [UInt8](repeating: UInt8(ascii: "x"), count: InputLimits.journalLineBytes + 1 - head.count - (tail.count - 1))
        over += tail
        #expect(over.count - 1 == InputLimits.journalLineBytes + 1)
        let refused = JournalReader.read(bytes: try Self.line(1, "first") + over + Self.line(3, "third"), expectedCaseID: "C001")
        #expect(refused.records.map(\.seq) == [1, 3])
        #expect(refused.problems.first?.line == 2)
        #expect(refused.problems.first?.message.contains("the line is 104,857,601 bytes, longer than 100 MB, the limit for one journal line") == true)
    }

    @Test func theWriterRefusesARecordTheReadersWouldSkipAndKeepsGoing() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let id = try CaseID("C001")
        let journal = try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
        journal.maximumLineBytes = 300
        try journal.append(kind: "answer", data: Answer(question: "Q1", value: 1))
        let before = try Data(contentsOf: survey.journalURL(for: id))
        let huge = Answer(question: "Q2", value: 2, note: String(repeating: "x", count: 300))
        #expect {
            try journal.append(kind: "answer", data: huge)
        } throws: { error in
            guard case let JournalError.recordTooLong(kind, bytes, limit) = error else { return false }
            return kind == "answer" && bytes > limit && limit == 300
                && (error as? JournalError)?.description.contains("bytes, longer than 300 bytes, the limit for one journal line; it was not recorded") == true
        }
        #expect(throws: JournalError.self) { try journal.appendBatch([.init(kind: "answer", at: Self.at, data: huge)]) }
        #expect(try Data(contentsOf: survey.journalURL(for: id)) == before, "nothing was written")
        let next = try journal.append(kind: "answer", data: Answer(question: "Q3", value: 3))
        #expect(next.seq == 2)
        journal.close()
        let result = try JournalReader.read(fileAt: survey.journalURL(for: id), expectedCaseID: "C001")
        #expect(result.problems.isEmpty && result.records.map(\.seq) == [1, 2])
    }

    @Test func everyJournalWritesUpToTheReadersLimitAndNoMore() throws {
        let temp = try TemporaryDirectory()
        let journal = try CaseJournal.open(directory: try makeSurvey(in: temp), caseID: try CaseID("C001"), holder: testHolder)
        #expect(journal.maximumLineBytes == InputLimits.journalLineBytes)
        journal.close()
        let line = [UInt8](repeating: UInt8(ascii: "x"), count: InputLimits.journalLineBytes + 1)  // + newline
        try CaseJournal.checkLength(line, kind: "answer", limit: InputLimits.journalLineBytes)
        #expect {
            try CaseJournal.checkLength(line + [0x0A], kind: "answer", limit: InputLimits.journalLineBytes)
        } throws: { error in
            (error as? JournalError)?.description == "the answer record is 104,857,601 bytes, longer than 100 MB, the limit for one journal line; it was not recorded (shorten the text or sample field it carries)"
        }
    }
}
