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
    static let headerStart = Array(#"{"v":"#.utf8)
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

    /// What a single line (without its newline) turned out to be.
    enum Parsed {
        case record(seq: Int, caseID: String, at: Date, kind: String, data: Data)
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

    static func parse(_ line: ArraySlice<UInt8>, validatingData: Bool = true) -> Parsed {
        guard let crcText = trailerChecksum(line) else {
            return .incomplete(seqHint: fragmentSeq(line), looksLikeRecordStart: looksLikeRecordStart(line))
        }
        let body = line[line.startIndex..<(line.endIndex - trailerLength)]
        let computed = CRC32.hex(CRC32.checksum(body))
        guard computed == crcText else { return .checksumMismatch(stored: crcText, computed: computed) }
        return parseBody(body, validatingData: validatingData)
    }

    /// The eight hex digits of a well-formed trailer, or nil.
    private static func trailerChecksum(_ line: ArraySlice<UInt8>) -> String? {
        guard line.count >= trailerLength + recordStart.count else { return nil }
        let trailerStart = line.endIndex - trailerLength
        guard line[trailerStart..<(trailerStart + trailerPrefix.count)].elementsEqual(trailerPrefix) else { return nil }
        let hexDigits = line[(trailerStart + 8)..<(trailerStart + 16)]
        guard hexDigits.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return nil }
        guard line[trailerStart + 16] == UInt8(ascii: "\""), line[trailerStart + 17] == UInt8(ascii: "}") else { return nil }
        return String(decoding: hexDigits, as: UTF8.self)
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

    /// The sequence number of a fragment, when its digits are complete (followed by a comma).
    private static func fragmentSeq(_ line: ArraySlice<UInt8>) -> Int? {
        guard line.starts(with: recordStart) else { return nil }
        var cursor = Cursor(bytes: line, index: line.startIndex + recordStart.count)
        guard let seq = cursor.integer(), cursor.peek() == UInt8(ascii: ",") else { return nil }
        return seq
    }

    private static func parseBody(_ body: ArraySlice<UInt8>, validatingData: Bool) -> Parsed {
        var cursor = Cursor(bytes: body, index: body.startIndex)
        guard cursor.expect(headerStart), let version = cursor.integer() else {
            return .malformed("the line does not start with {\"v\":<version>")
        }
        guard version == JournalRecord.formatVersion else { return .unsupportedVersion(version) }
        guard cursor.expect(Array(#","seq":"#.utf8)), let seq = cursor.integer(), seq >= 1 else {
            return .malformed("missing or invalid \"seq\"")
        }
        guard cursor.expect(Array(#","case":""#.utf8)), let caseID = cursor.word() else {
            return .malformed("missing or invalid \"case\"")
        }
        guard cursor.expect(Array(#"","at":""#.utf8)), let atBytes = cursor.take(24),
              let at = JournalTimestamp.parse(bytes: atBytes) else {
            return .malformed("missing or invalid \"at\" timestamp")
        }
        guard cursor.expect(Array(#"","kind":""#.utf8)), let kind = cursor.word() else {
            return .malformed("missing or invalid \"kind\"")
        }
        guard cursor.expect(Array(#"","data":"#.utf8)) else { return .malformed("missing \"data\"") }
        let dataBytes = body[cursor.index..<body.endIndex]
        // The project's own strict reader: several times cheaper than JSONSerialization here.
        guard !dataBytes.isEmpty, !validatingData || (try? JSONReader.parse(Array(dataBytes), file: "")) != nil else {
            return .malformed("\"data\" is not valid JSON")
        }
        let data = Data(dataBytes)
        return .record(seq: seq, caseID: caseID, at: at, kind: kind, data: data)
    }

    /// A forward-only reader over the bytes of a line.
    private struct Cursor {
        let bytes: ArraySlice<UInt8>
        var index: Int

        func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

        mutating func expect(_ literal: [UInt8]) -> Bool {
            guard bytes.endIndex - index >= literal.count,
                  bytes[index..<(index + literal.count)].elementsEqual(literal) else { return false }
            index += literal.count
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
        mutating func word() -> String? {
            let start = index
            while let byte = peek(), CaseID.isAllowed(byte) { index += 1 }
            guard index > start, index - start <= 64, peek() == UInt8(ascii: "\"") else { return nil }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard bytes.endIndex - index >= count else { return nil }
            defer { index += count }
            return bytes[index..<(index + count)]
        }
    }
}
