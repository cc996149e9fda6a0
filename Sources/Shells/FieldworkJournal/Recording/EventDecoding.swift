import FieldworkEngine
import FieldworkExpressions
import Foundation
import PositionedJSON

/// Reads interview events from journal records with the project's own JSON reader rather than
/// `JSONDecoder`: exports read millions of records, and the general decoder cost several times as
/// much per record. It accepts exactly what `InterviewEvent`'s `Codable` form writes.
enum EventDecoding {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func event(from data: Data) throws -> InterviewEvent {
        try data.withUnsafeBytes { try event(from: $0.bindMemory(to: UInt8.self)) }
    }

    /// Decodes the record data in `bytes`: through `PlainEventDecoding` when the data has one of
    /// the shapes the recorder writes, otherwise (and for anything unusual) through the general
    /// reader, whose answer and error messages are authoritative.
    static func event(from bytes: UnsafeBufferPointer<UInt8>) throws -> InterviewEvent {
        if let event = PlainEventDecoding.event(from: bytes) { return event }
        return try generalEvent(from: bytes)
    }

    /// The general path: parses any JSON, then reads the event from the tree.
    static func generalEvent(from bytes: UnsafeBufferPointer<UInt8>) throws -> InterviewEvent {
        let node: JSONNode
        do { node = try JSONReader.parse(Array(bytes), file: "") } catch { throw Failure(description: error.message) }
        guard let type = node["type"]?.stringValue else { throw Failure(description: "no event type") }
        func address() throws -> QuestionAddress {
            guard let text = node["question"]?.stringValue, let a = QuestionAddress(parsing: text) else {
                throw Failure(description: "no valid question address")
            }
            return a
        }
        switch type {
        case "shown": return .shown(try address())
        case "answer", "dontknow", "refused":
            guard let r = node["response"] else { throw Failure(description: "no response") }
            return .answered(try address(), try response(r))
        case "softcheck.confirmed":
            guard let check = node["check"]?.stringValue else { throw Failure(description: "no check id") }
            return .softCheckConfirmed(try address(), check: check)
        case "back": return .back
        case "jump": return .jump(try address())
        case "note":
            guard let text = node["text"]?.stringValue else { throw Failure(description: "no note text") }
            let q = node["question"]?.stringValue.flatMap(QuestionAddress.init(parsing:))
            return .note(q, text: text)
        case "suspend": return .suspended
        case "resume": return .resumed
        case "complete": return .completed
        case "end":
            guard let outcome = node["outcome"]?.stringValue else { throw Failure(description: "no outcome") }
            return .ended(outcome: outcome)
        case "date":
            guard let text = node["date"]?.stringValue, let day = CivilDate(parsing: text) else { throw Failure(description: "no interview date") }
            return .interviewDated(day: day.daysSinceEpoch)
        case "seed":
            guard let seed = node["seed"]?.intValue, seed >= 0, UInt64(seed) < DrawnOrder.seedLimit else {
                throw Failure(description: "no seed (a whole number from 0 to 2^53 - 1)")
            }
            return .seeded(UInt64(seed))
        case "language":
            guard let language = node["language"]?.stringValue, !language.isEmpty else { throw Failure(description: "no language") }
            return .languageChosen(language)
        case "endpoint":
            guard let endpoint = node["endpoint"]?.stringValue else { throw Failure(description: "no end id") }
            guard let outcome = node["outcome"]?.stringValue else { throw Failure(description: "no outcome") }
            return .endReached(endpoint: endpoint, outcome: outcome)
        default:
            throw Failure(description: "unknown event type \(type)")
        }
    }

    static func response(_ node: JSONNode) throws -> Response {
        guard let object = node.objectValue else { throw Failure(description: "a response must be an object") }
        for member in object.members {
            switch member.key {
            case "number":
                guard let n = member.value.doubleValue else { break }
                return .number(n)
            case "text":
                guard let t = member.value.stringValue else { break }
                return .text(t)
            case "date":
                guard let s = member.value.stringValue, let d = DateValue.dayNumber(s) else { break }
                return .date(d)
            case "choice":
                guard let code = member.value.intValue else { break }
                return .choice(code, specify: object["specify"]?.stringValue)
            case "choices":
                guard let codes = member.value.arrayValue?.compactMap(\.intValue) else { break }
                var specify: [Int: String] = [:]
                for m in object["specify"]?.objectValue?.members ?? [] {
                    if let code = Int(m.key), let text = m.value.stringValue { specify[code] = text }
                }
                return .choices(codes, specify: specify)
            case "grid":
                guard let cells = member.value.arrayValue else { break }
                return .grid(try cells.map(response))
            case "dk": if member.value.boolValue == true { return .dontKnow }
            case "refused": if member.value.boolValue == true { return .refused }
            // An extra missing code by name; the plain decoder leaves this shape to us.
            case "missing": if let name = member.value.stringValue { return .missingCode(name) }
            case "seen": if member.value.boolValue == true { return .seen }
            default: continue
            }
        }
        throw Failure(description: "unrecognised response")
    }
}
