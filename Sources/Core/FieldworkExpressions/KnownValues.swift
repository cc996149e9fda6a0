/// The only values a name can take, when the symbol table knows them in advance: `item.name` and
/// `item.code` in a loop over a multiple-choice answer take the names and codes of its options.
/// Comparing such a name with anything else is a typo, reported with a suggestion.
public struct KnownValues: Sendable, Hashable {
    public var values: [RuntimeValue]
    /// Where the values come from, for messages: "the options of \"crimes\", which loop \"victim\" repeats over".
    public var origin: String

    public init(values: [RuntimeValue], origin: String) {
        self.values = values
        self.origin = origin
    }

    func contains(_ value: RuntimeValue) -> Bool {
        values.contains { Node.same($0, value) }
    }

    /// The values as written in a condition: 'burglary', 'fraud' or 1, 2.
    var list: String {
        values.map { value -> String in
            if case .text(let t) = value { return ExpressionPrinter.quote(t) }
            return value.description
        }.joined(separator: ", ")
    }

    var texts: [String] {
        values.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
    }
}
