import FieldworkBasics
import Foundation
import Testing

/// Statistics text must be the characters C's printf writes, so these tests ask glibc's printf
/// (through Foundation's `String(format:)`) for the expected text: an independent implementation.
@Suite("Decimal text for statistics matches printf")
struct DecimalTextStatisticsTests {
    /// Values where rounding is delicate: exact binary ties, near-ties that are not ties in binary,
    /// carries into a new place, tiny and huge magnitudes, negative zero and subnormals.
    static let delicate: [Double] = [
        0, -0.0, 0.15, 0.25, 0.35, 0.125, 0.375, 2.5, 3.5, -2.5, 12.25, 49.0 / 400 * 100, 1.005, 2.675,
        9.9996, 99.95, 999.5, 0.05, -0.05, -0.01, 1e-5, 0.000123456, 123456.789, 1e15 + 0.3, 1e22,
        1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 1.0 / 3.0, 2.0 / 3.0, 100, 0.5, 1.5,
    ]

    @Test func fixedPlacesMatchPrintfOnDelicateValues() {
        for value in Self.delicate {
            for places in 0...8 {
                #expect(DecimalText.fixed(value, places: places) == String(format: "%.\(places)f", value),
                        "\(value) to \(places) places")
            }
        }
    }

    @Test func significantDigitsMatchPrintfOnDelicateValues() {
        for value in Self.delicate {
            for digits in 1...10 {
                #expect(DecimalText.significant(value, digits: digits) == String(format: "%.\(digits)g", value),
                        "\(value) to \(digits) significant digits")
            }
        }
    }

    @Test func fixedAndSignificantMatchPrintfOnRandomValues() {
        var generator = SplitMix(seed: 20261206)
        for _ in 0..<4_000 {
            let magnitude = Double(Int(generator.next() % 40)) - 20
            let value = (Double(generator.next() % 2_000_001) / 1_000_000 - 1) * pow(10, magnitude)
            let places = Int(generator.next() % 7)
            let digits = Int(generator.next() % 9) + 1
            #expect(DecimalText.fixed(value, places: places) == String(format: "%.\(places)f", value))
            #expect(DecimalText.significant(value, digits: digits) == String(format: "%.\(digits)g", value))
        }
    }

    @Test func percentagesCountsAndPaddingMatchPrintf() {
        for value in [12.25, 0.0, 100.0, 33.333333, 66.666666, 0.05] {
            #expect(DecimalText.percent(value) == String(format: "%.1f%%", value))
        }
        for value in [0, 7, 42, 123_456, -7, -123] {
            #expect(DecimalText.zeroPadded(value, width: 6) == String(format: "%06d", value))
            #expect(DecimalText.zeroPadded(value, width: 2) == String(format: "%02d", value))
        }
        #expect(DecimalText.padded(DecimalText.fixed(3.25, places: 1), width: 17) == String(format: "%17.1f", 3.25))
    }

    @Test func nonFiniteValuesAreWrittenAsPrintfDoes() {
        #expect(DecimalText.fixed(.infinity, places: 1) == "inf")
        #expect(DecimalText.fixed(-.infinity, places: 1) == "-inf")
        #expect(DecimalText.significant(.nan, digits: 4) == "nan")
    }

    /// A small deterministic generator (SplitMix64), so a failure can be reproduced.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
