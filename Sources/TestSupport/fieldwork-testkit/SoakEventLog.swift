import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a soak worker tells the checker, one JSON object a line, each written with a single
/// `write(2)` to a file opened for appending: a worker killed with SIGKILL loses at most the line
/// it was writing (the checker ignores a last line without its newline), and nothing waits in a
/// buffer. Every line carries the wall-clock time `t` (seconds since 1970, microseconds), the
/// process id and the interviewer, so lines from all workers can be put on one time line.
///
/// Timing is conservative on purpose: a lease is logged as acquired only after the case store has
/// handed it out, and as given up before the call that ends it, so the logged interval always lies
/// inside the time the case store held the case for this process.
final class SoakEventLog {
    private let descriptor: Int32
    private let interviewer: String
    private let pid = Int(getpid())

    init(path: String, interviewer: String) throws {
        descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw TestKitFailure(description: "cannot open the soak log \(path): \(String(cString: strerror(errno)))") }
        self.interviewer = interviewer
    }

    deinit { Glibc.close(descriptor) }

    /// Writes one event now.
    func write(_ event: String, _ fields: [String: Any] = [:], at instant: Date = Date()) {
        var object = fields
        object["ev"] = event
        object["t"] = (instant.timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000
        object["pid"] = pid
        object["who"] = interviewer
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 { if errno == EINTR { continue } else { return } }
                offset += written
            }
        }
    }
}
