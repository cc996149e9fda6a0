/// One sample import into a case store, row by row: what each row does given what the store
/// already holds under its id (a new case, the same case again, or a conflict), the problems
/// found, and the summary at the end. Shared by the SQLite and PostgreSQL stores, which differ
/// only in how they look rows up and insert them.
struct CaseImportTally {
    private var problems = ProblemList(cap: 100)
    private var imported = 0
    private var skipped = 0

    /// Whether `sampleCase` (whose fields encode to `json`) is to be inserted. `storedFields` is
    /// what the store holds under exactly its id; `storedUnderOtherLetterCase` looks up an id
    /// differing only in letter case, asked only when nothing is stored under the id itself. A
    /// row stored already with the same values is skipped; a conflict is recorded as a problem.
    /// Once any problem is found nothing more is inserted (the import is refused as a whole).
    mutating func shouldInsert(_ sampleCase: SampleCase, json: String, storedFields: String?,
                               storedUnderOtherLetterCase: () throws -> String?) rethrows -> Bool {
        if let stored = storedFields {
            if stored == json {
                skipped += 1
            } else {
                let old = FieldsJSON.decode(stored)
                let differing = Set(old.keys).union(sampleCase.fields.keys)
                    .filter { old[$0] != sampleCase.fields[$0] }.sorted()
                problems.add(sampleCase.line, .conflictsWithStoredCase,
                             "case_id '\(sampleCase.id)' is already stored with different values (\(differing.joined(separator: ", "))); give the row a new id or remove it")
            }
            return false
        }
        if let stored = try storedUnderOtherLetterCase() {
            problems.add(sampleCase.line, .conflictsWithStoredCase,
                         "case_id '\(sampleCase.id)' differs from the stored case '\(stored)' only in letter case; ids become file names, which collide on case-insensitive file systems, so give the row another id")
            return false
        }
        return problems.isEmpty
    }

    /// Counts a row `shouldInsert` allowed, once it is inserted.
    mutating func inserted() { imported += 1 }

    /// The summary, or the import's problems as one error naming the sample's `source`.
    func summary(source: String) throws -> ImportSummary {
        if !problems.isEmpty {
            throw SampleImportError(source: source, problems: problems.listed, unlistedCount: problems.unlisted)
        }
        return ImportSummary(imported: imported, skipped: skipped)
    }
}
