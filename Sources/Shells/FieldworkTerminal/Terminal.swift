import FieldworkBasics
import CNcurses
import FieldworkScreen
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ncurses (wide-character) terminal: starts and restores the screen, reads keys, draws frames.
///
/// It is deliberately not `Sendable`: curses has one global screen and must be driven from one
/// thread, and the compiler enforces that by keeping a `Terminal` in the isolation domain that
/// created it. Everything written goes through `TerminalSafe`, so data cannot drive the terminal.
public final class Terminal {
    /// Start-up settings.
    public struct Options: Sendable {
        /// How long curses waits after ESC for the rest of an escape sequence. Low, so Escape feels
        /// instant to fast typists, but long enough for arrow keys over ssh.
        public var escapeDelayMilliseconds: Int32 = 25
        /// Use colour when the terminal has it; otherwise only bold/dim/reverse/underline.
        public var useColour: Bool = true

        public init(escapeDelayMilliseconds: Int32 = 25, useColour: Bool = true) {
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
            self.useColour = useColour
        }
    }

    public let options: Options
    /// Whether curses currently owns the screen.
    public private(set) var isActive = false
    /// Whether styles are drawn with colour (false on vt100 and with colour turned off).
    public private(set) var usesColour = false

    /// Something the user should be told once about how the screen was started (a locale
    /// fallback), for the first screen to show; see `takeStartNotice`.
    private var startNotice: String?
    private var screen: OpaquePointer?
    private var savedSignals: SignalFlags.Saved?
    private var styleAttributes: [Style: (attributes: attr_t, pair: Int16)] = [:]
    private var extendedKeys: [Int32: Key] = [:]

    public init(options: Options = Options()) {
        self.options = options
    }

    deinit {
        stop()
    }

