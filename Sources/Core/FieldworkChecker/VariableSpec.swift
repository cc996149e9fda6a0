import FieldworkDiagnostics
import FieldworkModel

/// One column of an export, derived from the questionnaire alone so that the checker can find name
/// problems before fieldwork and every exporter names things the same way.
public struct VariableSpec: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// Interview facts: case id, interviewer, times, duration, version, disposition, status.
        case metadata(MetadataField)
        case sample(field: Int)
        /// An answer; for multiple choice, `option` is the code this 0/1 column stands for.
        case answer(question: Int, gridItem: Int?, option: Int?, iteration: LoopPass)
        /// The "please specify" text of an option.
        case specify(question: Int, option: Int, iteration: LoopPass)
        case computed(Int, iteration: LoopPass)
        /// The order a question's options were offered in (random or rotated): the codes in
        /// shown order as text, "3 1 2".
        case optionOrder(question: Int, iteration: LoopPass)
    }

    public enum MetadataField: String, Sendable, Hashable, CaseIterable {
        case caseID = "case_id"
        case interviewer = "interviewer"
        case status = "status"
        case disposition = "disposition"
        case startTime = "start_time"
        case endTime = "end_time"
        case durationSeconds = "duration_s"
        case questionnaireVersion = "q_version"
        /// Damaged journal records the export skipped in this case (0 for an intact journal).
        case skippedRecords = "skipped_records"
        /// The language the interview was last shown in.
        case language = "language"
    }

    public enum Kind: Sendable, Hashable {
        case numeric(decimals: Int)
        /// Text of at most this many characters (exporters size by bytes).
        case text(maxLength: Int)
        /// Stored as days since 1970-01-01 in numeric form, or ISO text in CSV.
        case date
    }

    public var name: String
    public var label: String
    public var kind: Kind
    /// Code → label, from the code frame.
    public var valueLabels: [ValueLabel]
    /// Whether don't know and refused can occur (they become missing values).
    public var allowsDontKnow: Bool
    public var allowsRefused: Bool
    /// The extra missing codes (`missingCodes.extra`, by name) that can occur.
    public var allowsMissing: [String] = []
    public var source: Source
    public var location: SourceLocation

    public struct ValueLabel: Sendable, Hashable {
        public var code: Int
        public var label: String
        public init(code: Int, label: String) {
            self.code = code
            self.label = label
        }
    }
}
