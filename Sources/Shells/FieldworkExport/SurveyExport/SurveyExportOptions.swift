/// What an analyst asked for when exporting a survey directory.
public struct SurveyExportOptions: Sendable, Equatable {
    /// Also export interviews that were not completed (break-offs, suspended, in progress).
    public var includePartials: Bool
    /// Also export sample fields marked `identifier: true` (names, phone numbers): personal data.
    public var includeIdentifiers: Bool
    /// Refuse to export when any journal record is damaged or any event does not replay.
    public var strict: Bool

    public init(includePartials: Bool = false, includeIdentifiers: Bool = false, strict: Bool = false) {
        self.includePartials = includePartials
        self.includeIdentifiers = includeIdentifiers
        self.strict = strict
    }
}
