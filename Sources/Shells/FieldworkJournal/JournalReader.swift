import FieldworkBasics
import Foundation

/// Reads a case journal back, checking every line. Accepts any bytes at all: damaged lines are
/// reported as problems and skipped, so corrupt data is never returned as a record.
///
/// `scan(bytes:expectedCaseID:validatingData:visit:)` is the one scanner over journal bytes: every
/// reader (records, `CaseHistory`, `InterviewStanding`'s full pass) goes through it, and the line
/// layout itself is `RecordLine`'s. What a record's data means is `JournalCodec`'s.
public enum JournalReader {
    /// Reads the journal at `url`. A missing file is an empty journal; other I/O errors throw.
    /// When `expectedCaseID` is given, records of another case are reported and skipped.
    ///
    /// `validatingData: false` skips re-parsing each checksummed record's `data` as JSON, for readers
    /// that decode every record anyway (exports) and report what does not decode.
    public static func read(fileAt url: URL, expectedCaseID: String? = nil, validatingData: Bool = true) throws -> JournalReadResult {
        guard let bytes = try PosixFile.readAllIfPresent(url.path) else { return JournalReadResult() }
        return read(bytes: bytes, expectedCaseID: expectedCaseID, validatingData: validatingData)
    }

    /// Reads journal bytes already in memory.
    public static func read(data: Data, expectedCaseID: String? = nil) -> JournalReadResult {
        read(bytes: [UInt8](data), expectedCaseID: expectedCaseID)
    }

    /// Lines longer than `maximumLineBytes` (newline excluded) are reported as malformed and skipped
    /// without being parsed (`InputLimits.journalLineBytes`; the writer never writes one).
    public static func read(bytes: [UInt8], expectedCaseID: String? = nil, validatingData: Bool = true,
                            maximumLineBytes: Int = InputLimits.journalLineBytes) -> JournalReadResult {
        var records: [JournalRecord] = []
        var result = scan(bytes: bytes, expectedCaseID: expectedCaseID, validatingData: validatingData,
                          maximumLineBytes: maximumLineBytes) { record in
            records.append(record.materialized())
        }
        result.records = records
        return result
    }

    /// Reads the file at `url` like `read(fileAt:)` but hands each accepted record to `visit` as a
    /// view into the file's bytes instead of building `JournalRecord`s: for readers that decode
    /// records straight away (exports) or only look at their kinds (counting passes). The result
    /// has the same problems, sequence and newline facts as `read`, and no records.
    static func scan(fileAt url: URL, expectedCaseID: String?,
                     visit: (JournalRecordView) throws -> Void) throws -> JournalReadResult {
        guard let bytes = try PosixFile.readAllIfPresent(url.path) else { return JournalReadResult() }
        return try scan(bytes: bytes, expectedCaseID: expectedCaseID, validatingData: false, visit: visit)
    }

    /// The one reading procedure behind every reader: splits lines, checks each, applies the
    /// sequence rules and reports problems; accepted records go to `visit` in order.
    static func scan(bytes: [UInt8], expectedCaseID: String?, validatingData: Bool,
                     maximumLineBytes: Int = InputLimits.journalLineBytes,
                     visit: (JournalRecordView) throws -> Void) rethrows -> JournalReadResult {
        var result = JournalReadResult()
        let lines = splitLines(bytes)
        result.endsWithNewline = bytes.isEmpty || bytes.last == RecordLine.newline
        let expectedBytes = expectedCaseID.map { Array($0.utf8) }
        try bytes.withUnsafeBufferPointer { buffer in
            let parsed = lines.map { line in
                line.count > maximumLineBytes
                    ? RecordLine.Parsed.malformed("the line is \(InputLimits.grouped(line.count)) bytes, longer than \(InputLimits.describe(bytes: maximumLineBytes)), the limit for one journal line (fieldwork never writes one that long: the file was altered or damaged)")
                    : RecordLine.parse(buffer, line: line, validatingData: validatingData)
            }
            let runsAhead = FragmentRunsAhead(parsed)
            var expected = 1

            for (index, outcome) in parsed.enumerated() {
                let lineNumber = index + 1
                let isTornTail = index == lines.count - 1 && !result.endsWithNewline
                func report(_ kind: JournalProblem.Kind, _ message: String) {
                    result.problems.append(JournalProblem(kind: kind, line: lineNumber, message: message))
                }

                switch outcome {
                case let .record(fields):
                    let seq = fields.seq
                    if let expectedBytes, !buffer[fields.caseID].elementsEqual(expectedBytes) {
                        let caseID = String(decoding: UnsafeBufferPointer(rebasing: buffer[fields.caseID]), as: UTF8.self)
                        report(.wrongCase, "record \(seq) belongs to case \(caseID), not \(expectedCaseID ?? "")); skipped")
                        continue
                    }
                    if seq < expected {
                        report(.duplicateSequence, "record \(seq) repeats or goes back (expected \(expected)); skipped")
                        continue
                    }
                    if seq > expected {
                        let missing = seq - 1 == expected ? "record \(expected) is" : "records \(expected)–\(seq - 1) are"
                        report(.sequenceGap, "\(missing) missing before record \(seq)")
                    }
                    if isTornTail {
                        report(.tornTail, "the last record (\(seq)) has no newline: the write was cut just before its end; the record is intact and kept")
                    }
                    try visit(JournalRecordView(fields: fields, line: lineNumber, bytes: buffer))
                    expected = seq + 1
                    result.lastSequence = seq

                case .incomplete(_, let looksLikeRecordStart) where isTornTail && looksLikeRecordStart:
                    // Only the beginning of a record can be left by a write that was cut short; anything
                    // else at the end (a record with bytes after it, garbage) is damage, handled below.
                    report(.tornTail, "torn tail (unacknowledged write): the last line is incomplete and was ignored")

                case let .checksumMismatch(stored, computed):
                    report(.checksumMismatch, "checksum mismatch (stored \(stored), computed \(computed)): the line was altered; skipped")

                case let .unsupportedVersion(version):
                    report(.unsupportedVersion, "record written in journal format \(version); this fieldwork reads format \(JournalRecord.formatVersion); skipped")

                case let .malformed(reason):
                    report(.malformedLine, "not a valid record: \(reason); skipped")

                case let .incomplete(seqHint, looksLikeRecordStart):
                    if looksLikeRecordStart && runsAhead.isRepairedInterruption(at: index, seqHint: seqHint, expected: expected) {
                        report(.interruptedWrite, "interrupted write: an unacknowledged record was cut off here and the journal continued after it; ignored")
                    } else if isTornTail {
                        report(.malformedLine, "the last line is neither a record nor the start of one (garbage or damage); skipped")
                    } else if lines[index].isEmpty {
                        report(.malformedLine, "empty line")
                    } else {
                        report(.malformedLine, "not a journal record (no valid checksum trailer); skipped")
                    }
                }
            }
        }
        return result
    }

    /// Ranges of each line without its newline. A final fragment without newline is a line too.
    /// Uses `memchr`, which scans many bytes per step: every byte of every journal passes here.
    static func splitLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while start < buffer.count, let found = memchr(base + start, Int32(RecordLine.newline), buffer.count - start) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                lines.append(start..<index)
                start = index + 1
            }
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        return lines
    }
}
