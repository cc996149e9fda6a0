import FieldworkJournal
import Foundation

/// When an interview started and ended and how long its sittings took, from the journal's
/// session records (falling back to event times when a sitting was never closed, e.g. a crash).
public struct InterviewTiming: Sendable, Equatable {
    public var start: Date?
    public var end: Date?
    /// Sum of the sittings' lengths: time between sittings (appointments) does not count.
    public var seconds: Double?

    public init(history: CaseHistory) {
        // Indexed by sitting (events carry the index of theirs): an array, not a dictionary, as
        // this runs for every exported interview.
        var lastEventInSession = [Date?](repeating: nil, count: history.sessions.count)
        for timed in history.events where lastEventInSession.indices.contains(timed.session) {
            lastEventInSession[timed.session] = timed.at
        }
        start = history.sessions.first?.startedAt ?? history.events.first?.at
        var total = 0.0
        var end: Date?
        for (index, session) in history.sessions.enumerated() {
            guard let sessionEnd = session.endedAt ?? lastEventInSession[index] else { continue }
            total += max(0, sessionEnd.timeIntervalSince(session.startedAt))
            end = sessionEnd
        }
        if history.sessions.isEmpty, let first = history.events.first?.at, let last = history.events.last?.at {
            total = last.timeIntervalSince(first)
            end = last
        }
        self.end = end
        seconds = start == nil ? nil : total.rounded()
    }
}
