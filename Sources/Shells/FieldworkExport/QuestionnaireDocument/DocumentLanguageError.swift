/// The printed questionnaire was asked for in a language the questionnaire is not written in.
public struct DocumentLanguageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var requested: String
    public var available: [String]

    public var description: String {
        "the questionnaire has no language '\(requested)'; its languages are: \(available.joined(separator: ", ")) (pass one of them to --language)"
    }
}
