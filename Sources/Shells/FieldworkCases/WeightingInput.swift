import FieldworkWeighting

/// Turns the completes' sample fields and a margins file into raking's input: each complete's cell
/// in every margin (its fields' values joined by `|`) and its base weight (1/p from `baseField`,
/// else 1).
public enum WeightingInput {
    public static func build(completes: [CompletedCase], margins: [PopulationMargin], baseField: String?) throws(WeightingInputError) -> RakingInput {
        var present = Set<String>()
        for c in completes { present.formUnion(c.fields.keys) }
        let sampleFields = present.sorted()
        var cellKeys: [[String]] = []
        for margin in margins {
            for field in margin.fields {
                if !completes.isEmpty, !present.contains(field) {
                    throw .fieldNotInSample(margin: margin.name, field: field, line: margin.cells.first?.line, sampleFields: sampleFields)
                }
                let lacking = completes.filter { ($0.fields[field] ?? "").isEmpty }
                if let first = lacking.first {
                    throw .missingValue(margin: margin.name, field: field, cases: lacking.count, exampleCaseID: first.id)
                }
            }
            cellKeys.append(completes.map { c in PopulationMargin.cellKey(values: margin.fields.map { c.fields[$0] ?? "" }) })
        }
        var base: [Double] = []
        base.reserveCapacity(completes.count)
        if let baseField {
            if !completes.isEmpty, !present.contains(baseField) {
                throw .baseFieldNotInSample(field: baseField, sampleFields: sampleFields)
            }
            for c in completes {
                let text = c.fields[baseField] ?? ""
                guard SampleValidation.numberProblem(text) == nil, let p = Double(text), p > 0, p <= 1 else {
                    throw .badProbability(caseID: c.id, field: baseField, value: text)
                }
                base.append(1 / p)
            }
        } else {
            base = completes.map { _ in 1 }
        }
        return RakingInput(caseIDs: completes.map(\.id), baseWeights: base, margins: margins, cellKeys: cellKeys)
    }
}
