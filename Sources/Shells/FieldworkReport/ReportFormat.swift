/// The formats `fieldwork report` writes.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, html, json

    /// Lays the report out in this format.
    public func render(_ report: SurveyReport) throws -> String {
        switch self {
        case .text: return TextReportRenderer(report: report).render()
        case .html: return HTMLReportRenderer(report: report).render()
        case .json: return try JSONReportRenderer.render(report)
        }
    }
}
