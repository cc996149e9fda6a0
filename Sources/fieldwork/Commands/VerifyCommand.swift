import FieldworkBasics
import ArgumentParser
import FieldworkCases
import FieldworkChecker
import FieldworkJournal
import FieldworkSurveyStores
import FieldworkReconciliation
import FieldworkScreen
import Foundation

/// `fieldwork verify`: checks every journal and pinned questionnaire in a survey directory.
/// Exit status 1 when anything is corrupt; a torn tail (the last, unacknowledged write of a
/// crashed session) is reported but allowed, since no acknowledged answer was lost.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every case journal for damage, and the case store against the journals.",
        discussion: """
            Reports per case the number of records and whether the interview is complete or in \
            progress, plus torn tails, checksum failures, sequence gaps and any other damage. \
            A torn tail or an interrupted write left by a crash is reported but does not fail \
            verification: nothing acknowledged was lost. Then it checks that the case store records \
            every interview the journals ended (completed, closed by an end item, stopped) and that \
            no case is complete in the store without its interview, and lists every disagreement by \
            case. --repair records the calls the journals prove; running it twice changes nothing. \
            Exits with status 1 when anything is corrupt or a disagreement remains.
            """
    )

    @Option(name: .long, help: "The survey directory (default: the current directory).", completion: .directory)
    var data: String = "."

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @Flag(name: .long, help: "Record in the case store the calls the journals prove are missing.")
    var repair = false

    func run() throws {
        var failed = false
        try CommandFailure.reporting {
            let stores = try SurveyStores.open(at: URL(fileURLWithPath: data))
            let report = try SurveyVerification.run(stores.directory, journals: stores.journals)
            let reconciliation = try reconcile(stores)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                Output.printJSON(try encoder.encode(VerifyOutput(report, reconciliation)))
            } else {
                print(Self.render(report), terminator: "")
                if let reconciliation { print(Self.render(reconciliation), terminator: "") }
            }
            if let unresolved = reconciliation?.unresolved, !unresolved.isEmpty {
                Output.error("verify failed: \(unresolved.count) disagreement\(unresolved.count == 1 ? "" : "s") between the journals and the case store\(repair ? "" : " (--repair records what the journals prove)")")
                failed = true
            }
            if !report.ok {
                let count = report.summary.corruptJournals
                var parts: [String] = []
                if count > 0 { parts.append("\(count) journal\(count == 1 ? " is" : "s are") damaged") }
                let damaged = report.summary.damagedQuestionnaires
                if damaged > 0 { parts.append("\(damaged) pinned questionnaire\(damaged == 1 ? " is" : "s are") damaged") }
                Output.error("verify failed: \(parts.joined(separator: ", ")); restore the damaged files from a backup before exporting")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// The case store checked against the journals, when the survey has a case store.
    func reconcile(_ stores: SurveyStores) throws -> ReconciliationReport? {
        guard let store = try stores.existingCaseStore() else { return nil }
        let instrument = PinnedInstrument(survey: stores.directory).value
        return try JournalStoreReconciliation.run(survey: stores.journals, store: store, instrument: instrument, repair: repair,
                                                  now: try CaseClock.now())
    }

    static func render(_ r: ReconciliationReport) -> String {
        var out = "Case store: \(r.casesInStore) case\(r.casesInStore == 1 ? "" : "s"); \(r.endingsRecorded) interview ending\(r.endingsRecorded == 1 ? "" : "s") in the journals recorded as calls"
        if r.disagreements.isEmpty { return out + "; journals and store agree\n" }
        let repaired = r.disagreements.filter(\.repaired).count
        out += "; \(r.disagreements.count) disagreement\(r.disagreements.count == 1 ? "" : "s")"
        out += r.repairing ? ", \(repaired) repaired\n" : "\n"
        for d in r.disagreements {
            out += "  \(TerminalSafe.text(d.caseID))  \(d.kind.rawValue)\n"
            out += "    journal: \(TerminalSafe.text(d.journal))\n    store:   \(TerminalSafe.text(d.store))\n"
            if d.repaired {
                out += "    REPAIRED: recorded \(d.repair ?? "") (\(d.reason))\n"
            } else if let repair = d.repair {
                out += "    --repair would record \(repair) (\(d.reason))\n"
            } else {
                out += "    not repairable: \(d.reason)\n"
            }
        }
        return out
    }

    /// How many of one journal's problems the text report lists before counting the rest.
    static let problemsShownPerJournal = 100

    static func render(_ report: SurveyVerification) -> String {
        var out = "Survey directory \(report.directory)\n"
        if let server = report.journalsOn { out += "Journals on \(server)\n" }
        let damagedQuestionnaires = report.questionnaires.filter { $0.problem != nil }
        let current = report.questionnaires.first { $0.current }
        out += "Questionnaires: \(report.questionnaires.count) pinned, "
        out += damagedQuestionnaires.isEmpty ? "all intact" : "\(damagedQuestionnaires.count) DAMAGED"
        if let current { out += " (current: \(current.id) version \(current.version))" }
        out += "\n"
        for questionnaire in damagedQuestionnaires {
            out += "  \(questionnaire.problem ?? "")\n"
        }
        let width = max(4, report.journals.map(\.caseID.count).max() ?? 0)
        for journal in report.journals {
            let name = journal.caseID.padding(toLength: width, withPad: " ", startingAt: 0)
            let records = String(journal.records)
            out += "\(name)  \(String(repeating: " ", count: max(0, 6 - records.count)))\(records) record\(journal.records == 1 ? " " : "s")  \(journal.status.rawValue)"
            if journal.corrupt { out += "  DAMAGED" }
            out += "\n"
            // A journal with hundreds of thousands of damaged lines lists its first problems and a
            // count of the rest; `--json` keeps them all.
            for problem in journal.problems.prefix(problemsShownPerJournal) {
                out += problem.line > 0 ? "    line \(problem.line): \(problem.message)\n" : "    \(problem.message)\n"
            }
            let omitted = journal.problems.count - problemsShownPerJournal
            if omitted > 0 {
                out += "    … and \(omitted) more problem\(omitted == 1 ? "" : "s") in this journal not shown (--json lists them all)\n"
            }
        }
        let summary = report.summary
        out += "\(summary.journals) journal\(summary.journals == 1 ? "" : "s"): \(summary.complete) complete, \(summary.ended) ended early, \(summary.inProgress) in progress, \(summary.empty) empty; \(summary.records) records"
        if summary.tornTails > 0 { out += "; \(summary.tornTails) torn tail\(summary.tornTails == 1 ? "" : "s") (unacknowledged writes, allowed)" }
        out += summary.corruptJournals > 0 ? "; \(summary.corruptJournals) DAMAGED\n" : "; no damage\n"
        return out
    }
}

/// `verify --json`: the journal check's fields, plus the reconciliation with the case store.
struct VerifyOutput: Encodable {
    let verification: SurveyVerification
    let reconciliation: ReconciliationReport?

    init(_ verification: SurveyVerification, _ reconciliation: ReconciliationReport?) {
        self.verification = verification
        self.reconciliation = reconciliation
    }

    func encode(to encoder: Encoder) throws {
        try verification.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(reconciliation, forKey: .reconciliation)
    }

    enum Key: String, CodingKey { case reconciliation }
}
