import Testing
@testable import FieldworkScreen

@Suite("ScreenFrame and FrameBuilder")
struct ScreenFrameTests {
    @Test("the too-small frame names the minimum and the current size, within the window")
    func tooSmall() {
        let frame = ScreenFrame.tooSmall(size: ScreenSize(width: 60, height: 20))
        let text = frame.plainLines.joined(separator: "\n")
        #expect(text.contains("window too small: make it at least 80×24"))
        #expect(text.contains("now 60×20"))
        #expect(frame.plainLines.allSatisfy { DisplayWidth.of($0) <= 60 })
        #expect(frame.rows.count <= 20)
    }

    @Test("the too-small message wraps rather than being cut in a very narrow window")
    func tooSmallNarrow() {
        let frame = ScreenFrame.tooSmall(size: ScreenSize(width: 12, height: 10))
        let words = frame.plainLines.joined(separator: " ").split(separator: " ").map(String.init)
        #expect(words.contains("small:"))
        #expect(words.contains("80×24"))
        #expect(frame.plainLines.allSatisfy { DisplayWidth.of($0) <= 12 })
    }

    @Test("instructions carry the ▸ prefix and align continuation lines")
    func instruction() {
        var builder = FrameBuilder(size: ScreenSize(width: 20, height: 10))
        builder.instruction("Do not read out the answer codes")
        let lines = builder.build().plainLines
        #expect(lines.first?.hasPrefix("▸ ") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") && !$0.hasPrefix("   ") })
        #expect(builder.build().rows.first?.spans.allSatisfy { $0.style == .instruction } == true)
    }

    @Test("read-aloud text keeps its style on every wrapped line")
    func readAloud() {
        var builder = FrameBuilder(size: ScreenSize(width: 30, height: 10))
        builder.prefixed("Could I speak to the person responsible for employment decisions?",
                         style: .readAloud, first: "Q1. ", prefixStyle: .heading)
        let frame = builder.build()
        #expect(frame.rows.count == 3)
        #expect(frame.rows.allSatisfy { $0.spans.contains { $0.style == .readAloud } })
        #expect(frame.rows.allSatisfy { $0.displayWidth <= 30 })
        #expect(frame.plainLines[1].hasPrefix("    "))
        #expect(frame.rows[0].spans.first == Span("Q1. ", .heading))
        #expect(frame.rows[1].spans.first == Span("    ", .normal))
    }

    @Test("data with escape sequences is made safe before layout")
    func safeBeforeLayout() {
        var builder = FrameBuilder(size: ScreenSize(width: 40, height: 5))
        builder.paragraph("ACME\u{1B}[2J Ltd")
        #expect(builder.build().plainLines == ["ACME^[[2J Ltd"])
    }

    @Test("content that does not fit is reported, not silently dropped")
    func overflow() {
        var builder = FrameBuilder(size: ScreenSize(width: 20, height: 5))
        for index in 1...8 { builder.line("line \(index)") }
        builder.footer("keys")
        let frame = builder.build()
        #expect(builder.hiddenLineCount == 4)
        #expect(frame.plainLines[3].contains("5 more lines"))
        #expect(frame.plainLines[4].hasPrefix("keys"))
    }

    @Test("bars span the width with the right-hand text flush right")
    func bar() {
        let text = FrameBuilder.barText("Title", right: "80×24", width: 20)
        #expect(text == "Title          80×24")
        #expect(DisplayWidth.of(FrameBuilder.barText(String(repeating: "x", count: 30), right: "R", width: 20)) == 20)
    }

    @Test("set ignores rows outside the frame")
    func setOutside() {
        var frame = ScreenFrame(size: ScreenSize(width: 10, height: 2))
        frame.set(row: 5, [Span("x")])
        frame.set(row: -1, [Span("x")])
        frame.set(row: 1, [Span("y")])
        #expect(frame.plainLines == ["", "y"])
    }
}
