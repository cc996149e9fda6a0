/// The columns a preload import reads: each declared value from the column of its own name, unless
/// a `NAME=COLUMN` mapping names another.
public struct PreloadMapping: Sendable {
    public let columns: [PreloadColumn]

    /// `declared` is the questionnaire's preload values (name, numeric?) in order; `arguments` the
    /// `--map NAME=COLUMN` options. An unknown NAME, a malformed or repeated mapping is refused.
    public init(declared: [(name: String, isNumber: Bool)], arguments: [String]) throws(PreloadMappingError) {
        var columnFor: [String: String] = [:]
        let names = declared.map(\.name)
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else { throw .malformed(argument) }
            let name = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
            let column = String(argument[argument.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !column.isEmpty else { throw .malformed(argument) }
            guard names.contains(name) else { throw .undeclared(name, declared: names) }
            guard columnFor[name] == nil else { throw .repeated(name) }
            columnFor[name] = column
        }
        columns = declared.map { PreloadColumn(name: $0.name, column: columnFor[$0.name] ?? $0.name, isNumber: $0.isNumber) }
    }
}
