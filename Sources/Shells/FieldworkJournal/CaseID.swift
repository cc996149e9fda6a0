/// A validated case identifier.
///
/// A case id becomes part of a file name inside the survey directory, so it must never be able to
/// name a path outside it (`../x`, `a/b`), a hidden file (`.x`) or something a file system refuses
/// (NUL, very long names). Only `[A-Za-z0-9._-]`, 1–64 characters, not starting with `.`, is allowed.
public struct CaseID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The longest case id accepted.
    public static let maximumLength = 64

    public let rawValue: String

    /// Validates `rawValue`; throws `JournalError.invalidCaseID` with the reason when it is unusable.
    public init(_ rawValue: String) throws {
        if let reason = CaseID.validate(rawValue) {
            throw JournalError.invalidCaseID(rawValue, reason: reason)
        }
        self.rawValue = rawValue
    }

    /// Why `candidate` is not a usable case id, or `nil` when it is. Exposed so importers can report
    /// every bad row with the same wording instead of failing on the first.
    public static func validate(_ candidate: String) -> String? {
        let bytes = Array(candidate.utf8)
        if bytes.isEmpty { return "a case id must not be empty" }
        if bytes.count > maximumLength {
            return "a case id must be at most \(maximumLength) characters (this one has \(bytes.count))"
        }
        if bytes[0] == UInt8(ascii: ".") { return "a case id must not start with '.'" }
        for byte in bytes where !isAllowed(byte) {
            return "a case id may contain only letters A-Z a-z, digits 0-9, '.', '_' and '-' (found \(describe(byte)))"
        }
        return nil
    }

    static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte == 0 { return "a NUL byte" }
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0x20 { return "a space" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    public var description: String { rawValue }

    public static func < (lhs: CaseID, rhs: CaseID) -> Bool { lhs.rawValue < rhs.rawValue }
}
