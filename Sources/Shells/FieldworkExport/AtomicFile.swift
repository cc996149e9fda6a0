import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that its final name only ever holds a complete file: the bytes go to a hidden
/// temporary file in the same directory, are flushed to disk, and only then take the final name.
/// An export interrupted or failing part-way leaves the old file (or nothing) under that name.
public enum AtomicFile {
    /// The marker in temporary file names, so leftovers from a killed process are recognisable.
    public static let temporarySuffix = ".partial"

    /// Throws `ExportError.fileExists` unless the path is free or `overwrite` is true.
    public static func checkTarget(_ url: URL, overwrite: Bool) throws {
        if !overwrite && FileManager.default.fileExists(atPath: url.path) {
            throw ExportError.fileExists(path: url.path)
        }
    }

    /// Runs `body` against a temporary file and moves the finished file to `url`. If `body` throws,
    /// the temporary file is removed and `url` is untouched.
    static func write<Result>(to url: URL, overwrite: Bool, _ body: (FileSink) throws -> Result) throws -> Result {
        try checkTarget(url, overwrite: overwrite)
        let directory = url.deletingLastPathComponent().path
        let temporaryPath = directory + "/." + url.lastPathComponent + "."
            + String(getpid()) + "-" + String(UInt32.random(in: .min ... .max), radix: 36) + temporarySuffix
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ExportError.io(operation: "creating a temporary file in", path: directory, message: lastError())
        }
        var closed = false
        do {
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

    /// Without `overwrite`, `link` gives the final name only if it is still free at this instant,
    /// so a file created meanwhile by someone else is never replaced.
    private static func moveIntoPlace(_ temporaryPath: String, _ finalPath: String, overwrite: Bool) throws {
        if overwrite {
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
