import FieldworkBasics
import FieldworkExpressions
import FieldworkModel

/// Frequencies of one column's values over an export, with bounded memory: once a column shows
/// more than `maxDistinct` different values (ids, free text, amounts) only summary figures are kept.
public struct ValueTally: Sendable, Equatable {
    public static let maxDistinct = 30

    public private(set) var counts: [String: Int] = [:]
    /// Numeric values by their text, for ordering the table.
    public private(set) var numbers: [String: Double] = [:]
    public private(set) var tooManyDistinct = false
    public private(set) var systemMissing = 0
    public private(set) var missingCodes: [Double: Int] = [:]
    public private(set) var valid = 0
    public private(set) var minimum: Double?
    public private(set) var maximum: Double?
    public private(set) var sum = 0.0

    public init() {}

    mutating func add(_ cell: ExportCell) {
        switch cell {
        case .systemMissing: systemMissing += 1
        case .missing(let code): missingCodes[code, default: 0] += 1
        case .number(let n):
            valid += 1
            sum += n
            minimum = min(minimum ?? n, n)
            maximum = max(maximum ?? n, n)
            let key = DecimalText.shortest(n)
            numbers[key] = n
            count(key)
        case .date(let day):
            // Listed as YYYY-MM-DD in date order; no mean (a mean date is rarely what is wanted).
            valid += 1
            let key = DateText.text(dayNumber: day)
            numbers[key] = Double(day)
            count(key)
        case .dateTime(let seconds):
            // Listed as UTC text in time order, like dates.
            valid += 1
            let key = UTCTimestamp.format(unixSeconds: seconds)
            numbers[key] = Double(seconds)
            count(key)
        case .text(let t):
            if t.isEmpty { systemMissing += 1; return }
            valid += 1
            count(t)
        }
    }

    private mutating func count(_ key: String) {
        guard !tooManyDistinct else { return }
        counts[key, default: 0] += 1
        if counts.count > Self.maxDistinct {
            tooManyDistinct = true
            counts = [:]
            numbers = [:]
        }
    }

    /// Values in order: numbers ascending, text by frequency.
    public var ordered: [(value: String, count: Int)] {
        let pairs = counts.map { (value: $0.key, count: $0.value) }
        if !numbers.isEmpty {
            return pairs.sorted { (numbers[$0.value] ?? 0) < (numbers[$1.value] ?? 0) }
        }
        return pairs.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    }
}
