import FieldworkCases
import FieldworkEngine
import FieldworkExport

/// Sample fields and final codes for the export replay, from the case store when there is one.
struct StoreCaseRecords: CaseRecordLookup {
    let store: (any SurveyCaseStore)?

    func record(caseID: String) throws -> CaseRecord? {
        guard let store, let detail = try store.caseDetail(id: caseID) else { return nil }
        // The replay reads the case's preload values too, as the interview did.
        let fields = SampleRecord(detail.fields).addingPreload(try store.preloadValues(ids: [caseID])[caseID] ?? [:]).fields
        return CaseRecord(fields: fields, finalDisposition: detail.finalDisposition?.code)
    }

    func records(caseIDs: [String]) throws -> [String: CaseRecord] {
        guard let store else { return [:] }
        let preload = try store.preloadValues(ids: caseIDs)
        var out: [String: CaseRecord] = [:]
        for (id, stored) in try store.exportFields(ids: caseIDs) {
            let fields = SampleRecord(stored.fields).addingPreload(preload[id] ?? [:]).fields
            out[id] = CaseRecord(fields: fields, finalDisposition: stored.finalCode)
        }
        return out
    }

    func finalCode(forCallOutcome outcome: String) -> String? {
        CallOutcome(rawValue: outcome)?.finalDisposition?.code
    }
}
