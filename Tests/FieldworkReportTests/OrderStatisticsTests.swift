import XCTest
@testable import FieldworkReport

final class OrderStatisticsTests: XCTestCase {
    func testMedianOfOddAndEvenCounts() {
        XCTAssertEqual(OrderStatistics.median([5, 1, 3]), 3)
        XCTAssertEqual(OrderStatistics.median([4, 1, 3, 2]), 2.5)
        XCTAssertEqual(OrderStatistics.median([7]), 7)
        XCTAssertNil(OrderStatistics.median([]))
    }

    /// Nearest rank: rank ⌈0.9 n⌉ of the sorted values, worked by hand.
    func testNinetiethPercentileIsTheNearestRank() {
        XCTAssertEqual(OrderStatistics.percentile(90, of: (1...10).map(Double.init).reversed()), 9)   // rank 9
        XCTAssertEqual(OrderStatistics.percentile(90, of: (1...20).map(Double.init)), 18)             // rank 18
        XCTAssertEqual(OrderStatistics.percentile(90, of: [3, 1, 2]), 3)                               // rank ⌈2.7⌉ = 3
        XCTAssertEqual(OrderStatistics.percentile(90, of: (1...11).map(Double.init)), 10)             // rank ⌈9.9⌉ = 10
        XCTAssertEqual(OrderStatistics.percentile(90, of: [42]), 42)
        XCTAssertNil(OrderStatistics.percentile(90, of: []))
    }

    func testShareOfNothingIsNotANumberButAbsent() {
        XCTAssertNil(OrderStatistics.share(0, of: 0))
        XCTAssertNil(OrderStatistics.share(3, of: 0))
        XCTAssertEqual(OrderStatistics.share(1, of: 4), 0.25)
    }
}
