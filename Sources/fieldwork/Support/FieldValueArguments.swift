/// Repeatable `FIELD=VALUE` command-line arguments (`interview --sample`).
enum FieldValueArguments {
    /// Each entry split at its first `=` (the value may itself contain `=`); entries without one are
    /// skipped, and a later entry for the same field replaces an earlier one.
    static func parse(_ entries: [String]) -> [String: String] {
        var fields: [String: String] = [:]
        for entry in entries {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            fields[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        return fields
    }
}
