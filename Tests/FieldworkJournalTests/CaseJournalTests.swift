import Foundation
import Testing
@testable import FieldworkJournal

@Suite struct CaseJournalTests {
    @Test func recordsRoundTripThroughTheFile() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let (_, written) = try writeSampleJournal(survey, count: 5)
        let result = try JournalReader.read(fileAt: survey.journalURL(for: CaseID("C001")), expectedCaseID: "C001")
        #expect(result.problems.isEmpty)
        #expect(result.records.count == 5)
        #expect(result.records.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(result.records.map(\.line) == [1, 2, 3, 4, 5])
        #expect(zip(result.records, written).allSatisfy(sameContent))
        #expect(try result.records[1].decode(Answer.self) == Answer(question: "Q2", value: 20, note: "über \"quoted\"\n"))
        #expect(result.isComplete)
        #expect(result.lastSequence == 5)
    }

    @Test func sequenceContinuesAcrossSessions() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let id = try CaseID("C042")
        for session in 0..<3 {
            let journal = try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
            #expect(journal.lastSequence == session * 2)
            #expect(journal.existing.records.count == session * 2)
            try journal.append(kind: "answer", data: Answer(question: "A\(session)", value: session))
            let second = try journal.append(kind: "answer", data: Answer(question: "B\(session)", value: session))
            #expect(second.seq == session * 2 + 2)
            journal.close()
        }
        let result = try JournalReader.read(fileAt: survey.journalURL(for: id), expectedCaseID: "C042")
        #expect(result.records.map(\.seq) == Array(1...6))
        #expect(result.problems.isEmpty)
        #expect(!result.isComplete)
    }

    @Test func aSecondWriterIsRefusedAndToldWhoHoldsTheCase() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let id = try CaseID("C001")
        let first = try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
        let other = HolderInfo(interviewerID: "INT99", pid: 1, hostname: "h", since: Date())
        let error = #expect(throws: JournalError.self) {
            try CaseJournal.open(directory: survey, caseID: id, holder: other)
        }
        #expect(error == .caseLocked(caseID: "C001", holder: testHolder))
        #expect(error?.description.contains("INT07") == true)
        #expect(error?.description.contains("cati-03") == true)
        // The holder can still write, and once it closes the case is free again.
        try first.append(kind: "answer", data: Answer(question: "Q1", value: 1))
        first.close()
        let second = try CaseJournal.open(directory: survey, caseID: id, holder: other)
        #expect(try second.append(kind: "answer", data: Answer(question: "Q2", value: 2)).seq == 2)
        second.close()
    }

    @Test func otherCasesAreNotBlockedByAnOpenCase() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let first = try CaseJournal.open(directory: survey, caseID: CaseID("C001"), holder: testHolder)
        let second = try CaseJournal.open(directory: survey, caseID: CaseID("C002"), holder: testHolder)
        #expect(try second.append(kind: "answer", data: Answer(question: "Q", value: 1)).seq == 1)
        first.close()
        second.close()
    }

    @Test func aTornTailIsClosedOffSoTheNextRecordDoesNotGlueOntoIt() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let (bytes, _) = try writeSampleJournal(survey, count: 3)
        let id = try CaseID("C001")
        // Simulate a crash half way through writing record 4.
        let fullFourth = RecordLine.encode(seq: 4, caseID: "C001", at: "2026-11-30T10:00:00.000Z", kind: "answer", data: Array(#"{"x":1}"#.utf8))
        let handle = try FileHandle(forWritingTo: survey.journalURL(for: id))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(fullFourth.prefix(40)))
        try handle.close()

        let torn = try JournalReader.read(fileAt: survey.journalURL(for: id), expectedCaseID: "C001")
        #expect(torn.records.count == 3)
        #expect(torn.problems.map(\.kind) == [.tornTail])
        #expect(!torn.hasCorruption)

        let journal = try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
        #expect(journal.existing.problems.map(\.kind) == [.tornTail])
        let record = try journal.append(kind: "answer", data: Answer(question: "Q4", value: 4))
        #expect(record.seq == 4)
        journal.close()

        let repaired = try JournalReader.read(fileAt: survey.journalURL(for: id), expectedCaseID: "C001")
        #expect(repaired.records.map(\.seq) == [1, 2, 3, 4])
        #expect(try repaired.records[3].decode(Answer.self) == Answer(question: "Q4", value: 4))
        #expect(repaired.problems.map(\.kind) == [.interruptedWrite])
        #expect(repaired.problems.first?.line == 4)
        #expect(!repaired.hasCorruption)
        let lines = try [UInt8](Data(contentsOf: survey.journalURL(for: id))).split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(lines.count == 6) // three records, the closed-off fragment, record 4, and "" after the last newline
        #expect(Array(lines[3]) == Array(fullFourth.prefix(40)))
        #expect(lines[0..<3].map { $0.count + 1 }.reduce(0, +) == bytes.count)
    }

    @Test func dataMustBeEncodableJSONOnOneLine() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let journal = try CaseJournal.open(directory: survey, caseID: CaseID("C001"), holder: testHolder)
        defer { journal.close() }
        #expect(throws: JournalError.self) { try journal.append(kind: "answer", data: ["x": Double.nan]) }
        #expect(throws: JournalError.self) { try journal.append(kind: "answer", jsonData: Data("{\n}".utf8)) }
        #expect(throws: JournalError.self) { try journal.append(kind: "answer", jsonData: Data("{oops".utf8)) }
        #expect(throws: JournalError.invalidKind("bad kind")) { try journal.append(kind: "bad kind", data: 1) }
        #expect(throws: JournalError.invalidKind("")) { try journal.append(kind: "", data: 1) }
        // None of the refused appends consumed a sequence number or left bytes behind.
        let ok = try journal.append(kind: "note", jsonData: Data(#"{"raw":true}"#.utf8))
        #expect(ok.seq == 1)
        let result = try JournalReader.read(fileAt: journal.fileURL, expectedCaseID: "C001")
        #expect(result.records.map(\.data) == [Data(#"{"raw":true}"#.utf8)])
        #expect(result.problems.isEmpty)
    }

    @Test func aClosedJournalRefusesAppends() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let journal = try CaseJournal.open(directory: survey, caseID: CaseID("C001"), holder: testHolder)
        journal.close()
        #expect(throws: JournalError.journalClosed(caseID: "C001")) { try journal.append(kind: "answer", data: 1) }
    }

    @Test func appendReturnsTheRecordAsItWillBeReadBack() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let journal = try CaseJournal.open(directory: survey, caseID: CaseID("C001"), holder: testHolder)
        let at = Date(timeIntervalSince1970: 1_796_036_400.987_6)
        let written = try journal.append(kind: "answer", at: at, data: ["when": at])
        journal.close()
        let read = try #require(try JournalReader.read(fileAt: journal.fileURL).records.first)
        #expect(sameContent(written, read))
        #expect(JournalTimestamp.format(read.at) == "2026-11-30T11:00:00.987Z")
        #expect(try read.decode([String: Date].self)["when"] == read.at)
    }
}

