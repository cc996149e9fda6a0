/// What case management knows about a case that the journal does not: its sample fields (needed
/// to replay conditions on `sample.*`) and its final AAPOR disposition.
public struct CaseRecord: Sendable, Equatable {
    public var fields: [String: String]
    public var finalDisposition: String?

    public init(fields: [String: String], finalDisposition: String?) {
        self.fields = fields
        self.finalDisposition = finalDisposition
    }
}

/// Case management as the export sees it. Kept as a protocol so this module does not link the
/// SQLite case store: the command line supplies the store-backed lookup.
public protocol CaseRecordLookup {
    /// The case's record, or nil when the case is not in the store.
    func record(caseID: String) throws -> CaseRecord?
    /// The final AAPOR code a call outcome recorded in a journal ends a case with, if it is final.
    func finalCode(forCallOutcome outcome: String) -> String?
}

/// No case store: sample fields are unknown and dispositions come from the journals.
public struct NoCaseRecords: CaseRecordLookup {
    public init() {}
    public func record(caseID: String) throws -> CaseRecord? { nil }
    public func finalCode(forCallOutcome outcome: String) -> String? { nil }
}
