import FieldworkBasics
import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// Resolves the `{…}` fills of a text into what the interviewer reads.
enum TextRenderer {
    static func render(_ text: CompiledText, scope: EvaluationScope, language: String) -> String {
        var out = ""
        for segment in text.segments(in: language) {
            switch segment {
            case .literal(let s): out += s
            case .fill(let e):
                let instrument = scope.instrument
                out += ValueFormatter.fill(e.evaluate(scope), type: e.resultType, places: instrument.numericExtent(of: e).decimals,
                                           instrument: instrument, language: language)
            }
        }
        return out
    }
}

/// How values read in question text and on screen.
public enum ValueFormatter {
    /// A number rounded to `decimals` places (at most `NumericExtent.maxDecimals` when not
    /// given), without trailing zeros: `DecimalText` writes it.
    public static func number(_ n: Double, decimals: Int? = nil) -> String {
        DecimalText.text(n, places: decimals ?? NumericExtent.maxDecimals)
    }

    /// A fill's value as text; numbers keep the places their declarations allow (`places`, from
    /// the fill's `NumericExtent`), so a sum of money never shows binary noise.
    static func fill(_ value: RuntimeValue, type: ValueType, places: Int? = nil, instrument: Instrument, language: String) -> String {
        switch value {
        case .number(let n): return number(n, decimals: places)
        case .text(let t): return t
        case .boolean(let b): return b ? "yes" : "no"
        case .date(let d): return DateText.text(dayNumber: d)
        case .choice(let code):
            if case .choice(let info) = type, let frame = instrument.frames[info.name], let o = frame.option(code: code) {
                return o.label.text(in: language)
            }
            return String(code)
        case .choices(let codes):
            if case .choices(let info) = type, let frame = instrument.frames[info.name] {
                let labels = frame.options.filter { codes.contains($0.code) }.map { $0.label.text(in: language) }
                return list(labels)
            }
            return codes.map(String.init).joined(separator: ", ")
        case .missing(let reason):
            switch reason {
            case .dontKnow: return "(don't know)"
            case .refused: return "(refused)"
            case .coded(let name): return "(\(name))"
            case .notAsked, .undefined: return "(not known)"
            }
        }
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}
