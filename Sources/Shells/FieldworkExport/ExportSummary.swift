import Foundation

/// What an export produced, including every compromise a format forced (cut labels, truncated
/// text), so the command line can tell the analyst instead of hiding it.
public struct ExportSummary: Sendable, Equatable {
    public var format: ExportFormat
    /// Every file written, the data file first.
    public var files: [URL]
    public var rowCount: Int
    public var variableCount: Int
    public var warnings: [String]

    public init(format: ExportFormat, files: [URL], rowCount: Int, variableCount: Int, warnings: [String]) {
        self.format = format
        self.files = files
        self.rowCount = rowCount
        self.variableCount = variableCount
        self.warnings = warnings
    }
}
