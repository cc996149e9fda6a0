/// What raking works on: the completes (their ids, for messages), each one's base weight, and each
/// one's cell in every margin.
public struct RakingInput: Sendable, Equatable {
    public var caseIDs: [String]
    /// Base weights, one per case: the inverse selection probability, or 1.
    public var baseWeights: [Double]
    public var margins: [PopulationMargin]
    /// `cellKeys[m][i]`: the key of case `i`'s cell in margin `m`.
    public var cellKeys: [[String]]

    public init(caseIDs: [String], baseWeights: [Double], margins: [PopulationMargin], cellKeys: [[String]]) {
        self.caseIDs = caseIDs
        self.baseWeights = baseWeights
        self.margins = margins
        self.cellKeys = cellKeys
    }
}
