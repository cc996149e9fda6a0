import FieldworkBasics
import FieldworkDiagnostics

/// Reads JSON strictly (RFC 8259) while recording the location of every value and key, because
/// Foundation's decoders give no positions on Linux and designers need `file:line:column`.
///
/// The reader is iterative (no recursion, so deep input cannot overflow the stack) and linear in
/// the size of the input.
public enum JSONReader {
    /// Containers nested deeper than this are refused; real questionnaires stay far below it
    /// (`InputLimits.jsonNesting`).
    public static let defaultMaximumDepth = InputLimits.jsonNesting

    /// Parses UTF-8 bytes. `file` is used in every location, as the user named the file.
    /// A leading byte-order mark is skipped (and not counted as a column).
    public static func parse(
        _ bytes: [UInt8], file: String, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONSyntaxError) -> JSONNode {
        let result: Result<JSONNode, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, file: file, maximumDepth: maximumDepth)
            do throws(JSONSyntaxError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses text, e.g. a questionnaire embedded in a test.
    public static func parse(
        _ text: String, file: String, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONSyntaxError) -> JSONNode {
        try parse(Array(text.utf8), file: file, maximumDepth: maximumDepth)
    }

    /// Parses and turns a syntax error into a diagnostic, for callers that collect findings.
    public static func parse(
        _ bytes: [UInt8], file: String, diagnostics: inout [Diagnostic]
    ) -> JSONNode? {
        do {
            return try parse(bytes, file: file)
        } catch {
            diagnostics.append(error.diagnostic())
            return nil
        }
    }
}