@Suite struct CrashTraceTests {
    @Test func reopeningATornJournalWithoutWritingLeavesOnlyACrashTrace() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let (bytes, _) = try writeSampleJournal(survey, count: 2)
        let id = try CaseID("C001")
        let path = survey.journalURL(for: id)
        let third = RecordLine.encode(seq: 3, caseID: "C001", at: "2026-11-30T10:00:00.000Z", kind: "answer", data: Array(#"{"q":"Q3","v":[1,2]}"#.utf8))
        for cut in [1, 13, 50, third.count - 20, third.count - 2] {
            try Data(bytes + third.prefix(cut)).write(to: path)
            try CaseJournal.open(directory: survey, caseID: id, holder: testHolder).close()
            let result = try JournalReader.read(fileAt: path, expectedCaseID: "C001")
            #expect(result.endsWithNewline)
            #expect(result.records.map(\.seq) == [1, 2], "cut \(cut)")
            #expect(result.problems.map(\.kind) == [.interruptedWrite], "cut \(cut): \(result.problems)")
        }
    }

    @Test func aDamagedLastRecordIsNotMistakenForACrashTrace() throws {
        let temp = try TemporaryDirectory()
        let (bytes, _) = try writeSampleJournal(try makeSurvey(in: temp), count: 2)
        for offsetFromEnd in 2...19 { // every byte of the trailer ,"crc":"xxxxxxxx"}
            var damaged = bytes
            damaged[bytes.count - offsetFromEnd] = UInt8(ascii: "#")
            let result = JournalReader.read(bytes: damaged, expectedCaseID: "C001")
            #expect(result.records.map(\.seq) == [1], "offset \(offsetFromEnd)")
            #expect(result.hasCorruption, "offset \(offsetFromEnd): \(result.problems)")
        }
    }
}

@Suite struct PowerCutTraceTests {
    @Test func aTornRecordPaddedWithZerosIsACrashTraceOnceClosedOff() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let (bytes, _) = try writeSampleJournal(survey, count: 2)
        let id = try CaseID("C001")
        let third = RecordLine.encode(seq: 3, caseID: "C001", at: "2026-11-30T10:00:00.000Z", kind: "answer", data: Array(#"{"q":1}"#.utf8))
        try Data(bytes + third.prefix(60) + [UInt8](repeating: 0, count: 40)).write(to: survey.journalURL(for: id))
        let journal = try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
        #expect(try journal.append(kind: "answer", data: Answer(question: "Q3", value: 3)).seq == 3)
        journal.close()
        let result = try JournalReader.read(fileAt: survey.journalURL(for: id), expectedCaseID: "C001")
        #expect(result.records.map(\.seq) == [1, 2, 3])
        #expect(result.problems.map(\.kind) == [.interruptedWrite])
    }
}
