import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// The columns of a survey export, taken from the current questionnaire's variable plan
/// (`Instrument.variables`) so names and order match what `fieldwork check` reports.
public struct SurveyColumnPlan: Sendable {
    public let columns: [SurveyColumn]
    public let questionnaireID: String
    /// Each multiple-choice question's option columns (per loop pass).
    public let multipleResponseSets: [MultipleResponseSet]

    /// The declared width of sample text fields (the writers size .sav/.dta columns to the data).
    static let maxTextBytes = 255

    /// `includeWeight` adds the survey weight (`weight`) right after the interview metadata: the
    /// export asks for it when the case store holds weights.
    public init(instrument: Instrument, includeIdentifiers: Bool, includeWeight: Bool = false) {
        let q = instrument.questionnaire
        questionnaireID = q.id
        let codes = q.missingCodes
        var columns: [SurveyColumn] = []
        var identifiersAdded = !includeIdentifiers
        var weightAdded = !includeWeight
        for spec in instrument.variables {
            // Answers that identify the respondent are personal data, like identifier sample fields.
            if !includeIdentifiers, Self.isIdentifierAnswer(spec, instrument) { continue }
            // The weight follows the interview metadata.
            if !weightAdded, Self.source(of: spec).isMetadata == false {
                columns.append(Self.weightColumn)
                weightAdded = true
            }
            // Identifiers go after the interview metadata (and the weight), before the other sample fields.
            if !identifiersAdded, Self.source(of: spec).isMetadata == false {
                columns += Self.identifierColumns(q)
                identifiersAdded = true
            }
            var variable = Self.exportVariable(spec, codes: codes, language: q.defaultLanguage)
            variable.displayWidth = Self.displayWidth(spec, variable: variable, instrument: instrument)
            columns.append(SurveyColumn(variable: variable, source: Self.source(of: spec), spec: spec))
        }
        if !weightAdded { columns.append(Self.weightColumn) }
        if !identifiersAdded { columns += Self.identifierColumns(q) }
        self.columns = columns
        multipleResponseSets = Self.multipleResponseSets(columns, instrument: instrument)
    }

    /// The survey weight: numeric, system-missing for a case without a stored weight.
    static let weightColumn = SurveyColumn(
        variable: ExportVariable(name: "weight", label: "Survey weight (fieldwork weight: raked to population margins)",
                                 kind: .numeric(decimals: 6)),
        source: .weight, spec: nil)

    /// The dataset dictionary for the writer.
    public func schema(fileLabel: String) -> ExportSchema {
        ExportSchema(variables: columns.map(\.variable), fileLabel: fileLabel, multipleResponseSets: multipleResponseSets)
    }

    /// One set per multiple-choice question and loop pass: its 0/1 option columns, named after
    /// the question (with the pass's suffix, like its columns) and labelled with its label.
    static func multipleResponseSets(_ columns: [SurveyColumn], instrument: Instrument) -> [MultipleResponseSet] {
        var sets: [MultipleResponseSet] = []
        var index: [String: Int] = [:]
        let language = instrument.questionnaire.defaultLanguage
        for column in columns {
            guard let spec = column.spec, case let .answer(question, nil, option?, iteration) = spec.source,
                  question < instrument.questions.count else { continue }
            let key = "\(question)/\(iteration)"
            if let at = index[key] {
                sets[at].variables.append(spec.name)
                continue
            }
            let q = instrument.questions[question].question
            guard let chosen = q.frame?.options.first(where: { $0.code == option }) else { continue }
            let stem = q.id + "_" + chosen.name
            let passSuffix = spec.name.hasPrefix(stem) ? String(spec.name.dropFirst(stem.count)) : ""
            let optionPart = ": " + chosen.label.text(in: language)
            let label = spec.label.hasSuffix(optionPart) ? String(spec.label.dropLast(optionPart.count)) : spec.label
            index[key] = sets.count
            sets.append(MultipleResponseSet(name: q.id + passSuffix, label: label, variables: [spec.name]))
        }
        return sets
    }

