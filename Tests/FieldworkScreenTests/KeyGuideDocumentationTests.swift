import FieldworkScreen
import Foundation
import Testing

/// The on-screen key guide and the interviewer guide name the same function keys.
@Suite("Key guide and docs agree")
struct KeyGuideDocumentationTests {
    @Test func everyFunctionKeyWithACtrlAlternativeIsInTheGuidesKeyTable() throws {
        let guide = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/interviewer-guide.md").standardized
        let text = try String(contentsOf: guide, encoding: .utf8)
        var checked = 0
        for entry in InterviewKeyGuide.help {
            let parts = entry.keys.components(separatedBy: " / ")
            guard parts.count == 2, parts[0].hasPrefix("F"), parts[1].hasPrefix("Ctrl-") else { continue }
            #expect(text.contains("| \(parts[0]) | \(parts[1]) |"), "docs/interviewer-guide.md lacks a row for \(entry.keys)")
            checked += 1
        }
        #expect(checked >= 10)
    }
}
