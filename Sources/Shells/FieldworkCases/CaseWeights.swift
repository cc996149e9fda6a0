/// Survey weights per case, as `fieldwork weight` stored them (docs/weighting.md).
public struct CaseWeights: Sendable, Equatable {
    public var byCase: [String: Double]

    public init(byCase: [String: Double]) {
        self.byCase = byCase
    }
}
