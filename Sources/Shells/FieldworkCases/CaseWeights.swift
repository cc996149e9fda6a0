/// Survey weights per case, from the optional `weights` table of `cases.sqlite` (`case_id`, `weight`),
/// written by the weighting step. The case store never creates or changes that table; it only reads it.
public struct CaseWeights: Sendable, Equatable {
    public static let tableName = "weights"
    public static let caseIDColumn = "case_id"
    public static let weightColumn = "weight"

    public var byCase: [String: Double]

    public init(byCase: [String: Double]) {
        self.byCase = byCase
    }
}
