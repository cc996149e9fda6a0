import FieldworkCases
import Foundation

/// Keeps a case's lease alive while the interviewer works it, including during an interview
/// whose key loop the session does not own: a background timer renews it every `interval`.
///
/// Renewal failures are kept (not thrown) so the screen can say the case may have been lost.
final class SessionLeaseKeeper: @unchecked Sendable {
    private let timer: DispatchSourceTimer
    private let lock = NSLock()
    private var problem: String?
    private var stopped = false

    init(store: any CaseStore, caseID: String, interviewer: String, interval: TimeInterval,
         clock: @escaping @Sendable () throws -> Date) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "fieldwork.session.lease"))
        let seconds = max(0.05, interval)
        timer.schedule(deadline: .now() + seconds, repeating: seconds)
        timer.setEventHandler { [weak self] in
            guard let self, !self.isStopped else { return }
            do {
                _ = try store.renewLease(caseID: caseID, interviewer: interviewer, now: try clock())
            } catch {
                self.lock.withLock { self.problem = String(describing: error) }
            }
        }
        timer.resume()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// The last renewal failure, if any.
    var lastProblem: String? { lock.withLock { problem } }

    /// Stops renewing (before the lease is ended by recording a call or releasing it).
    func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first { timer.cancel() }
    }

    deinit { stop() }
}
