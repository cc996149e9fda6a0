import FieldworkChecker

/// One column of a survey export: the dataset variable analysts see plus where each row's value
/// comes from. Answer columns are named by the current questionnaire's plan and looked up by name
/// in each interview's own questionnaire version.
public struct SurveyColumn: Sendable {
    public enum Source: Sendable, Equatable {
        case metadata(VariableSpec.MetadataField)
        /// A sample field by name (identifiers only with `includeIdentifiers`).
        case sample(String)
        /// A planned variable (answer, specify text, computed): resolved per questionnaire version.
        case planned(name: String)
        /// The survey weight stored by `fieldwork weight` (docs/weighting.md).
        case weight

        public var isMetadata: Bool {
            if case .metadata = self { return true }
            return false
        }
    }

    public var variable: ExportVariable
    public var source: Source
    /// The plan entry in the current questionnaire (nil for identifier sample fields and the weight).
    public var spec: VariableSpec?
}
