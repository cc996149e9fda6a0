import FieldworkBasics
import FieldworkCases
import FieldworkExpressions
import FieldworkEngine

/// What happens when a rehearsal dials a case: the chances of each call result by part of the day,
/// and how long each takes. Every parameter is printed with every run (docs/rehearsal.md).
public struct ContactModel: Sendable, Hashable {
    /// One call's result, before the interview (if any) is simulated.
    public enum Result: String, Sendable, Hashable, Codable, CaseIterable {
        case noAnswer = "no-answer"
        case busy
        case answeringMachine = "answering-machine"
        case gatekeeper = "gatekeeper-call-back"
        case softRefusal = "soft-refusal"
        case hardRefusal = "hard-refusal"
        case appointment
        case nonWorking = "non-working-number"
        case interview
    }

    /// Chances of each result (they sum to 1) for a fresh or retried case, by part of the day.
    public var chances: [PartOfDay: [Result: Double]]
    /// The chance that a booked appointment is kept (the interview starts); otherwise no answer.
    public var appointmentKept: Double
    /// Minutes each result takes, dialling to hanging up (interviews take the simulator's time).
    public var minutes: [Result: Double]
    /// Minutes between calls (wrap-up, notes).
    public var wrapUpMinutes: Double

    /// Business-survey defaults (invented, plausible): mornings are best, lunchtime worst; about one
    /// call in eight reaches someone who starts the interview at once, and one in ten books a time.
    public static let standard = ContactModel(
        chances: [
            .morning: [.noAnswer: 0.30, .busy: 0.04, .answeringMachine: 0.14, .gatekeeper: 0.18, .softRefusal: 0.05,
                       .hardRefusal: 0.02, .appointment: 0.10, .nonWorking: 0.02, .interview: 0.15],
            .midday: [.noAnswer: 0.38, .busy: 0.05, .answeringMachine: 0.16, .gatekeeper: 0.17, .softRefusal: 0.04,
                      .hardRefusal: 0.02, .appointment: 0.07, .nonWorking: 0.02, .interview: 0.09],
            .afternoon: [.noAnswer: 0.32, .busy: 0.04, .answeringMachine: 0.15, .gatekeeper: 0.17, .softRefusal: 0.05,
                         .hardRefusal: 0.02, .appointment: 0.10, .nonWorking: 0.02, .interview: 0.13],
        ],
        appointmentKept: 0.75,
        minutes: [.noAnswer: 1, .busy: 0.5, .answeringMachine: 1.5, .gatekeeper: 3, .softRefusal: 2, .hardRefusal: 1.5,
                  .appointment: 3, .nonWorking: 0.5, .interview: 0],
        wrapUpMinutes: 1)

    /// Draws a call's result; an appointment being kept uses `appointmentKept` instead.
    public func draw(part: PartOfDay, keepingAppointment: Bool, rng: inout SeededRandom) -> Result {
        if keepingAppointment { return rng.chance(appointmentKept) ? .interview : .noAnswer }
        let table = chances[part] ?? [:]
        var r = rng.unit()
        for result in Result.allCases {
            r -= table[result] ?? 0
            if r < 0 { return result }
        }
        return .noAnswer
    }

    /// The call outcome the case store records for a result that is not an interview.
    public static func callOutcome(_ result: Result) -> CallOutcome {
        switch result {
        case .noAnswer, .interview: .noAnswer
        case .busy: .busy
        case .answeringMachine: .answeringMachineNoMessage
        case .gatekeeper: .gatekeeperCallBack
        case .softRefusal: .softRefusal
        case .hardRefusal: .hardRefusal
        case .appointment: .hardAppointment
        case .nonWorking: .nonWorkingNumber
        }
    }

    /// Problems with the chances (each part of the day must sum to 1), in words.
    public var problems: [String] {
        var out: [String] = []
        for part in PartOfDay.allCases {
            let sum = (chances[part] ?? [:]).values.reduce(0, +)
            if abs(sum - 1) > 1e-9 { out.append("the chances for the \(part.rawValue) sum to \(DecimalText.shortest((sum * 1e6).rounded() / 1e6)), not 1") }
        }
        return out
    }

    /// The parameters, one line each, for the top of every run's report.
    public var description: [String] {
        var lines: [String] = []
        for part in PartOfDay.allCases {
            let table = chances[part] ?? [:]
            let cells = Result.allCases.map { "\($0.rawValue) \(Int(((table[$0] ?? 0) * 100).rounded()))%" }
            lines.append("\(part.rawValue): " + cells.joined(separator: ", "))
        }
        lines.append("appointment kept: \(Int((appointmentKept * 100).rounded()))%; wrap-up \(wrapUpMinutes) min; call minutes: "
            + Result.allCases.filter { $0 != .interview }.map { "\($0.rawValue) \(minutes[$0] ?? 0)" }.joined(separator: ", "))
        lines.append("interview length: the simulator's duration model (docs/simulation.md) for each interview")
        return lines
    }
}
