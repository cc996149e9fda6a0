import FieldworkBasics
import FieldworkExpressions
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered, append-only file descriptor writer: ReadStat and the CSV writer hand it many small
/// pieces, and one `write(2)` per 64 KiB keeps that cheap. Errors are remembered, not thrown from
/// inside C callbacks, and reported by `flush`.
final class FileSink {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    private(set) var failure: String?
    private(set) var bytesWritten = 0

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(capacity)
    }

    /// Appends bytes; false once the file system has refused a write.
    /// Bytes held back while `capturing` (the .sav dictionary, to add records ReadStat cannot write).
    private var captured: [UInt8]?

    /// Holds everything appended from now on until `endCapture`, instead of writing it.
    func beginCapture() {
        captured = []
    }

    /// The bytes held since `beginCapture`; appending writes again.
    func endCapture() -> [UInt8] {
        defer { captured = nil }
        return captured ?? []
    }

    @discardableResult
    func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if failure != nil { return false }
        if captured != nil {
            captured?.append(contentsOf: bytes)
            return true
        }
        if buffer.count + bytes.count > capacity {
            drain()
            if failure != nil { return false }
        }
        if bytes.count >= capacity {
            writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
        bytesWritten += bytes.count
        return failure == nil
    }

    func append(_ text: String) {
        var text = text
        _ = text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends one byte (a separator).
    func append(byte: UInt8) {
        withUnsafeBytes(of: byte) { _ = append($0) }
    }

    /// Appends `DecimalText.shortest(value)` without making a string for whole numbers: CSV exports
    /// write one number per cell, millions of them.
    /// Writes a number with at most `places` decimal places (`DecimalText`); whole numbers, the
    /// usual case, digit by digit without building a string.
    func append(number value: Double, places: Int) {
        guard value == value.rounded(), abs(value) < 9_007_199_254_740_992 else {
            append(DecimalText.text(value, places: places))
            return
        }
        var magnitude = Int64(value).magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(48 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            _ = append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(digits)[start...]))
        }
    }

    /// Writes out anything buffered and throws the first failure seen.
    func flush() throws {
        drain()
        if let failure {
            throw ExportError.io(operation: "writing", path: path, message: failure)
        }
    }

    private func drain() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            remaining -= written
            base += written
        }
    }
}
