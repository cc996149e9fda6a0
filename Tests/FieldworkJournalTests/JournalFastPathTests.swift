import FieldworkEngine
import Foundation
import Testing
@testable import FieldworkJournal

/// The fast paths exports use must agree exactly with the simple forms they replace.
@Suite struct CRC32FastPathTests {
    @Test func slicingByEightEqualsTheBytewiseTableOnRandomInputs() {
        var random = SeededGenerator(state: 31)
        for length in 0..<300 {
            let bytes = (0..<(length + 8)).map { _ in UInt8.random(in: 0...255, using: &random) }
            // Every start offset modulo 8, so unaligned loads are exercised too.
            let start = length % 8
            let slice = bytes[start..<(start + length)]
            #expect(CRC32.checksum(slice) == CRC32.bytewise(slice), "length \(length)")
            #expect(CRC32.checksum(Array(slice)) == CRC32.bytewise(Array(slice)), "length \(length)")
        }
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        // A lazy sequence has no contiguous storage and takes the reference path.
        #expect(CRC32.checksum(Array("123456789".utf8).lazy.map { $0 }) == 0xCBF4_3926)
    }

    @Test func hexDigitsAreComparedWithoutAString() {
        var random = SeededGenerator(state: 5)
        for _ in 0..<500 {
            let value = UInt32.random(in: 0...UInt32.max, using: &random)
            let digits = Array(CRC32.hex(value).utf8)
            digits.withUnsafeBufferPointer { buffer in
                #expect(CRC32.matches(hexDigits: buffer, value))
                #expect(!CRC32.matches(hexDigits: buffer, value ^ 1))
            }
        }
    }
}

@Suite struct PlainEventDecodingTests {
    static let address = QuestionAddress(id: "victim_cost", pass: [3, 1])

    /// One event of every shape the recorder writes, responses of every kind included.
    static let events: [InterviewEvent] = {
        let responses: [Response] = [
            .number(12), .number(-3.25), .number(0), .number(1_234_567.891), .number(0.1), .text("Acme Ltd, 3 staff"), .text(""),
            .date(20_000), .choice(4, specify: nil), .choice(97, specify: "a bakery"), .choices([], specify: [:]),
            .choices([1, 3, 12], specify: [:]), .choices([2, 97], specify: [97: "other"]),
            .choices([96, 97], specify: [96: "x", 97: "y"]), .grid([.choice(1, specify: nil), .dontKnow, .refused]),
            .dontKnow, .refused, .seen,
        ]
        var events: [InterviewEvent] = responses.map { .answered(address, $0) }
        events += [
            .shown(address), .shown(QuestionAddress(id: "s_hello")), .jump(address), .back, .suspended, .resumed, .completed,
            .softCheckConfirmed(address, check: "many_incidents"), .note(address, text: "call back after 3"),
            .note(nil, text: "general note"), .ended(outcome: "refusal"),
        ]
        return events
    }()

    static func encoded(_ event: InterviewEvent) throws -> [UInt8] {
        Array(try JournalCoding.makeEncoder().encode(event))
    }

    @Test(arguments: events)
    func plainDecodingEqualsTheGeneralDecoder(_ event: InterviewEvent) throws {
        let bytes = try Self.encoded(event)
        let (plain, general) = try bytes.withUnsafeBufferPointer { buffer in
            (PlainEventDecoding.event(from: buffer), try EventDecoding.generalEvent(from: buffer))
        }
        #expect(plain != nil, "\(String(decoding: bytes, as: UTF8.self)) should take the plain path")
        #expect(plain == general)
        #expect(plain == event)
    }

    /// An extra missing code (`{"missing": "too_many"}`) is left to the general decoder, and
    /// round-trips through it.
    @Test func anExtraMissingCodeFallsBackToTheGeneralDecoderAndRoundTrips() throws {
        let event = InterviewEvent.answered(Self.address, .missingCode("too_many"))
        let bytes = try Self.encoded(event)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""missing":"too_many""#))
        let (plain, general) = try bytes.withUnsafeBufferPointer { buffer in
            (PlainEventDecoding.event(from: buffer), try EventDecoding.generalEvent(from: buffer))
        }
        #expect(plain == nil)
        #expect(general == event)
    }

