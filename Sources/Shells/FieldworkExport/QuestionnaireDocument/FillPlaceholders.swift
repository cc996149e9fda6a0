import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// Shows the fills of a text as placeholders in square brackets, since the printed questionnaire
/// has no interview to take values from. The mapping (also in docs/printable-questionnaire.md):
///
/// - `{sample.business_name}` → `[business name]`: the sample field, underscores as spaces;
/// - `{item.label}`, `{item.name}` in a loop over a multiple choice → `[option chosen at crimes (Q10)]`;
///   `{item.code}` → `[code of option chosen at crimes (Q10)]`; `{item.index}`, and anything of
///   `item` in a counted loop → `[pass number]`;
/// - `{p_staff}` (a question) → `[answer to p_staff (Q5)]`; `{v_inc[burglary]}` →
///   `[answer to v_inc (Q20) for burglary]`; `{pe_police.report}` → `[answer to pe_police (Q40) row report]`;
/// - `{n_types}` (a computed variable) → `[value of n_types]`;
/// - `{coalesce(x, 'fallback')}` → `[x — if not known: “fallback”]`;
/// - `{if(c, 'a', 'b')}` → `[“a” if c in words, otherwise “b”]`;
/// - anything else → the expression as written, e.g. `[min(o_n, 3)]`.
struct FillPlaceholders {
    let wording: DocumentWording

    var instrument: Instrument { wording.instrument }
    var language: String { wording.language }

    /// The text in the document's language with every fill replaced by its placeholder; `loops` are
    /// the loops the text stands in (for `item`).
    func text(_ template: TemplateText, loops: [Int]) -> String {
        guard let parsed = template.templates[language] ?? template.templates[instrument.questionnaire.defaultLanguage] else {
            return template.text.text(in: language)
        }
        var out = ""
        for segment in parsed.segments {
            switch segment {
            case .literal(let literal): out += literal
            case .fill(let expression, _): out += "[" + describe(expression, loops: loops) + "]"
            }
        }
        return out
    }

    /// An option label, with its fills as placeholders when it has any.
    func label(_ option: Option, loops: [Int]) -> String {
        option.labelTemplate.map { text($0, loops: loops) } ?? option.label.text(in: language)
    }

    /// The words inside a placeholder's brackets.
    func describe(_ e: Expression, loops: [Int]) -> String {
        switch e.node {
        case .string(let s): return "\u{201C}\(s)\u{201D}"
        case .integer, .decimal, .boolean: return e.description
        case .reference(let path): return reference(path, loops: loops) ?? e.description
        case .index(let path, let key):
            guard path.count == 1 else { return e.description }
            return "answer to \(wording.questionName(path[0])) for \(key)"
        case .call("coalesce", let args) where args.count == 2:
            return "\(describe(args[0], loops: loops)) \u{2014} if not known: \(describe(args[1], loops: loops))"
        case .call("if", let args) where args.count == 3:
            let condition = wording.wording(loops: loops).words(args[0])
            return "\(describe(args[1], loops: loops)) if \(condition), otherwise \(describe(args[2], loops: loops))"
        default:
            return e.description
        }
    }

    private func reference(_ path: [String], loops: [Int]) -> String? {
        guard let first = path.first else { return nil }
        if first == "sample", path.count == 2 { return path[1].replacingUnderscores }
        if first == "item", path.count == 2 {
            guard let innermost = loops.last else { return nil }
            let loop = instrument.loops[innermost]
            guard path[1] != "index" else { return "pass number" }
            let chosen: String
            switch loop.loop.source {
            case .forEach(let source, _): chosen = "option chosen at \(wording.questionName(source))"
            case .forEachOption(let name, _): chosen = "option of \(name)"
            case .count: return "pass number"
            }
            return path[1] == "code" ? "code of " + chosen : chosen
        }
        if instrument.questionIndex(id: first) != nil {
            return "answer to \(wording.questionName(first))" + (path.count == 2 ? " row \(path[1])" : "")
        }
        if instrument.computedIndex(id: first) != nil, path.count == 1 { return "value of \(first)" }
        return nil
    }
}

private extension String {
    var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
