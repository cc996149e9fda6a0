import FieldworkEngine
import FieldworkJournal
import Foundation

/// How one sitting of an interview ended, as its journal proves it: completed, closed at an `end`
/// item with its outcome, or stopped by the interviewer (refusal, break-off).
public struct SittingEnding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case completed
        case endItem = "end-item"
        case stopped
    }

    public var kind: Kind
    /// The outcome word journalled: "complete", the end item's outcome, or the stop's ("breakoff", "refusal").
    public var outcome: String
    /// The `end` item, for `endItem`.
    public var endpoint: String?
    public var at: Date
    public var interviewer: String
    /// Index into the journal's interview events of the ending event.
    public var eventIndex: Int

    /// The call outcomes (case management's words) that record this ending.
    public var recordingOutcomes: Set<String> {
        switch kind {
        case .completed: return ["interview-complete"]
        case .endItem: return [outcome]
        case .stopped:
            switch outcome {
            case "breakoff", "break-off": return ["interview-complete", "interview-partial", "break-off"]
            case "refusal": return ["soft-refusal", "hard-refusal"]
            default: return [outcome]
            }
        }
    }

    /// Every ending in a case's journal, in order.
    public static func all(in history: CaseHistory) -> [SittingEnding] {
        var endings: [SittingEnding] = []
        for (index, timed) in history.events.enumerated() {
            let interviewer = history.sessions.indices.contains(timed.session) ? history.sessions[timed.session].interviewer : ""
            switch timed.event {
            case .completed:
                endings.append(SittingEnding(kind: .completed, outcome: "complete", endpoint: nil, at: timed.at,
                                             interviewer: interviewer, eventIndex: index))
            case .endReached(let endpoint, let outcome):
                endings.append(SittingEnding(kind: .endItem, outcome: outcome, endpoint: endpoint, at: timed.at,
                                             interviewer: interviewer, eventIndex: index))
            case .ended(let outcome):
                endings.append(SittingEnding(kind: .stopped, outcome: outcome, endpoint: nil, at: timed.at,
                                             interviewer: interviewer, eventIndex: index))
            default:
                continue
            }
        }
        return endings
    }
}
