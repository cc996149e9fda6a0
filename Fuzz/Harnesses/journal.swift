import FieldworkEngine
import Foundation

// Compiled into one module with FieldworkJournal's sources (scripts/fuzz.sh), so it reaches the
// internal line parser and the codec's fast path.

/// libFuzzer entry: any bytes as a journal file and as one record's data.
///
/// - The reader accepts anything: records come out in strictly increasing sequence, and reading
///   without re-validating each record's data keeps every record validation keeps.
/// - The codec's fast path and its general path (JSONDecoder) agree: whatever the fast path reads,
///   the general path reads the same; what it declines, the general path decides.
@_cdecl("LLVMFuzzerTestOneInput")
public func journalFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    let validated = JournalReader.read(bytes: bytes, expectedCaseID: "G-001")
    let unvalidated = JournalReader.read(bytes: bytes, expectedCaseID: "G-001", validatingData: false)
    let seqs = validated.records.map(\.seq)
    if zip(seqs, seqs.dropFirst()).contains(where: { $0 >= $1 }) { fatalError("records out of order: \(seqs)") }
    if !Set(seqs).isSubset(of: Set(unvalidated.records.map(\.seq))) { fatalError("validation kept a record the fast read lost") }

    bytes.withUnsafeBufferPointer { buffer in
        agree(JournalCodec.FastPath.event(from: buffer), { try JournalCodec.general(InterviewEvent.self, from: buffer) }, "event")
        agree(JournalCodec.FastPath.sessionStart(from: buffer), { try JournalCodec.general(SessionStart.self, from: buffer) }, "session.start")
        agree(JournalCodec.FastPath.sessionEnd(from: buffer), { try JournalCodec.general(SessionEnd.self, from: buffer) }, "session.end")
        agree(JournalCodec.FastPath.callOutcome(from: buffer), { try JournalCodec.general(CaseHistory.CallOutcome.self, from: buffer) }, "call.outcome")
    }
    return 0
}

private func agree<Value: Equatable>(_ fast: Value?, _ general: () throws -> Value, _ what: String) {
    guard let fast else { return }
    guard let slow = try? general() else { fatalError("\(what): the fast path read \(fast), the general path failed") }
    if slow != fast { fatalError("\(what): fast path \(fast), general path \(slow)") }
}
