/// Adds SPSS multiple-response sets to a .sav dictionary that ReadStat wrote. ReadStat 1.1.8
/// reads multiple-response sets but has no call to write them, so this writes the record by hand:
/// the system file's extension record type 7, subtype 7 ("MRSETS"), placed just before the
/// dictionary-termination record (type 999), as SPSS places it. Its text is one line per set:
///
///     $name=D<length> <counted value> <length> <label> <short name> <short name>…\n
///
/// (`D`: a multiple dichotomy set whose categories are labelled by the variable labels). Variables
/// are named by their short (8-byte) names, which this reads from the dictionary's long-name
/// record (subtype 13), the way SPSS and PSPP look them up.
enum SAVDictionaryPatch {
    enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        var description: String {
            switch self {
            case let .unreadable(what): return "cannot add the multiple-response sets to the .sav dictionary: \(what)"
            }
        }
    }

    /// `dictionary` is the start of the file (header and dictionary; anything after the
    /// termination record is kept as it is). Returns the bytes with the record inserted.
    static func insert(_ sets: [MultipleResponseSet], into dictionary: [UInt8]) throws -> [UInt8] {
        guard !sets.isEmpty else { return dictionary }
        var reader = Reader(bytes: dictionary)
        reader.position = 176  // the file header record
        guard dictionary.count >= 176, dictionary[0..<4] == [0x24, 0x46, 0x4C, 0x32] else {  // "$FL2"
            throw Failure.unreadable("no SPSS file header")
        }
        var longToShort: [String: String] = [:]
        var termination: Int?
        while termination == nil {
            let start = reader.position
            let type = try reader.int32()
            switch type {
            case 2:
                try reader.skip(4)  // type (string width)
                let hasLabel = try reader.int32()
                let missingCount = try reader.int32()
                try reader.skip(8)  // print and write formats
                try reader.skip(8)  // short name (the long-name record maps long names to these)
                if hasLabel != 0 {
                    let length = try reader.int32()
                    try reader.skip((length + 3) / 4 * 4)
                }
                try reader.skip(abs(missingCount) * 8)
            case 3:
                let count = try reader.int32()
                for _ in 0..<count {
                    try reader.skip(8)
                    let length = Int(try reader.byte())
                    try reader.skip((length + 1 + 7) / 8 * 8 - 1)
                }
            case 4:
                let count = try reader.int32()
                try reader.skip(count * 4)
            case 6:
                let lines = try reader.int32()
                try reader.skip(lines * 80)
            case 7:
                let subtype = try reader.int32()
                let size = try reader.int32()
                let count = try reader.int32()
                if subtype == 13 {
                    let text = try reader.text(size * count)
                    for pair in text.split(separator: "\t") {
                        let parts = pair.split(separator: "=", maxSplits: 1)
                        if parts.count == 2 { longToShort[String(parts[1]).uppercased()] = String(parts[0]) }
                    }
                } else {
                    try reader.skip(size * count)
                }
            case 999:
                termination = start
            default:
                throw Failure.unreadable("unexpected record type \(type) at byte \(start)")
            }
        }
        var text: [UInt8] = [0x0A]
        for set in sets {
            let names = set.variables.map { (longToShort[$0.uppercased()] ?? $0).lowercased() }
            let counted = String(set.countedValue)
            let label = UTF8Cut.prefix(set.label, maxBytes: 255)
            let line = "$\(set.name)=D\(counted.utf8.count) \(counted) \(label.utf8.count) \(label) \(names.joined(separator: " "))\n"
            text += Array(line.utf8)
        }
        var record: [UInt8] = []
        for value in [Int32(7), 7, 1, Int32(text.count)] {
            withUnsafeBytes(of: value.littleEndian) { record += $0 }
        }
        record += text
        guard let at = termination else { return dictionary }
        return Array(dictionary[..<at]) + record + Array(dictionary[at...])
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func int32() throws -> Int {
            guard position + 4 <= bytes.count else { throw Failure.unreadable("the dictionary ends early") }
            let value = bytes[position..<(position + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            position += 4
            return Int(Int32(bitPattern: value))
        }

        mutating func byte() throws -> UInt8 {
            guard position < bytes.count else { throw Failure.unreadable("the dictionary ends early") }
            position += 1
            return bytes[position - 1]
        }

        mutating func skip(_ count: Int) throws {
            guard count >= 0, position + count <= bytes.count else { throw Failure.unreadable("the dictionary ends early") }
            position += count
        }

        mutating func text(_ count: Int) throws -> String {
            guard count >= 0, position + count <= bytes.count else { throw Failure.unreadable("the dictionary ends early") }
            defer { position += count }
            return String(decoding: bytes[position..<(position + count)], as: UTF8.self)
        }
    }
}
