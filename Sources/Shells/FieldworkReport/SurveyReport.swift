/// Everything `fieldwork report` shows, worked out once from the case store and the journals; the
/// text, HTML and JSON renderers only lay it out.
public struct SurveyReport: Encodable, Sendable, Equatable {
    public var title: String
    public var questionnaireID: String
    public var version: String
    /// The report's clock (`FIELDWORK_NOW` or the real one), ISO-8601 UTC.
    public var generatedAt: String
    /// The survey time zone (scheduling.json), in which days and hours are counted.
    public var timeZone: String
    /// True when the store holds no case and no journal has an interview.
    public var noCases: Bool
    /// Things the reader should know: an empty survey, completes without a weight, cases the export left out.
    public var notes: [String]
    public var progress: ProgressFigures
    public var aapor: AAPORFigures
    public var lengths: LengthFigures
    public var quotas: [QuotaCellFigure]
    public var toplines: ToplineFigures
}
