/// Why the completes in the store cannot be matched to a margins file, before any raking.
public enum WeightingInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No complete has the field a margin is over (for example a question's answer, not a sample field).
    case fieldNotInSample(margin: String, field: String, line: Int?, sampleFields: [String])
    /// Some completes have no value for a margin's field.
    case missingValue(margin: String, field: String, cases: Int, exampleCaseID: String)
    /// `--base FIELD` names a field no complete has.
    case baseFieldNotInSample(field: String, sampleFields: [String])
    /// A complete's selection probability is not a number in (0, 1].
    case badProbability(caseID: String, field: String, value: String)

    public var description: String {
        switch self {
        case let .fieldNotInSample(margin, field, line, fields):
            return "\(line.map { "line \($0): " } ?? "")margin '\(margin)' is over '\(field)', which is not a sample field of the completes "
                + "(they have: \(fields.joined(separator: ", "))); a margin can only be over sample fields — add '\(field)' to the sample "
                + "or leave the margin out (docs/weighting.md)"
        case let .missingValue(margin, field, cases, example):
            return "\(cases) complete(s) have no value for '\(field)' (e.g. case \(example)), so they fall in no cell of margin '\(margin)'; fill in the field in the sample"
        case let .baseFieldNotInSample(field, fields):
            return "--base \(field): no complete has a sample field '\(field)' (they have: \(fields.joined(separator: ", ")))"
        case let .badProbability(caseID, field, value):
            return "case \(caseID): \(field) '\(value)' is not a selection probability (a number above 0 and at most 1)"
        }
    }
}
