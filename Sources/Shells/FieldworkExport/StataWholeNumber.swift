/// Stata's whole-number storage types and the values each holds (Stata reserves the top of each
/// range for its missing values `.`, `.a` … `.z`, which still fit: missing codes are stored as
/// tagged missing values, not as numbers).
enum StataWholeNumber: Equatable, CaseIterable {
    /// 1 byte: −127 to 100.
    case byte
    /// 2 bytes: −32,767 to 32,740.
    case int
    /// 4 bytes: −2,147,483,647 to 2,147,483,620.
    case long

    var range: ClosedRange<Double> {
        switch self {
        case .byte: return -127...100
        case .int: return -32_767...32_740
        case .long: return -2_147_483_647...2_147_483_620
        }
    }

    /// The smallest type whose range holds `values`; nil when only a double does.
    static func smallest(holding values: ClosedRange<Double>) -> StataWholeNumber? {
        allCases.first { $0.range.contains(values.lowerBound) && $0.range.contains(values.upperBound) }
    }
}
