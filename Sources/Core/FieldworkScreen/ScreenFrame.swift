import FieldworkBasics
/// The role a piece of text plays on screen. The renderer maps roles to attributes; composition
/// code never mentions colours, so the same frame reads correctly on a monochrome vt100.
public enum Style: String, Sendable, Hashable, CaseIterable {
    /// Ordinary text.
    case normal
    /// Words the interviewer reads to the respondent (bold).
    case readAloud
    /// Interviewer-only guidance, never read out (dim or coloured; composers also prefix `▸`).
    case instruction
    /// Screen and section titles.
    case heading
    /// A stressed word inside read-aloud text.
    case emphasis
    /// Something needing attention, such as a soft check.
    case warning
    /// Something blocking, such as a failed hard check.
    case alert
    /// The highlighted choice in a list.
    case selected
    /// Secondary detail.
    case dim
    /// Bars such as the title and key footer.
    case reverse
    /// The text being typed.
    case input
}

/// A run of text drawn in one style.
public struct Span: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .normal) {
        self.text = text
        self.style = style
    }

    /// Terminal columns the text occupies once made safe for the terminal.
    public var displayWidth: Int { DisplayWidth.of(TerminalSafe.text(text)) }
}

/// A width and height in terminal cells.
public struct ScreenSize: Sendable, Hashable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The smallest window the interview screens are designed for.
    public static let minimum = ScreenSize(width: 80, height: 24)

    /// Whether this size is at least `other` in both directions.
    public func fits(_ other: ScreenSize) -> Bool { width >= other.width && height >= other.height }

    public var description: String { "\(width)×\(height)" }
}

/// A cell position: zero-based row and column.
public struct ScreenPosition: Sendable, Hashable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// Everything one screen shows: produced by pure composition code, drawn by the terminal shell.
///
/// Keeping the frame a plain value means screens can be tested, diffed and benchmarked without a
/// terminal; the renderer only clips, escapes and paints.
public struct ScreenFrame: Sendable, Hashable {
    /// One screen line: spans drawn left to right from column 0.
    public struct Row: Sendable, Hashable {
        public var spans: [Span]

        public init(_ spans: [Span] = []) { self.spans = spans }

        /// Terminal columns the row occupies.
        public var displayWidth: Int { spans.reduce(0) { $0 + $1.displayWidth } }

        /// The row's text without styles, as a screen capture would show it.
        public var plainText: String { spans.map { TerminalSafe.text($0.text) }.joined() }
    }

    public var size: ScreenSize
    /// Row `i` is drawn on screen line `i`; missing rows are blank.
    public var rows: [Row]
    /// Where the terminal cursor should sit (for example in an input line); nil hides it.
    public var cursor: ScreenPosition?

    public init(size: ScreenSize, rows: [Row] = [], cursor: ScreenPosition? = nil) {
        self.size = size
        self.rows = rows
        self.cursor = cursor
    }

    public var width: Int { size.width }
    public var height: Int { size.height }

    /// Replaces the spans of screen line `row`, adding blank lines before it if needed.
    /// Rows outside the frame's height are ignored (a composer bug must not crash an interview).
    public mutating func set(row: Int, _ spans: [Span]) {
        guard row >= 0 && row < size.height else { return }
        while rows.count <= row { rows.append(Row()) }
        rows[row] = Row(spans)
    }

    /// The frame as plain text lines, for tests and snapshots.
    public var plainLines: [String] { rows.map(\.plainText) }

    /// Shown instead of the real screen when the window is smaller than the screens need, so the
    /// interviewer knows to enlarge it rather than seeing a garbled or cut-off question.
    public static func tooSmall(size: ScreenSize, minimum: ScreenSize = .minimum) -> ScreenFrame {
        let message = "window too small: make it at least \(minimum)"
        let detail = "now \(size) · keys wait until then · Ctrl-C leaves"
        var frame = ScreenFrame(size: size)
        let width = max(size.width, 1)
        var lines = TextLayout.wrap(message, width: width).map { Span($0, .alert) }
        lines += TextLayout.wrap(detail, width: width).map { Span($0, .normal) }
        let top = max(0, (size.height - lines.count) / 2)
        for (offset, span) in lines.enumerated() {
            let indent = max(0, (width - span.displayWidth) / 2)
            frame.set(row: top + offset, [Span(String(repeating: " ", count: indent)), span])
        }
        return frame
    }
}
