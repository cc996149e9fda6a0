/// What an analyst asked for when exporting a survey directory.
public struct SurveyExportOptions: Sendable, Equatable {
    /// Also export interviews that were not completed (break-offs, suspended, in progress).
    public var includePartials: Bool
    /// Also export sample fields marked `identifier: true` (names, phone numbers): personal data.
    public var includeIdentifiers: Bool
    /// Refuse to export when any journal record is damaged or any event does not replay.
    public var strict: Bool
    /// Prefix CSV text cells that a spreadsheet would run as a formula with `'` (see `CSVTextEscaping`).
    public var formulaEscaping: Bool
    /// A loop id: write that loop's long file (one row per pass) instead of one row per interview.
    public var level: String?

    public init(includePartials: Bool = false, includeIdentifiers: Bool = false, strict: Bool = false,
                formulaEscaping: Bool = true, level: String? = nil) {
        self.level = level
        self.includePartials = includePartials
        self.includeIdentifiers = includeIdentifiers
        self.strict = strict
        self.formulaEscaping = formulaEscaping
    }
}
