import FieldworkBasics
import FieldworkEngine
import Foundation

/// The human-readable form of a simulation report; questionnaire text (id, version, names) is
/// made safe for the terminal.
enum SimulationReportText {
    /// Questions reached by fewer than this share of interviews are listed as rarely reached.
    static let rareReach = 0.05
    /// How many of the longest questions are listed.
    static let longestShown = 10

    static func print(_ r: SimulationReport) {
        let ended = r.endedByOutcome.values.reduce(0, +)
        TerminalText.print("\(r.questionnaire) \(r.version): \(r.interviews) simulated interviews (seed \(r.seed)), \(r.completed) completed, \(ended) ended by the questionnaire, \(r.failed) did not complete")
        if ended > 0 {
            let parts = r.endedByOutcome.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }
            TerminalText.print("  ended by the questionnaire: \(parts.joined(separator: ", "))")
        }
        for p in r.problems { TerminalText.print("  problem: \(p)") }
        let c = r.coverage
        TerminalText.print("coverage: questions \(c.questionsReached)/\(c.questionsTotal), options \(c.optionsChosen)/\(c.optionsTotal), checks fired \(c.checksFired)/\(c.checksTotal)")
        if !c.neverReached.isEmpty { TerminalText.print("  never reached: \(c.neverReached.joined(separator: ", "))") }
        if !c.neverChosen.isEmpty { TerminalText.print("  options never chosen: \(c.neverChosen.joined(separator: ", "))") }
        if !c.neverFired.isEmpty { TerminalText.print("  checks never fired: \(c.neverFired.joined(separator: ", "))") }
        printCompleted(r)
        printEnded(r)
        printSections(r)
        printQuestions(r)
    }

    private static func f(_ x: Double) -> String { DecimalText.fixed(x, places: 1) }

    private static func percent(_ share: Double) -> String { DecimalText.percent(share * 100) }

    private static func printCompleted(_ r: SimulationReport) {
        let p = r.pathLength
        TerminalText.print("completed interviews:")
        TerminalText.print("path length (questions): min \(Int(p.min)), median \(f(p.median)), p90 \(f(p.p90)), max \(Int(p.max)), mean \(f(p.mean))")
        for b in r.pathLengthHistogram {
            let bar = String(repeating: "#", count: max(0, Int((Double(b.count) / Double(max(1, r.completed))) * 50)))
            TerminalText.print("  \(b.from)–\(b.to)\t\(b.count)\t\(bar)")
        }
        let d = r.durationMinutes
        TerminalText.print("estimated duration (minutes): median \(f(d.median)), p90 \(f(d.p90)), max \(f(d.max)), mean \(f(d.mean)); over the \(f(r.targetMinutes))-minute target: \(percent(r.shareOverTarget))")
        TerminalText.print("  model: \(Int(r.durationModel.wordsPerMinute)) words/minute read aloud, answer times by type, \(f(r.durationModel.overheadSeconds)) s per question (docs/simulation.md)")
    }

    /// One line per group with interviews: how long a screen-out, a refusal or a call-back call takes.
    private static func printEnded(_ r: SimulationReport) {
        let groups = EndingGroup.allCases.compactMap { g in r.endedByGroup[g.rawValue].map { (g, $0) } }.filter { $0.1.interviews > 0 }
        guard !groups.isEmpty else { return }
        TerminalText.print("interviews ended by the questionnaire (path in questions; minutes):")
        for (group, e) in groups {
            let p = e.pathLength, d = e.durationMinutes
            let outcomes = e.byOutcome.keys.sorted().joined(separator: ", ")
            TerminalText.print("  \(group.rawValue) \(e.interviews) (\(outcomes)): path median \(f(p.median)), p90 \(f(p.p90)), max \(Int(p.max)); minutes median \(f(d.median)), p90 \(f(d.p90)), max \(f(d.max)), mean \(f(d.mean))")
        }
    }

    private static func printSections(_ r: SimulationReport) {
        guard r.completed > 0, !r.sections.isEmpty else { return }
        TerminalText.print("time per section (completed interviews): mean minutes, share of completes reaching it, mean minutes when reached")
        for s in r.sections {
            TerminalText.print("  \(s.id)\t\(f(s.meanMinutes))\t\(percent(s.reachedShare))\t\(f(s.meanMinutesWhenReached))\t\(s.title)")
        }
    }

    private static func printQuestions(_ r: SimulationReport) {
        let rare = r.questions.filter { $0.reached > 0 && $0.reached < rareReach }
        if !rare.isEmpty {
            let list = rare.map { "\($0.id) \(percent($0.reached))" }.joined(separator: ", ")
            TerminalText.print("reached by fewer than \(percent(rareReach)) of interviews (never reached: see coverage): \(list)")
        }
        let longest = r.questions.filter { $0.askedPerComplete > 0 }.sorted { ($0.meanSeconds, $1.id) > ($1.meanSeconds, $0.id) }.prefix(longestShown)
        guard !longest.isEmpty else { return }
        TerminalText.print("longest questions (mean seconds when asked in a completed interview; times asked per complete):")
        for q in longest {
            TerminalText.print("  \(q.id)\t\(f(q.meanSeconds))\t\(DecimalText.fixed(q.askedPerComplete, places: 2))")
        }
    }
}
