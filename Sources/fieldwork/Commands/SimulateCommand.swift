import ArgumentParser
import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import Foundation

/// `fieldwork simulate Q`: random valid interviews to find dead routes and estimate length.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run random valid interviews: coverage, path lengths, estimated durations, time per section and reach per question.",
        discussion: """
        Answers are drawn from each question's domain, with don't know, refused and soft-check \
        confirmations at the rates given. The same --seed gives the same result. The duration model \
        is described in docs/simulation.md.
        """
    )

    @Argument(help: "The questionnaire (.json).")
    var questionnaire: String

    @Option(name: .long, help: "Number of interviews.")
    var count: Int = 1000

    @Option(name: .long, help: "Random seed; the same seed gives the same interviews.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Sample records from a CSV file, read as `cases import` reads it (header row with case_id; cycled through). Default: synthetic records.")
    var sample: String?

    @Option(name: .customLong("dk-rate"), help: "Share of answers given as don't know, where allowed.")
    var dontKnowRate: Double = 0.03

    @Option(name: .customLong("refused-rate"), help: "Share of answers refused, where allowed.")
    var refusedRate: Double = 0.01

    @Option(name: .customLong("extra-missing-rate"), help: "Share of answers given as one of the question's extra missing codes (allowMissing), where it allows any.")
    var extraMissingRate: Double = 0.02

    @Option(name: .customLong("confirm-rate"), help: "Share of soft-check warnings confirmed (the rest are re-answered).")
    var confirmRate: Double = 0.7

    @Option(name: .customLong("words-per-minute"), help: "Reading speed for the duration model.")
    var wordsPerMinute: Double = 150

    @Option(name: .customLong("seconds-per-question"), help: "Fixed overhead per question for the duration model.")
    var overheadSeconds: Double = 2

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @Flag(name: .customLong("require-full-coverage"), help: "Exit 1 when any question, option or check was never reached, chosen or fired.")
    var requireFullCoverage = false

    @Option(name: .long, help: "Also write the interviews as response data into this survey directory.")
    var write: String?

    @Option(name: .long, help: "Interviewer id recorded with --write.")
    var interviewer: String = "sim"

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        for (name, rate) in [("--dk-rate", dontKnowRate), ("--refused-rate", refusedRate), ("--extra-missing-rate", extraMissingRate), ("--confirm-rate", confirmRate)] where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1")
        }
        guard wordsPerMinute > 0 else { throw ValidationError("--words-per-minute must be more than 0") }
    }

    func run() throws {
        let instrument = QuestionnaireLoading.loadOrExit(questionnaire)
        var options = SimulationOptions()
        options.count = count
        options.seed = seed
        options.dontKnowRate = dontKnowRate
        options.refusedRate = refusedRate
        options.extraMissingRate = extraMissingRate
        options.softConfirmRate = confirmRate
        options.duration.wordsPerMinute = wordsPerMinute
        options.duration.overheadSeconds = overheadSeconds
        options.keepEvents = write != nil

        let records: [SampleRecord]?
        if let sample {
            let schema = try write.map { try SampleSchema.load(fromSurveyDirectory: URL(fileURLWithPath: $0, isDirectory: true)) } ?? .permissive
            records = try SimulationSample.read(sample, instrument: instrument, schema: schema)
        } else {
            records = nil
        }
        var writer: SimulationWriter?
        if let write {
            writer = try SimulationWriter(directory: write, questionnairePath: questionnaire, instrument: instrument, interviewer: interviewer, seed: seed)
        }
        var simulator = Simulator(instrument: instrument, options: options)
        let synthetic = SyntheticSample(instrument: instrument)
        var summary = SimulationSummary(instrument: instrument)
        for i in 0..<count {
            let record: SampleRecord
            if let records {
                record = records[i % records.count]
            } else {
                var rng = SeededRandom.forInterview(seed: seed ^ 0x5A5A_5A5A, index: i)
                record = synthetic.record(index: i, rng: &rng)
            }
            let result = simulator.simulate(index: i, sample: record)
            summary.add(result)
            try writer?.write(result)
        }
        try writer?.finish()
        if let writer { Output.error(TerminalText.safe("wrote \(writer.written) interviews to \(write ?? "")")) }
        let report = summary.report(instrument: instrument, options: options, coverage: simulator.coverage)
        if json {
            print(Output.json(report))
        } else {
            SimulationReportText.print(report)
        }
        if requireFullCoverage && !report.coverage.full { throw ExitCode(1) }
    }
}
