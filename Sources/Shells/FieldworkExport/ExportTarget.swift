import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an export's output path is at the moment of writing, which decides how the bytes get there.
/// A new or regular file is written beside and renamed into place; a FIFO or character device is
/// written into as a stream (renaming over `/dev/null` would turn it into a regular file); symbolic
/// links, directories, block devices and sockets are refused.
enum ExportTarget: Equatable, Sendable {
    /// Nothing there yet.
    case absent
    /// A regular file, replaced only with `overwrite`.
    case regularFile
    /// A FIFO or character device, opened and written in place.
    case stream
    /// The process's standard output (`--out -`).
    case standardOutput

    /// The path that stands for standard output (`--out -` is passed as this).
    static let standardOutputPath = "/dev/stdout"

    /// True when the data goes to a stream rather than a file: no companion files, no rename.
    var isStream: Bool { self == .stream || self == .standardOutput }

    /// How a path is shown in messages.
    static func displayName(_ url: URL) -> String {
        url.path == standardOutputPath ? "standard output" : url.path
    }

    /// Classifies `url` without following a final symbolic link. Throws `ExportError.fileExists` for a
    /// regular file without `overwrite`, and `ExportError.unsupportedTarget` for what cannot be written.
    static func of(_ url: URL, overwrite: Bool) throws -> ExportTarget {
        let path = url.path
        if path == standardOutputPath { return .standardOutput }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return .absent }
            throw ExportError.io(operation: "checking", path: path, message: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            guard overwrite else { throw ExportError.fileExists(path: path) }
            return .regularFile
        case S_IFIFO, S_IFCHR:
            return .stream
        case S_IFLNK:
            throw ExportError.unsupportedTarget(path: path, reason: "is a symbolic link to \(linkTarget(path)); exports never follow or replace links, so pass the path of the file itself")
        case S_IFDIR:
            throw ExportError.unsupportedTarget(path: path, reason: "is a directory; pass a file name")
        case S_IFBLK:
            throw ExportError.unsupportedTarget(path: path, reason: "is a block device; pass a file name")
        default:
            throw ExportError.unsupportedTarget(path: path, reason: "is a socket or other special file; pass a file name")
        }
    }

    private static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length >= 0 else { return "an unreadable target" }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
