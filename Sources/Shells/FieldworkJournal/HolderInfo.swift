import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who holds a case open. Written into the case's lock file by the holder so that a second
/// interviewer who is refused the case is told who has it and since when.
public struct HolderInfo: Codable, Sendable, Equatable, CustomStringConvertible {
    public var interviewerID: String
    public var pid: Int32
    public var hostname: String
    public var since: Date

    public init(interviewerID: String, pid: Int32, hostname: String, since: Date) {
        self.interviewerID = interviewerID
        self.pid = pid
        self.hostname = hostname
        self.since = since
    }

    /// This process, now, on behalf of `interviewerID`.
    public static func current(interviewerID: String, now: Date = Date()) -> HolderInfo {
        HolderInfo(interviewerID: interviewerID, pid: getpid(), hostname: currentHostname(), since: now)
    }

    public var description: String {
        "interviewer \(interviewerID) (pid \(pid) on \(hostname), since \(JournalTimestamp.format(since)))"
    }

    static func currentHostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
