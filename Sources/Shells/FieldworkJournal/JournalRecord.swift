import Foundation

/// One acknowledged journal entry, as read back from (or just written to) a case's journal.
///
/// `data` is the raw JSON of the record's `data` object, exactly as written: the journal does not
/// know what answers or events look like, the engine decodes them.
public struct JournalRecord: Sendable, Equatable {
    /// The record format version this code writes and reads.
    public static let formatVersion = 1

    /// Position in the case's journal: 1, 2, 3 … across every session that worked on the case.
    public let seq: Int
    public let caseID: String
    /// When the event happened, to the millisecond (UTC).
    public let at: Date
    /// What the event is, e.g. `answer` or `interview.complete`; the engine defines the kinds.
    public let kind: String
    /// Raw JSON bytes of the `data` value.
    public let data: Data
    /// 1-based line number in the journal file (0 for a record not read from a file).
    public let line: Int

    public init(seq: Int, caseID: String, at: Date, kind: String, data: Data, line: Int) {
        self.seq = seq
        self.caseID = caseID
        self.at = at
        self.kind = kind
        self.data = data
        self.line = line
    }

    /// Decodes `data` with a decoder that matches the journal's encoder (dates as journal timestamps).
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JournalCoding.makeDecoder().decode(type, from: data)
    }
}

/// The JSON coders used for record data, kept in one place so writer and reader agree.
public enum JournalCoding {
    /// Sorted keys make identical data produce identical bytes; dates use the journal timestamp form.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(JournalTimestamp.format(date))
        }
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = JournalTimestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected a timestamp like 2026-11-30T10:00:00.123Z, found \(text)")
            }
            return date
        }
        return decoder
    }
}
