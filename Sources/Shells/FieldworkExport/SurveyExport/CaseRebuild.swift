import FieldworkEngine
import FieldworkJournal

/// Whether a case whose journal lost records can still be exported: the verdict on the history
/// the engine rebuilt from the records that remain.
///
/// The reader skips a damaged record (checksum failure, malformed line …) and nothing else. What
/// remains is a **consistent history** when every later event still replays exactly as recorded
/// (no `ReplayProblem`) and, when the journal records a completed interview, the replay ends
/// completed. A lost `shown`, note, confirmation or sitting record leaves such a history: the case
/// is exported, its `skipped_records` column counting what was lost. A lost answer does not: the
/// engine never guesses the answer, so the next answer no longer belongs to the question on
/// screen, and every answer after it would be dropped. Such a case is left out of the export and
/// named, rather than exported with most of its answers missing under a complete disposition.
/// Likewise any case whose journal says complete but whose replay does not reach completion.
struct CaseRebuild {
    /// Damaged or missing records in the journal (a run of missing sequence numbers counts once).
    let skippedRecords: Int
    /// Why the case cannot be exported; nil when it can.
    let leftOutReason: String?

    init(outline: CaseOutline, interview: Interview, replay: [ReplayProblem]) {
        skippedRecords = Self.skippedRecords(in: outline)
        let firstReplay = replay.first.map { "event \($0.eventIndex + 1) (\($0.event.kind)): \($0.message)" }
        if skippedRecords > 0, let firstReplay {
            let damage = outline.corruption[0]
            leftOutReason = "\(damage) — after it \(replay.count) recorded event(s) no longer fit (first: \(firstReplay)); "
                + "the history cannot be rebuilt"
        } else if outline.standing == .complete, interview.state.status != .completed {
            leftOutReason = "the journal records a completed interview, but replaying it does not complete"
                + (firstReplay.map { " (first problem: \($0))" } ?? "")
        } else {
            leftOutReason = nil
        }
    }

    /// Records lost from a journal: each damaged line once (the gap it leaves in the sequence is
    /// the same loss), and each run of missing sequence numbers when no damaged line explains it.
    static func skippedRecords(in outline: CaseOutline) -> Int {
        let lines = outline.corruption.filter { $0.kind != .sequenceGap }.count
        return lines > 0 ? lines : outline.corruption.count
    }
}
