import FieldworkDiagnostics
import FieldworkExpressions

/// A reusable list of answer options (a scale, a list of crime types) referenced by name, so the same
/// codes and labels are used wherever the list appears.
public struct CodeFrame: Sendable, Hashable {
    public var name: String
    public var options: [Option]
    public var location: SourceLocation

    public init(name: String, options: [Option], location: SourceLocation) {
        self.name = name
        self.options = options
        self.location = location
    }

    public func option(code: Int) -> Option? { options.first { $0.code == code } }
    public func option(named name: String) -> Option? { options.first { $0.name == name } }

    /// The form the expression language needs to resolve option names in conditions.
    public var info: CodeFrameInfo {
        var byName: [String: Int] = [:]
        var byCode: [Int: String] = [:]
        for o in options {
            byName[o.name] = o.code
            byCode[o.code] = o.name
        }
        return CodeFrameInfo(name: name, codesByName: byName, namesByCode: byCode)
    }
}

/// One answer option: the number stored, the short name used in variable names and conditions, and
/// the label read out or shown.
public struct Option: Sendable, Hashable {
    public var code: Int
    public var name: String
    public var label: LocalizedText
    /// Whether the interviewer reads it aloud; options that are not read are coded only when volunteered.
    public var readOut: Bool
    /// Selecting it clears every other option ("none of these").
    public var exclusive: Bool
    /// "Other, please specify": the option carries a text answer as well.
    public var specify: SpecifyText?
    /// The option is offered only when this holds.
    public var showIf: Condition?
    /// How often `fieldwork simulate` picks it relative to the others (default 1), so screening
    /// questions can let most simulated interviews through, as real ones do.
    public var simulationWeight: Double = 1
    /// A weight worked out where the question is asked instead (`"simulationWeight": "if(item.name
    /// == 'burglary', 12, 2)"`), so one yes/no question in a loop can be likelier for some passes.
    public var simulationWeightRule: Condition?
    /// The label parsed for fills, when it has any (`{sample.business_name}'s head office`).
    public var labelTemplate: TemplateText?
    /// `"fixed"` as written: true keeps the option in its written place when the question's options
    /// are shuffled or rotated; nil leaves it to the default (`staysPut`).
    public var fixed: Bool?
    public var location: SourceLocation

    /// Whether the option keeps its written place in a random or rotated order: as `fixed` says,
    /// else exclusive options ("None of these") and options with a specify text ("Other") do.
    public var staysPut: Bool { fixed ?? (exclusive || specify != nil) }

    public init(code: Int, name: String, label: LocalizedText, readOut: Bool = true, exclusive: Bool = false,
                specify: SpecifyText? = nil, showIf: Condition? = nil, location: SourceLocation) {
        self.code = code
        self.name = name
        self.label = label
        self.readOut = readOut
        self.exclusive = exclusive
        self.specify = specify
        self.showIf = showIf
        self.location = location
    }
}

/// The free text that goes with an "other, please specify" option.
public struct SpecifyText: Sendable, Hashable {
    public var maxLength: Int
    public var required: Bool
    public init(maxLength: Int = 200, required: Bool = true) {
        self.maxLength = maxLength
        self.required = required
    }
}