    /// Inputs outside the recorder's shapes: the plain path declines and the general decoder's
    /// answer (or error) stands.
    static let odd: [String] = [
        #"{"question":"q\u0031","type":"shown"}"#, #"{ "question":"q1","type":"shown"}"#, #"{"question":"q1","type":"shown","x":1}"#,
        #"{"question":"q1","question":"q2","type":"shown"}"#, #"{"type":"teleport"}"#, #"{"question":"q1","response":{"number":1e3},"type":"answer"}"#,
        #"{"question":"q1","response":{"number":01},"type":"answer"}"#, #"{"question":"q1","response":{"choice":1.0},"type":"answer"}"#,
        #"{"question":"q1","response":{"dk":false},"type":"dontknow"}"#, #"{"question":"q1","response":{"dk":false,"seen":true},"type":"answer"}"#,
        #"{"question":"q1","response":{"specify":"x","choice":2},"type":"answer"}"#, #"{"question":"q1","response":{"text":"café"},"type":"answer"}"#,
        #"{"question":"q1","response":{"date":"2026-02-30"},"type":"answer"}"#, #"{"question":"q[0]","type":"shown"}"#,
        #"{"question":"q1","type":"shown"}x"#, #"{"question":"q1","type":"shown""#, #"{"type":"complete","question":"q1"}"#,
        #"{"question":"q1","response":{"choices":[1,2],"specify":{"01":"x"}},"type":"answer"}"#,
        #"{"question":"q1","response":{"number":123456789012345678},"type":"answer"}"#, #"{"type":null}"#, "[]", "",
        // Hostile bytes must fall back, never trap: codes too long for an integer, and grids
        // nested far deeper than any encoder writes.
        #"{"question":"q1","response":{"choice":99999999999999999999999},"type":"answer"}"#,
        #"{"question":"q1","response":{"choice":-9223372036854775808},"type":"answer"}"#,
        #"{"question":"q1","response":{"choices":[1,99999999999999999999]},"type":"answer"}"#,
        #"{"question":"q1","response":"# + String(repeating: #"{"grid":["#, count: 600) + #"{"dk":true}"# + String(repeating: "]}", count: 600) + #","type":"answer"}"#,
    ]

    @Test(arguments: odd)
    func unusualDataFallsBackToTheGeneralDecoder(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(PlainEventDecoding.event(from: buffer) == nil, "\(text) should fall back")
            let general = Result(catching: { try EventDecoding.generalEvent(from: buffer) })
            let combined = Result(catching: { try EventDecoding.event(from: buffer) })
            switch (general, combined) {
            case let (.success(a), .success(b)): #expect(a == b)
            case let (.failure(a), .failure(b)): #expect("\(a)" == "\(b)")
            default: Issue.record("\(text): the combined decoder disagrees with the general one")
            }
        }
    }

    @Test func sessionRecordsDecodePlainlyAsTheDecoderDoes() throws {
        let encoder = JournalCoding.makeEncoder()
        let decoder = JournalCoding.makeDecoder()
        let stamp = QuestionnaireStamp(id: "bas", version: "2025.1-draft", sha256: String(repeating: "0c", count: 32))
        for start in [SessionStart(interviewer: "INT07", questionnaire: stamp, resumed: false),
                      SessionStart(interviewer: "sim", questionnaire: stamp, resumed: true, questionnaireChangeAccepted: true)] {
            let bytes = Array(try encoder.encode(start))
            let plain = try #require(bytes.withUnsafeBufferPointer { PlainEventDecoding.sessionStart(from: $0) })
            let general = try decoder.decode(SessionStart.self, from: Data(bytes))
            #expect(plain.interviewer == general.interviewer)
            #expect(plain.questionnaire == general.questionnaire)
        }
        for outcome in [CaseHistory.CallOutcome(outcome: "complete", note: nil, interviewer: "sim"),
                        CaseHistory.CallOutcome(outcome: "2.11", note: "rang off", interviewer: nil),
                        CaseHistory.CallOutcome(outcome: "noanswer", note: "x", interviewer: "INT01")] {
            let bytes = Array(try encoder.encode(outcome))
            #expect(bytes.withUnsafeBufferPointer { PlainEventDecoding.callOutcome(from: $0) } == outcome)
        }
        let end = Array(try encoder.encode(SessionEnd(reason: "suspended")))
        #expect(end.withUnsafeBufferPointer { PlainEventDecoding.sessionEndReason(from: $0) } == "suspended")
        for odd in [#"{"reason":"a\"b"}"#, #"{"reason":1}"#, #"{"interviewer":"a","questionnaire":{"id":"b","sha256":"c","version":"d"}}"#] {
            let bytes = Array(odd.utf8)
            bytes.withUnsafeBufferPointer {
                #expect(PlainEventDecoding.sessionEndReason(from: $0) == nil)
                #expect(PlainEventDecoding.sessionStart(from: $0) == nil)
            }
        }
    }
}

