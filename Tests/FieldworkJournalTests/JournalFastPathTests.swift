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

/// `JournalCodec`'s two reading paths: the fast path takes every shape the writer produces and
/// gives what the general path gives; anything else it leaves to the general path.
@Suite struct JournalCodecTests {
    static let address = QuestionAddress(id: "victim_cost", pass: [3, 1])

    /// One response of every kind, in the forms the recorder writes.
    static let responses: [Response] = [
        .number(12), .number(-3.25), .number(0), .number(1_234_567.891), .number(0.1), .text("Acme Ltd, 3 staff"), .text(""),
        .date(20_000), .choice(4, specify: nil), .choice(97, specify: "a bakery"), .choices([], specify: [:]),
        .choices([1, 3, 12], specify: [:]), .choices([2, 97], specify: [97: "other"]),
        .choices([96, 97], specify: [96: "x", 97: "y"]), .grid([.choice(1, specify: nil), .dontKnow, .refused]),
        .dontKnow, .refused, .missingCode("too_many"), .seen,
    ]

    /// One event of every kind the recorder writes, responses of every kind included.
    static let events: [InterviewEvent] = {
        var events: [InterviewEvent] = responses.map { .answered(address, $0) }
        events += [
            .shown(address), .shown(QuestionAddress(id: "s_hello")), .jump(address), .back, .suspended, .resumed, .completed,
            .softCheckConfirmed(address, check: "many_incidents"), .note(address, text: "call back after 3"),
            .note(nil, text: "general note"), .ended(outcome: "refusal"), .endReached(endpoint: "screened_out", outcome: "4.70"),
            .interviewDated(day: 20_787), .seeded(0), .seeded(123_456_789), .seeded(9_007_199_254_740_991), .languageChosen("cy"),
        ]
        return events
    }()

    /// Which kind of event this is, by an exhaustive switch: a new kind of event does not compile
    /// here until it is given a number, and then the coverage test below wants a sample of it.
    static func kindNumber(_ event: InterviewEvent) -> Int {
        switch event {
        case .shown: 0
        case .answered: 1
        case .softCheckConfirmed: 2
        case .back: 3
        case .jump: 4
        case .note: 5
        case .suspended: 6
        case .resumed: 7
        case .completed: 8
        case .ended: 9
        case .endReached: 10
        case .interviewDated: 11
        case .seeded: 12
        case .languageChosen: 13
        }
    }

    static func kindNumber(_ response: Response) -> Int {
        switch response {
        case .number: 0
        case .text: 1
        case .date: 2
        case .choice: 3
        case .choices: 4
        case .grid: 5
        case .dontKnow: 6
        case .refused: 7
        case .missingCode: 8
        case .seen: 9
        }
    }

    @Test func theSamplesCoverEveryKindOfEventAndResponse() {
        #expect(Set(Self.events.map(Self.kindNumber)) == Set(0...13))
        #expect(Set(Self.responses.map(Self.kindNumber)) == Set(0...9))
    }

    static func encoded(_ event: InterviewEvent) throws -> [UInt8] {
        try JournalCodec.encode(event)
    }

    @Test(arguments: events)
    func everyShapeTheWriterProducesTakesTheFastPathAndMeansTheSame(_ event: InterviewEvent) throws {
        let bytes = try Self.encoded(event)
        let (fast, general) = try bytes.withUnsafeBufferPointer { buffer in
            (JournalCodec.FastPath.event(from: buffer), try JournalCodec.general(InterviewEvent.self, from: buffer))
        }
        #expect(fast != nil, "\(String(decoding: bytes, as: UTF8.self)) should take the fast path")
        #expect(fast == general)
        #expect(general == event)
        #expect(try JournalCodec.event(from: bytes) == event)
    }

