import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import Foundation

// The benchmark runner: prints one JSON object per line (name, value, unit, and the figures it was
// compared with in the same run), so results can be read by machines and compared across runs.
//   fieldwork-bench [check|simulate|step|journal|cases|screen|resume|expressions|number-text|interview|all] [--quick] [--questionnaire PATH]
// Pass marks are in Benchmarks/thresholds.json (run from the package root).
//   fieldwork-bench postgres [--store postgresql://…]   (needs a server; not part of all: journal append, then leasing)
//   fieldwork-bench postgres-lease [--store postgresql://…] [--lease-commit asynchronous|synchronous]
//     (leasing only: 200 sessions, 100,000 cases; both lease commit modes unless one is given)
//   fieldwork-bench generate N   (prints a synthetic questionnaire with N questions)

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "generate" {
    let n = arguments.count > 1 ? Int(arguments[1]) ?? 1000 : 1000
    print(SyntheticQuestionnaire.json(questions: n), terminator: "")
    exit(0)
}
if arguments.first == "console-picker", arguments.count >= 4 {
    do { try ConsoleBenchmark.picker(directory: arguments[1], name: arguments[2], seconds: Double(arguments[3]) ?? 5) } catch {
        FileHandle.standardError.write(Data("picker: \(error)\n".utf8)); exit(1)
    }
    exit(0)
}
if arguments.first == "console-poller", arguments.count >= 4 {
    do { try ConsoleBenchmark.poller(directory: arguments[1], seconds: Double(arguments[2]) ?? 5, interval: Double(arguments[3]) ?? 1) } catch {
        FileHandle.standardError.write(Data("poller: \(error)\n".utf8)); exit(1)
    }
    exit(0)
}
let quick = arguments.contains("--quick")
var questionnairePath = "Questionnaires/bas.json"
if let i = arguments.firstIndex(of: "--questionnaire"), i + 1 < arguments.count { questionnairePath = arguments[i + 1] }
let selected = Set(arguments.enumerated().filter { index, argument in
    !argument.hasPrefix("--") && argument != questionnairePath && (index == 0 || !["--store", "--lease-commit"].contains(arguments[index - 1]))
}.map(\.element))
func wanted(_ name: String) -> Bool { selected.isEmpty || selected.contains("all") || selected.contains(name) }

if wanted("check") { CheckBenchmark.run(quick: quick) }
if wanted("simulate") || wanted("step") { EngineBenchmark.run(questionnaire: questionnairePath, quick: quick, simulate: wanted("simulate"), step: wanted("step")) }
if wanted("journal") { JournalBenchmarks.run(quick: quick) }
if wanted("cases") { CaseStoreBenchmarks.run(quick: quick) }
if wanted("screen") { ScreenBenchmarks.run(quick: quick) }
if selected.contains("postgres") {
    var storeURL = ProcessInfo.processInfo.environment["FIELDWORK_TEST_POSTGRES_URL"]
    if let i = arguments.firstIndex(of: "--store"), i + 1 < arguments.count { storeURL = arguments[i + 1] }
    PostgresJournalBenchmark.run(url: storeURL, quick: quick)
}
if selected.contains("postgres") || selected.contains("postgres-lease") {
    var storeURL = ProcessInfo.processInfo.environment["FIELDWORK_TEST_POSTGRES_URL"]
    if let i = arguments.firstIndex(of: "--store"), i + 1 < arguments.count { storeURL = arguments[i + 1] }
    var modes: [PostgresCaseStore.LeaseCommit] = [.asynchronous, .synchronous]
    if let i = arguments.firstIndex(of: "--lease-commit"), i + 1 < arguments.count {
        guard let mode = PostgresCaseStore.LeaseCommit(rawValue: arguments[i + 1]) else {
            FileHandle.standardError.write(Data("--lease-commit takes asynchronous or synchronous\n".utf8)); exit(1)
        }
        modes = [mode]
    }
    PostgresLeaseBenchmark.run(url: storeURL, quick: quick, modes: modes)
}
if selected.contains("console") { ConsoleBenchmark.run(quick: quick) }
if wanted("resume") { ResumeBenchmark.run(questionnaire: questionnairePath, quick: quick) }
if wanted("expressions") { ExpressionBenchmarks.run(quick: quick) }
if wanted("number-text") { NumberTextBenchmark.run(quick: quick) }
if wanted("interview") { InterviewBenchmarks.run(questionnaire: questionnairePath, quick: quick) }
