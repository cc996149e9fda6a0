import FieldworkBasics
/// A one-row line made of parts where some parts must always show whole (a phone number, a loop
/// counter, a question id) and others may be shortened to make room (a business name, a section
/// title). Shortened parts end in `…`, so nothing is cut silently.
public struct ElasticLine: Sendable, Hashable {
    public struct Part: Sendable, Hashable {
        public var span: Span
        /// True when the part may be shortened; parts are shortened first to last.
        public var shrinks: Bool

        public init(_ text: String, _ style: Style = .normal, shrinks: Bool = false) {
            self.span = Span(TerminalSafe.text(text), style)
            self.shrinks = shrinks
        }
    }

    public var parts: [Part]

    public init(_ parts: [Part]) {
        self.parts = parts.filter { !$0.span.text.isEmpty }
    }

    /// The parts as spans in at most `width` columns: shrinkable parts give up columns (down to a
    /// single `…`) until the line fits; if the fixed parts alone are too wide, the line is cut
    /// at the end by `TextLayout.fit`.
    public func layout(width: Int) -> [Span] {
        var spans = parts.map(\.span)
        var overflow = spans.reduce(0) { $0 + DisplayWidth.of($1.text) } - width
        for (index, part) in parts.enumerated() where part.shrinks && overflow > 0 {
            let current = DisplayWidth.of(spans[index].text)
            let target = max(1, current - overflow)
            spans[index].text = TextLayout.clip(spans[index].text, width: target)
            overflow -= current - DisplayWidth.of(spans[index].text)
        }
        return TextLayout.fit(spans, width: width)
    }
}
