import Foundation
import PositionedJSON

/// The byte layout of one journal line, shared by writer and reader:
///
///     {"v":1,"seq":12,"case":"C001","at":"2026-11-30T10:00:00.123Z","kind":"answer","data":{…},"crc":"1a2b3c4d"}\n
///
/// The header fields always come in this order, the case id and kind use only `[A-Za-z0-9._-]`
/// (no escaping), and the line always ends with the fixed 18-byte trailer `,"crc":"xxxxxxxx"}`
/// plus a newline. The CRC-32 covers every byte before the trailer, so a reader finds the
/// checksummed part without parsing anything: it is the line minus its last 18 bytes.
enum RecordLine {
    static let trailerLength = 18 // ,"crc":"xxxxxxxx"}
    static let trailerPrefix = Array(#","crc":""#.utf8)
    static let recordStart = Array(#"{"v":1,"seq":"#.utf8)
    static let newline = UInt8(ascii: "\n")

    /// The full line, newline included.
    static func encode(seq: Int, caseID: String, at: String, kind: String, data: [UInt8]) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(96 + data.count)
        line.append(contentsOf: #"{"v":\#(JournalRecord.formatVersion),"seq":\#(seq),"case":"\#(caseID)","at":"\#(at)","kind":"\#(kind)","data":"#.utf8)
        line.append(contentsOf: data)
        let crc = CRC32.checksum(line)
        line.append(contentsOf: trailerPrefix)
        line.append(contentsOf: CRC32.hex(crc).utf8)
        line.append(UInt8(ascii: "\""))
        line.append(UInt8(ascii: "}"))
        line.append(newline)
        return line
    }

    /// Is `kind` usable as a record kind (1–64 of `[A-Za-z0-9._-]`)?
    static func isValidKind(_ kind: String) -> Bool {
        let bytes = Array(kind.utf8)
        return !bytes.isEmpty && bytes.count <= 64 && bytes.allSatisfy(CaseID.isAllowed)
    }

    /// Where the fields of a checksummed record sit in the file's bytes, with the values that are
    /// cheap to keep (sequence, time). Readers materialise strings and `Data` only for the records
    /// they keep, and the counting pass of an export never does.
    struct Fields {
        var seq: Int
        /// Offsets of the case id (between its quotes) in the bytes the line was parsed from.
        var caseID: Range<Int>
        var at: Date
        var kind: Range<Int>
        /// Offsets of the raw JSON `data` value.
        var data: Range<Int>
    }

    /// What a single line (without its newline) turned out to be.
    enum Parsed {
        case record(Fields)
        /// Complete-looking line (has the trailer) whose checksum does not match.
        case checksumMismatch(stored: String, computed: String)
        /// Checksum matches but the record was written by another format version.
        case unsupportedVersion(Int)
        /// No valid trailer: a write that stopped part way, or garbage. `seqHint` is the sequence
        /// number if the fragment got that far; `looksLikeRecordStart` says whether the fragment is
        /// the beginning of a record (or the NUL fill a power cut can leave).
        case incomplete(seqHint: Int?, looksLikeRecordStart: Bool)
        /// Checksum matches yet the content is not a record we can read.
        case malformed(String)
    }

    /// Classifies the line at `line` (offsets into `bytes`, newline excluded). Works on raw buffer
    /// offsets: it runs once per line of every journal an export reads.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>, validatingData: Bool = true) -> Parsed {
        guard hasTrailer(bytes, line: line) else {
            let fragment = Array(UnsafeBufferPointer(rebasing: bytes[line]))[...]
            return .incomplete(seqHint: fragmentSeq(fragment), looksLikeRecordStart: looksLikeRecordStart(fragment))
        }
        let body = line.lowerBound..<(line.upperBound - trailerLength)
        let computed = CRC32.checksum(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[body])))
        let hexDigits = UnsafeBufferPointer(rebasing: bytes[(body.upperBound + 8)..<(body.upperBound + 16)])
        guard CRC32.matches(hexDigits: hexDigits, computed) else {
            return .checksumMismatch(stored: String(decoding: hexDigits, as: UTF8.self), computed: CRC32.hex(computed))
        }
        return parseBody(bytes, body: body, validatingData: validatingData)
    }

    /// Whether `line` ends in a well-formed trailer `,"crc":"xxxxxxxx"}` (lowercase hex).
    private static func hasTrailer(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> Bool {
        guard line.count >= trailerLength + recordStart.count else { return false }
        let trailerStart = line.upperBound - trailerLength
        for (offset, byte) in trailerPrefix.enumerated() where bytes[trailerStart + offset] != byte { return false }
        for index in (trailerStart + 8)..<(trailerStart + 16) {
            let digit = bytes[index]
            guard (digit >= 48 && digit <= 57) || (digit >= 97 && digit <= 102) else { return false }
        }
        return bytes[trailerStart + 16] == UInt8(ascii: "\"") && bytes[trailerStart + 17] == UInt8(ascii: "}")
    }

    /// Parses an array slice holding one line: for tests and callers without a buffer at hand.
    static func parse(_ line: ArraySlice<UInt8>, validatingData: Bool = true) -> Parsed {
        let bytes = Array(line)
        return bytes.withUnsafeBufferPointer { parse($0, line: 0..<$0.count, validatingData: validatingData) }
    }

    /// Could `line` be the first bytes of a record this code writes, cut short by a crash? Walks the
    /// header grammar, then the JSON structure of `data`, then the trailer, as far as the bytes go.
    /// A line that is a complete record with a damaged trailer does not qualify. Trailing NUL bytes
    /// are ignored: a power cut can leave a file extended with zeros where the data never landed.
    static func looksLikeRecordStart(_ line: ArraySlice<UInt8>) -> Bool {
        if line.isEmpty { return false }
        var end = line.endIndex
        while end > line.startIndex && line[end - 1] == 0 { end -= 1 }
        if end == line.startIndex { return true }
        var prefix = PrefixMatcher(bytes: line[line.startIndex..<end], index: line.startIndex)
        let steps: [(inout PrefixMatcher) -> PrefixMatcher.Step] = [
            { $0.literal(recordStart) }, { $0.digits() }, { $0.literal(Array(#","case":""#.utf8)) }, { $0.word() },
            { $0.literal(Array(#"","at":""#.utf8)) }, { $0.timestamp() }, { $0.literal(Array(#"","kind":""#.utf8)) },
            { $0.word() }, { $0.literal(Array(#"","data":"#.utf8)) }, { $0.jsonValue() }, { $0.trailerPrefix() },
        ]
        for step in steps {
            switch step(&prefix) {
            case .matched: continue
            case .ranOut: return true
            case .mismatch: return false
            }
        }
        return false
    }

    /// Matches a line against the record grammar, tolerating the line ending part way.
    struct PrefixMatcher {
        enum Step { case matched, ranOut, mismatch }
        let bytes: ArraySlice<UInt8>
        var index: Int

        var atEnd: Bool { index >= bytes.endIndex }

        mutating func literal(_ expected: [UInt8]) -> Step {
            for byte in expected {
                if atEnd { return .ranOut }
                if bytes[index] != byte { return .mismatch }
                index += 1
            }
            return .matched
        }

        mutating func digits() -> Step {
            let start = index
            while !atEnd, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            if atEnd { return .ranOut }
            return index > start ? .matched : .mismatch
        }

        mutating func word() -> Step {
            let start = index
            while !atEnd, CaseID.isAllowed(bytes[index]) { index += 1 }
            if atEnd { return .ranOut }
            return index > start ? .matched : .mismatch
        }

        mutating func timestamp() -> Step {
            let shape = Array("0000-00-00T00:00:00.000Z".utf8)
            for expected in shape {
                if atEnd { return .ranOut }
                let byte = bytes[index]
                let fits = expected == 48 ? (byte >= 48 && byte <= 57) : byte == expected
                if !fits { return .mismatch }
                index += 1
            }
            return .matched
        }

        /// One JSON value as JSONEncoder writes it (no whitespace), checked only for structure:
        /// strings, nesting, and where the value ends.
        mutating func jsonValue() -> Step {
            var depth = 0
            var inString = false
            var escaped = false
            var started = false
            while !atEnd {
                let byte = bytes[index]
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 { index += 1; return .matched }
                    }
                    index += 1
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth < 0 { return .mismatch }
                    if depth == 0 { index += 1; return .matched }
                case UInt8(ascii: ","):
                    if depth == 0 { return started ? .matched : .mismatch }
                case 0..<0x20:
                    return .mismatch
                default:
                    break
                }
                started = true
                index += 1
            }
            return .ranOut
        }

        /// A proper prefix of `,"crc":"xxxxxxxx"}`: a whole trailer would have made the line complete.
        mutating func trailerPrefix() -> Step {
            if atEnd { return .ranOut }
            let shape = Array(#","crc":"ffffffff""#.utf8)
            for (offset, expected) in shape.enumerated() {
                if atEnd { return .ranOut }
                let byte = bytes[index]
                let isHexPosition = offset >= 8 && offset < 16
                let fits = isHexPosition ? ((byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102)) : byte == expected
                if !fits { return .mismatch }
                index += 1
            }
            return atEnd ? .ranOut : .mismatch
        }
    }

    /// A line's sequence number and where its kind starts, read off the header without checking
    /// anything else (no checksum, no case id): for passes that pick the few lines worth checking
    /// in full with `parse`. Nil for lines that do not start like a record; `kindStart` is nil when
    /// the line is too short to hold a kind after a case id of `caseIDLength` bytes.
    static func peek(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>, caseIDLength: Int) -> (seq: Int, kindStart: Int?)? {
        let prefix: StaticString = #"{"v":1,"seq":"#
        guard line.count > prefix.utf8CodeUnitCount, let base = bytes.baseAddress,
              memcmp(base + line.lowerBound, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0 else { return nil }
        var index = line.lowerBound + prefix.utf8CodeUnitCount
        var seq = 0
        let digitsStart = index
        while index < line.upperBound, index - digitsStart < 18, bytes[index] >= 48, bytes[index] <= 57 {
            seq = seq * 10 + Int(bytes[index] - 48)
            index += 1
        }
        guard index > digitsStart else { return nil }
        // ,"case":"<id>","at":"<24 characters>","kind":"
        let kindStart = index + 9 + caseIDLength + 8 + 24 + 10
        guard kindStart < line.upperBound else { return (seq, nil) }
        return (seq, kindStart)
    }

    /// Whether the kind starting at `start` (from `peek`) is exactly `name`.
    static func kind(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, in line: Range<Int>, is name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard start + count < line.upperBound, let base = bytes.baseAddress,
              memcmp(base + start, name.utf8Start, count) == 0 else { return false }
        return bytes[start + count] == UInt8(ascii: "\"")
    }

    /// Whether `bytes` are one JSON value, by the project's own strict reader (several times
    /// cheaper than JSONSerialization): the check on every record's `data` when it is read with
    /// validation, and on pre-encoded data before it is appended.
    static func isValidJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && (try? JSONReader.parse(Array(bytes), file: "")) != nil
    }

    /// The sequence number of a fragment, when its digits are complete (followed by a comma).
    private static func fragmentSeq(_ line: ArraySlice<UInt8>) -> Int? {
        guard line.starts(with: recordStart) else { return nil }
        return line.withUnsafeBufferPointer { buffer in
            var cursor = Cursor(bytes: buffer, index: recordStart.count, end: buffer.count)
            guard let seq = cursor.integer(), cursor.peek() == UInt8(ascii: ",") else { return nil }
            return seq
        }
    }


    private static func parseBody(_ bytes: UnsafeBufferPointer<UInt8>, body: Range<Int>, validatingData: Bool) -> Parsed {
        var cursor = Cursor(bytes: bytes, index: body.lowerBound, end: body.upperBound)
        guard cursor.expect(#"{"v":"#), let version = cursor.integer() else {
            return .malformed("the line does not start with {\"v\":<version>")
        }
        guard version == JournalRecord.formatVersion else { return .unsupportedVersion(version) }
        guard cursor.expect(#","seq":"#), let seq = cursor.integer(), seq >= 1 else {
            return .malformed("missing or invalid \"seq\"")
        }
        guard cursor.expect(#","case":""#), let caseID = cursor.word() else {
            return .malformed("missing or invalid \"case\"")
        }
        guard cursor.expect(#"","at":""#), let atBytes = cursor.take(24),
              let at = JournalTimestamp.parse(UnsafeBufferPointer(rebasing: bytes[atBytes])) else {
            return .malformed("missing or invalid \"at\" timestamp")
        }
        guard cursor.expect(#"","kind":""#), let kind = cursor.word() else {
            return .malformed("missing or invalid \"kind\"")
        }
        guard cursor.expect(#"","data":"#) else { return .malformed("missing \"data\"") }
        let data = cursor.index..<body.upperBound
        guard !data.isEmpty, !validatingData || isValidJSON(UnsafeBufferPointer(rebasing: bytes[data])) else {
            return .malformed("\"data\" is not valid JSON")
        }
        return .record(Fields(seq: seq, caseID: caseID, at: at, kind: kind, data: data))
    }

    /// A forward-only reader over the bytes of a line, by offset into the file's buffer.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int
        let end: Int

        func peek() -> UInt8? { index < end ? bytes[index] : nil }

        /// Consumes `literal` if the bytes at the cursor are exactly it (a static string: no array
        /// to load or reference-count per call).
        mutating func expect(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard end - index >= count, let base = bytes.baseAddress,
                  memcmp(base + index, literal.utf8Start, count) == 0 else { return false }
            index += count
            return true
        }

        /// A non-negative decimal integer of at most 18 digits, without leading zeros.
        mutating func integer() -> Int? {
            let start = index
            var value = 0
            while let byte = peek(), byte >= 48 && byte <= 57, index - start < 18 {
                value = value * 10 + Int(byte - 48)
                index += 1
            }
            let length = index - start
            if length == 0 { return nil }
            if let byte = peek(), byte >= 48 && byte <= 57 { return nil }
            if length > 1 && bytes[start] == 48 { return nil }
            return value
        }

        /// A run of `[A-Za-z0-9._-]` bytes ending at a quote (which is not consumed).
        mutating func word() -> Range<Int>? {
            let start = index
            while let byte = peek(), CaseID.isAllowed(byte) { index += 1 }
            guard index > start, index - start <= 64, peek() == UInt8(ascii: "\"") else { return nil }
            return start..<index
        }

        mutating func take(_ count: Int) -> Range<Int>? {
            guard end - index >= count else { return nil }
            defer { index += count }
            return index..<(index + count)
        }
    }
}
