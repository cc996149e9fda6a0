/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the same checksum as zlib's `crc32` and
/// Python's `zlib.crc32`, so a journal line can be checked by any tool.
///
/// Written by hand rather than imported: zlib is not linked into this package, and a checksum the
/// journal depends on should not hang on a library upgrade. Exports check every line of every
/// journal, so the contiguous-bytes path uses the "slicing-by-8" table method (eight bytes per
/// step through eight 256-entry tables), several times faster than the byte-at-a-time table loop,
/// which is kept as `bytewise` as the reference the fast path is tested against.
public enum CRC32 {
    private static let polynomial: UInt32 = 0xEDB8_8320

    /// `tables[k * 256 + n]`: the CRC of byte `n` followed by `k` zero bytes. Table 0 is the
    /// classic byte-at-a-time table.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 {
                value = (value & 1) != 0 ? (polynomial ^ (value >> 1)) : (value >> 1)
            }
            tables[index] = value
        }
        for slice in 1..<8 {
            for index in 0..<256 {
                let previous = tables[(slice - 1) * 256 + index]
                tables[slice * 256 + index] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// The checksum of `bytes`.
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        if let sum = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0)) }) {
            return sum
        }
        return bytewise(bytes)
    }

    /// The checksum of raw bytes, eight at a time.
    public static func checksum(_ buffer: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        let count = buffer.count
        var offset = 0
        tables.withUnsafeBufferPointer { t in
            while count - offset >= 8 {
                let low = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) ^ crc
                let high = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
                crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                offset += 8
            }
            while offset < count {
                crc = t[Int((crc ^ UInt32(buffer[offset])) & 0xFF)] ^ (crc >> 8)
                offset += 1
            }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// The reference form: one table lookup per byte. Used for sequences without contiguous storage
    /// and by tests to check the fast path.
    static func bytewise<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        tables.withUnsafeBufferPointer { table in
            for byte in bytes {
                crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
            }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// Eight lowercase hex digits, the form written into a journal line.
    public static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Whether eight lowercase hex digits spell `value`: compares a trailer without making a string.
    static func matches(hexDigits: UnsafeBufferPointer<UInt8>, _ value: UInt32) -> Bool {
        guard hexDigits.count == 8 else { return false }
        var shift: UInt32 = 28
        for byte in hexDigits {
            let nibble = (value >> shift) & 0xF
            let expected = nibble < 10 ? UInt8(48 + nibble) : UInt8(87 + nibble)
            if byte != expected { return false }
            shift &-= 4
        }
        return true
    }
}
