/// Checks applied to individual sample values. Kept apart from the CSV reading so the interview
/// session can reuse them (e.g. when an interviewer corrects a phone number).
public enum SampleValidation {
    /// Case ids become file names (journals, exports), so only a conservative, portable set is allowed:
    /// `[A-Za-z0-9._-]`, 1–64 characters, not starting with `.` (no hidden files, no `..`).
    /// Returns nil when valid, else the reason.
    public static func caseIDProblem(_ id: String) -> String? {
        if id.isEmpty { return "case_id is empty; every row needs an id" }
        if id.unicodeScalars.count > 64 { return "case_id is longer than 64 characters" }
        if id.hasPrefix(".") { return "case_id '\(id)' starts with '.'; ids become file names, so use a letter or digit first" }
        let allowed = id.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": return true
            default: return false
            }
        }
        if !allowed { return "case_id '\(id)' may only contain letters, digits, '.', '_' and '-'" }
        return nil
    }

    /// The form two ids share when they name the same file on a case-insensitive file system. Valid
    /// ids are ASCII, so folding ASCII letters is enough (and matches SQLite's `NOCASE`).
    public static func caseIDKey(_ id: String) -> String {
        String(decoding: id.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// UK-style phone numbers as sampled: digits, spaces and an optional leading `+`; 10–13 digits.
    /// The reason never quotes the number: it is personal data, and problems reach terminals,
    /// logs and e-mails. It says where the trouble is (the character's position) instead.
    public static func phoneProblem(_ value: String) -> String? {
        var digits = 0
        for (offset, scalar) in value.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9": digits += 1
            case " ": continue
            case "+" where offset == 0: continue
            default:
                return "the phone number has something other than a digit, a space or a leading '+' at character \(offset + 1); "
                    + "it may only contain digits, spaces and a leading '+'"
            }
        }
        if digits < 10 || digits > 13 {
            return "the phone number has \(digits) digits; expected 10 to 13"
        }
        return nil
    }

    /// Plain decimal numbers only: an optional sign, digits with an optional decimal point, an optional
    /// exponent. Swift's `Double` parser also takes `nan`, `inf`/`infinity` and hex floats (`0x1p3`),
    /// which spreadsheets and statistics packages do not read back, so they are refused, as are
    /// numbers too large to hold (`1e400`).
    /// With `quoting` false (a field marked as an identifier) the reason does not quote the value.
    public static func numberProblem(_ value: String, quoting: Bool = true) -> String? {
        let shown = quoting ? "'\(value)'" : "the value"
        guard isDecimalNumeral(value) else {
            return "\(shown) is not a number; write digits with an optional sign, decimal point and exponent (e.g. 12, -3.5, 1e3)"
        }
        guard let number = Double(value), number.isFinite else {
            return "\(shown) is too large a number"
        }
        return nil
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
    static func isDecimalNumeral(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            var count = 0
            while let b = bytes.first, (0x30...0x39).contains(b) { bytes.removeFirst(); count += 1 }
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes.removeFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes.removeFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes.removeFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
