import FieldworkScreen
import Testing
@testable import FieldworkCases

@Suite struct TerminalSafeTests {
    @Test func escapesControlSequences() {
        #expect(TerminalSafe.text("\u{1b}[2JHello") == "^[[2JHello")
        #expect(TerminalSafe.text("a\nb\tc") == "a^Jb^Ic")
        #expect(TerminalSafe.text("x\u{7f}") == "x^?")
        #expect(TerminalSafe.text("\u{9b}31m") == "<U+009B>31m")
        #expect(TerminalSafe.text("\u{1b}]0;owned\u{07}") == "^[]0;owned^G")
        #expect(TerminalSafe.text("evil\u{202E}txt") == "evil<U+202E>txt")
    }

    @Test func leavesOrdinaryTextAlone() {
        #expect(TerminalSafe.text("Café Ltd — £5m") == "Café Ltd — £5m")
        #expect(TerminalSafe.text("") == "")
    }
}
