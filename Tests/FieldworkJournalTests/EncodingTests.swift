import Foundation
import Testing
@testable import FieldworkJournal

@Suite struct EncodingTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.hex(0x1A) == "0000001a")
    }

    @Test func timestampsRoundTripToTheMillisecond() throws {
        let date = Date(timeIntervalSince1970: 1_796_036_400.123_9)
        let text = JournalTimestamp.format(date)
        #expect(text == "2026-11-30T11:00:00.123Z")
        let parsed = try #require(JournalTimestamp.parse(text))
        #expect(abs(parsed.timeIntervalSince1970 - 1_796_036_400.123) < 0.000_5)
        #expect(JournalTimestamp.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(JournalTimestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
    }

    @Test(arguments: ["2026-02-30T00:00:00.000Z", "2026-11-30T24:00:00.000Z", "2026-11-30T10:00:00.123", "2026-11-30 10:00:00.123Z", "２026-11-30T10:00:00.123Z"])
    func timestampsRejectAnythingElse(_ text: String) {
        #expect(JournalTimestamp.parse(text) == nil)
    }

    @Test func recordLineIsSelfDescribingAndChecksummedUpToTheTrailer() throws {
        let line = RecordLine.encode(seq: 12, caseID: "C001", at: "2026-11-30T10:00:00.123Z", kind: "answer", data: Array(#"{"q":"Q1"}"#.utf8))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix(#"{"v":1,"seq":12,"case":"C001","at":"2026-11-30T10:00:00.123Z","kind":"answer","data":{"q":"Q1"},"crc":""#))
        #expect(text.hasSuffix("\"}\n"))
        let body = line.dropLast(RecordLine.trailerLength + 1)
        #expect(text.contains(#","crc":"\#(CRC32.hex(CRC32.checksum(body)))"}"#))
        // The whole line is ordinary JSON.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["seq"] as? Int == 12)
        #expect(object["kind"] as? String == "answer")
    }
}

