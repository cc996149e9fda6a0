import Foundation
import Testing
@testable import FieldworkJournal

@Suite struct JournalReaderTests {
    /// End offset (exclusive, newline not included) of each line in `bytes`.
    private func lineEnds(_ bytes: [UInt8]) -> [Int] {
        bytes.indices.filter { bytes[$0] == 0x0A }
    }

    @Test func truncationAtEveryByteKeepsEveryCompleteRecordAndReportsOnlyATornTail() throws {
        let temp = try TemporaryDirectory()
        let (bytes, written) = try writeSampleJournal(try makeSurvey(in: temp), count: 4)
        let ends = lineEnds(bytes)
        for cut in 0...bytes.count {
            let result = JournalReader.read(bytes: Array(bytes[0..<cut]), expectedCaseID: "C001")
            let complete = ends.filter { $0 <= cut }.count
            #expect(result.records.count == complete, "cut at \(cut)")
            #expect(zip(result.records, written).allSatisfy(sameContent), "cut at \(cut)")
            #expect(!result.hasCorruption, "cut at \(cut): \(result.problems)")
            let atBoundary = cut == 0 || ends.contains(cut - 1)
            #expect(result.problems.map(\.kind) == (atBoundary ? [] : [.tornTail]), "cut at \(cut)")
        }
    }

