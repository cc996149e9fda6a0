import Foundation

/// Canonical JSON for sample fields: keys sorted, minimal escaping. Canonical so that "same fields"
/// on re-import is a plain string comparison, and hand-written because it runs once per imported row.
enum FieldsJSON {
    static func encode(_ fields: [String: String]) -> String {
        var out = "{"
        out.reserveCapacity(fields.count * 24)
        var first = true
        for key in fields.keys.sorted() {
            if !first { out.append(",") }
            first = false
            appendString(key, to: &out)
            out.append(":")
            appendString(fields[key] ?? "", to: &out)
        }
        out.append("}")
        return out
    }

    static func decode(_ text: String) -> [String: String] {
        guard let data = text.data(using: .utf8),
              let fields = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [:] }
        return fields
    }

    private static func appendString(_ value: String, to out: inout String) {
        out.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }

    /// A JSON path for `json_extract` naming one top-level key, quoted so any field name works.
    static func path(forField name: String) -> String {
        var quoted = ""
        appendString(name, to: &quoted)
        return "$." + quoted
    }
}
