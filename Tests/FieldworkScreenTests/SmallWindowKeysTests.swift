import FieldworkEngine
import FieldworkScreen
import Testing

/// Nothing is acted on unseen while the window is too small.
@Suite("Keys while the window is too small")
struct SmallWindowKeysTests {
    @Test func answerKeysAreIgnored() {
        for key: Key in [.character("1"), .enter, .function(2), .function(8), .ctrl("d"), .backspace, .escape, .character("y")] {
            #expect(SmallWindowKeys.action(for: key) == .ignore, "\(key)")
        }
    }

    @Test func resizeSignalsAndCtrlCStillWork() {
        #expect(SmallWindowKeys.action(for: .resize) == .handle)
        #expect(SmallWindowKeys.action(for: .hangup) == .handle)
        #expect(SmallWindowKeys.action(for: .terminate) == .handle)
        #expect(SmallWindowKeys.action(for: .ctrl("c")) == .leave)
    }

    @Test func theNoticeSaysKeysWait() {
        let text = ScreenFrame.tooSmall(size: ScreenSize(width: 60, height: 20)).plainLines.joined(separator: " ")
        #expect(text.contains("keys wait until then"))
        #expect(text.contains("Ctrl-C leaves"))
    }
}