    /// Inputs outside the writer's shapes: the fast path declines and the general path's answer
    /// (or error) stands.
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
        #"{"question":"q1","response":{"missing":""},"type":"answer","x":1}"#, #"{"question":"q1","response":{"missing":1},"type":"answer"}"#,
        #"{"date":"2026-13-01","type":"date"}"#, #"{"date":"2026-11-30","outcome":"x","type":"date"}"#, #"{"endpoint":"e","type":"endpoint"}"#,
        #"{"type":"seed"}"#, #"{"seed":-1,"type":"seed"}"#, #"{"seed":9007199254740992,"type":"seed"}"#, #"{"seed":"12","type":"seed"}"#,
        #"{"seed":1.5,"type":"seed"}"#, #"{"type":"language"}"#, #"{"language":7,"type":"language"}"#,
        // Hostile bytes must fall back, never trap: codes too long for an integer, and grids
        // nested far deeper than any encoder writes.
        #"{"question":"q1","response":{"choice":99999999999999999999999},"type":"answer"}"#,
        #"{"question":"q1","response":{"choice":-9223372036854775808},"type":"answer"}"#,
        #"{"question":"q1","response":{"choices":[1,99999999999999999999]},"type":"answer"}"#,
        #"{"question":"q1","response":"# + String(repeating: #"{"grid":["#, count: 600) + #"{"dk":true}"# + String(repeating: "]}", count: 600) + #","type":"answer"}"#,
    ]

    @Test(arguments: odd)
    func unusualDataIsLeftToTheGeneralPath(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(JournalCodec.FastPath.event(from: buffer) == nil, "\(text) should fall back")
            let general = Result(catching: { try JournalCodec.general(InterviewEvent.self, from: buffer) })
            let combined = Result(catching: { try JournalCodec.event(from: buffer) })
            switch (general, combined) {
            case let (.success(a), .success(b)): #expect(a == b)
            case let (.failure(a), .failure(b)): #expect("\(a)" == "\(b)")
            default: Issue.record("\(text): the codec disagrees with its general path")
            }
        }
    }

    @Test(arguments: [#"{"type":"seed"}"#, #"{"seed":-1,"type":"seed"}"#, #"{"seed":9007199254740992,"type":"seed"}"#,
                      #"{"seed":"12","type":"seed"}"#, #"{"type":"language"}"#, #"{"type":"teleport"}"#, "[]",
                      #"{"question":"q1","response":{"bogus":1},"type":"answer"}"#])
    func damagedEventsAreRefusedWithAReason(_ text: String) {
        let result = Result(catching: { try JournalCodec.event(from: Array(text.utf8)) })
        guard case .failure(let error) = result else {
            Issue.record("\(text) was read as an event")
            return
        }
        #expect(error is JournalCodec.Failure)
        #expect(!"\(error)".isEmpty)
    }

    @Test func sessionRecordsTakeTheFastPathAndMeanTheSame() throws {
        let stamp = QuestionnaireStamp(id: "bas", version: "2025.1-draft", sha256: String(repeating: "0c", count: 32))
        for start in [SessionStart(interviewer: "INT07", questionnaire: stamp, resumed: false),
                      SessionStart(interviewer: "sim", questionnaire: stamp, resumed: true, questionnaireChangeAccepted: true)] {
            let bytes = try JournalCodec.encode(start)
            #expect(bytes.withUnsafeBufferPointer { JournalCodec.FastPath.sessionStart(from: $0) } == start)
            #expect(try bytes.withUnsafeBufferPointer { try JournalCodec.general(SessionStart.self, from: $0) } == start)
        }
        for outcome in [CaseHistory.CallOutcome(outcome: "complete", note: nil, interviewer: "sim"),
                        CaseHistory.CallOutcome(outcome: "2.11", note: "rang off", interviewer: nil),
                        CaseHistory.CallOutcome(outcome: "noanswer", note: "x", interviewer: "INT01")] {
            let bytes = try JournalCodec.encode(outcome)
            #expect(bytes.withUnsafeBufferPointer { JournalCodec.FastPath.callOutcome(from: $0) } == outcome)
            #expect(try bytes.withUnsafeBufferPointer { try JournalCodec.general(CaseHistory.CallOutcome.self, from: $0) } == outcome)
        }
        let end = try JournalCodec.encode(SessionEnd(reason: "suspended"))
        end.withUnsafeBufferPointer { #expect(JournalCodec.FastPath.sessionEnd(from: $0) == SessionEnd(reason: "suspended")) }
        for odd in [#"{"reason":"a\"b"}"#, #"{"reason":1}"#, #"{"interviewer":"a","questionnaire":{"id":"b","sha256":"c","version":"d"}}"#] {
            let bytes = Array(odd.utf8)
            bytes.withUnsafeBufferPointer {
                #expect(JournalCodec.FastPath.sessionEnd(from: $0) == nil)
                #expect(JournalCodec.FastPath.sessionStart(from: $0) == nil)
                #expect(JournalCodec.FastPath.callOutcome(from: $0) == nil)
            }
        }
        // Escaped text leaves the fast path; the general path reads it.
        let escaped = Array(#"{"reason":"a\"b"}"#.utf8)
        #expect(try escaped.withUnsafeBufferPointer { try JournalCodec.sessionEnd(from: $0) } == SessionEnd(reason: "a\"b"))
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
            (JournalCodec.sessionStartKind, try encoder.encode(SessionStart(interviewer: "INT07", questionnaire: stamp, resumed: false))),
        ]
        for event in JournalCodecTests.events.prefix(12) {
            records.append((JournalCodec.eventPrefix + event.kind, try encoder.encode(event)))
        }
        records.append((JournalCodec.eventPrefix + "suspend", try encoder.encode(InterviewEvent.suspended)))
        records.append((JournalCodec.callOutcomeKind, try encoder.encode(CaseHistory.CallOutcome(outcome: "appointment", note: nil, interviewer: "INT07"))))
        records.append((JournalCodec.sessionEndKind, try encoder.encode(SessionEnd(reason: "suspended"))))
        let stamp2 = QuestionnaireStamp(id: "bas", version: "2", sha256: "def456")
        records.append((JournalCodec.sessionStartKind, try encoder.encode(SessionStart(interviewer: "INT09", questionnaire: stamp2, resumed: true))))
        records.append((JournalCodec.eventPrefix + "answer", Data(#"{"question":"q1","response":{"text":"caf\u00e9"},"type":"answer"}"#.utf8)))
        records.append((JournalCodec.eventPrefix + "answer", Data(#"{"question":"q1","response":{"bogus":1},"type":"answer"}"#.utf8)))
        records.append((JournalCodec.eventPrefix + "complete", try encoder.encode(InterviewEvent.completed)))
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

        // The standing, worked out the simple way from the records the reader accepts.
        var expected = InterviewStanding()
        for record in read.records {
            if ["interview.answer", "interview.dontknow", "interview.refused"].contains(record.kind) { expected.answered = true }
            if record.kind == "interview.complete" { expected.completed = true }
            if record.kind == "session.start", let start = try? JSONDecoder().decode(SessionStart.self, from: record.data) {
                expected.lastQuestionnaire = start.questionnaire
            }
        }
        #expect(try InterviewStanding.read(journalAt: url, caseID: "C001") == expected, "\(label)")
        #expect(InterviewStanding.fullStanding(bytes, caseID: "C001") == expected, "\(label)")
        if let quick = InterviewStanding.quickStanding(bytes, caseID: "C001") { #expect(quick == expected, "\(label)") }
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
