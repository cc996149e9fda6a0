/// Writes the printed questionnaire as one self-contained HTML page: styles inline, no script,
/// no font, image or link fetched from anywhere. It prints in black and white without losing
/// meaning: instructions are italic after "INTERVIEWER:", routing sits in a bordered box headed
/// "ROUTING", checks and ends carry their names in capitals, and each section starts a new page.
struct HTMLQuestionnaireRenderer {
    let document: QuestionnaireDocument

    static let style = """
    body{font-family:Georgia,"Times New Roman",serif;font-size:11pt;line-height:1.4;color:#000;background:#fff;max-width:50em;margin:2em auto;padding:0 1em}
    h1{font-size:20pt;margin:0 0 .3em}
    h2{font-size:15pt;border-bottom:2pt solid #000;padding-bottom:.2em;margin-top:1.5em}
    .summary{margin:.2em 0 1em}
    .key{border:1pt solid #000;padding:.4em 1em;font-size:10pt}
    .key ul{margin:.2em 0;padding-left:1.2em}
    .sans,.qhead,.routing,.loopstart,.loopend,.end .head,.rules,.check{font-family:Helvetica,Arial,sans-serif}
    .item{padding:.5em 0 .6em}
    .qhead{font-weight:bold;font-size:11pt}
    .qhead code,.export code,td code{font-family:"Courier New",monospace;font-weight:normal}
    .export{font-size:9pt;margin:.1em 0}
    .text{font-size:12pt;margin:.35em 0}
    .instruction{font-style:italic;margin:.35em 0}
    .instruction b{font-style:normal;letter-spacing:.04em}
    .routing{border:1.5pt solid #000;padding:.25em .6em;margin:.4em 0;font-size:10pt}
    .routing p{margin:.1em 0}
    .routing b{letter-spacing:.04em}
    table.codes{border-collapse:collapse;margin:.4em 0;font-size:10pt}
    table.codes th,table.codes td{border:.75pt solid #000;padding:2px 6px;text-align:left;vertical-align:top}
    table.codes td.n{text-align:right;font-family:"Courier New",monospace}
    .rules{font-size:9.5pt;margin:.3em 0;padding-left:1.2em}
    .check{font-size:9.5pt;margin:.3em 0;padding:.2em .5em}
    .check.hard{border-left:4pt solid #000}
    .check.soft{border-left:4pt double #000}
    .computed{font-size:10pt}
    .end{border:3pt double #000;padding:.4em .8em;margin:.6em 0}
    .end .head{font-weight:bold}
    .loopstart{border:2pt solid #000;padding:.3em .6em;margin-top:1em;font-weight:bold}
    .loopstart .routing{font-weight:normal}
    .loopend{border:2pt solid #000;padding:.2em .6em;margin-bottom:1em;font-weight:bold}
    .d1{margin-left:1.2em;padding-left:.8em;border-left:2pt solid #000}
    .d2{margin-left:2.4em;padding-left:.8em;border-left:2pt solid #000}
    .d3{margin-left:3.6em;padding-left:.8em;border-left:2pt solid #000}
    @page{margin:16mm}
    @media print{
    body{max-width:none;margin:0;padding:0;font-size:10.5pt}
    section.part{break-before:page;page-break-before:always}
    .item,.end,.loopstart,.loopend,table.codes tr{break-inside:avoid;page-break-inside:avoid}
    h2,.loopstart{break-after:avoid;page-break-after:avoid}
    }
    """

    func render() -> String {
        let d = document
        var out = "<!DOCTYPE html>\n<html lang=\"\(e(d.language))\"><head><meta charset=\"utf-8\">"
        out += "<title>\(e(d.title)) \u{2014} questionnaire \(e(d.id)) version \(e(d.version))</title>\n"
        out += "<style>\n\(Self.style)\n</style>\n</head><body>\n"
        out += "<header><h1>\(e(d.title))</h1>\n<p class=\"summary\">\(e(DocumentConventions.summary(d)))</p>\n"
        out += "<div class=\"key\"><b class=\"sans\">How to read this document</b><ul>\n"
        for line in DocumentConventions.key(d) { out += "<li>\(e(line))</li>\n" }
        out += "</ul></div></header>\n"
        for section in d.sections {
            out += "<section class=\"part\" id=\"section-\(e(section.id))\">\n"
            out += "<h2>Section \(section.position): \(e(section.title)) <code>(\(e(section.id)))</code></h2>\n"
            out += routing(section.routing)
            for entry in section.entries { out += render(entry) }
            out += "</section>\n"
        }
        return out + "</body></html>\n"
    }

