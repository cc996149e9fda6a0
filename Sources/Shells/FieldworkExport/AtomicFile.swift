import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that its final name only ever holds a complete file: the bytes go to a hidden
/// temporary file in the same directory, are flushed to disk, and only then take the final name.
/// An export interrupted or failing part-way leaves the old file (or nothing) under that name.
/// FIFOs, character devices and standard output are written into as streams instead (see
/// `ExportTarget`); symbolic links and other special files are refused.
public enum AtomicFile {
    /// The marker in temporary file names, so leftovers from a killed process are recognisable.
    public static let temporarySuffix = ".partial"

    /// `--out -`: the URL that stands for standard output.
    public static let standardOutput = URL(fileURLWithPath: ExportTarget.standardOutputPath)

    /// Who may read a written file.
    public enum Access: Sendable {
        /// The umask decides (0644 under the usual umask 022): files without personal data.
        case shared
        /// Owner only (0600) whatever the umask: files holding sample fields or interviewers' notes.
        case ownerOnly
    }

    /// Throws `ExportError.fileExists` unless the path is free, a stream, or `overwrite` is true, and
    /// `ExportError.unsupportedTarget` for links and special files that cannot be written.
    public static func checkTarget(_ url: URL, overwrite: Bool) throws {
        _ = try ExportTarget.of(url, overwrite: overwrite)
    }

    /// True when `url` is standard output, a FIFO or a character device (written as a stream).
    public static func isStream(_ url: URL) -> Bool {
        (try? ExportTarget.of(url, overwrite: true))?.isStream ?? false
    }

    /// Writes `data` to `url` as one finished file (or into a stream such as a FIFO or
    /// `/dev/null`); links, directories and other special files are refused, and an existing
    /// regular file is replaced only with `overwrite`. For commands' outputs that are not datasets.
    public static func write(_ data: Data, to url: URL, overwrite: Bool, access: Access) throws {
        try write(to: url, overwrite: overwrite, access: access) { sink in
            data.withUnsafeBytes { _ = sink.append($0) }
        }
    }

    /// Runs `body` against a temporary file and moves the finished file to `url`. If `body` throws,
    /// the temporary file is removed and `url` is untouched. Streams are written in place.
    static func write<Result>(to url: URL, overwrite: Bool, access: Access = .shared, _ body: (FileSink) throws -> Result) throws -> Result {
        let target = try ExportTarget.of(url, overwrite: overwrite)
        if target.isStream { return try stream(to: url, target: target, body) }
        let directory = url.deletingLastPathComponent().path
        let temporaryPath = directory + "/." + url.lastPathComponent + "."
            + String(getpid()) + "-" + String(UInt32.random(in: .min ... .max), radix: 36) + temporarySuffix
        let mode: mode_t = access == .ownerOnly ? 0o600 : 0o644
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw ExportError.io(operation: "creating a temporary file in", path: directory, message: lastError())
        }
        var closed = false
        do {
            if access == .ownerOnly, fchmod(descriptor, mode) != 0 {
                throw ExportError.io(operation: "making owner-only (0600)", path: temporaryPath, message: lastError())
            }
            let sink = FileSink(descriptor: descriptor, path: url.path)
            let result = try body(sink)
            try sink.flush()
            guard fsync(descriptor) == 0 else {
                throw ExportError.io(operation: "flushing to disk", path: temporaryPath, message: lastError())
            }
            closed = true
            guard close(descriptor) == 0 else {
                throw ExportError.io(operation: "closing", path: temporaryPath, message: lastError())
            }
            try moveIntoPlace(temporaryPath, url.path, overwrite: overwrite)
            syncDirectory(directory)
            return result
        } catch {
            if !closed { close(descriptor) }
            unlink(temporaryPath)
            throw error
        }
    }

    /// Writes into a FIFO, a character device or standard output as it is: nothing to rename, and
    /// a stream cannot be made atomic, so what a failing export wrote has been read already.
    private static func stream<Result>(to url: URL, target: ExportTarget, _ body: (FileSink) throws -> Result) throws -> Result {
        let name = ExportTarget.displayName(url)
        let descriptor = target == .standardOutput ? dup(STDOUT_FILENO) : open(url.path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ExportError.io(operation: "opening", path: name, message: lastError())
        }
        defer { close(descriptor) }
        let sink = FileSink(descriptor: descriptor, path: name)
        let result = try body(sink)
        try sink.flush()
        return result
    }

    /// Without `overwrite`, `link` gives the final name only if it is still free at this instant,
    /// so a file created meanwhile by someone else is never replaced.
    private static func moveIntoPlace(_ temporaryPath: String, _ finalPath: String, overwrite: Bool) throws {
        if overwrite {
            // Checked again just before the rename: what is there now must still be a regular file
            // (or nothing), never a link or device swapped in since the export began.
            _ = try ExportTarget.of(URL(fileURLWithPath: finalPath), overwrite: true)
            guard rename(temporaryPath, finalPath) == 0 else {
                throw ExportError.io(operation: "renaming into place", path: finalPath, message: lastError())
            }
            return
        }
        if link(temporaryPath, finalPath) == 0 {
            unlink(temporaryPath)
            return
        }
        let linkError = errno
        if linkError == EEXIST {
            throw ExportError.fileExists(path: finalPath)
        }
        // File systems without hard links: check, then rename.
        try checkTarget(URL(fileURLWithPath: finalPath), overwrite: false)
        guard rename(temporaryPath, finalPath) == 0 else {
            throw ExportError.io(operation: "renaming into place", path: finalPath, message: lastError())
        }
    }

    /// Makes the rename itself durable; failure here is not fatal (the data file is complete).
    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
