import Foundation

/// The case store as the commands that work over a whole survey use it (`verify`, `export`,
/// `report`, the dashboard, `simulate --write`), on top of `CaseStore`: every case's calls, the
/// fields an export needs, the calls in time order, the weights, and recording many calls at once. Both stores provide it, so those commands
/// read either one the same way (`SurveyStores` opens the right one).
///
/// Weights (`fieldwork weight`) are stored and read through it too, in the same tables on both
/// stores (`weighting_runs`, `weights`; docs/weighting.md).
public protocol SurveyCaseStore: CaseStore {
    /// Every case with its status, final code, sample fields and its calls' outcomes in order.
    func allCaseCalls() throws -> [String: StoredCaseCalls]
    /// One case's status, final code, sample fields and call outcomes in order; nil for an unknown id.
    func caseCalls(id: String) throws -> StoredCaseCalls?
    /// Every call of every case in time order (ties by case and call number).
    func allCalls() throws -> [StoredCall]
    /// Sample fields, final code and weight of each listed case found, keyed by case id.
    func exportFields(ids: [String]) throws -> [String: (fields: [String: String], finalCode: String?, weight: Double?)]
    /// Preload values of each listed case that has any.
    func preloadValues(ids: [String]) throws -> [String: [String: String]]
    /// Whether any weight is stored.
    func hasWeights() throws -> Bool
    /// The stored weights, or nil when the survey was never weighted.
    func caseWeights() throws -> CaseWeights?
    /// The stored weights by case id (empty when never weighted).
    func storedWeights() throws -> [String: Double]
    /// Every complete (final code 1.1) with its sample fields, in import order: what weighting reads.
    func completedCases() throws -> [CompletedCase]
    /// Records `run` and replaces all stored weights with `weights` (case id → weight) in one
    /// transaction; returns the run's id. An id not in the store is refused (`unknownCase`), nothing written.
    @discardableResult
    func storeWeights(_ weights: [String: Double], run: WeightingRun) throws -> Int64
    /// The latest weighting run, or nil when the survey was never weighted.
    func latestWeightingRun() throws -> WeightingRun?
    /// Records many calls, each at its own time (generated data: `simulate --write`); outcomes that
    /// need an appointment and cases already final are skipped. Returns how many were recorded.
    func recordAttempts(_ attempts: [(CallAttemptInput, Date)]) throws -> Int
}

extension SQLiteCaseStore: SurveyCaseStore {}
