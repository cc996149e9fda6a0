import FieldworkChecker
import FieldworkDiagnostics

/// libFuzzer entry: any bytes as a questionnaire file, through the JSON reader, the model and the
/// checker (`Checker.check(bytes:file:)`, what `fieldwork check` runs). Whatever the bytes, the
/// answer is an instrument or diagnostics; an instrument comes only without errors, and every
/// diagnostic's description can be formed.
@_cdecl("LLVMFuzzerTestOneInput")
public func questionnaireFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let (instrument, diagnostics) = Checker.check(bytes: bytes, file: "fuzz.json")
    if instrument != nil && diagnostics.hasErrors { fatalError("an instrument came with errors") }
    if instrument == nil && !diagnostics.hasErrors { fatalError("no instrument and no error to say why") }
    for diagnostic in diagnostics { _ = diagnostic.description }
    return 0
}
