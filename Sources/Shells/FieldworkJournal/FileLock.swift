import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file. The kernel releases it when the descriptor is closed or the
/// process dies, so a crashed holder can never block anyone for good. `flock` locks belong to the
/// open file description, so two opens in one process exclude each other just like two processes.
final class FileLock {
    let path: String
    private(set) var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    /// Takes the lock without waiting; returns nil when someone else holds it.
    static func tryAcquire(_ path: String) throws -> FileLock? {
        let fd = try PosixFile.openFile(path, flags: O_RDWR | O_CREAT, operation: "open lock file")
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            PosixFile.closeDescriptor(fd)
            if code == EWOULDBLOCK { return nil }
            throw PosixFile.fail("lock", path, code)
        }
        return FileLock(path: path, fd: fd)
    }

    /// Waits for the lock (used for short critical sections such as updating the manifest).
    static func acquire(_ path: String) throws -> FileLock {
        let fd = try PosixFile.openFile(path, flags: O_RDWR | O_CREAT, operation: "open lock file")
        while flock(fd, LOCK_EX) != 0 {
            let code = errno
            if code == EINTR { continue }
            PosixFile.closeDescriptor(fd)
            throw PosixFile.fail("lock", path, code)
        }
        return FileLock(path: path, fd: fd)
    }

    /// Replaces the lock file's contents (holder details) while holding the lock.
    func writeContents(_ bytes: [UInt8]) {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { pwrite(fd, $0.baseAddress!, $0.count, off_t(offset)) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    func release() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        PosixFile.closeDescriptor(fd)
        fd = -1
    }

    deinit { release() }
}
