/// The outcomes a questionnaire may end an interview with (an `end` item), named as case
/// management names the call outcome they become. The case store maps each to its AAPOR code;
/// a test in the case-management tests keeps the two vocabularies in step.
public enum InterviewEndOutcome: String, Sendable, Hashable, CaseIterable {
    /// The business no longer trades (AAPOR 4.91).
    case ceasedTrading = "ceased-trading"
    /// Wrong sector, size or area for the survey (AAPOR 4.10).
    case outOfScope = "out-of-scope"
    /// The number reaches a household, not a business (AAPOR 4.51 in a business survey).
    case notABusiness = "not-a-business"
    /// A refusal that is final, e.g. consent to the interview refused (AAPOR 2.11).
    case hardRefusal = "hard-refusal"
    /// A refusal worth one conversion attempt; the case stays open (interim 2.11).
    case softRefusal = "soft-refusal"
    /// The right person cannot talk now and no time was agreed: the case is called again later.
    case namedContactNotAvailable = "named-contact-not-available"
    /// No one at the business can take the interview in a language the survey offers (AAPOR 2.33).
    case languageBarrier = "language-barrier"
    /// The respondent is ill or otherwise incapable of taking the interview (AAPOR 2.32).
    case respondentUnable = "respondent-ill-or-incapable"
    /// The business is already in the sample under another listing (AAPOR 4.92).
    case duplicateListing = "duplicate-listing"
    /// The business has moved out of the survey's area (AAPOR 4.11).
    case movedOutOfArea = "moved-out-of-area"

    /// Words for the interviewer's end screen and the printed questionnaire.
    public var label: String {
        switch self {
        case .ceasedTrading: "ceased trading: not eligible"
        case .outOfScope: "out of scope: not eligible"
        case .notABusiness: "not a business: not eligible"
        case .hardRefusal: "refusal (final)"
        case .softRefusal: "refusal (to be called again for conversion)"
        case .namedContactNotAvailable: "right person not available: to be called again"
        case .languageBarrier: "language barrier (final)"
        case .respondentUnable: "respondent ill or incapable (final)"
        case .duplicateListing: "duplicate listing: not eligible"
        case .movedOutOfArea: "moved out of area: not eligible"
        }
    }

    /// False for the outcomes that leave the case to be called again (a soft refusal, the right
    /// person not available): the interview is then suspended, not closed, and the next sitting
    /// opens on the question that led to the end, so the answer can be changed and the interview go on.
    public var closesInterview: Bool {
        switch self {
        case .ceasedTrading, .outOfScope, .notABusiness, .hardRefusal, .languageBarrier, .respondentUnable,
             .duplicateListing, .movedOutOfArea: true
        case .softRefusal, .namedContactNotAvailable: false
        }
    }

    /// True for the screen-outs: the case is not eligible for the survey.
    public var isIneligible: Bool {
        switch self {
        case .ceasedTrading, .outOfScope, .notABusiness, .duplicateListing, .movedOutOfArea: true
        case .hardRefusal, .softRefusal, .namedContactNotAvailable, .languageBarrier, .respondentUnable: false
        }
    }
}
