import Foundation

// Compiled into one module with the sample-reading sources of FieldworkCases (scripts/fuzz.sh).

/// libFuzzer entry: any bytes as a sample CSV file, through `SampleImporter` (what `fieldwork
/// cases import` runs before it writes anything). The answer is a checked sample or problems;
/// every case it accepts has a non-empty id, and no id twice.
@_cdecl("LLVMFuzzerTestOneInput")
public func sampleFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let sample = try? SampleImporter().parse(csv: text, source: "fuzz.csv") else { return 0 }
    let ids = sample.cases.map(\.id)
    if ids.contains(where: \.isEmpty) { fatalError("a case without an id was accepted") }
    if Set(ids).count != ids.count { fatalError("a case id was accepted twice") }
    return 0
}
