import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import Foundation

/// Checks that the case store records what the journals prove: every interview that ended in a
/// journal (completed, closed at an `end` item, stopped by the interviewer) is recorded as a call
/// with a matching outcome, and no case is complete in the store without a completed interview.
///
/// The journal stays the truth for what was answered. With `repair`, a missing call that the
/// journal proves is recorded, exactly as the session would have recorded it (a break-off is coded
/// by the share of applicable questions answered, replayed from the journal); anything the
/// journal cannot settle (a refusal's kind, a final code that contradicts it) is reported for a
/// person to decide. Repairing twice changes nothing: a recorded ending is matched the next time.
public enum JournalStoreReconciliation {
    /// Who repairs are recorded by, when the journal does not name the interviewer.
    public static let repairer = "verify-repair"

    /// `survey` is where the journals are (a survey directory, or the server), `store` the case store.
    public static func run(survey: any JournalStore, store: any SurveyCaseStore, instrument: Instrument?,
                           repair: Bool, now: Date) throws -> ReconciliationReport {
        var stored = try store.allCaseCalls()
        // Replays read the case's preload values too (`preload.name` may route), as the interview did.
        let preload = try store.preloadValues(ids: Array(stored.keys))
        for (id, values) in preload where !values.isEmpty {
            let merged = SampleRecord(stored[id]?.fields ?? [:]).addingPreload(values).fields
            stored[id]?.fields = merged
        }
        var disagreements: [CaseDisagreement] = []
        var recorded = 0
        var journalled = Set<String>()
        var completedInJournal = Set<String>()
        let files = try survey.journalCaseIDs().filter { CaseID.validate($0) == nil }
        for caseID in files {
            let history = try survey.history(caseID: caseID)
            let endings = SittingEnding.all(in: history)
            journalled.insert(caseID)
            if endings.contains(where: { $0.kind == .completed || ($0.kind == .stopped && $0.recordingOutcomes.contains("interview-complete")) }) {
                completedInJournal.insert(caseID)
            }
            guard let calls = stored[caseID] else {
                if !endings.isEmpty || history.events.contains(where: { if case .answered = $0.event { true } else { false } }) {
                    disagreements.append(CaseDisagreement(
                        caseID: caseID, kind: .journalWithoutCase, journal: describe(endings, history: history),
                        store: "no such case", repair: nil,
                        reason: "the store has no sample record for it; import the case (fieldwork cases import) and run verify again",
                        repaired: false))
                }
                continue
            }
            let matching = unrecorded(endings, outcomes: calls.outcomes)
            recorded += matching.recorded
            for ending in matching.unrecorded {
                var finding = CaseDisagreement(caseID: caseID, kind: .unrecordedEnding, journal: describe(ending),
                                               store: describe(calls), repair: nil, reason: "", repaired: false)
                if let final = calls.finalCode {
                    finding.reason = "the store already holds final code \(final); a supervisor must decide which is right"
                } else if let (outcome, rule) = plan(ending, history: history, calls: calls, instrument: instrument, rules: store.rules) {
                    finding.repair = outcome.rawValue
                    finding.reason = rule
                    if repair {
                        do {
                            _ = try store.recordAttempt(CallAttemptInput(
                                caseID: caseID, interviewer: ending.interviewer.isEmpty ? repairer : ending.interviewer,
                                outcome: outcome, note: "recorded by fieldwork verify --repair from the journal", dispositionRule: rule), now: now)
                            finding.repaired = true
                        } catch {
                            finding.reason += "; NOT repaired: \(error)"
                        }
                    }
                } else {
                    finding.reason = "the journal does not say whether the refusal was soft or hard; record it by hand"
                }
                disagreements.append(finding)
            }
        }
        for calls in stored.values.sorted(by: { $0.caseID < $1.caseID })
        where calls.finalCode == AAPORDisposition.complete.code && !completedInJournal.contains(calls.caseID) {
            disagreements.append(CaseDisagreement(
                caseID: calls.caseID, kind: .completeWithoutInterview,
                journal: journalled.contains(calls.caseID) ? "no completed interview" : "no journal",
                store: describe(calls), repair: nil,
                reason: "a complete without its interview cannot be exported; find the journal (a backup?) or correct the code",
                repaired: false))
        }
        return ReconciliationReport(casesInStore: stored.count, journalsChecked: files.count, endingsRecorded: recorded,
                                    disagreements: disagreements, repairing: repair)
    }

    /// The journal's endings matched, in order, against the store's call outcomes (each call records
    /// at most one ending): how many are recorded, and the endings no call records.
    static func unrecorded(_ endings: [SittingEnding], outcomes: [String]) -> (recorded: Int, unrecorded: [SittingEnding]) {
        var unused = outcomes
        var recorded = 0
        var missing: [SittingEnding] = []
        for ending in endings {
            if let match = unused.firstIndex(where: { ending.recordingOutcomes.contains($0) }) {
                unused.remove(at: match)
                recorded += 1
            } else {
                missing.append(ending)
            }
        }
        return (recorded, missing)
    }

    /// The call that records an ending, with its rule text; nil when the journal cannot say.
    /// `recordedBy` opens the rule text: who records the call ("verify --repair", or "journal on
    /// lease" when a session records it before working the case).
    static func plan(_ ending: SittingEnding, history: CaseHistory, calls: StoredCaseCalls, instrument: Instrument?,
                     rules: SchedulingRules, recordedBy: String = "verify --repair") -> (CallOutcome, String)? {
        let when = JournalTimestamp.format(ending.at)
        switch ending.kind {
        case .completed:
            return (.interviewComplete, "\(recordedBy): the journal holds the interview completed at \(when)")
        case .endItem:
            guard let outcome = CallOutcome(rawValue: ending.outcome) else { return nil }
            return (outcome, "\(recordedBy): the journal's end item \(ending.endpoint ?? "?") closed the interview at \(when) → \(ending.outcome)")
        case .stopped:
            guard ending.outcome == "breakoff" || ending.outcome == "break-off", let instrument else { return nil }
            let before = history.events[..<ending.eventIndex].map(\.event)
            let (interview, _) = Interview.replay(instrument: instrument, sample: SampleRecord(calls.fields), events: Array(before))
            let share = interview.answeredShare
            let (outcome, rule) = rules.dispositionThresholds.outcome(forStoppedInterviewWithShare: share.share)
            return (outcome, "\(recordedBy): the journal's break-off at \(when): \(rule) [\(share.answered) of \(share.applicable) answered]")
        }
    }

    static func describe(_ ending: SittingEnding) -> String {
        let when = JournalTimestamp.format(ending.at)
        switch ending.kind {
        case .completed: return "interview completed \(when)"
        case .endItem: return "ended at \(ending.endpoint ?? "?") with \(ending.outcome) \(when)"
        case .stopped: return "stopped as \(ending.outcome) \(when)"
        }
    }

    static func describe(_ endings: [SittingEnding], history: CaseHistory) -> String {
        if let last = endings.last { return describe(last) }
        return "\(history.events.count) interview event(s), no ending"
    }

    static func describe(_ calls: StoredCaseCalls) -> String {
        let final = calls.finalCode.map { "final \($0)" } ?? calls.status.rawValue
        let outcomes = calls.outcomes.isEmpty ? "no calls" : "calls: \(calls.outcomes.joined(separator: ", "))"
        return "\(final); \(outcomes)"
    }
}
