#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The case store holds every sample field (business names, contacts, phone numbers), so the
/// database and SQLite's `-wal` and `-shm` files are readable by their owner only (0600), whatever
/// the umask. SQLite creates `-wal` and `-shm` with the database file's permissions, so creating the
/// database file 0600 before SQLite opens it covers them; a store made by an older version is tightened.
enum CaseStoreFileMode {
    static let mode: mode_t = 0o600
    static let companionSuffixes = ["-wal", "-shm", "-journal"]

    /// Creates `path` 0600 when missing (an empty file is an empty SQLite database) and sets 0600 on
    /// it and its companions. Best effort: a store owned by someone else keeps its mode, and SQLite's
    /// own open reports any real problem with the path. Returns a reason when the database or a
    /// companion is a symbolic link or anything but a regular file: SQLite would follow a link and
    /// write the sample elsewhere, so the store is not opened.
    static func secure(databasePath path: String) -> String? {
        for candidate in [path] + companionSuffixes.map({ path + $0 }) {
            var info = stat()
            guard lstat(candidate, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: continue
            case S_IFLNK: return "\(candidate) is a symbolic link; the case store is never opened through a link, so move the real file there"
            default: return "\(candidate) is not a regular file; remove it or move it away"
            }
        }
        let descriptor = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode)
        if descriptor >= 0 {
            _ = fchmod(descriptor, mode)
            close(descriptor)
        }
        for suffix in companionSuffixes {
            let companion = open(path + suffix, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            if companion >= 0 {
                _ = fchmod(companion, mode)
                close(companion)
            }
        }
        return nil
    }
}
