import FieldworkBasics
import ArgumentParser
import CSV
import FieldworkCases
import FieldworkExport
import FieldworkScreen
import Foundation

/// `fieldwork cases calls`: the call history, one row per call, as CSV (standard output or --output),
/// filtered by date, interviewer and outcome.
struct CasesCallsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "Export the call history as CSV, one row per call (filter by --from/--to, --interviewer, --outcome).",
        discussion: """
            Columns: case_id, call_number, at_utc, at_local, interviewer, outcome, outcome_label, note, part_of_day,
            resulting_status, final_code, disposition_rule, replicate. Dates are days in the survey's time zone:
            --from 2026-12-01 --to 2026-12-01 keeps the calls of that one day. --interviewer and --outcome may be repeated.
            """
    )

    @Option(name: .long, help: "First day to keep, YYYY-MM-DD (survey time zone).")
    var from: String?

    @Option(name: .long, help: "Last day to keep, YYYY-MM-DD (survey time zone).")
    var to: String?

    @Option(name: .long, help: "Keep only this interviewer's calls (repeatable).")
    var interviewer: [String] = []

    @Option(name: .long, help: "Keep only calls with this outcome, e.g. no-answer (repeatable).")
    var outcome: [String] = []

    @Option(name: .long, help: "Write the CSV to this file (owner-only, 0600) instead of standard output.")
    var output: String?

    @OptionGroup var survey: SurveyDirectoryOptions

    static let header = ["case_id", "call_number", "at_utc", "at_local", "interviewer", "outcome", "outcome_label", "note",
                         "part_of_day", "resulting_status", "final_code", "disposition_rule", "replicate"]

    func run() throws {
        let store = try survey.openAdministration()
        let rules = store.rules
        var outcomes: Set<CallOutcome> = []
        for word in outcome {
            guard let parsed = CallOutcome(rawValue: word) else {
                throw ValidationError("--outcome '\(word)' is not a call outcome; use one of "
                    + CallOutcome.allCases.map(\.rawValue).joined(separator: ", "))
            }
            outcomes.insert(parsed)
        }
        let filter = CallHistoryFilter(from: try from.map { try Self.dayStart($0, "--from", rules) },
                                       to: try to.map { try Self.dayStart($0, "--to", rules).addingTimeInterval(1) }
                                           .map { rules.day(containing: $0).end },
                                       interviewers: Set(interviewer), outcomes: outcomes)
        let rows = try store.callHistory(filter)
        let stream = OutputStream.toMemory()
        stream.open()
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: Self.header)
        // Text typed by people (ids, names, notes) goes through the exports' spreadsheet-safe escaping.
        let safe = CSVTextEscaping.standard
        for r in rows {
            try writer.write(row: [
                safe.text(r.caseID), String(r.number), UTCTimestamp.text(secondsSince1970: r.at.timeIntervalSince1970), CasesOutput.local(r.at, rules), safe.text(r.interviewer),
                r.outcome, CallOutcome(rawValue: r.outcome)?.label ?? "", safe.text(r.note), r.partOfDay, r.resultingStatus,
                r.finalCode ?? "", safe.text(r.dispositionRule ?? ""), r.replicate.map(String.init) ?? "",
            ])
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        guard let output else {
            FileHandle.standardOutput.write(data)
            return
        }
        try Self.writeOwnerOnly(data, to: output)
        CasesOutput.standardError("Wrote \(rows.count) call(s) to \(TerminalSafe.text(output)).")
    }

    /// Writes `data` to a temporary file created 0600 beside `path`, then renames it into place: the
    /// call history holds interviewers' notes, so no one else may read it, even for a moment.
    static func writeOwnerOnly(_ data: Data, to path: String) throws {
        let temporary = path + ".partial-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CommandFailure("cannot write \(TerminalSafe.text(path)): \(String(cString: strerror(errno)))") }
        fchmod(fd, 0o600)
        let written = data.withUnsafeBytes { buffer in buffer.isEmpty ? 0 : write(fd, buffer.baseAddress, buffer.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CommandFailure("cannot write \(TerminalSafe.text(path)): \(String(cString: strerror(errno)))")
        }
    }

    /// The start of a `YYYY-MM-DD` day in the survey zone.
    static func dayStart(_ text: String, _ option: String, _ rules: SchedulingRules) throws -> Date {
        guard let midnight = LocalDateTime(text + "T00:00"), let instant = midnight.instant(in: rules.timeZone) else {
            throw ValidationError("\(option) '\(text)' is not a day; write YYYY-MM-DD, e.g. 2026-12-01")
        }
        return rules.day(containing: instant).start
    }
}
