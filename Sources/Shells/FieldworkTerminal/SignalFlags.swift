#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FieldworkScreen
import Synchronization

/// Signals that must reach the key loop instead of killing the process, so an interview in
/// progress is saved: a dropped line (SIGHUP), a shutdown (SIGTERM), an outside interrupt (SIGINT).
///
/// The handlers only set lock-free atomic flags (async-signal-safe); `Terminal.readKey` turns them
/// into `Key.hangup`, `.terminate` and `.interrupt`.
enum SignalFlags {
    private static let hangup = Atomic<Bool>(false)
    private static let terminate = Atomic<Bool>(false)
    private static let interrupt = Atomic<Bool>(false)

    typealias Handler = @convention(c) (Int32) -> Void

    /// Previous dispositions, restored by `uninstall`.
    struct Saved {
        var hangup: Handler?
        var terminate: Handler?
        var interrupt: Handler?
    }

    static func install() -> Saved {
        Saved(
            hangup: signal(SIGHUP) { _ in SignalFlags.hangup.store(true, ordering: .relaxed) },
            terminate: signal(SIGTERM) { _ in SignalFlags.terminate.store(true, ordering: .relaxed) },
            interrupt: signal(SIGINT) { _ in SignalFlags.interrupt.store(true, ordering: .relaxed) }
        )
    }

    /// Restores the previous dispositions, except that a signal which already asked for shutdown
    /// is then ignored: the hung-up terminal sends SIGHUP again as it closes, and a repeat must not
    /// kill the process while the caller is still saving the interview.
    static func uninstall(_ saved: Saved) {
        signal(SIGHUP, hangup.load(ordering: .relaxed) ? SIG_IGN : saved.hangup)
        signal(SIGTERM, terminate.load(ordering: .relaxed) ? SIG_IGN : saved.terminate)
        signal(SIGINT, saved.interrupt)
    }

    /// The pending signal as a key. Hangup and terminate stay pending (every later read reports
    /// them again, so no loop can miss them); an interrupt is reported once.
    static func pendingKey() -> Key? {
        if hangup.load(ordering: .relaxed) { return .hangup }
        if terminate.load(ordering: .relaxed) { return .terminate }
        if interrupt.exchange(false, ordering: .relaxed) { return .interrupt }
        return nil
    }

    /// Hangup or terminate if either arrived, without consuming a pending interrupt.
    static func shutdownKey() -> Key? {
        if hangup.load(ordering: .relaxed) { return .hangup }
        if terminate.load(ordering: .relaxed) { return .terminate }
        return nil
    }

    /// Records a hangup detected without a signal (the terminal's input closed).
    static func noteHangup() { hangup.store(true, ordering: .relaxed) }
}
