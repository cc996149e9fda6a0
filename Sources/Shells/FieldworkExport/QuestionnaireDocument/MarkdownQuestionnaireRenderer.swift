/// Writes the printed questionnaire as Markdown: a heading per section and per question, routing
/// as quoted "ROUTING" lines, instructions in italics after "INTERVIEWER:", code frames as tables.
struct MarkdownQuestionnaireRenderer {
    let document: QuestionnaireDocument

    func render() -> String {
        var out = "# \(inline(document.title))\n\n\(inline(DocumentConventions.summary(document)))\n\n"
        out += "**How to read this document**\n\n"
        for line in DocumentConventions.key(document) { out += "- \(inline(line))\n" }
        for section in document.sections {
            out += "\n---\n\n## Section \(section.position): \(inline(section.title)) (`\(section.id)`)\n\n"
            for line in section.routing { out += "> **ROUTING:** \(inline(line))\n" }
            if !section.routing.isEmpty { out += "\n" }
            for entry in section.entries { out += render(entry) }
        }
        return out
    }

    func render(_ entry: DocumentEntry) -> String {
        switch entry {
        case .question(let q): return question(q)
        case .loopStart(let loop):
            var out = "### LOOP `\(loop.id)`: \(inline(loop.repetition)):\n\n"
            for line in loop.routing { out += "> **ROUTING:** \(inline(line))\n" }
            return out + (loop.routing.isEmpty ? "" : "\n")
        case .loopEnd(let loop):
            return "### END OF LOOP `\(loop.id)`\n\n"
        case .computed(let c):
            var out = "- **Computed `\(c.id)`**"
            if let label = c.label { out += " (\(inline(label)))" }
            return out + ": \(inline(c.definition))\n\n"
        case .end(let e):
            var out = "> **\(inline(e.sentence))** (`\(e.id)`)\n"
            if let words = e.closingWords { out += ">\n> Closing words: \(inline(words))\n" }
            if let instruction = e.instruction { out += ">\n> *INTERVIEWER: \(inline(instruction))*\n" }
            return out + "\n"
        }
    }

    func question(_ q: DocumentQuestion) -> String {
        let heading = q.numberLabel.map { "\($0) `\(q.id)`: \(q.typeName)" } ?? "Statement `\(q.id)`"
        var out = "#### \(heading)\n\n"
        if !q.exportNames.isEmpty {
            out += "Exported as: " + q.exportNames.map { "`\($0)`" }.joined(separator: ", ") + "\n\n"
        }
        for line in q.routing { out += "> **ROUTING:** \(inline(line))\n" }
        if !q.routing.isEmpty { out += "\n" }
        out += (q.readAloud ? "" : "*Not read aloud (for the interviewer):* ") + "\(inline(q.text))\n\n"
        if let instruction = q.instruction { out += "*INTERVIEWER: \(inline(instruction))*\n\n" }
        if !q.options.isEmpty {
            out += "| Code | Label | Notes |\n|---:|---|---|\n"
            for o in q.options {
                out += "| \(o.code) | \(inline(o.label)) | \(inline(o.notes.joined(separator: "; "))) |\n"
            }
            out += "\n"
        }
        if !q.gridRows.isEmpty {
            out += "| Row | Read out | Exported as |\n|---|---|---|\n"
            for row in q.gridRows { out += "| \(row.name) | \(inline(row.text)) | `\(row.exportName)` |\n" }
            out += "\n"
        }
        for rule in q.answerRules { out += "- Answer: \(inline(rule))\n" }
        if let missing = q.missingValues { out += "- \(inline(missing))\n" }
        for check in q.checks { out += "- **\(check.severity == .hard ? "HARD CHECK" : "SOFT CHECK")** `\(check.id)`: \(inline(check.sentence))\n" }
        return out + "\n"
    }

    /// Designer text on one line, with the characters that would start Markdown markup escaped.
    func inline(_ text: String) -> String {
        var out = ""
        for ch in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ") {
            switch ch {
            case "\\", "*", "`", "<", "|": out.append("\\"); out.append(ch)
            default: out.append(ch)
            }
        }
        return out
    }

}
