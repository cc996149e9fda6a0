import Foundation
import Testing
@testable import FieldworkJournal

/// A journal with a long run of truncated record lines (interrupted writes) once took time growing
/// with the square of the run: each fragment looked ahead over all the fragments after it.
@Suite("Journals with many truncated lines")
struct ManyFragmentsTests {
    private static let at = "2026-11-30T10:00:00.123Z"

    private func record(_ seq: Int) -> [UInt8] {
        RecordLine.encode(seq: seq, caseID: "C001", at: Self.at, kind: "answer", data: Array(#"{"q":1}"#.utf8))
    }

    @Test(.timeLimit(.minutes(1)))
    func twoHundredThousandFragmentsBetweenTwoRecordsAreReadInOneGo() {
        let fragmentCount = 200_000
        var bytes = record(1)
        let fragments: [[UInt8]] = [Array(#"{"v":1,"seq":2,"ca"#.utf8), Array(#"{"v":1,"se"#.utf8)]
        for index in 0..<fragmentCount {
            bytes += fragments[index % 2] + [RecordLine.newline]
        }
        bytes += record(2)
        let result = JournalReader.read(bytes: bytes, expectedCaseID: "C001")
        #expect(result.records.map(\.seq) == [1, 2])
        #expect(result.problems.count == fragmentCount)
        #expect(result.problems.allSatisfy { $0.kind == .interruptedWrite })
        #expect(result.problems.first?.line == 2)
        #expect(result.problems.last?.line == fragmentCount + 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func aRunOfFragmentsFollowedByAGapIsDamageAtEveryLine() {
        // The same run, but record 3 follows instead of 2: nothing may be called a harmless trace.
        let fragmentCount = 200_000
        var bytes = record(1)
        for _ in 0..<fragmentCount {
            bytes += Array(#"{"v":1,"seq":"#.utf8) + [RecordLine.newline]
        }
        bytes += record(3)
        let result = JournalReader.read(bytes: bytes, expectedCaseID: "C001")
        #expect(result.records.map(\.seq) == [1, 3])
        #expect(!result.problems.contains { $0.kind == .interruptedWrite })
        #expect(result.problems.filter { $0.kind == .malformedLine }.count == fragmentCount)
        #expect(result.problems.contains { $0.kind == .sequenceGap })
    }

    @Test func fragmentsWithDifferentSequenceNumbersAreNotRepairs() {
        var bytes = record(1)
        bytes += Array(#"{"v":1,"seq":2,"ca"#.utf8) + [RecordLine.newline]
        bytes += Array(#"{"v":1,"seq":3,"ca"#.utf8) + [RecordLine.newline]
        bytes += record(2)
        let result = JournalReader.read(bytes: bytes, expectedCaseID: "C001")
        #expect(result.records.map(\.seq) == [1, 2])
        #expect(result.problems.map(\.kind) == [.malformedLine, .malformedLine])
    }
}
