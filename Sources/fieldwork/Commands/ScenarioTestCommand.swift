import ArgumentParser
import FieldworkBasics
import FieldworkDiagnostics
import FieldworkEngine
import Foundation

/// `fieldwork test Q SCENARIO...`: replayable regression tests for a questionnaire.
struct ScenarioTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run scenario files against a questionnaire (docs/scenarios.md).",
        discussion: "A failing scenario prints the step, what was expected and what happened; the command then exits 1."
    )

    @Argument(help: "The questionnaire (.json).")
    var questionnaire: String

    @Argument(help: "Scenario files.")
    var scenarios: [String]

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("name at least one scenario file") }
    }

    func run() throws {
        let instrument = QuestionnaireLoading.loadOrExit(questionnaire)
        let runner = ScenarioRunner(instrument: instrument)
        var failed = 0
        for path in scenarios {
            // The size is checked before reading, so a huge file is never loaded.
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
               size > InputLimits.scenarioBytes {
                let tooLarge = Diagnostic.error(ScenarioParser.tooLongCode, at: .start(of: path),
                    "the file is \(InputLimits.grouped(size)) bytes; a scenario file may be at most \(InputLimits.describe(bytes: InputLimits.scenarioBytes)) (the limit); split it into several files and pass them all to fieldwork test")
                TerminalText.print(tooLarge.description)
                TerminalText.print("FAIL \(path): fix the scenario errors above")
                failed += 1
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                Output.error(TerminalText.safe("\(path):1:1: error: cannot read the scenario file"))
                failed += 1
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            let (scenario, parseDiagnostics) = ScenarioParser.parse(text, file: path)
            let diagnostics = parseDiagnostics + runner.validate(scenario)
            // Steps and messages quote the scenario's text: escape it where it meets the terminal.
            // A long list is cut to its first problems and a count of the rest.
            let bounded = BoundedDiagnostics(diagnostics)
            for d in bounded.shown { TerminalText.print(d.description) }
            if let summary = bounded.omittedSummary { TerminalText.print("\(path): \(summary)") }
            if diagnostics.hasErrors {
                TerminalText.print("FAIL \(path): fix the scenario errors above")
                failed += 1
                continue
            }
            if let failure = runner.run(scenario) {
                TerminalText.print("FAIL \(failure)")
                failed += 1
            } else {
                TerminalText.print("PASS \(path) (\(scenario.steps.count) steps)")
            }
        }
        print("\(scenarios.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
