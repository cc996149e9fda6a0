import FieldworkCases
import FieldworkScreen

/// The case screen's keys: one per call outcome an interviewer records by hand, plus the
/// appointment form, the interview, the note and ending the session. Digits for the everyday
/// non-contacts and refusals, mnemonic letters for the rarer final outcomes.
public enum SessionMenuKeys {
    /// Outcomes recorded straight from the menu (appointments go through the form, interview
    /// outcomes come from the interview).
    /// Labels are short forms of `CallOutcome.label` so three columns fit 80 characters.
    public static let outcomes: [(key: Character, outcome: CallOutcome, label: String)] = [
        ("1", .noAnswer, "no answer"),
        ("2", .busy, "busy / engaged"),
        ("3", .answeringMachineMessageLeft, "ans. machine: message"),
        ("4", .answeringMachineNoMessage, "ans. machine: no msg"),
        ("5", .gatekeeperCallBack, "gatekeeper: call back"),
        ("6", .namedContactNotAvailable, "contact not available"),
        ("7", .softRefusal, "soft refusal"),
        ("8", .hardRefusal, "hard refusal"),
        ("w", .wrongNumber, "wrong number"),
        ("x", .nonWorkingNumber, "number not in service"),
        ("b", .notABusiness, "not a business"),
        ("c", .ceasedTrading, "ceased trading"),
        ("o", .outOfScope, "out of scope"),
        ("f", .faxDataLine, "fax / data line"),
        ("l", .languageBarrier, "language barrier"),
        ("u", .respondentUnable, "ill or incapable"),
        ("d", .duplicateListing, "duplicate listing"),
        ("m", .movedOutOfArea, "moved out of area"),
    ]

    /// The full menu in display order.
    public static let menu: [SessionMenuEntry] =
        outcomes.map { SessionMenuEntry(key: $0.key, label: $0.label, action: .outcome(code: $0.outcome.rawValue)) } + [
            SessionMenuEntry(key: "a", label: "appointment…", action: .appointment),
            SessionMenuEntry(key: "i", label: "START INTERVIEW", action: .interview),
            SessionMenuEntry(key: "n", label: "note for this call", action: .note),
            SessionMenuEntry(key: "p", label: "break (case back)", action: .takeBreak),
            SessionMenuEntry(key: "q", label: "end session", action: .endSession),
        ]

    /// The outcome a menu code stands for.
    public static func outcome(forCode code: String) -> CallOutcome? { CallOutcome(rawValue: code) }
}
