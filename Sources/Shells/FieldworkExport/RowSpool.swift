import FieldworkExpressions
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows of a .sav or .dta export, produced once and kept in a temporary file while they are
/// measured, then read back to write the file. ReadStat must know every column's storage (string
/// widths, Stata byte/int/long) before the first row, and the widths are sized to the data: the
/// longest text, the smallest integer type holding every value. Producing the rows twice would
/// replay every interview twice; reading them back from this spool costs a plain file read.
///
/// The spool holds the cells in a compact binary form (a tag byte, then one byte for a small whole
/// number, 8 for any other number, a length and the UTF-8 bytes for text). It is created readable by its owner only and unlinked as
/// soon as it is open, so nothing is left behind, even after a crash, and no other user can read
/// personal data from it.
final class RowSpool: ExportRowSource {
    private let descriptor: Int32
    let rows: Int
    let columns: Int

    private init(descriptor: Int32, rows: Int, columns: Int) {
        self.descriptor = descriptor
        self.rows = rows
        self.columns = columns
    }

    deinit { close(descriptor) }

    /// Produces `source`'s rows once into a new spool, measuring them on the way.
    static func spool(_ source: some ExportRowSource, schema: ExportSchema,
                      directory: URL = FileManager.default.temporaryDirectory) throws -> (RowSpool, DataMeasurement) {
        let path = directory.appendingPathComponent(".fieldwork-export-\(UUID().uuidString).spool").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ExportError.io(operation: "creating the temporary row file", path: path, message: "cannot create the temporary row file: \(String(cString: strerror(errno)))")
        }
        unlink(path)
        let writer = FileSink(descriptor: descriptor, path: path)
        var measuring = DataMeasurement.Accumulator(schema: schema)
        var count = 0
        // A row is encoded into this buffer and handed to the file in one piece: cheaper than a
        // buffered write per cell.
        var encoded: [UInt8] = []
        encoded.reserveCapacity(1 << 16)
        do {
            try source.forEachRow { cells in
                count += 1
                guard cells.count == schema.variables.count else {
                    throw ExportError.rowShape(row: count, expected: schema.variables.count, got: cells.count)
                }
                measuring.add(cells)
                encoded.removeAll(keepingCapacity: true)
                for cell in cells { Self.encode(cell, into: &encoded) }
                encoded.withUnsafeBytes { _ = writer.append($0) }
            }
            try writer.flush()
        } catch {
            close(descriptor)
            throw error
        }
        return (RowSpool(descriptor: descriptor, rows: count, columns: schema.variables.count), measuring.result(rowCount: count))
    }

    func rowCount() throws -> Int { rows }

    func forEachRow(_ body: ([ExportCell]) throws -> Void) throws {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw ExportError.io(operation: "reading", path: "the temporary row file", message: String(cString: strerror(errno)))
        }
        var reader = SpoolReader(descriptor: descriptor)
        var row = [ExportCell](repeating: .systemMissing, count: columns)
        for _ in 0..<rows {
            for index in 0..<columns {
                row[index] = try reader.cell()
            }
            try body(row)
        }
    }

    private enum Tag: UInt8 {
        case systemMissing = 0, number, text, date, dateTime, missing
        /// A whole number from −128 to 127 (codes, 0/1 flags, counts): one byte instead of eight.
        case smallNumber
    }

    private static func encode(_ cell: ExportCell, into bytes: inout [UInt8]) {
        func append<T>(_ value: T) {
            withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
        }
        switch cell {
        case .systemMissing:
            bytes.append(Tag.systemMissing.rawValue)
        case let .number(value):
            if let small = Int8(exactly: value), small != 0 || value.sign == .plus {
                // Int8(exactly:) takes -0.0 as 0; that one keeps its 8 bytes so it reads back as written.
                bytes.append(Tag.smallNumber.rawValue)
                bytes.append(UInt8(bitPattern: small))
            } else {
                bytes.append(Tag.number.rawValue)
                append(value.bitPattern)
            }
        case let .missing(code):
            bytes.append(Tag.missing.rawValue)
            append(code.bitPattern)
        case let .date(day):
            bytes.append(Tag.date.rawValue)
            append(Int64(day))
        case let .dateTime(seconds):
            bytes.append(Tag.dateTime.rawValue)
            append(Int64(seconds))
        case let .text(text):
            bytes.append(Tag.text.rawValue)
            var text = text
            text.withUTF8 { utf8 in
                append(UInt32(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }
    }

    /// Reads cells back in 1 MiB chunks.
    private struct SpoolReader {
        let descriptor: Int32
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var start = 0
        var end = 0

        init(descriptor: Int32) { self.descriptor = descriptor }

        mutating func need(_ count: Int) throws {
            if end - start >= count { return }
            if start > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    memmove(base, base + start, end - start)
                }
                end -= start
                start = 0
            }
            if buffer.count < count { buffer += [UInt8](repeating: 0, count: count - buffer.count) }
            while end - start < count {
                let got = buffer.withUnsafeMutableBytes { raw in
                    read(descriptor, raw.baseAddress! + end, raw.count - end)
                }
                guard got > 0 else {
                    throw ExportError.io(operation: "reading", path: "the temporary row file", message: got == 0 ? "ended early" : String(cString: strerror(errno)))
                }
                end += got
            }
        }

        mutating func load<T: FixedWidthInteger>(_: T.Type) throws -> T {
            try need(MemoryLayout<T>.size)
            let value = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: T.self) }
            start += MemoryLayout<T>.size
            return value
        }

        mutating func cell() throws -> ExportCell {
            let tag = try load(UInt8.self)
            switch Tag(rawValue: tag) {
            case .systemMissing: return .systemMissing
            case .number: return .number(Double(bitPattern: try load(UInt64.self)))
            case .smallNumber: return .number(Double(Int8(bitPattern: try load(UInt8.self))))
            case .missing: return .missing(code: Double(bitPattern: try load(UInt64.self)))
            case .date: return .date(dayNumber: Int(try load(Int64.self)))
            case .dateTime: return .dateTime(unixSeconds: Int(try load(Int64.self)))
            case .text:
                let length = Int(try load(UInt32.self))
                try need(length)
                let text = buffer.withUnsafeBufferPointer {
                    String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + length)]), as: UTF8.self)
                }
                start += length
                return .text(text)
            case nil:
                throw ExportError.io(operation: "reading", path: "the temporary row file", message: "unreadable cell tag \(tag)")
            }
        }
    }
}
