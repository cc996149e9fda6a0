import FieldworkBasics
import ArgumentParser
import FieldworkCases
import FieldworkScreen
import FieldworkWeighting
import FieldworkSurveyStores
import Foundation

/// `fieldwork weight`: rakes the completes to population margins and stores the weights with the survey.
struct WeightCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weight",
        abstract: "Rake the completes (final code 1.1) to population margins; store the weights with the survey's cases.",
        discussion: """
            The margins file is CSV with the header margin,cell,population; a margin names the sample fields it is \
            over joined by ' x ' (size_band x sector), a cell their values joined by | (1-9|G). Base weights are 1/p \
            from --base FIELD, else 1. --cap R trims weights above R × the mean weight and rakes again. Weights are \
            stored only when raking converged, in the survey's case store (cases.sqlite or PostgreSQL); exports then carry a `weight` column. See docs/weighting.md.
            """
    )

    @OptionGroup var survey: SurveyDirectoryOptions

    @Option(name: .long, help: "The population margins (CSV: margin,cell,population).")
    var margins: String

    @Option(name: .long, help: "Trim weights above this multiple of the mean weight (more than 1, e.g. 5), then rake again.")
    var cap: Double?

    @Option(name: .long, help: "Converged when no weight changes by more than this share in a sweep.")
    var tolerance: Double = RakingSettings.defaultTolerance

    @Option(name: .customLong("max-iterations"), help: "Sweeps over the margins allowed per raking.")
    var maxIterations: Int = RakingSettings.defaultMaxIterations

    @Option(name: .long, help: "Sample field with each case's selection probability p; the base weight is 1/p (default: 1).")
    var base: String?

    @Option(name: .customLong("answer"), help: "A margin field taken from the interview, as FIELD=QUESTION (a single choice; its option names are the cells), e.g. age_band=o_age. Repeatable.")
    var answers: [String] = []

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    var settings: RakingSettings { RakingSettings(tolerance: tolerance, maxIterations: maxIterations, cap: cap) }

    func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
        for entry in answers where entry.split(separator: "=").count != 2 {
            throw ValidationError("--answer \(entry): write it as FIELD=QUESTION, e.g. --answer age_band=o_age")
        }
    }

    /// Margin field → question id, from --answer.
    var answerMapping: [String: String] {
        Dictionary(answers.map { entry in
            let parts = entry.split(separator: "=").map(String.init)
            return (parts[0], parts[1])
        }, uniquingKeysWith: { _, last in last })
    }

    func run() throws {
        let label = TerminalSafe.text(margins)
        // The survey's own case store, wherever store.json puts it (cases.sqlite or PostgreSQL).
        let store: any SurveyCaseStore
        do {
            let stores = try SurveyStores.open(at: survey.directory)
            guard let existing = try stores.existingCaseStore() else {
                fail("\(TerminalSafe.text(survey.data)) has no case store (\(SQLiteCaseStore.fileName)); import the sample with `fieldwork cases import` first")
            }
            store = existing
        } catch let error as CaseStoreError {
            fail("case store: \(error)")
        } catch {
            fail(TerminalSafe.text(String(describing: error)))
        }
        let file: MarginsFile
        do {
            file = try MarginsFile.read(contentsOf: URL(fileURLWithPath: margins), source: label)
        } catch {
            for line in error.messages { CasesOutput.standardError("fieldwork weight: \(TerminalSafe.text(line))") }
            throw ExitCode(1)
        }
        let completes: [CompletedCase]
        do {
            completes = try AnswerFields.add(to: try store.completedCases(), mapping: answerMapping, directory: survey.directory)
        } catch let error as CaseStoreError {
            fail("case store: \(error)")
        } catch let error as AnswerFields.Problem {
            fail(error.description)
        } catch {
            fail("reading the completes' answers: \(error)")
        }
        let result: RakingResult
        let input: RakingInput
        do {
            input = try WeightingInput.build(completes: completes, margins: file.margins, baseField: base)
            result = try Raking(settings: settings).rake(input)
        } catch let error as WeightingInputError {
            fail("\(label): \(error)")
        } catch let error as RakingError {
            switch error {
            case .noCompletes, .settings, .badBaseWeight, .inconsistentInput: fail(TerminalSafe.text(error.description))
            default: fail("\(label): \(TerminalSafe.text(error.description))")
            }
        }
        let now = Date()
        var runID: Int64?
        if result.report.converged {
            let run = WeightingRun(at: now, marginsFile: margins, margins: file.margins.map(\.name), baseField: base, cap: cap,
                                   tolerance: tolerance, maxIterations: maxIterations, iterations: result.report.iterations,
                                   converged: true, trimRounds: result.report.trimRounds, trimmedCases: result.report.trimmedCases,
                                   cases: input.caseIDs.count, designEffect: result.report.statistics.designEffect)
            let weights = Dictionary(uniqueKeysWithValues: zip(input.caseIDs, result.weights))
            do {
                runID = try store.storeWeights(weights, run: run)
            } catch let error as CaseStoreError {
                fail("case store: \(error)")
            }
        }
        let report = WeightingReport(result.report, completes: input.caseIDs.count, marginsFile: margins, base: base,
                                     settings: settings, at: now, runID: runID)
        if json {
            print(try CasesOutput.json(report))
        } else {
            for line in report.lines() { TerminalText.print(line) }
        }
        if !result.report.converged {
            CasesOutput.standardError("fieldwork weight: raking did not converge in \(maxIterations) iteration(s) "
                + "(largest relative change \(WeightingReport.format(result.report.largestRelativeChange))); weights not stored. "
                + "Raise --max-iterations, or check for margins that cannot all be met (cells with few completes; merge them)")
            throw ExitCode(1)
        }
        if result.report.capHeld == false {
            CasesOutput.standardError("fieldwork weight: warning: after \(result.report.trimRounds) trimming round(s) some weights are still above the cap; "
                + "a margin cell with few completes needs them large — raise --cap or merge small cells")
        }
    }

    private func fail(_ message: String) -> Never {
        CasesOutput.standardError("fieldwork weight: \(message)")
        Foundation.exit(1)
    }
}
