import FieldworkModel

/// The kinds of interview a questionnaire's `end` items close, as a planner counts them: calls that
/// screen the case out, refusals, and calls to be made again later.
public enum EndingGroup: String, Sendable, Hashable, CaseIterable, Codable {
    /// Not eligible: ceased trading, out of scope, not a business, duplicate listing, moved out of area.
    case screenOuts = "screen-outs"
    /// Hard and soft refusals (consent refused, refusals to be converted).
    case refusals
    /// The right person is not available: the case is called again.
    case callBacks = "call-backs"
    /// Eligible, but no interview can be had: a language barrier, a respondent ill or incapable.
    case otherNonInterviews = "other-non-interviews"

    /// The group of an `end` item's outcome; nil for an outcome the questionnaire language does not know.
    public init?(outcome: String) {
        guard let known = InterviewEndOutcome(rawValue: outcome) else { return nil }
        switch known {
        case .ceasedTrading, .outOfScope, .notABusiness, .duplicateListing, .movedOutOfArea: self = .screenOuts
        case .hardRefusal, .softRefusal: self = .refusals
        case .namedContactNotAvailable: self = .callBacks
        case .languageBarrier, .respondentUnable: self = .otherNonInterviews
        }
    }
}
