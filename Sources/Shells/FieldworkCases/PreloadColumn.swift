/// One preload value the questionnaire declares, and the column of the file it is read from
/// (its own name unless `--map NAME=COLUMN` says otherwise).
public struct PreloadColumn: Sendable, Hashable {
    /// The questionnaire's name for the value (`preload.name`).
    public var name: String
    /// The file's column holding it.
    public var column: String
    /// Numbers are checked as decimal numerals on import.
    public var isNumber: Bool

    public init(name: String, column: String, isNumber: Bool) {
        self.name = name
        self.column = column
        self.isNumber = isNumber
    }
}
