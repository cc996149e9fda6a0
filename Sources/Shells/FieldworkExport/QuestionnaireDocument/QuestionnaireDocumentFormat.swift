/// The formats `fieldwork doc` writes the printed questionnaire in, each with its own renderer.
public enum QuestionnaireDocumentFormat: String, Sendable, CaseIterable {
    /// Markdown, for review in a repository or conversion by other tools.
    case md
    /// One self-contained HTML page (inline styles, no script, nothing fetched) that prints well.
    case html

    public func render(_ document: QuestionnaireDocument) -> String {
        switch self {
        case .md: return MarkdownQuestionnaireRenderer(document: document).render()
        case .html: return HTMLQuestionnaireRenderer(document: document).render()
        }
    }
}
