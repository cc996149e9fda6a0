import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A survey directory on disk: the manifest, the pinned questionnaires and one append-only journal
/// per case. See docs/survey-directory.md for the layout and the reasons behind it.
///
/// Directories are created 0700 and files 0600 whatever the umask: interview data is personal data.
public struct SurveyDirectory: Sendable {
    public static let manifestName = "fieldwork.json"
    public static let questionnairesFolder = "questionnaires"
    public static let journalsFolder = "journals"
    static let manifestLockName = ".fieldwork.lock"

    /// The directory itself.
    public let root: URL

    private init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var manifestURL: URL { root.appendingPathComponent(Self.manifestName) }
    public var questionnairesURL: URL { root.appendingPathComponent(Self.questionnairesFolder, isDirectory: true) }
    public var journalsURL: URL { root.appendingPathComponent(Self.journalsFolder, isDirectory: true) }

    // MARK: Creating and opening

    /// Creates a survey directory at `url` and pins the questionnaire as the current one.
    ///
    /// A missing or empty directory is set up from scratch. An existing survey directory is opened
    /// and the questionnaire pinned into it (so re-running `init` with a changed questionnaire adds
    /// a version). Any other non-empty directory is refused rather than mixed with survey data.
    public static func create(at url: URL, questionnaireBytes: Data, questionnaireID: String, version: String,
                              now: Date = Date()) throws -> SurveyDirectory {
        let path = url.standardizedFileURL.path
        if PosixFile.exists(path) {
            guard PosixFile.isDirectory(path) else { throw JournalError.directoryNotEmpty(path: path) }
            if PosixFile.exists(path + "/" + manifestName) {
                let directory = try open(at: url)
                try directory.pin(questionnaireBytes: questionnaireBytes, questionnaireID: questionnaireID, version: version, now: now)
                return directory
            }
            // Leftovers of an init that was interrupted before the manifest was written are fine.
            let ownNames: Set<String> = [questionnairesFolder, journalsFolder, manifestLockName]
            let foreign = try PosixFile.entries(path).filter { !ownNames.contains($0) && !$0.hasPrefix(manifestName + ".tmp-") }
            guard foreign.isEmpty else { throw JournalError.directoryNotEmpty(path: path) }
        } else {
            let parent = (path as NSString).deletingLastPathComponent
            if !PosixFile.isDirectory(parent) {
                do {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    throw JournalError.system(operation: "create directory", path: parent, errno: ENOENT)
                }
            }
        }
        try PosixFile.makeDirectory(path)
        let directory = SurveyDirectory(root: url)
        try PosixFile.makeDirectory(directory.questionnairesURL.path)
        try PosixFile.makeDirectory(directory.journalsURL.path)

        let lock = try FileLock.acquire(path + "/" + manifestLockName)
        defer { lock.release() }
        let pinned = try directory.storeQuestionnaire(questionnaireBytes, id: questionnaireID, version: version, now: now)
        let manifest = SurveyManifest(createdAt: now, currentQuestionnaire: pinned.sha256, questionnaires: [pinned])
        try directory.writeManifest(manifest)
        try PosixFile.syncDirectory((path as NSString).deletingLastPathComponent)
        return directory
    }

    /// Opens an existing survey directory, checking that its manifest is readable.
    public static func open(at url: URL) throws -> SurveyDirectory {
        let directory = SurveyDirectory(root: url)
        guard PosixFile.exists(directory.manifestURL.path) else {
            throw JournalError.notSurveyDirectory(path: directory.root.path)
        }
        _ = try directory.readManifest()
        return directory
    }

    /// Reads and checks `fieldwork.json`.
    public func readManifest() throws -> SurveyManifest {
        let path = manifestURL.path
        let bytes = try PosixFile.readAll(path)
        let manifest: SurveyManifest
        do {
            manifest = try JournalCoding.makeDecoder().decode(SurveyManifest.self, from: Data(bytes))
        } catch {
            throw JournalError.invalidManifest(path: path, reason: "it is not a valid manifest (\(Self.describe(error)))")
        }
        guard manifest.format == SurveyManifest.formatName else {
            throw JournalError.invalidManifest(path: path, reason: "\"format\" is \"\(manifest.format)\", expected \"\(SurveyManifest.formatName)\"")
        }
        guard manifest.formatVersion <= SurveyManifest.currentFormatVersion else {
            throw JournalError.invalidManifest(path: path, reason: "format version \(manifest.formatVersion) is newer than this fieldwork understands (\(SurveyManifest.currentFormatVersion)): upgrade fieldwork")
        }
        guard manifest.current != nil else {
            throw JournalError.invalidManifest(path: path, reason: "current questionnaire \(manifest.currentQuestionnaire) is not among the pinned versions")
        }
        return manifest
    }

    // MARK: Questionnaires

    /// The outcome of pinning: the entry, and whether this exact questionnaire was new to the survey.
    public struct PinResult: Sendable, Equatable {
        public let pinned: PinnedQuestionnaire
        public let isNewVersion: Bool
    }

