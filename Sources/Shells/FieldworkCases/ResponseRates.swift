/// The AAPOR outcome rates of a set of cases, from their counts per rate group (see
/// docs/case-management.md for the formulas). With D = I+P+R+NC+O and U = UH+UO:
/// RR1 I/(D+U), RR2 (I+P)/(D+U), RR3 I/(D+eU), RR4 (I+P)/(D+eU), RR5 I/D, RR6 (I+P)/D;
/// COOP1 I/(I+P+R+O), COOP2 (I+P)/(I+P+R+O), COOP3 I/(I+P+R), COOP4 (I+P)/(I+P+R);
/// REF1 R/(D+U), REF2 R/(D+eU), REF3 R/D; CON1 (I+P+R+O)/(D+U), CON2 (I+P+R+O)/(D+eU), CON3 (I+P+R+O)/D.
///
/// A rate whose denominator is zero is nil, never NaN. When U is 0, eU is 0 whatever e is; when U
/// is not 0 and e is unknown (proportional with no case of known eligibility), the e rates are nil.
public struct ResponseRates: Sendable, Hashable {
    /// One rate: its name, its formula as written in the docs, and its value.
    public struct Rate: Sendable, Hashable {
        public var name: String
        public var formula: String
        public var value: Double?
    }

    public var counts: OutcomeCounts
    public var eligibility: EligibilityEstimate
    /// RR1…RR6, COOP1…COOP4, REF1…REF3, CON1…CON3, in that order.
    public var rates: [Rate]

    public init(counts: OutcomeCounts, eligibilityMethod: EligibilityEstimate.Method = .proportional) {
        self.counts = counts
        let eligibility = EligibilityEstimate(method: eligibilityMethod, counts: counts)
        self.eligibility = eligibility
        let i = Double(counts[.I]), p = Double(counts[.P]), r = Double(counts[.R]), o = Double(counts[.O])
        let d = Double(counts.eligible)
        let u = Double(counts.unknown)
        let eU: Double? = counts.unknown == 0 ? 0 : eligibility.value.map { $0 * u }
        let interviews = i + p
        let cooperating = interviews + r + o

        func ratio(_ numerator: Double, _ denominator: Double?) -> Double? {
            guard let denominator, denominator > 0 else { return nil }
            return numerator / denominator
        }
        let all = d + u
        let estimated = eU.map { d + $0 }
        rates = [
            Rate(name: "RR1", formula: "I / (D + U)", value: ratio(i, all)),
            Rate(name: "RR2", formula: "(I+P) / (D + U)", value: ratio(interviews, all)),
            Rate(name: "RR3", formula: "I / (D + e·U)", value: ratio(i, estimated)),
            Rate(name: "RR4", formula: "(I+P) / (D + e·U)", value: ratio(interviews, estimated)),
            Rate(name: "RR5", formula: "I / D", value: ratio(i, d)),
            Rate(name: "RR6", formula: "(I+P) / D", value: ratio(interviews, d)),
            Rate(name: "COOP1", formula: "I / ((I+P) + R + O)", value: ratio(i, interviews + r + o)),
            Rate(name: "COOP2", formula: "(I+P) / ((I+P) + R + O)", value: ratio(interviews, interviews + r + o)),
            Rate(name: "COOP3", formula: "I / ((I+P) + R)", value: ratio(i, interviews + r)),
            Rate(name: "COOP4", formula: "(I+P) / ((I+P) + R)", value: ratio(interviews, interviews + r)),
            Rate(name: "REF1", formula: "R / (D + U)", value: ratio(r, all)),
            Rate(name: "REF2", formula: "R / (D + e·U)", value: ratio(r, estimated)),
            Rate(name: "REF3", formula: "R / D", value: ratio(r, d)),
            Rate(name: "CON1", formula: "((I+P) + R + O) / (D + U)", value: ratio(cooperating, all)),
            Rate(name: "CON2", formula: "((I+P) + R + O) / (D + e·U)", value: ratio(cooperating, estimated)),
            Rate(name: "CON3", formula: "((I+P) + R + O) / D", value: ratio(cooperating, d)),
        ]
    }

    /// Rates from counts per disposition code.
    public init(codeCounts: [String: Int], eligibilityMethod: EligibilityEstimate.Method = .proportional) {
        self.init(counts: OutcomeCounts(codeCounts: codeCounts), eligibilityMethod: eligibilityMethod)
    }

    /// The value of one rate by name ("RR3"); nil when it is n/a or the name is unknown.
    public subscript(name: String) -> Double? { rates.first { $0.name == name }?.value ?? nil }
}
