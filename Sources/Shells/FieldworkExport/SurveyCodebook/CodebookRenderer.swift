import FieldworkExpressions

/// Writes a codebook as Markdown or as a standalone HTML page (every piece of questionnaire text
/// escaped: labels are written by designers and may contain <, & or quotes).
public enum CodebookRenderer {
    public enum Format: String, Sendable, CaseIterable {
        /// DDI-Codebook 2.5 XML: written by `DDICodebookRenderer`, which needs the instrument.
        case md, html, ddi
    }

    /// Markdown or HTML (DDI goes through `DDICodebookRenderer.render`).
    public static func render(_ codebook: Codebook, format: Format) -> String {
        format == .html ? html(codebook) : markdown(codebook)
    }

    static func valueRows(_ entry: Codebook.Entry) -> [(value: String, label: String, count: String)] {
        let tally = entry.tally
        var rows: [(String, String, String)] = []
        var labels: [String: String] = [:]
        for v in entry.variable.valueLabels { labels[DecimalText.shortest(v.code)] = v.label }
        var listed = Set<String>()
        for (value, count) in tally.ordered {
            rows.append((value, labels[value] ?? "", String(count)))
            listed.insert(value)
        }
        if !tally.tooManyDistinct {
            for v in entry.variable.valueLabels where !listed.contains(DecimalText.shortest(v.code)) {
                rows.append((DecimalText.shortest(v.code), v.label, "0"))
            }
        }
        for m in entry.variable.missing {
            rows.append((DecimalText.shortest(m.code), m.label + " (missing)", String(tally.missingCodes[m.code] ?? 0)))
        }
        rows.append(("(empty)", "not asked / system-missing", String(tally.systemMissing)))
        return rows
    }

    static func summaryLine(_ entry: Codebook.Entry) -> String? {
        let t = entry.tally
        guard t.tooManyDistinct else { return nil }
        if let lo = t.minimum, let hi = t.maximum, t.valid > 0 {
            return "\(t.valid) valid values from \(DecimalText.shortest(lo)) to \(DecimalText.shortest(hi)), mean \(DecimalText.shortest((t.sum / Double(t.valid) * 100).rounded() / 100)); too many distinct values to list"
        }
        return "\(t.valid) non-empty values; too many distinct values to list"
    }

    static func markdownCell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func markdown(_ c: Codebook) -> String {
        var out = "# Codebook: \(markdownCell(c.title))\n\nQuestionnaire `\(c.questionnaireID)` version \(c.version); \(c.interviews) interview(s).\n"
        for e in c.entries {
            out += "\n## \(e.variable.name)\n\n"
            out += "- **Label:** \(markdownCell(e.variable.label))\n- **Type:** \(e.type)\n"
            if !e.variable.missing.isEmpty {
                out += "- **Missing codes:** " + e.variable.missing.map { "\(DecimalText.shortest($0.code)) = \($0.label)" }.joined(separator: ", ") + "\n"
            }
            if !e.askedWhen.isEmpty { out += "- **Asked:** \(markdownCell(e.askedWhen))\n" }
            if let summary = summaryLine(e) { out += "- **Values:** \(summary)\n" }
            out += "\n| Value | Label | Count |\n|---:|---|---:|\n"
            for r in valueRows(e) { out += "| \(markdownCell(r.value)) | \(markdownCell(r.label)) | \(r.count) |\n" }
        }
        return out
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func html(_ c: Codebook) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Codebook: \(escape(c.title))</title>
        <style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}td.n{text-align:right}</style>
        </head><body>
        <h1>Codebook: \(escape(c.title))</h1>
        <p>Questionnaire <code>\(escape(c.questionnaireID))</code> version \(escape(c.version)); \(c.interviews) interview(s).</p>

        """
        for e in c.entries {
            out += "<section id=\"\(escape(e.variable.name))\"><h2>\(escape(e.variable.name))</h2>\n<dl>"
            out += "<dt>Label</dt><dd>\(escape(e.variable.label))</dd><dt>Type</dt><dd>\(escape(e.type))</dd>"
            if !e.variable.missing.isEmpty {
                out += "<dt>Missing codes</dt><dd>" + escape(e.variable.missing.map { "\(DecimalText.shortest($0.code)) = \($0.label)" }.joined(separator: ", ")) + "</dd>"
            }
            if !e.askedWhen.isEmpty { out += "<dt>Asked</dt><dd>\(escape(e.askedWhen))</dd>" }
            if let summary = summaryLine(e) { out += "<dt>Values</dt><dd>\(escape(summary))</dd>" }
            out += "</dl>\n<table><tr><th>Value</th><th>Label</th><th>Count</th></tr>\n"
            for r in valueRows(e) {
                out += "<tr><td class=\"n\">\(escape(r.value))</td><td>\(escape(r.label))</td><td class=\"n\">\(r.count)</td></tr>\n"
            }
            out += "</table></section>\n"
        }
        return out + "</body></html>\n"
    }
}
