/// The groups AAPOR outcome rates count cases in, by disposition code:
/// I 1.1, P 1.2, R 2.1x, NC 2.2x, O 2.3x, UH 3.1x, UO 3.2x and 3.9x, NE 4.x.
public enum RateGroup: String, Sendable, Hashable, Codable, CaseIterable {
    case I, P, R, NC, O, UH, UO, NE

    /// The group of a code such as "2.221", or nil for a code outside the table (e.g. "2.0").
    public init?(code: String) {
        let parts = code.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let major = parts.first, let sub = parts.last?.first else { return nil }
        switch (major, sub) {
        case ("1", "1"): self = .I
        case ("1", "2"): self = .P
        case ("2", "1"): self = .R
        case ("2", "2"): self = .NC
        case ("2", "3"): self = .O
        case ("3", "1"): self = .UH
        case ("3", "2"), ("3", "9"): self = .UO
        case ("4", _): self = .NE
        default: return nil
        }
    }

    public var label: String {
        switch self {
        case .I: "complete interviews"
        case .P: "partial interviews"
        case .R: "refusals and break-offs"
        case .NC: "non-contacts"
        case .O: "other eligible non-interviews"
        case .UH: "unknown if eligible unit"
        case .UO: "eligible respondent unknown, other"
        case .NE: "not eligible"
        }
    }
}
