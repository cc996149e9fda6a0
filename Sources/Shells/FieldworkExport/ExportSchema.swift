/// The dictionary of a dataset: what every column is called, means and may contain.
public struct ExportSchema: Sendable, Equatable {
    public var variables: [ExportVariable]
    /// A one-line description of the file; cut to 64 bytes in .sav, 80 characters in .dta.
    public var fileLabel: String

    /// Multiple-choice questions' option columns as groups (SPSS MRSETS, Stata notes).
    public var multipleResponseSets: [MultipleResponseSet]

    public init(variables: [ExportVariable], fileLabel: String = "", multipleResponseSets: [MultipleResponseSet] = []) {
        self.variables = variables
        self.fileLabel = fileLabel
        self.multipleResponseSets = multipleResponseSets
    }
}
