/// The AAPOR code an open case stands at now: what it would be finalised as if fieldwork ended
/// this minute, with the reason in words. Response rates can then be read at any time of the wave,
/// and `closeWave` finalises open cases with exactly these codes.
///
/// First match wins:
/// 1. an appointment is booked → 2.21 respondent never available (someone agreed to be interviewed);
/// 2. withheld because its quota cell is full → 4.80 quota filled;
/// 3. a soft refusal on record → 2.11 refusal (not yet converted);
/// 4. never attempted → 3.11;
/// 5. otherwise by the call history, as the attempt limit codes it (`fromCallHistory`):
///    eligibility confirmed → 2.21 after a gatekeeper or absent named contact, 2.221/2.222 after an
///    answering machine, else 2.20; never confirmed → 3.12 busy, 3.14 answering machine, else 3.13.
public struct InterimDisposition: Sendable, Hashable {
    public var disposition: AAPORDisposition
    /// Why this code, e.g. "never attempted" or "eligibility confirmed, last call no answer".
    public var reason: String

    public init(disposition: AAPORDisposition, reason: String) {
        self.disposition = disposition
        self.reason = reason
    }

    /// The interim code of an open case from what is known about it.
    public static func of(attempts: Int, lastOutcome: CallOutcome?, everEligible: Bool, softRefusals: Int,
                          appointmentBooked: Bool, withheldByQuota: Bool) -> InterimDisposition {
        if appointmentBooked {
            return InterimDisposition(disposition: .respondentNeverAvailable, reason: "appointment booked, never kept")
        }
        if withheldByQuota {
            return InterimDisposition(disposition: .quotaFilled, reason: "withheld by quota (its cell is full)")
        }
        if softRefusals > 0 || attempts > 0 {
            return fromCallHistory(lastOutcome: lastOutcome ?? .noAnswer, everEligible: everEligible, softRefusals: softRefusals)
        }
        return InterimDisposition(disposition: .notAttempted, reason: "never attempted")
    }

    /// The code a called case gets from its calls alone: what the attempt limit assigns. A case
    /// that ever refused stays a refusal; otherwise `CallOutcome.exhaustedDisposition` of the last call.
    public static func fromCallHistory(lastOutcome: CallOutcome, everEligible: Bool, softRefusals: Int) -> InterimDisposition {
        if softRefusals > 0 {
            let count = softRefusals == 1 ? "a soft refusal" : "\(softRefusals) soft refusals"
            return InterimDisposition(disposition: .refusal, reason: "\(count) on record, not converted")
        }
        let eligibility = everEligible ? "eligibility confirmed" : "eligibility never confirmed"
        return InterimDisposition(disposition: lastOutcome.exhaustedDisposition(everEligible: everEligible),
                                  reason: "\(eligibility), last call \(lastOutcome.label)")
    }
}
