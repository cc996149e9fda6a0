import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, errno-preserving wrappers over the POSIX calls the journal needs. Foundation's file APIs
/// hide the durability details (O_APPEND, fdatasync, modes set regardless of umask) that matter here.
enum PosixFile {
    static let directoryMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600

    static func fail(_ operation: String, _ path: String, _ code: Int32 = errno) -> JournalError {
        .system(operation: operation, path: path, errno: code)
    }

    /// Opens `path`, retrying on EINTR. Files created here get `mode` exactly (fchmod undoes umask).
    /// A symbolic link as the last part of `path` is never followed (`O_NOFOLLOW`, failing with
    /// ELOOP): a journal, lock or manifest swapped for a link cannot send the writes elsewhere.
    static func openFile(_ path: String, flags: Int32, mode: mode_t = fileMode, operation: String = "open") throws -> Int32 {
        while true {
            let fd = open(path, flags | O_CLOEXEC | O_NOFOLLOW, mode)
            if fd >= 0 {
                if flags & O_CREAT != 0 { _ = fchmod(fd, mode) }
                return fd
            }
            if errno == EINTR { continue }
            throw fail(operation, path)
        }
    }

    /// Creates a directory with mode 0700 (whatever the umask); an existing directory is accepted
    /// and tightened to 0700 as well.
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, directoryMode) != 0 && errno != EEXIST {
            throw fail("create directory", path)
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw fail("inspect", path) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw fail("create directory", path, ENOTDIR)
        }
        if info.st_mode & 0o7777 != directoryMode {
            guard chmod(path, directoryMode) == 0 else { throw fail("set permissions on", path) }
        }
    }

    /// Writes all of `bytes` to `fd`, looping over short writes and EINTR.
    /// Returns the number of bytes written before an error, with the error, so a caller knows
    /// whether it left a partial line behind.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> (written: Int, errno: Int32?) {
        var offset = 0
        while offset < bytes.count {
            let result = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if result < 0 {
                if errno == EINTR { continue }
                return (offset, errno)
            }
            if result == 0 { return (offset, EIO) }
            offset += result
        }
        return (offset, nil)
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> (written: Int, errno: Int32?) {
        if bytes.isEmpty { return (0, nil) }
        return bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// Flushes the file's data (and the size needed to read it) to stable storage.
    static func dataSync(_ fd: Int32) -> Int32? {
        while true {
            #if canImport(Glibc)
            let result = fdatasync(fd)
            #else
            let result = fsync(fd)
            #endif
            if result == 0 { return nil }
            if errno == EINTR { continue }
            return errno
        }
    }

    /// fsyncs a directory so a newly created or renamed entry in it survives power loss.
    static func syncDirectory(_ path: String) throws {
        let fd = try openFile(path, flags: O_RDONLY | O_DIRECTORY, operation: "open directory")
        defer { _ = close(fd) }
        if fsync(fd) != 0 && errno != EINVAL { throw fail("sync directory", path) }
    }

    /// The whole file, or nil when there is none: a journal not yet written reads as empty.
    static func readAllIfPresent(_ path: String) throws -> [UInt8]? {
        do {
            return try readAll(path)
        } catch JournalError.system(_, _, let code) where code == ENOENT {
            return nil
        }
    }

    /// Reads the whole file. A missing file throws with ENOENT.
    static func readAll(_ path: String) throws -> [UInt8] {
        let fd = try openFile(path, flags: O_RDONLY, operation: "read")
        defer { _ = close(fd) }
        return try readAll(fd: fd, path: path)
    }

    /// Reads straight into the result (sized from `fstat`, one spare byte to notice growth), with
    /// no intermediate chunk: exports read every journal of a survey.
    static func readAll(fd: Int32, path: String) throws -> [UInt8] {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw fail("inspect", path) }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var length = 0
        while true {
            if length == bytes.count {
                bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 1 << 16)))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + length, buffer.count - length, off_t(length))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw fail("read", path)
            }
            if count == 0 { break }
            length += count
        }
        bytes.removeLast(bytes.count - length)
        return bytes
    }

    /// Writes `bytes` to `path` so that readers see either the old file or the whole new one:
    /// write a temporary file, fsync it, rename it over `path`, fsync the directory.
    static func replaceAtomically(_ path: String, with bytes: [UInt8]) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = path + ".tmp-\(getpid())"
        let fd = try openFile(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, operation: "create")
        let (_, writeError) = writeAll(fd, bytes)
        let syncError = writeError == nil ? dataSync(fd) : nil
        _ = close(fd)
        if let code = writeError ?? syncError {
            _ = unlink(temporary)
            throw fail("write", temporary, code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            _ = unlink(temporary)
            throw fail("rename into place", path, code)
        }
        try syncDirectory(directory)
    }

    static func closeDescriptor(_ fd: Int32) {
        _ = close(fd)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names in a directory, without "." and "..". A missing directory yields no names.
    static func entries(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else {
            if errno == ENOENT { return [] }
            throw fail("list", path)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
