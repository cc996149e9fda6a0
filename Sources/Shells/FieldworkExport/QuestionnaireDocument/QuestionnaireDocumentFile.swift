import Foundation

/// Writes a rendered questionnaire document: to a file atomically (a finished file or none under
/// the name, an existing document replaced), or into a stream such as standard output.
public enum QuestionnaireDocumentFile {
    /// Throws `ExportError` with the path and what to do when the target cannot be written
    /// (a directory, a symbolic link, a missing folder, a full disk).
    public static func write(_ text: String, to url: URL) throws {
        try AtomicFile.write(to: url, overwrite: true, access: .shared) { sink in
            sink.append(text)
        }
    }
}
