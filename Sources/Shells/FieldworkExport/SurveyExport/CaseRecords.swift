/// What case management knows about a case that the journal does not: its sample fields (needed
/// to replay conditions on `sample.*`), its final AAPOR disposition and its survey weight.
public struct CaseRecord: Sendable, Equatable {
    public var fields: [String: String]
    public var finalDisposition: String?
    /// The weight `fieldwork weight` stored for the case; nil when it has none.
    public var weight: Double?

    public init(fields: [String: String], finalDisposition: String?, weight: Double? = nil) {
        self.fields = fields
        self.finalDisposition = finalDisposition
        self.weight = weight
    }
}

/// Case management as the export sees it. Kept as a protocol so this module does not link the
/// SQLite case store: the command line supplies the store-backed lookup.
///
/// Sendable because exports look records up on the thread that reads journals ahead.
public protocol CaseRecordLookup: Sendable {
    /// The case's record, or nil when the case is not in the store.
    func record(caseID: String) throws -> CaseRecord?
    /// The records of several cases at once, keyed by case id (absent: not in the store). Exports
    /// ask for a few hundred cases at a time so that a store can answer with one query.
    func records(caseIDs: [String]) throws -> [String: CaseRecord]
    /// The final AAPOR code a call outcome recorded in a journal ends a case with, if it is final.
    func finalCode(forCallOutcome outcome: String) -> String?
    /// Whether the survey has been weighted: the export then has a `weight` column.
    func hasWeights() throws -> Bool
}

extension CaseRecordLookup {
    /// One lookup per case, for stores without a batch query.
    public func records(caseIDs: [String]) throws -> [String: CaseRecord] {
        var found: [String: CaseRecord] = [:]
        for id in caseIDs {
            if let record = try record(caseID: id) { found[id] = record }
        }
        return found
    }

    /// No weights unless the store says so.
    public func hasWeights() throws -> Bool { false }
}

/// No case store: sample fields are unknown and dispositions come from the journals.
public struct NoCaseRecords: CaseRecordLookup, Sendable {
    public init() {}
    public func record(caseID: String) throws -> CaseRecord? { nil }
    public func finalCode(forCallOutcome outcome: String) -> String? { nil }
}
