import FieldworkBasics
import FieldworkChecker
import FieldworkDiagnostics
import FieldworkModel
import Foundation

/// Reads questionnaire files for the commands, turning every file-system problem into a diagnostic
/// instead of a crash.
enum QuestionnaireLoading {
    /// Checked against the file's size before it is read, so a huge file is never loaded.
    static let maximumBytes = InputLimits.questionnaireBytes

    static func readBytes(_ path: String) -> Result<[UInt8], Diagnostic> {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(.error(.unreadableFile, at: .start(of: path), "no such file; check the path"))
        }
        if isDirectory.boolValue {
            return .failure(.error(.unreadableFile, at: .start(of: path), "this is a folder; name a questionnaire .json file"))
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumBytes {
            return .failure(QuestionnaireReader.tooLarge(size, limit: maximumBytes, file: path))
        }
        do {
            let data = try Data(contentsOf: url)
            return .success([UInt8](data))
        } catch {
            return .failure(.error(.unreadableFile, at: .start(of: path), "cannot read the file: \(error.localizedDescription)"))
        }
    }

    /// Reads and checks a questionnaire; nil instrument when it has errors.
    static func load(_ path: String) -> (Instrument?, [Diagnostic]) {
        switch readBytes(path) {
        case .failure(let d): return (nil, [d])
        case .success(let bytes): return Checker.check(bytes: bytes, file: path)
        }
    }

    /// Loads a questionnaire a command needs to run; prints its errors and exits 1 if it has any.
    static func loadOrExit(_ path: String) -> Instrument {
        let (instrument, diagnostics) = load(path)
        guard let instrument else {
            for d in diagnostics where d.severity == .error { Output.error(d.description) }
            Output.error("\(path): fix the errors above (see `fieldwork check \(path)`)")
            Foundation.exit(1)
        }
        return instrument
    }
}

