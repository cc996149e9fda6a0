/// What happened on one call, as the interviewer records it.
///
/// Each outcome says whether it ends the case (and with which AAPOR code), whether it shows the
/// business is real and in scope, and which code the case gets if it runs out of attempts after it.
public enum CallOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case noAnswer = "no-answer"
    case busy
    case answeringMachineMessageLeft = "answering-machine-message-left"
    case answeringMachineNoMessage = "answering-machine-no-message"
    case gatekeeperCallBack = "gatekeeper-call-back"
    case namedContactNotAvailable = "named-contact-not-available"
    case softRefusal = "soft-refusal"
    case hardRefusal = "hard-refusal"
    case wrongNumber = "wrong-number"
    case nonWorkingNumber = "non-working-number"
    case notABusiness = "not-a-business"
    case ceasedTrading = "ceased-trading"
    case outOfScope = "out-of-scope"
    case faxDataLine = "fax-data-line"
    case languageBarrier = "language-barrier"
    case respondentUnable = "respondent-ill-or-incapable"
    case duplicateListing = "duplicate-listing"
    case movedOutOfArea = "moved-out-of-area"
    case hardAppointment = "appointment-hard"
    case softAppointment = "appointment-soft"
    case interviewComplete = "interview-complete"
    case interviewPartial = "interview-partial"
    case breakOff = "break-off"
    case suspendedWithAppointment = "suspended-with-appointment"

    /// The AAPOR code this outcome ends the case with, or nil when the case stays open.
    public var finalDisposition: AAPORDisposition? {
        switch self {
        case .hardRefusal: .refusal
        case .wrongNumber: .unknownEligibilityOther
        case .nonWorkingNumber: .nonWorkingNumber
        case .notABusiness: .residential
        case .ceasedTrading: .ceasedTrading
        case .outOfScope: .outOfSample
        case .faxDataLine: .faxDataLine
        case .languageBarrier: .languageBarrier
        case .respondentUnable: .respondentUnable
        case .duplicateListing: .duplicateListing
        case .movedOutOfArea: .movedOutOfArea
        case .interviewComplete: .complete
        case .interviewPartial: .partial
        case .breakOff: .breakOff
        case .noAnswer, .busy, .answeringMachineMessageLeft, .answeringMachineNoMessage, .gatekeeperCallBack,
             .namedContactNotAvailable, .softRefusal, .hardAppointment, .softAppointment, .suspendedWithAppointment:
            nil
        }
    }

    /// True when the call showed a real, trading, in-scope business (someone answered for it).
    /// A case that ever had such a call and runs out of attempts is an eligible non-contact (2.2x),
    /// otherwise it is of unknown eligibility (3.1x).
    public var confirmsEligibility: Bool {
        switch self {
        case .gatekeeperCallBack, .namedContactNotAvailable, .softRefusal, .hardRefusal, .hardAppointment,
             .softAppointment, .interviewComplete, .interviewPartial, .breakOff, .suspendedWithAppointment,
             .languageBarrier, .respondentUnable:
            true
        case .noAnswer, .busy, .answeringMachineMessageLeft, .answeringMachineNoMessage, .wrongNumber,
             .nonWorkingNumber, .notABusiness, .ceasedTrading, .outOfScope, .faxDataLine, .duplicateListing,
             .movedOutOfArea:
            false
        }
    }

    /// Outcomes that must come with an appointment.
    public var requiresAppointment: Bool {
        self == .hardAppointment || self == .softAppointment || self == .suspendedWithAppointment
    }

    /// The code a case gets when it reaches the attempt limit with this as its last outcome,
    /// depending on whether eligibility was ever confirmed. Refusals take precedence (see
    /// `SchedulingRules`), so a refused case is never reported as a mere non-contact.
    public func exhaustedDisposition(everEligible: Bool) -> AAPORDisposition {
        if everEligible {
            switch self {
            case .answeringMachineMessageLeft: return .answeringMachineEligibleMessageLeft
            case .answeringMachineNoMessage: return .answeringMachineEligibleNoMessage
            case .gatekeeperCallBack, .namedContactNotAvailable: return .respondentNeverAvailable
            case .softRefusal: return .refusal
            default: return .eligibleNonContact
            }
        }
        switch self {
        case .busy: return .alwaysBusy
        case .answeringMachineMessageLeft, .answeringMachineNoMessage: return .answeringMachineUnknownEligibility
        default: return .noAnswer
        }
    }

    /// Human-readable label for menus and reports.
    public var label: String {
        switch self {
        case .noAnswer: "no answer"
        case .busy: "busy / engaged"
        case .answeringMachineMessageLeft: "answering machine, message left"
        case .answeringMachineNoMessage: "answering machine, no message"
        case .gatekeeperCallBack: "gatekeeper: call back"
        case .namedContactNotAvailable: "named contact not available"
        case .softRefusal: "soft refusal"
        case .hardRefusal: "hard refusal"
        case .wrongNumber: "wrong number"
        case .nonWorkingNumber: "number not in service"
        case .notABusiness: "not a business (residential)"
        case .ceasedTrading: "ceased trading"
        case .outOfScope: "out of scope"
        case .faxDataLine: "fax / data line"
        case .languageBarrier: "language barrier"
        case .respondentUnable: "respondent ill or incapable"
        case .duplicateListing: "duplicate listing"
        case .movedOutOfArea: "business moved out of area"
        case .hardAppointment: "appointment (hard)"
        case .softAppointment: "appointment (soft)"
        case .interviewComplete: "interview complete"
        case .interviewPartial: "interview partial"
        case .breakOff: "break-off"
        case .suspendedWithAppointment: "suspended, appointment to resume"
        }
    }
}
