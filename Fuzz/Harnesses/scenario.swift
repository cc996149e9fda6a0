import FieldworkChecker
import FieldworkDiagnostics
import FieldworkEngine
import Foundation

/// libFuzzer entry: any bytes as a scenario file, read and validated against a fixed questionnaire
/// (FIELDWORK_FUZZ_QUESTIONNAIRE, set by scripts/fuzz.sh) and, when valid, played against the engine.
private let runner: ScenarioRunner = {
    guard let path = ProcessInfo.processInfo.environment["FIELDWORK_FUZZ_QUESTIONNAIRE"],
          let data = FileManager.default.contents(atPath: path) else {
        fatalError("set FIELDWORK_FUZZ_QUESTIONNAIRE to a questionnaire that checks cleanly")
    }
    guard let instrument = Checker.check(bytes: [UInt8](data), file: path).0 else { fatalError("\(path) has errors") }
    return ScenarioRunner(instrument: instrument)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func scenarioFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (scenario, problems) = ScenarioParser.parse(text, file: "fuzz.txt")
    let diagnostics = problems + runner.validate(scenario)
    if diagnostics.hasErrors { return 0 }
    _ = runner.run(scenario)
    return 0
}
