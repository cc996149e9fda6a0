import FieldworkEngine
import Foundation

/// The journal's record data, both ways, in one place: what each record the recorder writes looks
/// like as JSON, and how it is read back.
///
/// - Writing: `JSONEncoder` with sorted keys (`JournalCoding.makeEncoder()`) over the values'
///   `Codable` conformances (`InterviewEvent`, `Response`, `SessionStart`, `SessionEnd`,
///   `CaseHistory.CallOutcome`). Each conformance keeps its encoder and decoder side by side.
/// - Reading, general path: `JSONDecoder` over the same conformances, the exact inverse of the
///   writer. It decides what any record means, and its errors are the ones reported.
/// - Reading, fast path (`JournalCodec.FastPath`): reads the shapes the writer produces straight
///   from the bytes, without building a `Data` or running a general JSON parser — exports decode
///   millions of records. It returns nil for anything it does not fully understand (escapes,
///   unknown or repeated keys, exponents, values of unexpected types), and the general path
///   then decides. So both paths agree by construction; tests check that the fast path takes every
///   shape the writer produces and gives the general path's answer.
///
/// The line around the data (sequence, case, time, kind, checksum) is `RecordLine`'s business.
public enum JournalCodec {
    // MARK: Record kinds

    public static let sessionStartKind = JournalKinds.text(JournalKinds.sessionStart)
    public static let sessionEndKind = JournalKinds.text(JournalKinds.sessionEnd)
    public static let callOutcomeKind = JournalKinds.text(JournalKinds.callOutcome)
    /// Engine events are written under this prefix plus the event's own kind ("interview.answer").
    public static let eventPrefix = JournalKinds.text(JournalKinds.eventPrefix)

    /// The record kind an engine event is written under.
    public static func kind(of event: InterviewEvent) -> String { eventPrefix + event.kind }

    // MARK: Writing

    /// The record data of `value`, as the recorder writes it.
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        Array(try JournalCoding.makeEncoder().encode(value))
    }

    // MARK: Reading

    /// Why record data could not be read: the general decoder's reason, in words.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// An engine event (`interview.*` record).
    public static func event(from bytes: UnsafeBufferPointer<UInt8>) throws -> InterviewEvent {
        if let event = FastPath.event(from: bytes) { return event }
        return try general(InterviewEvent.self, from: bytes)
    }

    /// A `session.start` record.
    public static func sessionStart(from bytes: UnsafeBufferPointer<UInt8>) throws -> SessionStart {
        if let start = FastPath.sessionStart(from: bytes) { return start }
        return try general(SessionStart.self, from: bytes)
    }

    /// A `session.end` record.
    public static func sessionEnd(from bytes: UnsafeBufferPointer<UInt8>) throws -> SessionEnd {
        if let end = FastPath.sessionEnd(from: bytes) { return end }
        return try general(SessionEnd.self, from: bytes)
    }

    /// A `call.outcome` record.
    public static func callOutcome(from bytes: UnsafeBufferPointer<UInt8>) throws -> CaseHistory.CallOutcome {
        if let outcome = FastPath.callOutcome(from: bytes) { return outcome }
        return try general(CaseHistory.CallOutcome.self, from: bytes)
    }

    /// The general path alone: `JSONDecoder` over the type's `Codable` conformance.
    public static func general<Value: Decodable>(_ type: Value.Type, from bytes: UnsafeBufferPointer<UInt8>) throws -> Value {
        do {
            return try JournalCoding.makeDecoder().decode(type, from: Data(bytes))
        } catch {
            throw Failure(description: SurveyDirectory.describe(error))
        }
    }
}

extension JournalCodec {
    /// Byte-array conveniences, for tests and callers without a buffer at hand.
    public static func event(from bytes: [UInt8]) throws -> InterviewEvent {
        try bytes.withUnsafeBufferPointer { try event(from: $0) }
    }
}
