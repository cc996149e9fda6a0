import FieldworkCases
import FieldworkExport

/// Sample fields and final codes for the export replay, from the case store when there is one.
struct StoreCaseRecords: CaseRecordLookup {
    let store: SQLiteCaseStore?

    func record(caseID: String) throws -> CaseRecord? {
        guard let store, let detail = try store.caseDetail(id: caseID) else { return nil }
        return CaseRecord(fields: detail.fields, finalDisposition: detail.finalDisposition?.code)
    }

    func records(caseIDs: [String]) throws -> [String: CaseRecord] {
        guard let store else { return [:] }
        return try store.exportFields(ids: caseIDs).mapValues { CaseRecord(fields: $0.fields, finalDisposition: $0.finalCode) }
    }

    func finalCode(forCallOutcome outcome: String) -> String? {
        CallOutcome(rawValue: outcome)?.finalDisposition?.code
    }
}
