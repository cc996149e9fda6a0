import Foundation

/// The rows a statement returned, copied out of libpq's result (in text form) so it can be freed
/// straight away. Values are read by column name; a missing column is a programming error reported
/// as nil.
public struct PostgresRows: Sendable {
    public let columns: [String]
    public let values: [[String?]]
    /// Rows changed by an INSERT, UPDATE or DELETE (0 for a SELECT).
    public let affectedRows: Int

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    public subscript(row: Int) -> PostgresRow { PostgresRow(columns: columns, values: values[row]) }

    public var rows: [PostgresRow] { values.map { PostgresRow(columns: columns, values: $0) } }
}

/// One returned row.
public struct PostgresRow: Sendable {
    let columns: [String]
    let values: [String?]

    public func text(_ column: String) -> String? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return values[index]
    }

    public func integer(_ column: String) -> Int? { text(column).flatMap { Int($0) } }

    public func boolean(_ column: String) -> Bool? { text(column).map { $0 == "t" } }

    /// A `bytea` value: the server's text form is `\x` followed by hex digits.
    public func bytes(_ column: String) -> [UInt8]? {
        guard let text = text(column) else { return nil }
        return PostgresRow.decodeHexBytea(text)
    }

    static func decodeHexBytea(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
