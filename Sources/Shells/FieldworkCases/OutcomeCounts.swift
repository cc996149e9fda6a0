/// Cases per rate group (I, P, R, NC, O, UH, UO, NE), the inputs of the AAPOR outcome rates.
public struct OutcomeCounts: Sendable, Hashable {
    public var byGroup: [RateGroup: Int]
    /// Cases whose code belongs to no group (never assigned by this module; kept visible rather than lost).
    public var unclassified: Int

    public init(byGroup: [RateGroup: Int] = [:], unclassified: Int = 0) {
        self.byGroup = byGroup
        self.unclassified = unclassified
    }

    /// Sums counts per disposition code ("1.1": 40, "2.221": 3, …) into groups.
    public init(codeCounts: [String: Int]) {
        var byGroup: [RateGroup: Int] = [:]
        var unclassified = 0
        for (code, n) in codeCounts {
            if let group = RateGroup(code: code) { byGroup[group, default: 0] += n } else { unclassified += n }
        }
        self.init(byGroup: byGroup, unclassified: unclassified)
    }

    public subscript(group: RateGroup) -> Int { byGroup[group] ?? 0 }

    /// Cases known to be eligible: I + P + R + NC + O.
    public var eligible: Int { self[.I] + self[.P] + self[.R] + self[.NC] + self[.O] }
    /// Cases of unknown eligibility: U = UH + UO.
    public var unknown: Int { self[.UH] + self[.UO] }
}