/// The one-pass readers exports use must say exactly what the record-building reader says, on
/// clean and damaged journals alike.
@Suite struct JournalScanAgreementTests {
    /// A journal of two sittings with every record kind a case gets, as bytes.
    static func sampleJournal() throws -> [UInt8] {
        let encoder = JournalCoding.makeEncoder()
        let stamp = QuestionnaireStamp(id: "bas", version: "1", sha256: "abc123")
        var records: [(String, Data)] = [
            (CaseHistory.sessionStart, try encoder.encode(SessionStart(interviewer: "INT07", questionnaire: stamp, resumed: false))),
        ]
        for event in PlainEventDecodingTests.events.prefix(12) {
            records.append((CaseHistory.eventPrefix + event.kind, try encoder.encode(event)))
        }
        records.append((CaseHistory.eventPrefix + "suspend", try encoder.encode(InterviewEvent.suspended)))
        records.append((CaseHistory.callOutcome, try encoder.encode(CaseHistory.CallOutcome(outcome: "appointment", note: nil, interviewer: "INT07"))))
        records.append((CaseHistory.sessionEnd, try encoder.encode(SessionEnd(reason: "suspended"))))
        let stamp2 = QuestionnaireStamp(id: "bas", version: "2", sha256: "def456")
        records.append((CaseHistory.sessionStart, try encoder.encode(SessionStart(interviewer: "INT09", questionnaire: stamp2, resumed: true))))
        records.append((CaseHistory.eventPrefix + "answer", Data(#"{"question":"q1","response":{"text":"caf\u00e9"},"type":"answer"}"#.utf8)))
        records.append((CaseHistory.eventPrefix + "answer", Data(#"{"question":"q1","response":{"bogus":1},"type":"answer"}"#.utf8)))
        records.append((CaseHistory.eventPrefix + "complete", try encoder.encode(InterviewEvent.completed)))
        records.append(("custom.kind", Data(#"{"x":[1,2]}"#.utf8)))
        var bytes: [UInt8] = []
        for (index, record) in records.enumerated() {
            bytes += RecordLine.encode(seq: index + 1, caseID: "C001", at: "2026-11-30T10:00:\(String(format: "%02d", index)).000Z",
                                       kind: record.0, data: Array(record.1))
        }
        return bytes
    }

    func expectAgreement(_ bytes: [UInt8], _ label: String) throws {
        let temp = try TemporaryDirectory()
        let url = temp.path("C001.jsonl")
        try Data(bytes).write(to: url)
        let read = JournalReader.read(bytes: bytes, expectedCaseID: "C001", validatingData: false)

        let full = CaseHistory(caseID: "C001", read: read)
        let scanned = try CaseHistory.read(journalAt: url, caseID: "C001")
        #expect(scanned.problems == full.problems, "\(label)")
        #expect(scanned.sessions == full.sessions, "\(label)")
        #expect(scanned.events.map(\.event) == full.events.map(\.event), "\(label)")
        #expect(scanned.events.map(\.at) == full.events.map(\.at), "\(label)")
        #expect(scanned.events.map(\.seq) == full.events.map(\.seq), "\(label)")
        #expect(scanned.events.map(\.session) == full.events.map(\.session), "\(label)")
        #expect(scanned.outcomes.map(\.0) == full.outcomes.map(\.0), "\(label)")

        let outline = CaseHistory.outline(of: read)
        let counted = try CaseHistory.outline(journalAt: url, caseID: "C001")
        #expect(counted.answered == outline.answered, "\(label)")
        #expect(counted.completed == outline.completed, "\(label)")
        #expect(counted.lastQuestionnaire == outline.lastQuestionnaire, "\(label)")
        #expect(counted.problems == outline.problems, "\(label)")

        let standing = try InterviewStanding.read(journalAt: url, caseID: "C001")
        #expect(standing == InterviewStanding(outline), "\(label)")
    }

    @Test func cleanJournalReadsTheSameEitherWay() throws {
        let bytes = try Self.sampleJournal()
        try expectAgreement(bytes, "clean")
        let history = try CaseHistory.read(journalAt: URL(fileURLWithPath: "/nonexistent/C001.jsonl"), caseID: "C001")
        #expect(history.events.isEmpty && history.problems.isEmpty)
    }

    @Test func damagedJournalsReadTheSameEitherWay() throws {
        let bytes = try Self.sampleJournal()
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        var random = SeededGenerator(state: 2026)
        for trial in 0..<600 {
            var damaged = bytes
            switch trial % 6 {
            case 0: // bit flip
                let position = Int.random(in: 0..<bytes.count, using: &random)
                damaged[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
            case 1: // torn tail
                damaged = Array(bytes[0..<Int.random(in: 0..<bytes.count, using: &random)])
            case 2: // a line repeated
                let index = Int.random(in: 0..<(lines.count - 1), using: &random)
                var copy = lines
                copy.insert(lines[index], at: index + 1)
                damaged = Array(copy.joined(separator: [0x0A]))
            case 3: // a line lost (sequence gap)
                var copy = lines
                copy.remove(at: Int.random(in: 0..<(lines.count - 1), using: &random))
                damaged = Array(copy.joined(separator: [0x0A]))
            case 4: // an interrupted write closed off and continued
                let index = Int.random(in: 1..<(lines.count - 1), using: &random)
                var copy = lines
                copy.insert(Array(lines[index].prefix(Int.random(in: 1..<40, using: &random))), at: index)
                damaged = Array(copy.joined(separator: [0x0A]))
            default: // another case's record, numbered in or out of sequence
                var copy = lines
                let foreign = RecordLine.encode(seq: [3, 40, 1000][trial % 3], caseID: "C002", at: "2026-11-30T10:00:00.000Z", kind: "interview.complete",
                                                data: Array(#"{"type":"complete"}"#.utf8))
                copy.insert(Array(foreign.dropLast()), at: Int.random(in: 0..<lines.count, using: &random))
                damaged = Array(copy.joined(separator: [0x0A]))
            }
            try expectAgreement(damaged, "trial \(trial)")
        }
    }
}
