/// A multiple-choice question's 0/1 option columns as one group: an SPSS multiple dichotomy set
/// (`MRSETS /MDGROUP`, counted value 1) in the .sav, and a dataset note in the .dta.
public struct MultipleResponseSet: Sendable, Equatable {
    /// The set's name without SPSS's leading `$` (the question id, with its loop suffix).
    public var name: String
    /// The question's label.
    public var label: String
    /// The option columns, in option order.
    public var variables: [String]
    /// The value that means "chosen" in every option column.
    public var countedValue: Int

    public init(name: String, label: String, variables: [String], countedValue: Int = 1) {
        self.name = name
        self.label = label
        self.variables = variables
        self.countedValue = countedValue
    }

    /// The line Stata users read with `notes`: which columns form the question.
    public var stataNote: String {
        "Multiple-choice question \(name) (\(label)): columns \(variables.joined(separator: " ")); \(countedValue) = chosen"
    }
}
