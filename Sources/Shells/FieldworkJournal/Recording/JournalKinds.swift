/// The record kinds that readers act on, named once. Readers compare kinds in several forms (as
/// strings, as byte arrays, straight against the file's bytes), and all of them derive from here.
enum JournalKinds {
    static let sessionStart: StaticString = "session.start"
    static let sessionEnd: StaticString = "session.end"
    static let callOutcome: StaticString = "call.outcome"
    /// Engine events are written as this prefix plus the event type ("interview.answer").
    static let eventPrefix: StaticString = "interview."
    static let answered: [StaticString] = ["interview.answer", "interview.dontknow", "interview.refused"]
    static let complete: StaticString = "interview.complete"
    /// The interview closed at an end item (a screen-out, a refused consent) or was stopped.
    static let endings: [StaticString] = ["interview.endpoint", "interview.end"]

    static func bytes(_ name: StaticString) -> [UInt8] {
        Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    static func text(_ name: StaticString) -> String { name.description }
}
