import FieldworkDiagnostics

/// Text given per language, so a questionnaire can be translated without changing its structure.
public struct LocalizedText: Sendable, Hashable {
    /// Language code → text, e.g. `["en": "How many people work here?"]`.
    public var byLanguage: [String: String]
    public var location: SourceLocation

    public init(_ byLanguage: [String: String], location: SourceLocation) {
        self.byLanguage = byLanguage
        self.location = location
    }

    public init(_ text: String, language: String = "en", location: SourceLocation = .start(of: "")) {
        self.byLanguage = [language: text]
        self.location = location
    }

    /// The text in `language`, falling back to any text so an untranslated item still shows something.
    public func text(in language: String) -> String {
        if let t = byLanguage[language] { return t }
        if let t = byLanguage["en"] { return t }
        return byLanguage.sorted { $0.key < $1.key }.first?.value ?? ""
    }
}
