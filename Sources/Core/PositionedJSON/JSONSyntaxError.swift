import FieldworkDiagnostics

/// Why a file is not valid JSON and where: the message says what was expected and what was found.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// The code under which malformed JSON is reported unless a caller chooses another.
    public static let diagnosticCode: DiagnosticCode = "FW001"

    /// The error as a diagnostic, so JSON syntax problems are listed with every other finding.
    public func diagnostic(code: DiagnosticCode = JSONSyntaxError.diagnosticCode) -> Diagnostic {
        .error(code, at: location, message)
    }

    /// `file:line:column: error: message`, the form editors can jump to.
    public var description: String { "\(location): error: \(message)" }
}