    static func source(of spec: VariableSpec) -> SurveyColumn.Source {
        switch spec.source {
        case .metadata(let field): return .metadata(field)
        case .sample: return .sample(spec.name)
        case .answer, .specify, .computed, .optionOrder: return .planned(name: spec.name)
        }
    }

    /// Answers and computed values are shown as wide as their declarations allow; interview facts
    /// and sample numbers keep the writer's choice.
    static func displayWidth(_ spec: VariableSpec, variable: ExportVariable, instrument: Instrument) -> Int? {
        guard case .numeric(let decimals) = variable.kind else { return nil }
        let extent: NumericExtent
        switch spec.source {
        case let .answer(question, _, option, _):
            guard option == nil else { return nil }  // a 0/1 option column
            extent = instrument.numericExtent(ofQuestion: question)
        case let .computed(index, _):
            guard index < instrument.computedExtents.count else { return nil }
            extent = instrument.computedExtents[index]
        case .metadata, .sample, .specify, .optionOrder:
            return nil
        }
        return NumericDisplayWidth.width(for: extent, decimals: decimals, hasNegativeCodes: variable.missing.contains { $0.code < 0 })
    }

    static func isIdentifierAnswer(_ spec: VariableSpec, _ instrument: Instrument) -> Bool {
        switch spec.source {
        case let .answer(question, _, _, _), let .specify(question, _, _):
            return instrument.questions[question].question.identifier
        case .metadata, .sample, .computed, .optionOrder:
            return false
        }
    }

    static func identifierColumns(_ q: Questionnaire) -> [SurveyColumn] {
        q.sampleFields.filter(\.identifier).map { f in
            let label = f.label?.text(in: q.defaultLanguage) ?? "Sample: \(f.name)"
            let kind: ExportVariableKind = f.kind == .number ? .numeric(decimals: 2) : .string(maxBytes: maxTextBytes)
            return SurveyColumn(variable: ExportVariable(name: f.name, label: label, kind: kind), source: .sample(f.name), spec: nil)
        }
    }

    /// Don't know and refused become declared missing codes only where the question allows them,
    /// so SPSS's dictionary shows exactly the non-answers that can occur.
    static func exportVariable(_ spec: VariableSpec, codes: MissingCodes, language: String = "en") -> ExportVariable {
        var kind: ExportVariableKind
        switch spec.kind {
        case .numeric(let decimals): kind = .numeric(decimals: decimals)
        // UTF-8 needs up to 4 bytes a character: the declared bound. .sav and .dta columns are
        // sized to the longest value in the data (StatFileLayout), which this bounds.
        case .text(let maxLength): kind = .string(maxBytes: max(1, maxLength) * 4)
        // A real date variable, so don't know/refused get their codes like any numeric answer.
        case .date: kind = .date
        }
        // The plan lists interview times as text; the export makes them real date-time variables.
        if case .metadata(let field) = spec.source, field == .startTime || field == .endTime {
            kind = .dateTime
        }
        var missing: [MissingCode] = []
        // Text questions declare them too: the cell holds the code as text ("-1"), user-missing in .sav.
        do {
            if spec.allowsDontKnow {
                missing.append(MissingCode(code: Double(codes.dontKnow), label: "Don't know", stataTag: "a"))
            }
            if spec.allowsRefused {
                missing.append(MissingCode(code: Double(codes.refused), label: "Refused", stataTag: "b"))
            }
            // Extra codes keep one Stata tag across the dataset: .c for the first declared, .d …
            for (i, extra) in codes.extra.enumerated() where spec.allowsMissing.contains(extra.name) {
                let tag = Character(UnicodeScalar(UInt8(ascii: "c") + UInt8(min(i, 23))))
                missing.append(MissingCode(code: Double(extra.code), label: extra.label.text(in: language), stataTag: tag))
            }
        }
        let labels = spec.valueLabels.map { ValueLabel(Double($0.code), $0.label) }
        return ExportVariable(name: spec.name, label: spec.label, kind: kind, valueLabels: kind.isNumeric ? labels : [], missing: missing)
    }
}