    /// Takes over the terminal: UTF-8 locale, raw unechoed input with decoded function keys,
    /// colours or monochrome attributes, and handlers that turn SIGHUP/SIGTERM/SIGINT into keys.
    public func start() throws(TerminalError) {
        guard !isActive else { return }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError("the interview screen needs an interactive terminal: run it in a terminal window, not with input or output redirected")
        }
        // Without a UTF-8 locale curses treats input as single bytes and cannot draw "£", "…", "▸".
        let localeNotice = try TerminalLocale.select()
        // A terminal type without cursor addressing would get a blank screen: refuse it first.
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        if term.isEmpty || term == "dumb" {
            throw TerminalError("the interview screen cannot run on TERM=\(term.isEmpty ? "(unset)" : term), which cannot move the cursor: run it in a terminal window with TERM set to its type (for example xterm-256color)")
        }
        // Exported LINES/COLUMNS (test runners, some shells) would freeze curses at that size and
        // hide every resize; they describe the terminal at some past moment, so drop them.
        unsetenv("LINES")
        unsetenv("COLUMNS")
        guard let screen = fw_start_screen() else {
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw TerminalError("cannot start the screen for TERM=\(term): set TERM to your terminal's type (for example xterm-256color) and check that its terminfo entry is installed (apt-get install ncurses-term)")
        }
        // A terminfo entry without cursor addressing draws nothing: give the terminal back at once.
        guard Self.canAddressCursor() else {
            endwin()
            delscreen(screen)
            throw TerminalError("the interview screen cannot run on TERM=\(term): its terminal description cannot move the cursor. Set TERM to your terminal's type (for example xterm-256color)")
        }
        self.screen = screen
        isActive = true
        startNotice = localeNotice
        fw_configure_input(options.escapeDelayMilliseconds)
        configureStyles()
        discoverExtendedKeys()
        // Install after curses, which sets its own SIGINT/SIGTERM handlers that would exit at once.
        savedSignals = SignalFlags.install()
    }

    /// The start-up notice, once: later calls return nil.
    public func takeStartNotice() -> String? {
        defer { startNotice = nil }
        return startNotice
    }

    /// True when the current terminal description has cursor addressing (`cup`).
    private static func canAddressCursor() -> Bool {
        guard let capability = tigetstr("cup") else { return false }
        return Int(bitPattern: capability) != -1
    }

    /// Gives the terminal back (endwin) and restores signal handling. Safe to call more than once;
    /// call it on every exit path, including after `.hangup` and `.terminate`.
    public func stop() {
        guard isActive else { return }
        isActive = false
        // Terminals without an alternate screen (the Linux console) would otherwise keep the last
        // interview on display after exit; respondents' answers must not linger there.
        werase(fw_stdscr())
        wnoutrefresh(fw_stdscr())
        doupdate()
        curs_set(1)
        endwin()
        if let screen {
            delscreen(screen)
            self.screen = nil
        }
        if let saved = savedSignals {
            SignalFlags.uninstall(saved)
            savedSignals = nil
        }
    }

    /// Runs `body` with a started terminal and always stops it afterwards, error or not.
    public static func run<Value>(options: Options = Options(), _ body: (Terminal) throws -> Value) throws -> Value {
        let terminal = Terminal(options: options)
        try terminal.start()
        defer { terminal.stop() }
        return try body(terminal)
    }

    /// A hangup or termination request received so far (still reported after `stop()`), so code
    /// that runs after the screen has closed knows to finish saving and exit rather than carry on.
    public static var pendingShutdown: Key? { SignalFlags.shutdownKey() }

    /// The current window size in cells.
    public var size: ScreenSize {
        guard isActive else { return ScreenSize(width: 0, height: 0) }
        return ScreenSize(width: Int(fw_screen_width()), height: Int(fw_screen_height()))
    }

    // MARK: Input

    /// Waits up to `timeoutMilliseconds` (nil: until something happens) for a key or event.
    /// Returns nil on timeout. Signals are reported as `.hangup`, `.terminate` or `.interrupt`,
    /// a closed terminal as `.hangup`, and a window size change as `.resize`.
    public func readKey(timeoutMilliseconds: Int? = nil) -> Key? {
        guard isActive else { return SignalFlags.pendingKey() ?? .hangup }
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds.map { clock.now + .milliseconds(max(0, $0)) }
        while true {
            if let signalled = SignalFlags.pendingKey() { return signalled }
            // Wait in short slices so a signal is noticed promptly even when no key comes.
            var slice: Int32 = 200
            if let deadline {
                let remaining = clock.now.duration(to: deadline)
                let remainingMs = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
                slice = Int32(max(0, min(200, remainingMs)))
            }
            let sliceStart = clock.now
            var value: UInt32 = 0
            let kind = fw_read_key(slice, &value)
            switch Int(kind) {
            case FW_READ_CHARACTER:
                if value == 0x1B { return escapeOrUnknownSequence() }
                if let scalar = Unicode.Scalar(value) { return Key.decode(scalar) }
                return .unknown(Int(value))
            case FW_READ_KEY_CODE:
                return key(forCode: Int32(bitPattern: value))
            default:
                // Returned early without input: the terminal may have gone away.
                if sliceStart.duration(to: clock.now) < .milliseconds(Int64(slice) / 2), inputClosed() {
                    SignalFlags.noteHangup()
                    return .hangup
                }
                if let deadline, clock.now >= deadline { return nil }
            }
        }
    }

    /// After ESC: a lone Escape, or the start of an escape sequence curses did not recognise (a
    /// function key this terminal type does not describe). The rest of such a sequence is already
    /// waiting, and is swallowed so "[21~" is never typed into an answer.
    private func escapeOrUnknownSequence() -> Key {
        var value: UInt32 = 0
        let next = fw_read_key(0, &value)
        if next == FW_READ_KEY_CODE {
            _ = ungetch(Int32(bitPattern: value))  // a decoded key right after Escape: keep it
            return .escape
        }
        guard next == FW_READ_CHARACTER else { return .escape }
        guard value == 0x5B || value == 0x4F else {  // '[' (CSI) or 'O' (SS3)
            _ = unget_wch(wchar_t(bitPattern: value))  // Alt+key: Escape now, the key next
            return .escape
        }
        // Parameters and intermediates, then one final byte in 0x40...0x7E.
        var body = String.UnicodeScalarView()
        if let introducer = Unicode.Scalar(value) { body.append(introducer) }
        for _ in 0..<32 {
            guard fw_read_key(0, &value) == FW_READ_CHARACTER, let scalar = Unicode.Scalar(value) else { break }
            body.append(scalar)
            if (0x40...0x7E).contains(value) && body.count > 1 { break }
        }
        return Key.decodeEscapeSequence(String(body)) ?? .unknown(0x1B)
    }

    /// Maps a curses KEY_* code to a `Key`.
    func key(forCode code: Int32) -> Key {
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1, KEY_LL: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_BTAB: return .backTab
        case fw_key_f(1)...fw_key_f(63): return .function(Int(code - fw_key_f(0)))
        default: return extendedKeys[code] ?? .unknown(Int(code))
        }
    }

    /// Finds the codes curses gave to Ctrl-Left/Ctrl-Right (terminfo extended names kLFT5/kRIT5),
    /// which differ from terminal to terminal.
    private func discoverExtendedKeys() {
        extendedKeys = [:]
        let wanted: [String: Key] = ["kLFT5": .wordLeft, "kRIT5": .wordRight, "kLFT3": .wordLeft, "kRIT3": .wordRight]
        for code in (KEY_MAX + 1)...(KEY_MAX + 1024) {
            guard let name = keyname(code) else { continue }
            if let key = wanted[String(cString: name)] { extendedKeys[code] = key }
        }
    }

    /// True when standard input reports hang-up or error (the terminal is gone).
    private func inputClosed() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, 0)
        if ready < 0 { return errno != EINTR }
        let bad = Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
        return descriptor.revents & bad != 0
    }

    // MARK: Output

    /// Draws a frame: clears, paints every row clipped to the window (a clipped row ends in `…`),
    /// places or hides the cursor, and updates the screen in one go (no flicker).
    public func draw(_ frame: ScreenFrame) {
        guard isActive else { return }
        let window = size
        werase(fw_stdscr())
        let visibleRows = min(frame.rows.count, window.height)
        for index in 0..<visibleRows {
            drawRow(frame.rows[index], at: index, columns: window.width)
        }
        let hiddenRows = frame.rows.dropFirst(window.height).contains { !$0.spans.isEmpty }
        if hiddenRows && window.height > 0 {
            let note = ScreenFrame.Row([Span("… more than the window shows: make it taller", .warning)])
            drawRow(note, at: window.height - 1, columns: window.width)
        }
        if let cursor = frame.cursor, cursor.row >= 0, cursor.row < window.height,
           cursor.column >= 0, cursor.column < window.width {
            curs_set(1)
            wmove(fw_stdscr(), Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wnoutrefresh(fw_stdscr())
        doupdate()
    }

    /// Draws `compose(size)` if the window is at least `minimum`, otherwise the "window too small"
    /// frame. Returns whether the real screen was drawn.
    @discardableResult
    public func present(minimum: ScreenSize = .minimum, _ compose: (ScreenSize) -> ScreenFrame) -> Bool {
        let current = size
        if current.fits(minimum) {
            draw(compose(current))
            return true
        }
        draw(ScreenFrame.tooSmall(size: current, minimum: minimum))
        return false
    }

    private func drawRow(_ row: ScreenFrame.Row, at y: Int, columns: Int) {
        var x = 0
        for span in TextLayout.fit(row.spans, width: columns) {
            var wide: [wchar_t] = span.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            let look = styleAttributes[span.style] ?? (fw_attr_normal(), 0)
            fw_set_attributes(look.attributes, look.pair)
            _ = wide.withUnsafeBufferPointer { buffer in
                fw_add_wide(Int32(y), Int32(x), buffer.baseAddress, Int32(buffer.count - 1))
            }
            x += DisplayWidth.of(span.text)
        }
        fw_set_attributes(fw_attr_normal(), 0)
    }

    // MARK: Styles

    /// Chooses attributes for each style. Meaning never rests on colour alone: read-aloud text is
    /// bold everywhere, instructions carry a `▸` prefix from the composer, alerts are reversed.
    private func configureStyles() {
        let bold = fw_attr_bold()
        let dim = fw_terminal_supports(fw_attr_dim()) != 0 ? fw_attr_dim() : fw_attr_normal()
        let reverse = fw_attr_reverse()
        let underline = fw_attr_underline()
        let normal = fw_attr_normal()

        usesColour = false
        if options.useColour && has_colors() {
            start_color()
            let background: Int16 = use_default_colors() == OK ? -1 : Int16(COLOR_BLACK)
            if fw_color_pairs() >= 4 {
                init_pair(1, Int16(COLOR_CYAN), background)
                init_pair(2, Int16(COLOR_YELLOW), background)
                init_pair(3, Int16(COLOR_RED), background)
                usesColour = true
            }
        }

        var table: [Style: (attributes: attr_t, pair: Int16)] = [
            .normal: (normal, 0),
            .readAloud: (bold, 0),
            .instruction: (dim, 0),
            .heading: (bold | underline, 0),
            .emphasis: (bold | underline, 0),
            .warning: (bold, 0),
            .alert: (bold | reverse, 0),
            .selected: (reverse, 0),
            .dim: (dim, 0),
            .reverse: (reverse, 0),
            .input: (underline, 0),
        ]
        if usesColour {
            table[.instruction] = (normal, 1)
            table[.warning] = (bold, 2)
            table[.alert] = (bold | reverse, 3)
        }
        styleAttributes = table
    }
}
