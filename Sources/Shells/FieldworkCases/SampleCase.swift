/// One row of a sample file after checking: a case id and its sample fields.
public struct SampleCase: Sendable, Hashable {
    public var id: String
    /// Every non-`case_id` column, trimmed. Empty cells are kept as empty strings.
    public var fields: [String: String]
    /// Line in the source file, so a later conflict (e.g. with a stored case) can point back at it.
    public var line: Int

    public init(id: String, fields: [String: String], line: Int = 0) {
        self.id = id
        self.fields = fields
        self.line = line
    }
}

/// A whole sample file that passed every row check, ready for `CaseStore.importCases`.
public struct ParsedSample: Sendable {
    /// File name (or label) used in messages.
    public var source: String
    /// Column names in file order, `case_id` included.
    public var columns: [String]
    public var cases: [SampleCase]

    public init(source: String, columns: [String], cases: [SampleCase]) {
        self.source = source
        self.columns = columns
        self.cases = cases
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Hashable, Codable {
    /// New cases written.
    public var imported: Int
    /// Cases already stored with identical fields (re-importing the same file is harmless).
    public var skipped: Int

    public init(imported: Int, skipped: Int) {
        self.imported = imported
        self.skipped = skipped
    }
}
