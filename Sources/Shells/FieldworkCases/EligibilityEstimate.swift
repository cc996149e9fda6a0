/// e: the share of unknown-eligibility cases (UH + UO) taken to be eligible, used by RR3, RR4,
/// REF2 and CON2.
public struct EligibilityEstimate: Sendable, Hashable {
    /// How e was chosen.
    public enum Method: Sendable, Hashable {
        /// The eligible share among cases whose eligibility is known: (I+P+R+NC+O) / (I+P+R+NC+O+NE).
        case proportional
        /// Given by the survey, e.g. `scheduling.json eligibilityRate` or `cases status --e`.
        case fixed(Double, source: String)
    }

    public var method: Method
    /// nil when proportional and no case's eligibility is known yet (0/0).
    public var value: Double?

    public init(method: Method, counts: OutcomeCounts) {
        self.method = method
        switch method {
        case .proportional:
            let known = counts.eligible + counts[.NE]
            value = known == 0 ? nil : Double(counts.eligible) / Double(known)
        case .fixed(let e, _):
            value = e
        }
    }

    /// "proportional" or "fixed by scheduling.json eligibilityRate".
    public var methodDescription: String {
        switch method {
        case .proportional: "proportional"
        case .fixed(_, let source): "fixed by \(source)"
        }
    }
}
