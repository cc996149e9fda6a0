import FieldworkBasics
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

    /// The value table: each value with its label, count and percentage of the valid answers
    /// (missing codes and not-asked rows have no percentage: they are not in the base).
    static func valueRows(_ entry: Codebook.Entry) -> [(value: String, label: String, count: String, percent: String)] {
        let tally = entry.tally
        var rows: [(String, String, String, String)] = []
        var labels: [String: String] = [:]
        for v in entry.variable.valueLabels { labels[DecimalText.shortest(v.code)] = v.label }
        func percent(_ count: Int) -> String {
            tally.valid > 0 ? DecimalText.shortest((Double(count) / Double(tally.valid) * 1000).rounded() / 10) + "%" : ""
        }
        var listed = Set<String>()
        for (value, count) in tally.ordered {
            rows.append((value, labels[value] ?? "", String(count), percent(count)))
            listed.insert(value)
        }
        if !tally.tooManyDistinct {
            for v in entry.variable.valueLabels where !listed.contains(DecimalText.shortest(v.code)) {
                rows.append((DecimalText.shortest(v.code), v.label, "0", percent(0)))
            }
        }
        for m in entry.variable.missing {
            rows.append((DecimalText.shortest(m.code), m.label + " (missing)", String(tally.missingCodes[m.code] ?? 0), ""))
        }
        rows.append(("(empty)", "not asked / system-missing", String(tally.systemMissing), ""))
        return rows
    }

    /// "Percent of the N valid answers": the base the percentages are taken over.
    static func baseLine(_ entry: Codebook.Entry) -> String {
        "percentages of the \(entry.tally.valid) valid answer(s); missing codes and not asked are outside the base"
    }

    /// The options offered only to some respondents, in words ("Head office (5): shown only if
    /// s_sitetype is Branch"); for a multiple-choice option column, a reminder that its 0 also
    /// stands for "not offered". Nil when every option is offered to everyone asked.
    static func optionRoutingLine(_ entry: Codebook.Entry) -> String? {
        guard !entry.optionRouting.isEmpty else { return nil }
        var line = entry.optionRouting.map(\.sentence).joined(separator: "; ")
        if case .answer(_, _, _?, _)? = entry.spec?.source {
            line += " (0 also where the option was not offered)"
        }
        return line
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
            out += "- **Label:** \(markdownCell(e.variable.label))\n"
            if let text = e.questionText { out += "- **Question:** \(markdownCell(text))\n" }
            if let instruction = e.instruction { out += "- **Interviewer:** \(markdownCell(instruction))\n" }
            out += "- **Type:** \(e.type)\n"
            if !e.variable.missing.isEmpty {
                out += "- **Missing codes:** " + e.variable.missing.map { "\(DecimalText.shortest($0.code)) = \($0.label)" }.joined(separator: ", ") + "\n"
            }
            if !e.askedWhen.isEmpty { out += "- **Asked:** \(markdownCell(e.askedWhen))\n" }
            if let routing = optionRoutingLine(e) { out += "- **Options offered only to some:** \(markdownCell(routing))\n" }
            if let summary = summaryLine(e) { out += "- **Values:** \(summary)\n" }
            out += "- **Base:** \(baseLine(e))\n"
            out += "\n| Value | Label | Count | Percent |\n|---:|---|---:|---:|\n"
            for r in valueRows(e) { out += "| \(markdownCell(r.value)) | \(markdownCell(r.label)) | \(r.count) | \(r.percent) |\n" }
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

    /// A navigable page for a thousand variables: a table of contents by section (each loop's
    /// variables in one group under its section), compact tables, and a print style that keeps each
    /// variable on one page where it fits.
    static func html(_ c: Codebook) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Codebook: \(escape(c.title))</title>
        <style>
        body{font-family:sans-serif;max-width:70em;margin:1em auto;font-size:14px}
        nav{columns:2;border:1px solid #ccc;padding:.5em 1em}nav ul{margin:.2em 0;padding-left:1.2em}
        nav details{break-inside:avoid}
        section.var{border-top:1px solid #ddd;padding:.3em 0;break-inside:avoid}
        section.var h3{margin:.3em 0;font-size:1.05em}
        dl{display:grid;grid-template-columns:max-content auto;gap:0 1em;margin:.2em 0}dt{font-weight:bold}dd{margin:0}
        table{border-collapse:collapse;margin:.2em 0}td,th{border:1px solid #ccc;padding:1px 6px}td.n{text-align:right}
        @media print{nav{columns:3;font-size:10px}body{font-size:10px;max-width:none}a{color:inherit;text-decoration:none}}
        </style>
        </head><body>
        <h1>Codebook: \(escape(c.title))</h1>
        <p>Questionnaire <code>\(escape(c.questionnaireID))</code> version \(escape(c.version)); \(c.interviews) interview(s).</p>

        """
        // Groups in order of first appearance; within a group, variables outside loops and each loop's block.
        var groups: [(name: String, blocks: [(loop: String?, entries: [Codebook.Entry])])] = []
        for e in c.entries {
            if groups.last?.name != e.group { groups.append((e.group, [])) }
            var blocks = groups[groups.count - 1].blocks
            if let last = blocks.last, last.loop == e.loopID {
                blocks[blocks.count - 1].entries.append(e)
            } else {
                blocks.append((e.loopID, [e]))
            }
            groups[groups.count - 1].blocks = blocks
        }
        func anchor(_ text: String) -> String { escape(text.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()) }
        out += "<nav><h2>Contents</h2>\n"
        for group in groups {
            out += "<details open><summary><a href=\"#g-\(anchor(group.name))\">\(escape(group.name))</a></summary><ul>\n"
            for block in group.blocks {
                if let loop = block.loop {
                    out += "<li><details><summary>loop <a href=\"#loop-\(anchor(loop))\">\(escape(loop))</a> (\(block.entries.count) variables)</summary><ul>"
                    for e in block.entries { out += "<li><a href=\"#\(escape(e.variable.name))\">\(escape(e.variable.name))</a></li>" }
                    out += "</ul></details></li>\n"
                } else {
                    for e in block.entries { out += "<li><a href=\"#\(escape(e.variable.name))\">\(escape(e.variable.name))</a></li>\n" }
                }
            }
            out += "</ul></details>\n"
        }
        out += "</nav>\n"
        var loopsSeen = Set<String>()
        for group in groups {
            out += "<h2 id=\"g-\(anchor(group.name))\">\(escape(group.name))</h2>\n"
            for block in group.blocks {
                if let loop = block.loop {
                    let id = loopsSeen.insert(loop).inserted ? " id=\"loop-\(anchor(loop))\"" : ""
                    out += "<div class=\"loop\"><h3\(id)>Loop \(escape(loop))</h3>\n"
                }
                for e in block.entries { out += htmlEntry(e) }
                if block.loop != nil { out += "</div>\n" }
            }
        }
        return out + "</body></html>\n"
    }

    static func htmlEntry(_ e: Codebook.Entry) -> String {
        var out = "<section class=\"var\" id=\"\(escape(e.variable.name))\"><h3>\(escape(e.variable.name))</h3>\n<dl>"
        out += "<dt>Label</dt><dd>\(escape(e.variable.label))</dd>"
        if let text = e.questionText { out += "<dt>Question</dt><dd>\(escape(text))</dd>" }
        if let instruction = e.instruction { out += "<dt>Interviewer</dt><dd>\(escape(instruction))</dd>" }
        out += "<dt>Type</dt><dd>\(escape(e.type))</dd>"
        if !e.variable.missing.isEmpty {
            out += "<dt>Missing codes</dt><dd>" + escape(e.variable.missing.map { "\(DecimalText.shortest($0.code)) = \($0.label)" }.joined(separator: ", ")) + "</dd>"
        }
        if !e.askedWhen.isEmpty { out += "<dt>Asked</dt><dd>\(escape(e.askedWhen))</dd>" }
        if let routing = optionRoutingLine(e) { out += "<dt>Options offered only to some</dt><dd>\(escape(routing))</dd>" }
        if let summary = summaryLine(e) { out += "<dt>Values</dt><dd>\(escape(summary))</dd>" }
        out += "<dt>Base</dt><dd>\(escape(baseLine(e)))</dd>"
        out += "</dl>\n<table><tr><th>Value</th><th>Label</th><th>Count</th><th>Percent</th></tr>\n"
        for r in valueRows(e) {
            out += "<tr><td class=\"n\">\(escape(r.value))</td><td>\(escape(r.label))</td><td class=\"n\">\(r.count)</td><td class=\"n\">\(r.percent)</td></tr>\n"
        }
        return out + "</table></section>\n"
    }
}
