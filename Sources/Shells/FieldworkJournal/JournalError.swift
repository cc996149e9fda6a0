import FieldworkBasics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything that can go wrong while creating, opening or writing a survey directory or journal.
/// Each case renders a message that says what happened, where, and what to do.
public enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The directory has no `fieldwork.json` manifest.
    case notSurveyDirectory(path: String)
    /// `create` was pointed at a non-empty directory that is not a survey directory.
    case directoryNotEmpty(path: String)
    /// The manifest exists but cannot be understood.
    case invalidManifest(path: String, reason: String)
    /// A pinned questionnaire file is missing or its bytes no longer match its hash.
    case questionnaireMismatch(path: String, reason: String)
    case invalidCaseID(String, reason: String)
    /// The record kind is not a short `[A-Za-z0-9._-]` word.
    case invalidKind(String)
    /// Another process (or another open journal in this one) is interviewing this case.
    case caseLocked(caseID: String, holder: HolderInfo?)
    /// A system call failed; `errno` is kept so callers can tell a full disk (ENOSPC) from others.
    case system(operation: String, path: String, errno: Int32)
    /// The record's data could not be encoded as JSON (for example a NaN).
    case encodingFailed(kind: String, reason: String)
    /// `append(kind:at:jsonData:)` was given bytes that are not a single line of JSON.
    case invalidJSONData(reason: String)
    /// The journal was closed; reopen the case to continue.
    case journalClosed(caseID: String)
    /// The record's line would be longer than `InputLimits.journalLineBytes`, which readers skip;
    /// it is not written, so nothing acknowledged is ever unreadable.
    case recordTooLong(kind: String, bytes: Int, limit: Int)

    /// True when the error is a full disk or exhausted quota: the interviewer must be told to stop.
    public var isOutOfSpace: Bool {
        if case .system(_, _, let code) = self { return code == ENOSPC || code == EDQUOT }
        return false
    }

    public var description: String {
        switch self {
        case .notSurveyDirectory(let path):
            return "\(path) is not a survey directory: run `fieldwork init DIR --questionnaire FILE` first"
        case .directoryNotEmpty(let path):
            return "\(path) is not empty and is not a survey directory: choose an empty or new directory"
        case .invalidManifest(let path, let reason):
            return "the survey manifest \(path) cannot be read: \(reason)"
        case .questionnaireMismatch(let path, let reason):
            return "pinned questionnaire \(path): \(reason)"
        case .invalidCaseID(let id, let reason):
            return "invalid case id \(JournalError.quoted(id)): \(reason)"
        case .invalidKind(let kind):
            return "invalid record kind \(JournalError.quoted(kind)): use 1–64 characters from A-Z a-z 0-9 . _ -"
        case .caseLocked(let caseID, let holder):
            if let holder {
                return "case \(caseID) is already open by \(holder)"
            }
            return "case \(caseID) is already open by another interviewer (holder details unavailable)"
        case .system(let operation, let path, let code):
            let text = String(cString: strerror(code))
            var message = "could not \(operation) \(path): \(text) (errno \(code))"
            if code == ENOSPC || code == EDQUOT {
                message += "; the disk is full: free space before continuing — answers already acknowledged are safe"
            }
            return message
        case .encodingFailed(let kind, let reason):
            return "could not encode the data of a \(kind) record as JSON: \(reason)"
        case .invalidJSONData(let reason):
            return "record data is not usable JSON: \(reason)"
        case .journalClosed(let caseID):
            return "the journal for case \(caseID) is closed: open the case again to continue"
        case .recordTooLong(let kind, let bytes, let limit):
            return "the \(kind) record is \(InputLimits.grouped(bytes)) bytes, longer than \(InputLimits.describe(bytes: limit)), the limit for one journal line; it was not recorded (shorten the text or sample field it carries)"
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
