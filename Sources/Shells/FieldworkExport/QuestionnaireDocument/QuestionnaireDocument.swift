/// The questionnaire as a designer and a client sign it off: every section, question, code frame,
/// routing rule, check and end of interview, in questionnaire order and in plain words, in one
/// language. Built from a checked `Instrument` by `QuestionnaireDocumentBuilder`; written out by
/// one renderer per format (`QuestionnaireDocumentFormat`).
public struct QuestionnaireDocument: Sendable, Equatable {
    public var title: String
    public var id: String
    public var version: String
    /// Every language the questionnaire is written in.
    public var languages: [String]
    /// The language this document shows.
    public var language: String
    public var targetMinutes: Double
    public var dontKnowCode: Int
    public var refusedCode: Int
    /// How many questions carry a number (Q1 … Qn).
    public var numberedQuestions: Int
    public var sections: [DocumentSection]
}
