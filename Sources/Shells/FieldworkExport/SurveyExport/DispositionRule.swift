import FieldworkEngine
import FieldworkJournal

/// The final AAPOR disposition of an exported interview: the case store's when it has one,
/// otherwise derived from the journal (complete → 1.1; else the last call outcome; else how the
/// interview ended). Open interviews without a final outcome get none (empty).
public enum DispositionRule {
    /// Outcome words the journal may hold besides case management's call outcomes (simulations,
    /// the interview's own end outcomes).
    static let aliases: [String: String] = [
        "complete": "1.1", "completed": "1.1", "interview-complete": "1.1", "partial": "1.2", "interview-partial": "1.2",
        "breakoff": "2.12", "break-off": "2.12", "refusal": "2.11", "refused": "2.11", "hard-refusal": "2.11",
    ]

    public static func disposition(stored: String?, history: CaseHistory, status: InterviewStatus,
                                   outcomeCodes: (String) -> String? = { _ in nil }) -> String {
        if let stored, !stored.isEmpty { return stored }
        if status == .completed { return "1.1" }
        func code(_ outcome: String) -> String? { outcomeCodes(outcome) ?? aliases[outcome.lowercased()] }
        if let last = history.outcomes.last?.0.outcome, let found = code(last) { return found }
        if case .ended(let outcome) = status { return code(outcome) ?? "2.12" }
        return ""
    }

    /// The `status` column: complete, partial (suspended or never finished) or ended:<outcome>.
    public static func statusText(_ status: InterviewStatus) -> String {
        switch status {
        case .completed: return "complete"
        case .inProgress, .suspended: return "partial"
        case .ended(let outcome): return "ended:\(outcome)"
        }
    }
}
