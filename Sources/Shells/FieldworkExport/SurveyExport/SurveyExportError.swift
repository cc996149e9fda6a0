/// Why a survey export stopped before writing anything, in words that say what to do next.
public enum SurveyExportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The directory is not a survey directory or its current questionnaire cannot be read.
    case survey(String)
    /// A pinned questionnaire has errors; the export cannot know its variables.
    case questionnaire(id: String, sha256: String, problems: [String])
    /// `--strict` and some records are damaged or do not replay.
    case strictRefused(problems: [String])
    /// The variable plan does not fit the format (names, missing codes…).
    case invalidVariables(questionnaireID: String, detail: String)
    /// The writer failed.
    case write(String)

    public var description: String {
        switch self {
        case .survey(let message):
            return message
        case let .questionnaire(id, sha, problems):
            return "questionnaire \(id) (\(sha.prefix(12))) has errors and cannot be replayed:\n"
                + problems.prefix(10).map { "  - \($0)" }.joined(separator: "\n")
        case .strictRefused(let problems):
            let shown = problems.prefix(20).map { "  - \($0)" }.joined(separator: "\n")
            let more = problems.count > 20 ? "\n  … and \(problems.count - 20) more" : ""
            return "--strict: nothing exported; \(problems.count) problem(s) in the journals:\n\(shown)\(more)\n"
                + "run `fieldwork verify` on the survey directory, or export without --strict to skip damaged records"
        case let .invalidVariables(id, detail):
            return "questionnaire \(id): \(detail)"
        case .write(let message):
            return message
        }
    }
}
