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

    /// UK-style phone numbers as sampled: digits, spaces and an optional leading `+`; 10–13 digits.
    public static func phoneProblem(_ value: String) -> String? {
        var digits = 0
        for (offset, scalar) in value.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9": digits += 1
            case " ": continue
            case "+" where offset == 0: continue
            default:
                return "phone number '\(value)' may only contain digits, spaces and a leading '+'"
            }
        }
        if digits < 10 || digits > 13 {
            return "phone number '\(value)' has \(digits) digits; expected 10 to 13"
        }
        return nil
    }

    public static func numberProblem(_ value: String) -> String? {
        Double(value) == nil ? "'\(value)' is not a number" : nil
    }
}
