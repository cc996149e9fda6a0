import FieldworkBasics
import Foundation
import Testing

/// The one timestamp writer agrees with Foundation's ISO 8601 formatter (an independent
/// implementation) to the character, before and after 1970, across leap days and year ends.
@Suite("UTC timestamps")
struct UTCTimestampTests {
    @Test func secondsAgreeWithFoundationsFormatter() {
        let reference = ISO8601DateFormatter()
        reference.timeZone = TimeZone(identifier: "UTC")
        var state: UInt64 = 12_345
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // From 1900 to 2100, whole seconds.
            let seconds = Double(Int64(state >> 34) % 6_311_390_400 - 2_208_988_800)
            let date = Date(timeIntervalSince1970: seconds)
            #expect(UTCTimestamp.text(secondsSince1970: seconds) == reference.string(from: date), "\(seconds)")
        }
    }

    @Test func millisecondsAreTruncatedAndPadded() {
        #expect(UTCTimestamp.text(millisecondsSince1970: 0, precision: .milliseconds) == "1970-01-01T00:00:00.000Z")
        #expect(UTCTimestamp.text(millisecondsSince1970: -1, precision: .milliseconds) == "1969-12-31T23:59:59.999Z")
        #expect(UTCTimestamp.text(secondsSince1970: 951_782_400.9876, precision: .milliseconds) == "2000-02-29T00:00:00.987Z")
        #expect(UTCTimestamp.text(secondsSince1970: 951_782_400.9876) == "2000-02-29T00:00:00Z")
    }
}
