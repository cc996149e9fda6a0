import FieldworkEngine
import Foundation
import Testing
@testable import FieldworkJournal

/// A journal written by the recorder as it was in December 2026 (every record kind and every event
/// and response shape it writes), kept byte for byte. The journal's format must not drift: today's
/// encoder must still write exactly these lines, and today's readers must read them as they did.
@Suite struct JournalGoldenTests {
    static let stamp1 = QuestionnaireStamp(id: "golden", version: "2026.1", sha256: String(repeating: "0c", count: 32))
    static let stamp2 = QuestionnaireStamp(id: "golden", version: "2026.2", sha256: String(repeating: "d4", count: 32))

    static let journal = #"""
{"v":1,"seq":1,"case":"G-001","at":"2026-11-30T10:00:00.000Z","kind":"session.start","data":{"interviewer":"INT07","questionnaire":{"id":"golden","sha256":"0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c","version":"2026.1"},"resumed":false},"crc":"bd2996e3"}
{"v":1,"seq":2,"case":"G-001","at":"2026-11-30T10:00:01.037Z","kind":"interview.date","data":{"date":"2026-11-30","type":"date"},"crc":"97611c4d"}
{"v":1,"seq":3,"case":"G-001","at":"2026-11-30T10:00:02.074Z","kind":"interview.seed","data":{"seed":123456789,"type":"seed"},"crc":"fe040ac2"}
{"v":1,"seq":4,"case":"G-001","at":"2026-11-30T10:00:03.111Z","kind":"interview.language","data":{"language":"cy","type":"language"},"crc":"7ded71ed"}
{"v":1,"seq":5,"case":"G-001","at":"2026-11-30T10:00:04.148Z","kind":"interview.shown","data":{"question":"s_hello","type":"shown"},"crc":"0d3a1dc3"}
{"v":1,"seq":6,"case":"G-001","at":"2026-11-30T10:00:05.185Z","kind":"interview.answer","data":{"question":"s_hello","response":{"seen":true},"type":"answer"},"crc":"9a838072"}
{"v":1,"seq":7,"case":"G-001","at":"2026-11-30T10:00:06.222Z","kind":"interview.shown","data":{"question":"victim_cost[3,1]","type":"shown"},"crc":"9d53d235"}
{"v":1,"seq":8,"case":"G-001","at":"2026-11-30T10:00:07.259Z","kind":"interview.answer","data":{"question":"victim_cost[3,1]","response":{"number":12},"type":"answer"},"crc":"373a2a7f"}
{"v":1,"seq":9,"case":"G-001","at":"2026-11-30T10:00:08.296Z","kind":"interview.answer","data":{"question":"victim_cost[3,1]","response":{"number":-3.25},"type":"answer"},"crc":"c8a8c051"}
{"v":1,"seq":10,"case":"G-001","at":"2026-11-30T10:00:09.333Z","kind":"interview.answer","data":{"question":"victim_cost[3,1]","response":{"number":1234567.891},"type":"answer"},"crc":"d8f7fade"}
{"v":1,"seq":11,"case":"G-001","at":"2026-11-30T10:00:10.370Z","kind":"interview.answer","data":{"question":"firm","response":{"text":"Acme Ltd, 3 staff"},"type":"answer"},"crc":"d993a40b"}
{"v":1,"seq":12,"case":"G-001","at":"2026-11-30T10:00:11.407Z","kind":"interview.answer","data":{"question":"firm","response":{"text":"Café \"Y Ddraig\"\nside door a/b"},"type":"answer"},"crc":"abcc53b7"}
{"v":1,"seq":13,"case":"G-001","at":"2026-11-30T10:00:12.444Z","kind":"interview.answer","data":{"question":"when","response":{"date":"2024-10-04"},"type":"answer"},"crc":"7f87b62c"}
{"v":1,"seq":14,"case":"G-001","at":"2026-11-30T10:00:13.481Z","kind":"interview.answer","data":{"question":"kind","response":{"choice":4},"type":"answer"},"crc":"1a002142"}
{"v":1,"seq":15,"case":"G-001","at":"2026-11-30T10:00:14.518Z","kind":"interview.answer","data":{"question":"kind","response":{"choice":97,"specify":"a bakery"},"type":"answer"},"crc":"3e5ed76e"}
{"v":1,"seq":16,"case":"G-001","at":"2026-11-30T10:00:15.555Z","kind":"interview.answer","data":{"question":"items","response":{"choices":[1,3,12]},"type":"answer"},"crc":"7b89d96a"}
{"v":1,"seq":17,"case":"G-001","at":"2026-11-30T10:00:16.592Z","kind":"interview.answer","data":{"question":"items","response":{"choices":[2,96,97],"specify":{"96":"x","97":"other"}},"type":"answer"},"crc":"1247706b"}
{"v":1,"seq":18,"case":"G-001","at":"2026-11-30T10:00:17.629Z","kind":"interview.answer","data":{"question":"grid","response":{"grid":[{"choice":1},{"dk":true},{"refused":true}]},"type":"answer"},"crc":"7f1db491"}
{"v":1,"seq":19,"case":"G-001","at":"2026-11-30T10:00:18.666Z","kind":"interview.dontknow","data":{"question":"income","response":{"dk":true},"type":"dontknow"},"crc":"de4c8c08"}
{"v":1,"seq":20,"case":"G-001","at":"2026-11-30T10:00:19.703Z","kind":"interview.refused","data":{"question":"income","response":{"refused":true},"type":"refused"},"crc":"36829219"}
{"v":1,"seq":21,"case":"G-001","at":"2026-11-30T10:00:20.740Z","kind":"interview.answer","data":{"question":"count","response":{"missing":"too_many"},"type":"answer"},"crc":"7baec3f9"}
{"v":1,"seq":22,"case":"G-001","at":"2026-11-30T10:00:21.777Z","kind":"interview.softcheck.confirmed","data":{"check":"many_incidents","question":"count","type":"softcheck.confirmed"},"crc":"7e2d6a4c"}
{"v":1,"seq":23,"case":"G-001","at":"2026-11-30T10:00:22.814Z","kind":"interview.back","data":{"type":"back"},"crc":"39f83ab3"}
{"v":1,"seq":24,"case":"G-001","at":"2026-11-30T10:00:23.851Z","kind":"interview.jump","data":{"question":"kind","type":"jump"},"crc":"c02622be"}
{"v":1,"seq":25,"case":"G-001","at":"2026-11-30T10:00:24.888Z","kind":"interview.note","data":{"question":"kind","text":"call back after 3","type":"note"},"crc":"ea44b0c2"}
{"v":1,"seq":26,"case":"G-001","at":"2026-11-30T10:00:25.925Z","kind":"interview.note","data":{"text":"general note","type":"note"},"crc":"332781f2"}
{"v":1,"seq":27,"case":"G-001","at":"2026-11-30T10:00:26.962Z","kind":"interview.suspend","data":{"type":"suspend"},"crc":"5e0bff60"}
{"v":1,"seq":28,"case":"G-001","at":"2026-11-30T10:00:27.999Z","kind":"call.outcome","data":{"interviewer":"INT07","outcome":"appointment"},"crc":"42b89a34"}
{"v":1,"seq":29,"case":"G-001","at":"2026-11-30T10:00:28.036Z","kind":"session.end","data":{"reason":"suspended"},"crc":"606b1835"}
{"v":1,"seq":30,"case":"G-001","at":"2026-11-30T10:00:29.073Z","kind":"session.start","data":{"interviewer":"INT09","questionnaire":{"id":"golden","sha256":"d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4","version":"2026.2"},"questionnaireChangeAccepted":true,"resumed":true},"crc":"00d67dd7"}
{"v":1,"seq":31,"case":"G-001","at":"2026-11-30T10:00:30.110Z","kind":"interview.resume","data":{"type":"resume"},"crc":"5064a223"}
{"v":1,"seq":32,"case":"G-001","at":"2026-11-30T10:00:31.147Z","kind":"interview.end","data":{"outcome":"refusal","type":"end"},"crc":"d60531f8"}
{"v":1,"seq":33,"case":"G-001","at":"2026-11-30T10:00:32.184Z","kind":"interview.endpoint","data":{"endpoint":"screened_out","outcome":"4.70","type":"endpoint"},"crc":"f3d18d8b"}
{"v":1,"seq":34,"case":"G-001","at":"2026-11-30T10:00:33.221Z","kind":"interview.complete","data":{"type":"complete"},"crc":"56930844"}
{"v":1,"seq":35,"case":"G-001","at":"2026-11-30T10:00:34.258Z","kind":"call.outcome","data":{"note":"rang off","outcome":"2.11"},"crc":"0a49d776"}
{"v":1,"seq":36,"case":"G-001","at":"2026-11-30T10:00:35.295Z","kind":"session.end","data":{"reason":"completed"},"crc":"4f95c90b"}
"""#

    /// The value each line's `data` holds, in order.
    static let values: [any Encodable & Sendable] = {
        let q = QuestionAddress(id: "victim_cost", pass: [3, 1])
        let events: [InterviewEvent] = [
            .interviewDated(day: 20_787), .seeded(123_456_789), .languageChosen("cy"),
            .shown(QuestionAddress(id: "s_hello")), .answered(QuestionAddress(id: "s_hello"), .seen),
            .shown(q), .answered(q, .number(12)), .answered(q, .number(-3.25)), .answered(q, .number(1_234_567.891)),
            .answered(QuestionAddress(id: "firm"), .text("Acme Ltd, 3 staff")),
            .answered(QuestionAddress(id: "firm"), .text("Café \"Y Ddraig\"\nside door a/b")),
            .answered(QuestionAddress(id: "when"), .date(20_000)),
            .answered(QuestionAddress(id: "kind"), .choice(4, specify: nil)),
            .answered(QuestionAddress(id: "kind"), .choice(97, specify: "a bakery")),
            .answered(QuestionAddress(id: "items"), .choices([1, 3, 12], specify: [:])),
            .answered(QuestionAddress(id: "items"), .choices([2, 96, 97], specify: [96: "x", 97: "other"])),
            .answered(QuestionAddress(id: "grid"), .grid([.choice(1, specify: nil), .dontKnow, .refused])),
            .answered(QuestionAddress(id: "income"), .dontKnow), .answered(QuestionAddress(id: "income"), .refused),
            .answered(QuestionAddress(id: "count"), .missingCode("too_many")),
            .softCheckConfirmed(QuestionAddress(id: "count"), check: "many_incidents"), .back, .jump(QuestionAddress(id: "kind")),
            .note(QuestionAddress(id: "kind"), text: "call back after 3"), .note(nil, text: "general note"), .suspended,
        ]
        var values: [any Encodable & Sendable] = [SessionStart(interviewer: "INT07", questionnaire: stamp1, resumed: false)]
        values += events.map { $0 as any Encodable & Sendable }
        values += [
            CaseHistory.CallOutcome(outcome: "appointment", note: nil, interviewer: "INT07"), SessionEnd(reason: "suspended"),
            SessionStart(interviewer: "INT09", questionnaire: stamp2, resumed: true, questionnaireChangeAccepted: true),
        ]
        values += [InterviewEvent.resumed, .ended(outcome: "refusal"), .endReached(endpoint: "screened_out", outcome: "4.70"), .completed]
            .map { $0 as any Encodable & Sendable }
        values += [CaseHistory.CallOutcome(outcome: "2.11", note: "rang off", interviewer: nil), SessionEnd(reason: "completed")]
        return values
    }()

    static var bytes: [UInt8] { Array((journal + "\n").utf8) }
    static var lines: [Substring] { journal.split(separator: "\n") }

    static var expectedEvents: [InterviewEvent] { values.compactMap { $0 as? InterviewEvent } }

    @Test func todaysEncoderWritesTheseLinesByteForByte() throws {
        let encoder = JournalCoding.makeEncoder()
        let read = JournalReader.read(bytes: Self.bytes, expectedCaseID: "G-001")
        try #require(read.records.count == Self.values.count)
        for (index, (record, value)) in zip(read.records, Self.values).enumerated() {
            let data = Array(try encoder.encode(value))
            let line = RecordLine.encode(seq: record.seq, caseID: "G-001", at: JournalTimestamp.format(record.at), kind: record.kind, data: data)
            #expect(String(decoding: line.dropLast(), as: UTF8.self) == String(Self.lines[index]), "line \(index + 1)")
            if let event = value as? InterviewEvent { #expect(record.kind == JournalCodec.eventPrefix + event.kind, "line \(index + 1)") }
        }
    }

    @Test func todaysReadersReadTheJournalAsWritten() throws {
        let read = JournalReader.read(bytes: Self.bytes, expectedCaseID: "G-001")
        #expect(read.problems.isEmpty)
        #expect(read.lastSequence == Self.values.count)
        let temp = try TemporaryDirectory()
        let url = temp.path("G-001.jsonl")
        try Data(Self.bytes).write(to: url)
        for history in [CaseHistory(caseID: "G-001", read: read), try CaseHistory.read(journalAt: url, caseID: "G-001")] {
            #expect(history.problems.isEmpty)
            #expect(history.interviewEvents == Self.expectedEvents)
            #expect(history.sessions.map(\.interviewer) == ["INT07", "INT09"])
            #expect(history.sessions.map(\.questionnaire) == [Self.stamp1, Self.stamp2])
            #expect(history.sessions.map(\.endReason) == ["suspended", "completed"])
            #expect(history.sessions.map { $0.endedAt.map(JournalTimestamp.format) } == ["2026-11-30T10:00:28.036Z", "2026-11-30T10:00:35.295Z"])
            #expect(history.events.map(\.session) == Array(repeating: 0, count: 26) + Array(repeating: 1, count: 4))
            #expect(history.events.first.map { JournalTimestamp.format($0.at) } == "2026-11-30T10:00:01.037Z")
            #expect(history.outcomes.map(\.0) == [CaseHistory.CallOutcome(outcome: "appointment", note: nil, interviewer: "INT07"),
                                                 CaseHistory.CallOutcome(outcome: "2.11", note: "rang off", interviewer: nil)])
            #expect(history.lastQuestionnaire == Self.stamp2)
        }
        let standing = try InterviewStanding.read(journalAt: url, caseID: "G-001")
        #expect(standing == InterviewStanding(answered: true, completed: true, lastQuestionnaire: Self.stamp2))
    }
}
