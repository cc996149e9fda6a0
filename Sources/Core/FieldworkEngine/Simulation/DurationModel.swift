import FieldworkChecker
import FieldworkModel

/// Estimates how long an interview takes from what is read aloud and what is answered.
///
/// Seconds per question = words read aloud (question text, with each fill counted as one word, plus
/// the labels of options that are read out; for grids, each item's text) ÷ words per minute × 60
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
        var words = info.text.wordCount(in: language)
        let q = info.question
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
        if case .statement = kind { return statementSeconds + overheadSeconds }
        switch response {
        case .dontKnow, .refused: return singleSeconds + overheadSeconds
        default: break
        }
        switch kind {
        case .statement: return statementSeconds + overheadSeconds
        case .single: return singleSeconds + overheadSeconds
        case .multiple:
            if case .choices(let c, _) = response { return multipleSeconds + perSelectedOptionSeconds * Double(c.count) + overheadSeconds }
            return multipleSeconds + overheadSeconds
        case .integer, .decimal: return numberSeconds + overheadSeconds
        case .text: return textSeconds + overheadSeconds
        case .date: return dateSeconds + overheadSeconds
        case .grid(let items): return gridItemSeconds * Double(items.count) + overheadSeconds
        }
    }

    static func words(_ s: String) -> Int { s.split(whereSeparator: { $0 == " " || $0 == "\n" }).count }
}
