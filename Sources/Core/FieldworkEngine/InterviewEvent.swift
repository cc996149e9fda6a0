import FieldworkBasics
import FieldworkChecker
import FieldworkExpressions

/// A question occurrence named the way people and journals name it: the question id plus the loop
/// pass numbers, e.g. `victim_cost[3]`. Stable across questionnaire versions that keep the id.
public struct QuestionAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public var id: String
    /// 1-based pass numbers of the enclosing loops, outermost first.
    public var pass: [Int]

    public init(id: String, pass: [Int] = []) {
        self.id = id
        self.pass = pass
    }

    public var description: String { pass.isEmpty ? id : "\(id)[\(pass.map(String.init).joined(separator: ","))]" }

    /// Parses `q`, `q[2]` or `q[2,1]` (spaces after commas allowed). Works on the UTF-8 bytes:
    /// exports parse one address per journal record.
    public init?(parsing text: String) {
        let utf8 = text.utf8
        guard !utf8.isEmpty else { return nil }
        guard let open = utf8.firstIndex(of: UInt8(ascii: "[")) else {
            self.init(id: text)
            return
        }
        guard utf8.last == UInt8(ascii: "]"), open != utf8.startIndex else { return nil }
        var pass: [Int] = []
        var value = 0
        var digits = 0
        for byte in utf8[utf8.index(after: open)..<utf8.index(before: utf8.endIndex)] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 9 else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: ","):
                guard digits > 0, value >= 1 else { return nil }
                pass.append(value)
                value = 0
                digits = 0
            case UInt8(ascii: " "):
                guard digits == 0 else { return nil }
            default:
                return nil
            }
        }
        guard digits > 0, value >= 1 else { return nil }
        pass.append(value)
        self.init(id: String(text[..<open]), pass: pass)
    }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let a = QuestionAddress(parsing: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad question address \(s)"))
        }
        self = a
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}


/// Everything that can happen in an interview. The interview's state is a pure function of the
/// sequence of these events, which is what resume, audit and export rely on.
public enum InterviewEvent: Hashable, Sendable {
    /// The question appeared on screen (paradata; no effect on answers).
    case shown(QuestionAddress)
    case answered(QuestionAddress, Response)
    /// The interviewer confirmed a soft check for the answer that follows.
    case softCheckConfirmed(QuestionAddress, check: String)
    case back
    case jump(QuestionAddress)
    case note(QuestionAddress?, text: String)
    /// The interview was interrupted to continue later (an appointment is made by case management).
    case suspended
    /// A new sitting of a suspended or interrupted interview.
    case resumed
    case completed
    /// An early end: refusal, break-off, or another outcome code.
    case ended(outcome: String)
    /// The routing reached an `end` item and the interviewer closed the interview with its outcome.
    case endReached(endpoint: String, outcome: String)
    /// The interview's date (days since 1970-01-01), recorded when it starts if the questionnaire
    /// reads `today()`, so every replay sees the same date.
    case interviewDated(day: Int)
    /// The interview's seed, recorded when it starts if the questionnaire asks for a random or
    /// rotated order, so every replay shows the same order.
    case seeded(UInt64)
    /// The interviewer switched the interview to this language.
    case languageChosen(String)

    /// The journal's name for the event kind.
    public var kind: String {
        switch self {
        case .shown: return "shown"
        case .answered(_, let r):
            switch r {
            case .dontKnow: return "dontknow"
            case .refused: return "refused"
            default: return "answer"
            }
        case .softCheckConfirmed: return "softcheck.confirmed"
        case .back: return "back"
        case .jump: return "jump"
        case .note: return "note"
        case .suspended: return "suspend"
        case .resumed: return "resume"
        case .completed: return "complete"
        case .ended: return "end"
        case .endReached: return "endpoint"
        case .interviewDated: return "date"
        case .seeded: return "seed"
        case .languageChosen: return "language"
        }
    }
}

extension InterviewEvent: Codable {
    private enum Key: String, CodingKey { case type, question, response, check, text, outcome, endpoint, date, seed, language }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "shown": self = .shown(try c.decode(QuestionAddress.self, forKey: .question))
        case "answer", "dontknow", "refused":
            self = .answered(try c.decode(QuestionAddress.self, forKey: .question), try c.decode(Response.self, forKey: .response))
        case "softcheck.confirmed":
            self = .softCheckConfirmed(try c.decode(QuestionAddress.self, forKey: .question), check: try c.decode(String.self, forKey: .check))
        case "back": self = .back
        case "jump": self = .jump(try c.decode(QuestionAddress.self, forKey: .question))
        case "note": self = .note(try c.decodeIfPresent(QuestionAddress.self, forKey: .question), text: try c.decode(String.self, forKey: .text))
        case "suspend": self = .suspended
        case "resume": self = .resumed
        case "complete": self = .completed
        case "end": self = .ended(outcome: try c.decode(String.self, forKey: .outcome))
        case "date":
            let text = try c.decode(String.self, forKey: .date)
            guard let day = CivilDate(parsing: text) else {
                throw DecodingError.dataCorruptedError(forKey: .date, in: c, debugDescription: "bad interview date \(text)")
            }
            self = .interviewDated(day: day.daysSinceEpoch)
        case "seed":
            let seed = try c.decode(UInt64.self, forKey: .seed)
            guard seed < DrawnOrder.seedLimit else {
                throw DecodingError.dataCorruptedError(forKey: .seed, in: c, debugDescription: "seed \(seed) is not below 2^53")
            }
            self = .seeded(seed)
        case "language": self = .languageChosen(try c.decode(String.self, forKey: .language))
        case "endpoint":
            self = .endReached(endpoint: try c.decode(String.self, forKey: .endpoint), outcome: try c.decode(String.self, forKey: .outcome))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown event type \(type)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(kind, forKey: .type)
        switch self {
        case .shown(let a), .jump(let a): try c.encode(a, forKey: .question)
        case .answered(let a, let r):
            try c.encode(a, forKey: .question)
            try c.encode(r, forKey: .response)
        case .softCheckConfirmed(let a, let check):
            try c.encode(a, forKey: .question)
            try c.encode(check, forKey: .check)
        case .note(let a, let text):
            try c.encodeIfPresent(a, forKey: .question)
            try c.encode(text, forKey: .text)
        case .ended(let outcome): try c.encode(outcome, forKey: .outcome)
        case .interviewDated(let day): try c.encode(CivilDate(daysSinceEpoch: day).description, forKey: .date)
        case .endReached(let endpoint, let outcome):
            try c.encode(endpoint, forKey: .endpoint)
            try c.encode(outcome, forKey: .outcome)
        case .seeded(let seed): try c.encode(seed, forKey: .seed)
        case .languageChosen(let language): try c.encode(language, forKey: .language)
        case .back, .suspended, .resumed, .completed: break
        }
    }
}
