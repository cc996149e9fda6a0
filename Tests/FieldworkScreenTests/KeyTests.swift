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

@Suite("Key.decodeEscapeSequence")
struct EscapeSequenceTests {
    @Test("VT220-style tilde sequences")
    func tilde() {
        #expect(Key.decodeEscapeSequence("[1~") == .home)
        #expect(Key.decodeEscapeSequence("[4~") == .end)
        #expect(Key.decodeEscapeSequence("[3~") == .delete)
        #expect(Key.decodeEscapeSequence("[5~") == .pageUp)
        #expect(Key.decodeEscapeSequence("[6~") == .pageDown)
        #expect(Key.decodeEscapeSequence("[21~") == .function(10))
        #expect(Key.decodeEscapeSequence("[11~") == .function(1))
        #expect(Key.decodeEscapeSequence("[24~") == .function(12))
        #expect(Key.decodeEscapeSequence("[99~") == nil)
    }

    @Test("cursor keys in normal and application mode, with Ctrl as word movement")
    func cursor() {
        #expect(Key.decodeEscapeSequence("[A") == .up)
        #expect(Key.decodeEscapeSequence("OB") == .down)
        #expect(Key.decodeEscapeSequence("OH") == .home)
        #expect(Key.decodeEscapeSequence("[F") == .end)
        #expect(Key.decodeEscapeSequence("[1;5D") == .wordLeft)
        #expect(Key.decodeEscapeSequence("[1;5C") == .wordRight)
        #expect(Key.decodeEscapeSequence("[1;2C") == .right)
        #expect(Key.decodeEscapeSequence("[Z") == .backTab)
        #expect(Key.decodeEscapeSequence("OP") == .function(1))
        #expect(Key.decodeEscapeSequence("OS") == .function(4))
    }

    @Test("anything else is not a key")
    func rejects() {
        #expect(Key.decodeEscapeSequence("") == nil)
        #expect(Key.decodeEscapeSequence("[") == nil)
        #expect(Key.decodeEscapeSequence("]0;title") == nil)
        #expect(Key.decodeEscapeSequence("[x;yA") == nil)
        #expect(Key.decodeEscapeSequence("[2J") == nil)
    }
}
