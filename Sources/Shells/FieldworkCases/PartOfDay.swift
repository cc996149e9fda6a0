/// Coarse times of day used to spread retries: a business that never answers in the morning may
/// answer after lunch.
public enum PartOfDay: String, Sendable, Hashable, Codable, CaseIterable {
    /// Before 12:00 local time.
    case morning
    /// 12:00 to 13:59.
    case midday
    /// 14:00 onwards.
    case afternoon

    public init(minuteOfDay: Int) {
        switch minuteOfDay {
        case ..<720: self = .morning
        case ..<840: self = .midday
        default: self = .afternoon
        }
    }

    /// Bit used in a case's `tried_parts` mask.
    var bit: Int {
        switch self {
        case .morning: 1
        case .midday: 2
        case .afternoon: 4
        }
    }
}
