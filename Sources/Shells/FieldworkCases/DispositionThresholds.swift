import Foundation

/// Where a stopped interview's share of applicable questions answered puts it: complete (1.1),
/// partial (1.2) or break-off (2.12). The share is computed by the interview engine; the rule lives
/// here so that every process codes a stopped interview the same way.
///
/// Read from `scheduling.json` as `"interviewDispositions": {"partialAtLeast": 0.5, "completeAtLeast": 0.8}`;
/// both keys are optional and must satisfy 0 ≤ partialAtLeast ≤ completeAtLeast ≤ 1.
public struct DispositionThresholds: Sendable, Hashable, Codable {
    /// The smallest share (0…1) of applicable questions answered that counts as a partial interview.
    public var partialAtLeast: Double
    /// The smallest share (0…1) of applicable questions answered that counts as a complete interview.
    public var completeAtLeast: Double

    public init(partialAtLeast: Double = 0.5, completeAtLeast: Double = 0.8) {
        self.partialAtLeast = partialAtLeast
        self.completeAtLeast = completeAtLeast
    }

    enum CodingKeys: String, CodingKey { case partialAtLeast, completeAtLeast }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = DispositionThresholds()
        partialAtLeast = try c.decodeIfPresent(Double.self, forKey: .partialAtLeast) ?? defaults.partialAtLeast
        completeAtLeast = try c.decodeIfPresent(Double.self, forKey: .completeAtLeast) ?? defaults.completeAtLeast
    }

    /// Configuration mistakes, each a sentence naming the key and what to write instead.
    public var problems: [String] {
        let key = "interviewDispositions"
        guard partialAtLeast.isFinite, completeAtLeast.isFinite else {
            return ["\(key): partialAtLeast and completeAtLeast must be numbers between 0 and 1"]
        }
        var p: [String] = []
        if partialAtLeast < 0 || partialAtLeast > 1 {
            p.append("\(key).partialAtLeast is \(partialAtLeast); give a share between 0 and 1 (0.5 means half the applicable questions)")
        }
        if completeAtLeast < 0 || completeAtLeast > 1 {
            p.append("\(key).completeAtLeast is \(completeAtLeast); give a share between 0 and 1 (0.8 means 80% of the applicable questions)")
        }
        if p.isEmpty, partialAtLeast > completeAtLeast {
            p.append("\(key).partialAtLeast (\(partialAtLeast)) is above completeAtLeast (\(completeAtLeast)); a partial interview needs no more answers than a complete one, so lower partialAtLeast or raise completeAtLeast")
        }
        return p
    }

    /// The outcome to record for an interview that stopped with `share` (0…1) of its applicable
    /// questions answered, and the rule text to store with it, e.g.
    /// `answered 62% of applicable questions (partial from 50%) → 1.2`.
    ///
    /// A share outside 0…1 is clamped; a share that is not a number counts as 0.
    public func outcome(forStoppedInterviewWithShare share: Double) -> (outcome: CallOutcome, rule: String) {
        let share = share.isNaN ? 0 : min(max(share, 0), 1)
        let answered = "answered \(Self.percent(share, roundingDown: true)) of applicable questions"
        if share >= completeAtLeast {
            let outcome = CallOutcome.interviewComplete
            return (outcome, "\(answered) (complete from \(Self.percent(completeAtLeast))) → \(outcome.finalDisposition!.code)")
        }
        if share >= partialAtLeast {
            let outcome = CallOutcome.interviewPartial
            return (outcome, "\(answered) (partial from \(Self.percent(partialAtLeast))) → \(outcome.finalDisposition!.code)")
        }
        let outcome = CallOutcome.breakOff
        return (outcome, "\(answered) (break-off below \(Self.percent(partialAtLeast))) → \(outcome.finalDisposition!.code)")
    }

    /// "62%", "62.5%". A share is rounded down (to a tenth of a percent) so it never reads as reaching
    /// a threshold it missed; thresholds are shown as written.
    static func percent(_ share: Double, roundingDown: Bool = false) -> String {
        let tenths = share * 1000
        let value = roundingDown ? (tenths + 1e-6).rounded(.down) : tenths.rounded()
        let whole = Int(value) / 10
        let tenth = Int(value) % 10
        return tenth == 0 ? "\(whole)%" : "\(whole).\(tenth)%"
    }
}
