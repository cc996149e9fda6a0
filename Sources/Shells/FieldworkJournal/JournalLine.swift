import Foundation

/// The journal's line format for stores other than files (a PostgreSQL events table keeps the very
/// same bytes per row, so the two stores' journals compare byte for byte). `RecordLine` stays the
/// one definition of the layout; this is its public face.
public enum JournalLine {
    /// The full line of record `seq` of `caseID`, newline included, with the CRC-32 trailer, exactly
    /// as `CaseJournal` appends it. Throws for a kind outside `[A-Za-z0-9._-]{1,64}`, a case id a
    /// journal may not have, or a time outside years 0000–9999.
    public static func encode(seq: Int, caseID: String, at: Date, kind: String, json: [UInt8]) throws -> [UInt8] {
        guard RecordLine.isValidKind(kind) else { throw JournalError.invalidKind(kind) }
        if let reason = CaseID.validate(caseID) {
            throw JournalError.invalidCaseID(caseID, reason: reason)
        }
        let timestamp = JournalTimestamp.format(at)
        guard timestamp.utf8.count == 24, JournalTimestamp.parse(timestamp) != nil else {
            throw JournalError.encodingFailed(kind: kind, reason: "the time \(at) is outside years 0000–9999")
        }
        return RecordLine.encode(seq: seq, caseID: caseID, at: timestamp, kind: kind, data: json)
    }

    /// The eight hex digits of the checksum written in `line`'s trailer (nil when it has none).
    public static func storedChecksum(of line: [UInt8]) -> String? {
        var end = line.count
        if end > 0 && line[end - 1] == RecordLine.newline { end -= 1 }
        guard end >= RecordLine.trailerLength else { return nil }
        let trailer = Array(line[(end - RecordLine.trailerLength)..<end])
        guard trailer.starts(with: RecordLine.trailerPrefix) else { return nil }
        return String(decoding: trailer[8..<16], as: UTF8.self)
    }

    /// The checksum `line` should carry: CRC-32 of every byte before its trailer.
    public static func computedChecksum(of line: [UInt8]) -> String? {
        var end = line.count
        if end > 0 && line[end - 1] == RecordLine.newline { end -= 1 }
        guard end >= RecordLine.trailerLength else { return nil }
        return CRC32.hex(CRC32.checksum(line[0..<(end - RecordLine.trailerLength)]))
    }
}
