/// What a survey export skipped, could not map or had to repair, so the command can warn the
/// analyst on standard error instead of hiding it.
public struct SurveyExportReport: Sendable, Equatable {
    public var rows = 0
    /// Interviews left out because they are not complete (pass --include-partials).
    public var partialsLeftOut = 0
    /// Cases with journals but no recorded answer.
    public var casesWithoutInterview = 0
    /// Damaged journal records skipped (checksum failures, malformed lines, gaps…), and in how many cases.
    public var corruptRecords = 0
    public var casesWithCorruption = 0
    /// Events that no longer fit when replayed, and in how many cases.
    public var replayProblems = 0
    public var casesWithReplayProblems = 0
    /// Cases whose pinned questionnaire could not be loaded; left out.
    public var casesWithUnreadableQuestionnaire = 0
    /// Cases left out because their history cannot be rebuilt from what the journal still holds
    /// (see `CaseRebuild`), each with the reason.
    public var leftOut: [LeftOutCase] = []
    /// Exported cases whose journal had damaged records skipped (their `skipped_records` is above 0).
    public var casesWithSkippedRecords = 0
    /// Per questionnaire version other than the current one: interviews, unmapped and absent variables.
    public var versions: [VersionNote] = []
    /// Don't know/refused given where the current plan declares no such code (written system-missing).
    public var undeclaredMissing = 0
    /// Up to a few examples of each kind of problem, for the summary.
    public var examples: [String] = []

    public struct VersionNote: Sendable, Equatable {
        public var version: String
        public var sha256: String
        public var interviews: Int
        public var unmapped: [String]
        public var absent: [String]
    }

    public struct LeftOutCase: Sendable, Equatable {
        public var caseID: String
        public var reason: String
    }

    public init() {}

    mutating func example(_ text: String) {
        if examples.count < 10 { examples.append(text) }
    }

    /// One line per thing the analyst should know, empty when the export was clean.
    public var warnings: [String] {
        var out: [String] = []
        if corruptRecords > 0 {
            out.append("skipped \(corruptRecords) damaged journal record(s) in \(casesWithCorruption) case(s); run `fieldwork verify` for details (or --strict to refuse)")
        }
        if casesWithSkippedRecords > 0 {
            out.append("exported \(casesWithSkippedRecords) case(s) whose journal lost records that the rest of the history does not need; the column skipped_records counts them")
        }
        if !leftOut.isEmpty {
            out.append("left out \(leftOut.count) case(s) whose history cannot be rebuilt from the journal: "
                + leftOut.map(\.caseID).joined(separator: ", "))
            for left in leftOut { out.append("  left out \(left.caseID): \(left.reason)") }
        }
        if replayProblems > 0 {
            out.append("skipped \(replayProblems) event(s) that did not replay in \(casesWithReplayProblems) case(s)")
        }
        if casesWithUnreadableQuestionnaire > 0 {
            out.append("left out \(casesWithUnreadableQuestionnaire) case(s) whose pinned questionnaire could not be loaded")
        }
        for note in versions {
            var line = "\(note.interviews) interview(s) used questionnaire version \(note.version) (\(note.sha256.prefix(12)))"
            if !note.unmapped.isEmpty {
                line += "; not exported, no matching variable in the current plan: " + note.unmapped.prefix(15).joined(separator: ", ")
                if note.unmapped.count > 15 { line += " … (\(note.unmapped.count) in all)" }
            }
            if !note.absent.isEmpty {
                line += "; system-missing, not in that version: " + note.absent.prefix(15).joined(separator: ", ")
                if note.absent.count > 15 { line += " … (\(note.absent.count) in all)" }
            }
            out.append(line)
        }
        if undeclaredMissing > 0 {
            out.append("\(undeclaredMissing) don't know/refused answer(s) written as system-missing: the current questionnaire no longer allows them there")
        }
        if partialsLeftOut > 0 {
            out.append("left out \(partialsLeftOut) interview(s) that were not completed (pass --include-partials to export them)")
        }
        return out + examples.map { "  e.g. \($0)" }
    }
}
