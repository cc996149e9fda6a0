import Testing
import FieldworkBasics

@Suite("Decimal text")
struct DecimalTextTests {
    @Test func binaryNoiseIsRoundedAwayToTheDeclaredPlaces() {
        #expect(DecimalText.text(0.1 + 0.2, places: 2) == "0.3")
        #expect(DecimalText.text(2534.8300000000004, places: 2) == "2534.83")
        #expect(DecimalText.rounded(2534.8300000000004, places: 2) == 2534.83)
        #expect(DecimalText.rounded(0.1 + 0.2, places: 2) == 0.3)
    }

    @Test func wholeNumbersTrailingZerosSignsAndHalves() {
        #expect(DecimalText.text(12, places: 2) == "12")
        #expect(DecimalText.text(12.5, places: 2) == "12.5")
        #expect(DecimalText.text(-0.25, places: 1) == "-0.3", "half away from zero")
        #expect(DecimalText.text(-0.004, places: 2) == "0", "no negative zero")
        #expect(DecimalText.text(0.000001, places: 6) == "0.000001", "never an exponent")
        #expect(DecimalText.text(50_000_000.07, places: 2) == "50000000.07")
        #expect(DecimalText.text(.nan, places: 2) == "")
    }

    @Test func shortestReadsBackExactly() {
        #expect(DecimalText.shortest(3) == "3")
        #expect(Double(DecimalText.shortest(1.0 / 3.0)) == 1.0 / 3.0)
    }
}
