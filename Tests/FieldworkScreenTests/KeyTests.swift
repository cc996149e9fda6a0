import Testing
@testable import FieldworkScreen

@Suite("Key.decode")
struct KeyTests {
    @Test("printable scalars are characters")
    func printable() {
        #expect(Key.decode("a") == .character("a"))
        #expect(Key.decode("£") == .character("£"))
        #expect(Key.decode("東") == .character("東"))
    }

    @Test("Enter, Tab, Backspace and Escape bytes are named keys")
    func named() {
        #expect(Key.decode("\r") == .enter)
        #expect(Key.decode("\n") == .enter)
        #expect(Key.decode("\t") == .tab)
        #expect(Key.decode("\u{7F}") == .backspace)
        #expect(Key.decode("\u{08}") == .backspace)
        #expect(Key.decode("\u{1B}") == .escape)
    }

    @Test("control bytes are Ctrl chords named by lower-case letter (raw mode delivers Ctrl-C, Ctrl-Z)")
    func control() {
        #expect(Key.decode("\u{01}") == .ctrl("a"))
        #expect(Key.decode("\u{03}") == .ctrl("c"))
        #expect(Key.decode("\u{18}") == .ctrl("x"))
        #expect(Key.decode("\u{1A}") == .ctrl("z"))
        #expect(Key.decode("\u{00}") == .ctrl("@"))
        #expect(Key.decode("\u{1C}") == .ctrl("\\"))
        #expect(Key.decode("\u{1F}") == .ctrl("_"))
    }

    @Test("C1 controls are never characters")
    func c1() {
        #expect(Key.decode("\u{9B}") == .unknown(0x9B))
    }

    @Test("shutdown events are recognisable")
    func shutdown() {
        #expect(Key.hangup.isShutdownRequest)
        #expect(Key.terminate.isShutdownRequest)
        #expect(!Key.ctrl("c").isShutdownRequest)
        #expect(!Key.resize.isShutdownRequest)
    }
}