    func render(_ entry: DocumentEntry) -> String {
        switch entry {
        case .question(let q): return question(q)
        case .loopStart(let loop):
            return "<div class=\"loopstart\(depth(loop.loopDepth))\">LOOP <code>\(e(loop.id))</code>: \(e(loop.repetition)):"
                + routing(loop.routing) + "</div>\n"
        case .loopEnd(let loop):
            return "<div class=\"loopend\(depth(loop.loopDepth))\">END OF LOOP <code>\(e(loop.id))</code></div>\n"
        case .computed(let c):
            var out = "<div class=\"item computed\(depth(c.loopDepth))\"><span class=\"sans\"><b>Computed</b> <code>\(e(c.id))</code></span>"
            if let label = c.label { out += " (\(e(label)))" }
            return out + ": \(e(c.definition))</div>\n"
        case .end(let end):
            var out = "<div class=\"item\(depth(end.loopDepth))\"><div class=\"end\" id=\"\(e(end.id))\">"
            out += "<div class=\"head\">\(e(end.sentence)) <code>(\(e(end.id)))</code></div>"
            if let words = end.closingWords { out += "<p class=\"text\">Closing words: \(e(words))</p>" }
            if let instruction = end.instruction { out += "<p class=\"instruction\"><b>INTERVIEWER:</b> \(e(instruction))</p>" }
            return out + "</div></div>\n"
        }
    }

    func question(_ q: DocumentQuestion) -> String {
        var out = "<div class=\"item question\(depth(q.loopDepth))\" id=\"\(e(q.id))\">\n"
        if let number = q.numberLabel {
            out += "<div class=\"qhead\">\(number) <code>\(e(q.id))</code> \u{2014} \(e(q.typeName))</div>\n"
        } else {
            out += "<div class=\"qhead\">Statement <code>\(e(q.id))</code></div>\n"
        }
        if !q.exportNames.isEmpty {
            out += "<div class=\"export sans\">Exported as: " + q.exportNames.map { "<code>\(e($0))</code>" }.joined(separator: ", ") + "</div>\n"
        }
        out += routing(q.routing)
        out += q.readAloud ? "<p class=\"text\">\(e(q.text))</p>\n"
                           : "<p class=\"text silent\"><strong>NOT READ ALOUD:</strong> <em>\(e(q.text))</em></p>\n"
        if let instruction = q.instruction { out += "<p class=\"instruction\"><b>INTERVIEWER:</b> \(e(instruction))</p>\n" }
        if !q.options.isEmpty {
            out += "<table class=\"codes\"><tr><th>Code</th><th>Label</th><th>Notes</th></tr>\n"
            for o in q.options {
                out += "<tr><td class=\"n\">\(o.code)</td><td>\(e(o.label))</td><td>\(e(o.notes.joined(separator: "; ")))</td></tr>\n"
            }
            out += "</table>\n"
        }
        if !q.gridRows.isEmpty {
            out += "<table class=\"codes\"><tr><th>Row</th><th>Read out</th><th>Exported as</th></tr>\n"
            for row in q.gridRows {
                out += "<tr><td><code>\(e(row.name))</code></td><td>\(e(row.text))</td><td><code>\(e(row.exportName))</code></td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "<ul class=\"rules\">"
        for rule in q.answerRules { out += "<li>Answer: \(e(rule))</li>" }
        if let missing = q.missingValues { out += "<li>\(e(missing))</li>" }
        out += "</ul>\n"
        for check in q.checks {
            let kind = check.severity == .hard ? "hard" : "soft"
            out += "<p class=\"check \(kind)\"><b>\(kind.uppercased()) CHECK</b> <code>\(e(check.id))</code>: \(e(check.sentence))</p>\n"
        }
        return out + "</div>\n"
    }

    func routing(_ lines: [String]) -> String {
        guard !lines.isEmpty else { return "" }
        return "<div class=\"routing\">" + lines.map { "<p><b>ROUTING</b> \(e($0))</p>" }.joined() + "</div>\n"
    }

    func depth(_ level: Int) -> String { level == 0 ? "" : " d\(min(level, 3))" }

    func e(_ text: String) -> String { CodebookRenderer.escape(text) }
}
