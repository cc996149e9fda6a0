import Foundation

/// One accepted journal record seen in place: its header values plus its kind and `data` as bytes
/// of the journal file, valid only during the scan callback that receives it. Lets exports decode
/// millions of records without a `String` and a `Data` allocation for each.
struct JournalRecordView {
    let fields: RecordLine.Fields
    /// 1-based line number in the file.
    let line: Int
    /// The whole file's bytes; `fields` holds offsets into them.
    let bytes: UnsafeBufferPointer<UInt8>

    var seq: Int { fields.seq }
    var at: Date { fields.at }
    var kind: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[fields.kind]) }
    var data: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[fields.data]) }

    /// Whether the record's kind is exactly `name`'s bytes.
    func kindIs(_ name: [UInt8]) -> Bool {
        fields.kind.count == name.count && bytes[fields.kind].elementsEqual(name)
    }

    var kindText: String { String(decoding: kind, as: UTF8.self) }

    /// The record as a standalone value that outlives the scan.
    func materialized() -> JournalRecord {
        JournalRecord(seq: fields.seq, caseID: String(decoding: UnsafeBufferPointer(rebasing: bytes[fields.caseID]), as: UTF8.self),
                      at: fields.at, kind: kindText, data: Data(data), line: line)
    }
}
