import FieldworkBasics
import Foundation

/// What one finished call does to a case: the scheduling policy, apart from any storage.
///
/// `CallTransition.after(_:outcome:…)` is a pure function of the case's calling history, the
/// outcome, the calling rules and the time; a store only reads the case's row, calls it, and
/// writes the rows it describes. So every store (SQLite today) applies the same policy, and the
/// policy is tested without a database (`CallTransitionTests`).
public struct CallTransition: Sendable, Equatable {
    /// The calling history a transition needs from the case as it stands.
    public struct Standing: Sendable, Equatable {
        public var attempts: Int
        /// Bit set of the parts of the day already tried (`PartOfDay.bit`).
        public var triedParts: Int
        public var everEligible: Bool
        public var softRefusals: Int
        /// Withheld from the queue because its quota cell is full.
        public var withheld: Bool

        public init(attempts: Int, triedParts: Int, everEligible: Bool, softRefusals: Int, withheld: Bool) {
            self.attempts = attempts
            self.triedParts = triedParts
            self.everEligible = everEligible
            self.softRefusals = softRefusals
            self.withheld = withheld
        }
    }

    /// A booked appointment that came with the call, already checked against the calling rules.
    public struct BookedAppointment: Sendable, Equatable {
        public var kind: AppointmentKind
        /// When the case may be offered again (the start of the appointment's window).
        public var callableFrom: Date

        public init(kind: AppointmentKind, callableFrom: Date) {
            self.kind = kind
            self.callableFrom = callableFrom
        }
    }

    /// The calling history after the call.
    public var standing: Standing
    public var status: CaseStatus
    /// The final AAPOR code, when the call (or the rules) closed the case.
    public var finalDisposition: AAPORDisposition?
    /// The interim AAPOR code of a case still open; nil once final.
    public var interimCode: String?
    /// The pick tier (`PickReason.tier`) and the queue it sits in (nil: withheld by its quota).
    public var tier: Int?
    public var queue: Int?
    /// When the case may be offered again.
    public var dueAt: Date
    /// True when the appointment that came with the call is to be stored and the case waits for it.
    public var booksAppointment: Bool
    /// True when the attempt limit closed the case.
    public var finalisedByAttemptLimit: Bool
    /// Why the case has the code it has, for `cases show`: the caller's rule, then the store's own.
    public var rule: String?

    /// The transition for a call with `outcome` at `now`, in part of day `part`. `dispositionRule`
    /// is the caller's own explanation of the outcome (the answered-share rule of a stopped
    /// interview), kept first in `rule`.
    public static func after(_ standing: Standing, outcome: CallOutcome, part: PartOfDay, appointment: BookedAppointment?,
                             dispositionRule: String?, rules: SchedulingRules, now: Date) -> CallTransition {
        var next = standing
        next.attempts += 1
        next.triedParts |= part.bit
        next.everEligible = standing.everEligible || outcome.confirmsEligibility
        if outcome == .softRefusal { next.softRefusals += 1 }

        var final: AAPORDisposition? = outcome.finalDisposition
        var status = CaseStatus.retry
        var tier: Int? = PickReason.retry.tier
        var dueAt = now
        var books = false
        var byLimit = false
        var storeRule: String?

        if final != nil {
            tier = nil
        } else if let appointment {
            books = true
            status = .appointment
            tier = appointment.kind == .hard ? PickReason.hardAppointment.tier : PickReason.softAppointment.tier
            dueAt = appointment.callableFrom
        } else if outcome == .softRefusal {
            if next.softRefusals >= rules.maxSoftRefusals {
                final = .refusal
                storeRule = "\(ordinal(next.softRefusals)) soft refusal (maxSoftRefusals \(rules.maxSoftRefusals)) → \(AAPORDisposition.refusal.code)"
                tier = nil
            } else {
                status = .refusalConversion
                dueAt = rules.adding(days: rules.refusalConversionDays, to: now)
            }
        } else {
            let isCallBack = outcome == .gatekeeperCallBack || outcome == .namedContactNotAvailable
            dueAt = now.addingTimeInterval(Double((isCallBack ? rules.callBackGapMinutes : rules.retryGapMinutes) * 60))
        }
        // The attempt limit ends open cases, but never overrides a booked appointment; a case that
        // ever refused ends as a refusal rather than as a non-contact.
        if final == nil, status != .appointment, next.attempts >= rules.maxAttempts {
            let exhausted = InterimDisposition.fromCallHistory(lastOutcome: outcome, everEligible: next.everEligible,
                                                               softRefusals: next.softRefusals)
            final = exhausted.disposition
            storeRule = "attempt limit \(rules.maxAttempts) reached; \(exhausted.reason) → \(exhausted.disposition.code)"
            byLimit = true
            tier = nil
        }
        if let final { status = CaseStatus.forFinal(final) }
        // A case withheld by its full quota cell keeps out of the fresh and retry queues.
        let queue: Int? = tier.map { standing.withheld && $0 >= PickReason.fresh.tier ? nil : $0 } ?? nil
        let rule: String?
        if let storeRule {
            rule = [dispositionRule, storeRule].compactMap { $0 }.joined(separator: "; ")
        } else if let final {
            rule = dispositionRule ?? "call outcome \(outcome.rawValue) → \(final.code)"
        } else {
            rule = dispositionRule
        }
        let interim: String? = final != nil ? nil : InterimDisposition.of(
            attempts: next.attempts, lastOutcome: outcome, everEligible: next.everEligible, softRefusals: next.softRefusals,
            appointmentBooked: status == .appointment, withheldByQuota: tier != nil && queue == nil).disposition.code
        return CallTransition(standing: next, status: status, finalDisposition: final, interimCode: interim, tier: tier,
                              queue: queue, dueAt: dueAt, booksAppointment: books, finalisedByAttemptLimit: byLimit, rule: rule)
    }

    /// "first", "second" … for the soft-refusal rule's wording.
    static func ordinal(_ n: Int) -> String {
        let words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
        return (1...words.count).contains(n) ? words[n - 1] : "\(n)th"
    }
}
