import FieldworkBasics
import Foundation

/// The clock the case commands schedule by.
///
/// `FIELDWORK_NOW` (ISO-8601, e.g. `2025-10-27T09:45:00Z` or `2025-10-27T10:45:00+01:00`) pins it, so a
/// trainer can rehearse a Monday morning on a Friday and tests can replay a fieldwork day.
public enum CaseClock {
    public static let environmentVariable = "FIELDWORK_NOW"

    /// `FIELDWORK_NOW` if set, else the real time. Throws when the variable is set but unreadable,
    /// rather than silently scheduling by the wrong clock.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Date {
        guard let text = environment[environmentVariable], !text.isEmpty else { return Date() }
        if let date = parse(text) { return date }
        throw CaseStoreError.invalidClock(
            "\(environmentVariable)='\(text)' is not an ISO-8601 time such as 2025-10-27T09:45:00Z")
    }

    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
