/// An AAPOR final disposition code, adapted for establishment (business) telephone surveys.
///
/// Response-rate reports (RR1–RR6, COOP, REF, CON) group cases by these codes, so every finished
/// case carries exactly one. Codes are kept as strings ("2.221") because they are hierarchical
/// labels, not numbers: "2.20" and "2.2" differ in meaning.
public struct AAPORDisposition: Sendable, Hashable, Codable, CustomStringConvertible {
    public let code: String
    public let label: String

    public init(code: String, label: String) {
        self.code = code
        self.label = label
    }

    /// The top-level group: 1 interview, 2 eligible non-interview, 3 unknown eligibility, 4 not eligible.
    public var group: Int { Int(code.prefix(1)) ?? 0 }

    public var description: String { "\(code) \(label)" }

    public static let complete = AAPORDisposition(code: "1.1", label: "complete interview")
    public static let partial = AAPORDisposition(code: "1.2", label: "partial interview")
    public static let refusal = AAPORDisposition(code: "2.11", label: "refusal")
    public static let breakOff = AAPORDisposition(code: "2.12", label: "break-off")
    public static let eligibleNonContact = AAPORDisposition(code: "2.20", label: "non-contact, eligibility confirmed")
    public static let respondentNeverAvailable = AAPORDisposition(code: "2.21", label: "respondent never available")
    public static let answeringMachineEligibleMessageLeft = AAPORDisposition(code: "2.221", label: "answering machine, eligible, message left")
    public static let answeringMachineEligibleNoMessage = AAPORDisposition(code: "2.222", label: "answering machine, eligible, no message")
    public static let respondentUnable = AAPORDisposition(code: "2.32", label: "respondent ill or incapable")
    public static let languageBarrier = AAPORDisposition(code: "2.33", label: "language barrier")
    public static let notAttempted = AAPORDisposition(code: "3.11", label: "not attempted")
    public static let alwaysBusy = AAPORDisposition(code: "3.12", label: "always busy")
    public static let noAnswer = AAPORDisposition(code: "3.13", label: "no answer")
    public static let answeringMachineUnknownEligibility = AAPORDisposition(code: "3.14", label: "answering machine, eligibility unknown")
    public static let unknownEligibilityOther = AAPORDisposition(code: "3.90", label: "unknown eligibility, other (wrong number: business not reached)")
    public static let outOfSample = AAPORDisposition(code: "4.10", label: "out of scope (wrong sector, size or area)")
    /// A sub-code of 4.10 (out of sample): the business traded in the survey area but has moved out of it.
    public static let movedOutOfArea = AAPORDisposition(code: "4.11", label: "business moved out of area")
    public static let faxDataLine = AAPORDisposition(code: "4.20", label: "fax or data line")
    public static let nonWorkingNumber = AAPORDisposition(code: "4.31", label: "non-working number")
    public static let residential = AAPORDisposition(code: "4.51", label: "residential, not a business")
    public static let quotaFilled = AAPORDisposition(code: "4.80", label: "quota filled")
    public static let ceasedTrading = AAPORDisposition(code: "4.91", label: "ceased trading")
    /// A sub-code of 4.90 (other not eligible): the business is already in the sample under another listing.
    public static let duplicateListing = AAPORDisposition(code: "4.92", label: "duplicate listing")

    /// Every code this module can assign, for reports and for validating stored codes.
    public static let all: [AAPORDisposition] = [
        .complete, .partial, .refusal, .breakOff, .eligibleNonContact, .respondentNeverAvailable,
        .answeringMachineEligibleMessageLeft, .answeringMachineEligibleNoMessage, .respondentUnable, .languageBarrier,
        .notAttempted, .alwaysBusy, .noAnswer, .answeringMachineUnknownEligibility, .unknownEligibilityOther,
        .outOfSample, .movedOutOfArea, .faxDataLine, .nonWorkingNumber, .residential, .quotaFilled, .ceasedTrading,
        .duplicateListing,
    ]

    /// Looks a stored code up; unknown codes keep their code with a generic label.
    public static func forCode(_ code: String) -> AAPORDisposition {
        all.first { $0.code == code } ?? AAPORDisposition(code: code, label: "unrecognised code")
    }
}