    @Test func resumingAfterATruncationAnywhereContinuesCleanly() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let (bytes, _) = try writeSampleJournal(survey, count: 3)
        let ends = lineEnds(bytes)
        let id = try CaseID("C001")
        for cut in stride(from: 1, to: bytes.count, by: 11) {
            let path = survey.journalURL(for: id)
            try FileManager.default.removeItem(at: path)
            try Data(bytes[0..<cut]).write(to: path)
            let kept = ends.filter { $0 <= cut }.count
            let journal = try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
            let record = try journal.append(kind: "answer", data: Answer(question: "again", value: cut))
            journal.close()
            #expect(record.seq == kept + 1, "cut at \(cut)")
            let result = try JournalReader.read(fileAt: path, expectedCaseID: "C001")
            #expect(result.records.map(\.seq) == Array(1...(kept + 1)), "cut at \(cut)")
            #expect(!result.hasCorruption, "cut at \(cut): \(result.problems)")
            #expect(try result.records.last?.decode(Answer.self).value == cut)
        }
    }

    @Test func bitFlipsAnywhereAreDetectedAndNeverMisread() throws {
        let temp = try TemporaryDirectory()
        let (bytes, written) = try writeSampleJournal(try makeSurvey(in: temp), count: 5)
        var random = SeededGenerator(state: 20_261_130)
        for _ in 0..<2_000 {
            var damaged = bytes
            let position = Int.random(in: 0..<bytes.count, using: &random)
            damaged[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
            let result = JournalReader.read(bytes: damaged, expectedCaseID: "C001")
            let where_ = "bit flip at byte \(position)"
            #expect(!result.problems.isEmpty, "\(where_) went unnoticed")
            #expect(result.hasCorruption, "\(where_): \(result.problems)")
            // Every record returned is exactly one that was written; at most two lines are lost.
            for record in result.records {
                #expect(written.contains { sameContent($0, record) }, "\(where_) produced a record that was never written")
            }
            #expect(result.records.count >= written.count - 2, "\(where_)")
        }
    }

    @Test func duplicatedLinesAreReportedAndSkipped() throws {
        let temp = try TemporaryDirectory()
        let (bytes, _) = try writeSampleJournal(try makeSurvey(in: temp), count: 3)
        var lines = bytes.split(separator: 0x0A).map { Array($0) + [0x0A] }
        lines.insert(lines[1], at: 2)
        let result = JournalReader.read(bytes: lines.flatMap { $0 }, expectedCaseID: "C001")
        #expect(result.records.map(\.seq) == [1, 2, 3])
        #expect(result.problems.map(\.kind) == [.duplicateSequence])
        #expect(result.problems.first?.line == 3)
        #expect(result.hasCorruption)
    }

    @Test func missingLinesAreAGap() throws {
        let temp = try TemporaryDirectory()
        let (bytes, _) = try writeSampleJournal(try makeSurvey(in: temp), count: 5)
        var lines = bytes.split(separator: 0x0A).map { Array($0) + [0x0A] }
        lines.removeSubrange(1...2)
        let result = JournalReader.read(bytes: lines.flatMap { $0 }, expectedCaseID: "C001")
        #expect(result.records.map(\.seq) == [1, 4, 5])
        #expect(result.problems.map(\.kind) == [.sequenceGap])
        #expect(result.problems.first?.message.contains("records 2–3 are missing") == true)
    }

    @Test func garbageAppendedIsReported() throws {
        let temp = try TemporaryDirectory()
        let (bytes, written) = try writeSampleJournal(try makeSurvey(in: temp), count: 3)
        let garbage: [[UInt8]] = [
            Array("hello world\n".utf8),
            [0xFF, 0xFE, 0x00, 0x80, 0x0A],
            Array(#"{"v":1,"seq":4,"case":"C001"}"#.utf8) + [0x0A],
            [UInt8](repeating: 0x41, count: 2_000_000) + [0x0A],
            [0x0A],
        ]
        for junk in garbage {
            let result = JournalReader.read(bytes: bytes + junk, expectedCaseID: "C001")
            #expect(result.records.count == 3)
            #expect(zip(result.records, written).allSatisfy(sameContent))
            #expect(result.problems.map(\.kind) == [.malformedLine])
            #expect(result.problems.first?.line == 4)
            #expect(result.hasCorruption)
        }
        // Without a final newline, garbage is still damage: a cut write leaves the start of a record.
        let unterminated = JournalReader.read(bytes: bytes + Array("garbage".utf8), expectedCaseID: "C001")
        #expect(unterminated.problems.map(\.kind) == [.malformedLine])
        #expect(unterminated.records.count == 3)
        let torn = JournalReader.read(bytes: bytes + Array(#"{"v":1,"seq":4,"case":"C0"#.utf8), expectedCaseID: "C001")
        #expect(torn.problems.map(\.kind) == [.tornTail])
        #expect(!torn.hasCorruption)
    }

    @Test func randomBytesNeverCrashAndNeverYieldRecords() {
        var random = SeededGenerator(state: 7)
        for length in [0, 1, 2, 17, 100, 4_096] {
            for _ in 0..<50 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
                let result = JournalReader.read(bytes: bytes)
                #expect(result.records.isEmpty)
            }
        }
    }

    @Test func recordsOfAnotherCaseAreSkipped() throws {
        let temp = try TemporaryDirectory()
        let (bytes, _) = try writeSampleJournal(try makeSurvey(in: temp), caseID: "C001", count: 2)
        let result = JournalReader.read(bytes: bytes, expectedCaseID: "C002")
        #expect(result.records.isEmpty)
        #expect(result.problems.map(\.kind) == [.wrongCase, .wrongCase])
    }

    @Test func aChecksumValidRecordOfAnotherFormatVersionIsNotRead() {
        var body = Array(#"{"v":2,"seq":1,"case":"C001","at":"2026-11-30T10:00:00.000Z","kind":"answer","data":{}"#.utf8)
        let crc = CRC32.hex(CRC32.checksum(body))
        body += Array(#","crc":"\#(crc)"}"#.utf8) + [0x0A]
        let result = JournalReader.read(bytes: body, expectedCaseID: "C001")
        #expect(result.records.isEmpty)
        #expect(result.problems.map(\.kind) == [.unsupportedVersion])
    }

    @Test func aCutLineInTheMiddleThatLosesARecordIsCorruptionNotACrashTrace() throws {
        let temp = try TemporaryDirectory()
        let (bytes, _) = try writeSampleJournal(try makeSurvey(in: temp), count: 3)
        var lines = bytes.split(separator: 0x0A).map { Array($0) }
        lines[1] = Array(lines[1].prefix(30)) // record 2 cut short, record 3 follows
        let result = JournalReader.read(bytes: lines.flatMap { $0 + [0x0A] }, expectedCaseID: "C001")
        #expect(result.records.map(\.seq) == [1, 3])
        #expect(result.problems.map(\.kind) == [.malformedLine, .sequenceGap])
        #expect(result.hasCorruption)
    }

    @Test func aMissingFileIsAnEmptyJournal() throws {
        let temp = try TemporaryDirectory()
        let result = try JournalReader.read(fileAt: temp.path("none.jsonl"))
        #expect(result == JournalReadResult())
    }
}
