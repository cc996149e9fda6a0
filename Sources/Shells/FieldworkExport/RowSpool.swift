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
        do {
            try source.forEachRow { cells in
                count += 1
                guard cells.count == schema.variables.count else {
                    throw ExportError.rowShape(row: count, expected: schema.variables.count, got: cells.count)
                }
                measuring.add(cells)
                for cell in cells { Self.encode(cell, into: writer) }
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

    private static func encode(_ cell: ExportCell, into sink: FileSink) {
        switch cell {
        case .systemMissing:
            sink.append(byte: Tag.systemMissing.rawValue)
        case let .number(value):
            if let small = Int8(exactly: value), small != 0 || value.sign == .plus {
                // Int8(exactly:) takes -0.0 as 0; that one keeps its 8 bytes so it reads back as written.
                sink.append(byte: Tag.smallNumber.rawValue)
                sink.append(byte: UInt8(bitPattern: small))
            } else {
                sink.append(byte: Tag.number.rawValue)
                withUnsafeBytes(of: value.bitPattern) { _ = sink.append($0) }
            }
        case let .missing(code):
            sink.append(byte: Tag.missing.rawValue)
            withUnsafeBytes(of: code.bitPattern) { _ = sink.append($0) }
        case let .date(day):
            sink.append(byte: Tag.date.rawValue)
            withUnsafeBytes(of: Int64(day)) { _ = sink.append($0) }
        case let .dateTime(seconds):
            sink.append(byte: Tag.dateTime.rawValue)
            withUnsafeBytes(of: Int64(seconds)) { _ = sink.append($0) }
        case let .text(text):
            sink.append(byte: Tag.text.rawValue)
            var text = text
            text.withUTF8 { bytes in
                withUnsafeBytes(of: UInt32(bytes.count)) { _ = sink.append($0) }
                _ = sink.append(UnsafeRawBufferPointer(bytes))
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
