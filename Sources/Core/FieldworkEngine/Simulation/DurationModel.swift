import FieldworkChecker
import FieldworkModel

/// Estimates how long an interview takes from what is read aloud and what is answered.
///
/// Seconds per question = words read aloud (question text, unless it has `"readAloud": false`, with
/// each fill counted as one word, plus the labels of options that are read out; for grids, each
/// item's text) ÷ words per minute × 60
/// + the answer time for its type + a fixed overhead for moving on. Documented in docs/simulation.md.
public struct DurationModel: Sendable, Hashable, Codable {
    public var wordsPerMinute: Double = 150
    public var overheadSeconds: Double = 2
    public var singleSeconds: Double = 3
    public var multipleSeconds: Double = 5
    public var perSelectedOptionSeconds: Double = 1
    public var numberSeconds: Double = 5
    public var textSeconds: Double = 15
    public var dateSeconds: Double = 6
    public var gridItemSeconds: Double = 3
    public var statementSeconds: Double = 0

    public init() {}

    /// Precomputed reading time per question, so that simulation stays fast.
    public func readingSeconds(for info: QuestionInfo, language: String) -> Double {
        let q = info.question
        // A text that is not read aloud (`"readAloud": false`) takes no reading time; read-out
        // options and grid items still do.
        var words = q.readAloud ? info.text.wordCount(in: language) : 0
        switch q.kind {
        case .single, .multiple:
            for o in q.frame?.options ?? [] where o.readOut { words += Self.words(o.label.text(in: language)) }
        case .grid:
            for t in info.gridItemTexts { words += t.wordCount(in: language) }
            for o in q.frame?.options ?? [] where o.readOut { words += Self.words(o.label.text(in: language)) }
        default: break
        }
        return Double(words) / wordsPerMinute * 60
    }

    public func answerSeconds(for kind: QuestionKind, response: Response) -> Double {
        answerTimes(for: kind).seconds(for: response)
    }

    /// The answer-time rule for one kind of question, worked out once so that simulation applies
    /// it per answer without inspecting the question again.
    public struct AnswerTimes: Sendable, Hashable {
        /// Seconds for an answer (for multiple choice: before the time per option chosen).
        var fixed: Double
        var perChoice: Double
        /// Seconds for don't know or refused (nil: same as any answer, for statements).
        var missing: Double?

        public func seconds(for response: Response) -> Double {
            switch response {
            case .dontKnow, .refused: return missing ?? fixed
            case .choices(let c, _): return fixed + perChoice * Double(c.count)
            default: return fixed
            }
        }
    }

    public func answerTimes(for kind: QuestionKind) -> AnswerTimes {
        let missing = singleSeconds + overheadSeconds
        switch kind {
        case .statement: return AnswerTimes(fixed: statementSeconds + overheadSeconds, perChoice: 0, missing: nil)
        case .single: return AnswerTimes(fixed: singleSeconds + overheadSeconds, perChoice: 0, missing: missing)
        case .multiple: return AnswerTimes(fixed: multipleSeconds + overheadSeconds, perChoice: perSelectedOptionSeconds, missing: missing)
        case .integer, .decimal: return AnswerTimes(fixed: numberSeconds + overheadSeconds, perChoice: 0, missing: missing)
        case .text: return AnswerTimes(fixed: textSeconds + overheadSeconds, perChoice: 0, missing: missing)
        case .date: return AnswerTimes(fixed: dateSeconds + overheadSeconds, perChoice: 0, missing: missing)
        case .grid(let items): return AnswerTimes(fixed: gridItemSeconds * Double(items.count) + overheadSeconds, perChoice: 0, missing: missing)
        }
    }

    static func words(_ s: String) -> Int { s.split(whereSeparator: { $0 == " " || $0 == "\n" }).count }
}
