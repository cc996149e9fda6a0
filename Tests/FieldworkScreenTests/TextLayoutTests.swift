import Testing
@testable import FieldworkScreen

@Suite("TextLayout.wrap")
struct TextLayoutTests {
    private func nonSpace(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    @Test("wraps at word boundaries within the width")
    func wordBoundaries() {
        let lines = TextLayout.wrap("the quick brown fox jumps over the lazy dog", width: 10)
        #expect(lines == ["the quick", "brown fox", "jumps over", "the lazy", "dog"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 10 })
    }

    @Test("joining the wrapped lines gives back every word in order")
    func losesNothing() {
        let text = "Good morning. Could I speak to the person responsible for employment decisions at Müller & Søn Ltd, 東京支店, about £1,250,000 of investment? Supercalifragilisticexpialidocious."
        for width in [1, 2, 3, 5, 8, 13, 20, 40, 79, 80, 200] {
            let lines = TextLayout.wrap(text, width: width)
            #expect(nonSpace(lines.joined()) == nonSpace(text), "width \(width)")
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= max(width, 2) }, "width \(width)")
        }
    }

    @Test("a word longer than the width is broken, not cut")
    func longWord() {
        let lines = TextLayout.wrap("abcdefghij klm", width: 4)
        #expect(lines == ["abcd", "efgh", "ij", "klm"])
    }

    @Test("breaking counts display width: wide characters are not split across the edge")
    func wideCharacters() {
        let lines = TextLayout.wrap("東京都庁舎", width: 5)
        #expect(lines == ["東京", "都庁", "舎"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 5 })
    }

    @Test("explicit newlines are kept, including empty lines")
    func newlines() {
        #expect(TextLayout.wrap("one\ntwo\n\nthree", width: 20) == ["one", "two", "", "three"])
        #expect(TextLayout.wrap("a\r\nb", width: 20) == ["a", "b"])
        #expect(TextLayout.wrap("", width: 20) == [""])
    }

    @Test("indentation is kept; whitespace at a break is dropped")
    func whitespace() {
        #expect(TextLayout.wrap("  indented text here", width: 12) == ["  indented", "text here"])
        #expect(TextLayout.wrap("a  b", width: 10) == ["a  b"])
    }

    @Test("a zero or negative width still makes progress")
    func degenerateWidth() {
        let lines = TextLayout.wrap("abc", width: 0)
        #expect(lines == ["a", "b", "c"])
    }

    @Test("clip marks the cut with an ellipsis and respects display width")
    func clip() {
        #expect(TextLayout.clip("hello world", width: 8) == "hello w…")
        #expect(TextLayout.clip("hello", width: 8) == "hello")
        #expect(TextLayout.clip("東京都庁", width: 6) == "東京…")
        #expect(DisplayWidth.of(TextLayout.clip("東京都庁", width: 6)) <= 6)
        #expect(TextLayout.clip("abc", width: 0) == "")
    }

    @Test("pad fills to a display width")
    func pad() {
        #expect(TextLayout.pad("東", toWidth: 4) == "東  ")
        #expect(TextLayout.pad("abcdef", toWidth: 4) == "abcdef")
    }
}

@Suite("TextLayout.fit (what the renderer paints)")
struct FitTests {
    @Test("a row that fits is only made safe")
    func fits() {
        let spans = TextLayout.fit([Span("Q1. ", .heading), Span("Zoë \u{1B}[2J", .readAloud)], width: 80)
        #expect(spans == [Span("Q1. ", .heading), Span("Zoë ^[[2J", .readAloud)])
    }

    @Test("a row that is too wide ends in … within the width, in the cut span's style")
    func cut() {
        let spans = TextLayout.fit([Span("abc", .heading), Span("defghij", .readAloud)], width: 6)
        #expect(spans == [Span("abc", .heading), Span("de", .readAloud), Span("…", .readAloud)])
        #expect(spans.reduce(0) { $0 + DisplayWidth.of($1.text) } == 6)
    }

    @Test("a wide character that would straddle the edge is replaced by the marker")
    func wideAtEdge() {
        let spans = TextLayout.fit([Span("ab東京")], width: 4)
        #expect(spans.map(\.text).joined() == "ab…")
        #expect(spans.reduce(0) { $0 + DisplayWidth.of($1.text) } <= 4)
    }

    @Test("escaping happens before measuring, so escapes cannot push text off the edge unmarked")
    func escapesMeasured() {
        let spans = TextLayout.fit([Span("\u{1B}\u{1B}\u{1B}abc")], width: 6)
        #expect(spans.map(\.text).joined() == "^[^[^…")
    }

    @Test("zero width gives nothing; empty spans are dropped")
    func edges() {
        #expect(TextLayout.fit([Span("abc")], width: 0).isEmpty)
        #expect(TextLayout.fit([Span(""), Span("a")], width: 5) == [Span("a")])
    }
}
