import FieldworkChecker
import FieldworkEngine
import FieldworkScreen
import Foundation

/// The call-room fixture questionnaire (33 boroughs, 21 sectors, a soft and a hard check across
/// two questions, two sections), shared with the end-to-end tests in
/// Tests/EndToEnd/fixtures/call_room.json and checked through the real checker.
enum CallRoomFixture {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../EndToEnd/fixtures/call_room.json").standardized.path
    }

    static func instrument() throws -> Instrument {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let (instrument, diagnostics) = Checker.check(bytes: bytes, file: "call_room.json")
        guard let instrument else { throw FixtureError(message: diagnostics.map { "\($0)" }.joined(separator: "\n")) }
        return instrument
    }

    static func driver() throws -> InterviewDriver {
        InterviewDriver(Interview(instrument: try instrument(), sample: SampleRecord(["business_name": "Acme Widgets Ltd", "phone": "020 7946 0000"])))
    }

    /// A driver on q_borough (the intro read out).
    static func atBorough() throws -> InterviewDriver {
        var driver = try driver()
        driver.press(.enter)
        return driver
    }

    /// A driver on q_london: Camden (6), sectors 3 and 10, 2 sites, 40 staff.
    static func atLondon() throws -> InterviewDriver {
        var driver = try atBorough()
        driver.type("6"); driver.press(.enter)
        driver.type("3"); driver.press(.enter); driver.type("10"); driver.press(.enter); driver.press(.enter)
        driver.type("2"); driver.press(.enter)
        driver.type("40"); driver.press(.enter)
        return driver
    }

    static let wide = ScreenSize(width: 100, height: 40)
}
