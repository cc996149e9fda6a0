import FieldworkChecker
import FieldworkDiagnostics
import FieldworkModel
import Testing

/// The checker's findings for inline questionnaire text.
func diagnose(_ json: String) -> (Instrument?, [Diagnostic]) {
    Checker.check(bytes: Array(json.utf8), file: "q.json")
}

/// Line and column (1-based, in Unicode scalars) where the `occurrence`-th copy of `marker` starts
/// in `text`, moved `plus` scalars along; how tests say where a diagnostic must point.
func position(of marker: String, in text: String, occurrence: Int = 1, plus: Int = 0) -> (line: Int, column: Int)? {
    let scalars = Array(text.unicodeScalars)
    let m = Array(marker.unicodeScalars)
    var found = 0
    var line = 1, column = 1
    var i = 0
    while i + m.count <= scalars.count {
        if Array(scalars[i..<i + m.count]) == m {
            found += 1
            if found == occurrence {
                for s in scalars[i..<i + plus] where s == "\n" { return nil }
                return (line, column + plus)
            }
        }
        if scalars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
        i += 1
    }
    return nil
}

/// Fails unless a diagnostic with `code` exists, returning the first one.
@discardableResult
func expectDiagnostic(_ code: DiagnosticCode, in diagnostics: [Diagnostic], severity: Severity? = nil,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
    let found = diagnostics.first { $0.code == code && (severity == nil || $0.severity == severity) }
    return try #require(found, "no \(code) among:\n\(diagnostics.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
}

/// Fails unless the diagnostic points at the given place.
func expectAt(_ d: Diagnostic, _ place: (line: Int, column: Int)?, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let place else { Issue.record("marker not found", sourceLocation: sourceLocation); return }
    #expect(d.location.line == place.line && d.location.column == place.column,
            "\(d) should be at \(place.line):\(place.column)", sourceLocation: sourceLocation)
}

/// A questionnaire around the given items, one item per line so positions are easy to state.
func checkerQuestionnaire(_ items: String, extraRoot: String = "") -> String {
    """
    {
      "id": "t", "version": "1", "title": "Test", "languages": ["en"],\(extraRoot)
      "codeFrames": {
        "yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}],
        "crimes": [{"code": 1, "name": "burglary", "label": "Burglary"}, {"code": 2, "name": "fraud", "label": "Fraud"}]
      },
      "sections": [
        {"id": "main", "title": "Main", "items": [
    \(items)
        ]}
      ]
    }
    """
}
