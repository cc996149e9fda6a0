import FieldworkBasics
import Testing
@testable import FieldworkScreen

@Suite("TerminalSafe")
struct TerminalSafeTests {
    @Test("ordinary text, including non-Latin and emoji, passes unchanged")
    func unchanged() {
        for text in ["Zoë £5", "Müller & Søn Ltd", "東京", "مرحبا", "😀", "a\u{0301}"] {
            #expect(TerminalSafe.text(text) == text)
        }
    }

    @Test("clear-screen sequence ESC[2J becomes visible text")
    func clearScreen() {
        let safe = TerminalSafe.text("ACME\u{1B}[2J Ltd")
        #expect(safe == "ACME^[[2J Ltd")
        #expect(!safe.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test("OSC window-title sequence is defused, terminator included")
    func oscTitle() {
        let safe = TerminalSafe.text("\u{1B}]0;pwned\u{07}name")
        #expect(safe == "^[]0;pwned^Gname")
        #expect(TerminalSafe.text("\u{1B}]52;c;ZXZpbA==\u{1B}\\") == "^[]52;c;ZXZpbA==^[\\")
    }

    @Test("C1 controls such as the one-byte CSI U+009B are escaped")
    func c1() {
        #expect(TerminalSafe.text("a\u{9B}2Jb") == "a\\u{009B}2Jb")
        #expect(TerminalSafe.text("\u{85}") == "\\u{0085}")
    }

    @Test("bidi overrides and isolates are escaped so text reads as stored")
    func bidi() {
        #expect(TerminalSafe.text("abc\u{202E}fed") == "abc\\u{202E}fed")
        for value: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            let scalar = Unicode.Scalar(value)!
            #expect(!TerminalSafe.isSafe(scalar))
            #expect(!TerminalSafe.text(String(scalar)).unicodeScalars.contains(scalar))
        }
    }

    @Test("all C0 controls and DEL use caret notation")
    func caret() {
        #expect(TerminalSafe.text("\u{00}\u{07}\u{08}\t\n\r\u{1F}\u{7F}") == "^@^G^H^I^J^M^_^?")
    }

    @Test("the output never contains an unsafe scalar, whatever the input")
    func exhaustiveLowRange() {
        var input = ""
        for value in UInt32(0)...0x2100 {
            if let scalar = Unicode.Scalar(value) { input.unicodeScalars.append(scalar) }
        }
        input += "\u{202E}\u{2066}\u{2028}"
        let safe = TerminalSafe.text(input)
        #expect(safe.unicodeScalars.allSatisfy(TerminalSafe.isSafe))
    }

    @Test("lines splits at line breaks and escapes within each line")
    func lines() {
        #expect(TerminalSafe.lines("one\u{1B}[1m\r\ntwo\nthree") == ["one^[[1m", "two", "three"])
    }
}
