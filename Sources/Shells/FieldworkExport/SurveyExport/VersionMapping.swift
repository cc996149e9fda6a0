import FieldworkChecker

/// How one questionnaire version's variables land on the current plan's columns: matched by
/// variable name and storage kind. What does not match is listed so the analyst is told.
public struct VersionMapping: Sendable {
    /// Per column: the plan entry of this version that fills it, nil when this version has none.
    public let specs: [VariableSpec?]
    /// Per column: where this version's value comes from, the only part of the spec a row needs
    /// (a plain value, so filling a row copies no reference-counted fields).
    public let sources: [VariableSpec.Source?]
    /// This version's variables with no column (or a column of another kind) in the current plan.
    public let unmapped: [String]
    /// Current columns this version never asked (system-missing for its interviews).
    public let absent: [String]

    public init(columns: [SurveyColumn], instrument: Instrument) {
        var byName: [String: VariableSpec] = [:]
        for spec in instrument.variables { byName[spec.name] = spec }
        var specs: [VariableSpec?] = []
        var absent: [String] = []
        var used = Set<String>()
        var unmapped: [String] = []
        for column in columns {
            guard case .planned(let name) = column.source else {
                specs.append(nil)
                continue
            }
            guard let spec = byName[name] else {
                specs.append(nil)
                absent.append(name)
                continue
            }
            used.insert(name)
            if let current = column.spec, !Self.sameStorage(current.kind, spec.kind) {
                specs.append(nil)
                unmapped.append("\(name) (was \(Self.describe(spec.kind)), now \(Self.describe(current.kind)))")
                continue
            }
            specs.append(spec)
        }
        for spec in instrument.variables where !used.contains(spec.name) {
            switch spec.source {
            case .answer, .specify, .computed, .optionOrder: unmapped.append(spec.name)
            case .metadata, .sample: break
            }
        }
        self.specs = specs
        sources = specs.map { $0?.source }
        self.unmapped = unmapped
        self.absent = absent
    }

    static func sameStorage(_ a: VariableSpec.Kind, _ b: VariableSpec.Kind) -> Bool {
        switch (a, b) {
        case (.numeric, .numeric), (.text, .text), (.date, .date): return true
        default: return false
        }
    }

    static func describe(_ kind: VariableSpec.Kind) -> String {
        switch kind {
        case .numeric: return "numeric"
        case .text: return "text"
        case .date: return "a date"
        }
    }
}
