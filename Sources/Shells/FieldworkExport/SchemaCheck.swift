/// Every reason a schema cannot be written in a format, gathered before any byte is written so
/// the analyst gets the whole list at once rather than one error per attempt.
public enum SchemaCheck {
    /// SPSS allows at most three discrete user-missing values per variable.
    static let spssMaxMissingCodes = 3

    public static func problems(in schema: ExportSchema, format: ExportFormat) -> [String] {
        var problems: [String] = []
        if schema.variables.isEmpty {
            problems.append("the dataset has no variables")
        }
        for variable in schema.variables {
            if let problem = VariableNameRules.problems(name: variable.name, format: format) {
                problems.append(problem)
            }
            problems += kindProblems(variable)
            problems += missingProblems(variable, format: format)
        }
        for name in VariableNameRules.duplicates(names: schema.variables.map(\.name), format: format) {
            let how = format == .sav ? " (SPSS ignores case in names)" : ""
            problems.append("\(name): used for more than one variable\(how)")
        }
        return problems
    }

    private static func kindProblems(_ variable: ExportVariable) -> [String] {
        switch variable.kind {
        case let .numeric(decimals):
            return (0...16).contains(decimals) ? [] : ["\(variable.name): \(decimals) decimals; use 0 to 16"]
        case .date, .dateTime:
            return []
        case let .string(maxBytes):
            var problems: [String] = []
            if let maxBytes, maxBytes < 0 {
                problems.append("\(variable.name): a negative string width (\(maxBytes))")
            }
            if !variable.valueLabels.isEmpty {
                problems.append("\(variable.name): value labels on a text variable; code the answers as numbers to label them")
            }
            return problems
        }
    }

    private static func missingProblems(_ variable: ExportVariable, format: ExportFormat) -> [String] {
        var problems: [String] = []
        let codes = variable.missing.map(\.code)
        if Set(codes).count != codes.count {
            problems.append("\(variable.name): the same missing code is declared twice")
        }
        if codes.contains(where: { $0.isNaN || $0.isInfinite }) {
            problems.append("\(variable.name): a missing code must be a finite number")
        }
        switch format {
        case .sav where variable.missing.count > spssMaxMissingCodes:
            problems.append("\(variable.name): \(variable.missing.count) missing codes; SPSS allows at most \(spssMaxMissingCodes) user-missing values a variable: allow fewer extra missing codes on this question (\"allowMissing\"), or export .dta or CSV")
        case .dta:
            let tags = variable.missing.map(\.stataTag)
            if let bad = tags.first(where: { !("a"..."z").contains($0) || $0.unicodeScalars.count != 1 }) {
                problems.append("\(variable.name): Stata missing tag \"\(bad)\"; use a lowercase letter a–z")
            }
            if Set(tags).count != tags.count {
                problems.append("\(variable.name): two missing codes share a Stata tag")
            }
        default:
            break
        }
        return problems
    }
}