    /// Pins a questionnaire version (byte-exact) and makes it the current one. Pinning bytes that are
    /// already pinned only makes that version current again. Safe against concurrent pinning.
    @discardableResult
    public func pin(questionnaireBytes: Data, questionnaireID: String, version: String, now: Date = Date()) throws -> PinResult {
        let lock = try FileLock.acquire(root.path + "/" + Self.manifestLockName)
        defer { lock.release() }
        var manifest = try readManifest()
        let hash = Self.sha256Hex(questionnaireBytes)
        if let existing = manifest.questionnaires.first(where: { $0.sha256 == hash }) {
            _ = try self.questionnaireBytes(sha256: hash)
            if manifest.currentQuestionnaire != hash {
                manifest.currentQuestionnaire = hash
                try writeManifest(manifest)
            }
            return PinResult(pinned: existing, isNewVersion: false)
        }
        let pinned = try storeQuestionnaire(questionnaireBytes, id: questionnaireID, version: version, now: now)
        manifest.questionnaires.append(pinned)
        manifest.currentQuestionnaire = hash
        try writeManifest(manifest)
        return PinResult(pinned: pinned, isNewVersion: true)
    }

    /// Where the pinned copy of a questionnaire version lives.
    public func questionnaireURL(sha256: String) -> URL {
        questionnairesURL.appendingPathComponent(sha256 + ".json")
    }

    /// The pinned bytes of a questionnaire version, checked against their hash.
    public func questionnaireBytes(sha256: String) throws -> Data {
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            throw JournalError.questionnaireMismatch(path: sha256, reason: "not a SHA-256 hex digest")
        }
        let path = questionnaireURL(sha256: sha256).path
        let bytes = Data(try PosixFile.readAll(path))
        let actual = Self.sha256Hex(bytes)
        guard actual == sha256 else {
            throw JournalError.questionnaireMismatch(path: path, reason: "its content hash is \(actual): the pinned file was changed; restore it from a backup")
        }
        return bytes
    }

    /// The current questionnaire's entry and bytes.
    public func currentQuestionnaire() throws -> (pinned: PinnedQuestionnaire, bytes: Data) {
        let manifest = try readManifest()
        guard let current = manifest.current else {
            throw JournalError.invalidManifest(path: manifestURL.path, reason: "no current questionnaire")
        }
        return (current, try questionnaireBytes(sha256: current.sha256))
    }

    private func storeQuestionnaire(_ bytes: Data, id: String, version: String, now: Date) throws -> PinnedQuestionnaire {
        let hash = Self.sha256Hex(bytes)
        let path = questionnaireURL(sha256: hash).path
        if PosixFile.exists(path) {
            _ = try self.questionnaireBytes(sha256: hash)
        } else {
            try PosixFile.replaceAtomically(path, with: [UInt8](bytes))
        }
        return PinnedQuestionnaire(sha256: hash, id: id, version: version, pinnedAt: now)
    }

    private func writeManifest(_ manifest: SurveyManifest) throws {
        let encoder = JournalCoding.makeEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let bytes: Data
        do {
            bytes = try encoder.encode(manifest)
        } catch {
            throw JournalError.invalidManifest(path: manifestURL.path, reason: "could not encode it (\(error))")
        }
        try PosixFile.replaceAtomically(manifestURL.path, with: [UInt8](bytes) + [UInt8(ascii: "\n")])
    }

    // MARK: Journals

    /// The shard folder of a case: the first two hex digits of SHA-256 of its id, so that 100,000
    /// cases spread over 256 folders and opening one case never lists the others.
    public static func shard(for caseID: CaseID) -> String {
        String(sha256Hex(Data(caseID.rawValue.utf8)).prefix(2))
    }

    public func shardURL(for caseID: CaseID) -> URL {
        journalsURL.appendingPathComponent(Self.shard(for: caseID), isDirectory: true)
    }

    /// `journals/<shard>/<caseID>.jsonl`
    public func journalURL(for caseID: CaseID) -> URL {
        shardURL(for: caseID).appendingPathComponent(caseID.rawValue + ".jsonl")
    }

    /// `journals/<shard>/<caseID>.lock`
    public func lockURL(for caseID: CaseID) -> URL {
        shardURL(for: caseID).appendingPathComponent(caseID.rawValue + ".lock")
    }

    /// A journal file found on disk.
    /// Kept small (the path is built on demand) because exports list every case of a survey.
    public struct JournalFile: Sendable, Equatable {
        /// The case id taken from the file name (not validated: `CaseID.validate` tells if it is usable).
        public let caseID: String
        /// The shard folder the file was found in.
        public let shard: String
        /// The `journals/` folder; one string shared by every entry.
        let journalsPath: String

        public var url: URL { URL(fileURLWithPath: journalsPath + "/" + shard + "/" + caseID + ".jsonl") }
    }

    /// Every `*.jsonl` journal under `journals/`, sorted by shard then case id.
    public func journalFiles() throws -> [JournalFile] {
        var files: [JournalFile] = []
        let journalsPath = journalsURL.path
        for shard in try PosixFile.entries(journalsPath) {
            let shardPath = journalsPath + "/" + shard
            guard PosixFile.isDirectory(shardPath) else { continue }
            for name in try PosixFile.entries(shardPath) where name.hasSuffix(".jsonl") {
                let caseID = String(name.dropLast(".jsonl".count))
                files.append(JournalFile(caseID: caseID, shard: shard, journalsPath: journalsPath))
            }
        }
        return files
    }

    // MARK: Hashing

    /// Lowercase hex SHA-256 of `bytes`: the identity of a questionnaire version.
    public static func sha256Hex(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }

    static func describe(_ error: Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
            @unknown default: return "\(error)"
            }
        }
        return "\(error)"
    }
}
