/// A key press (or terminal event) decoded from the terminal, independent of ncurses.
///
/// The interview screen reacts to these values only, so its behaviour can be tested without a
/// terminal. Events that are not key presses but must reach the same loop — the window being
/// resized, the line dropping (SIGHUP), a termination request — are keys too, so one `readKey`
/// loop sees everything and can close the journal before exiting.
public enum Key: Sendable, Hashable {
    /// A printable character (never a control character).
    case character(Character)
    case enter
    case backspace
    case delete
    case tab
    case backTab
    case escape
    case up, down, left, right
    case home, end
    case pageUp, pageDown
    case insert
    /// Ctrl-Left / Ctrl-Right where the terminal reports them.
    case wordLeft, wordRight
    /// F1 … F63.
    case function(Int)
    /// A control chord, named by its lower-case letter or symbol: Ctrl-X is `.ctrl("x")`.
    /// Ctrl-C and Ctrl-Z arrive this way because the terminal runs in raw mode.
    case ctrl(Character)
    /// The window changed size: re-read the size and redraw.
    case resize
    /// The controlling terminal went away (SIGHUP): save and exit without drawing.
    case hangup
    /// SIGINT arrived from outside (in raw mode the keyboard sends `.ctrl("c")` instead).
    case interrupt
    /// SIGTERM: the system asks the program to stop; save and exit.
    case terminate
    /// A key the terminal reported that has no meaning here, with its raw code for diagnostics.
    case unknown(Int)

    /// Decodes a character-valued input scalar: control bytes become named keys or `.ctrl`, C1
    /// controls become `.unknown`, anything else is `.character`.
    public static func decode(_ scalar: Unicode.Scalar) -> Key {
        let value = scalar.value
        switch value {
        case 0x0A, 0x0D: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .ctrl("@")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(value + 0x60))))
        case 0x1C...0x1F: return .ctrl(Character(Unicode.Scalar(UInt8(value + 0x40))))
        case 0x80...0x9F: return .unknown(Int(value))
        default: return .character(Character(scalar))
        }
    }

    /// Decodes the part after ESC of a common xterm/VT220-style key sequence (`[1~`, `OH`,
    /// `[21~`, `[1;5D` …). The terminal layer uses it for sequences the terminfo entry does not
    /// describe — for example tmux sends `ESC [1~` for Home whatever TERM says — so keys still work
    /// and their bytes are never typed into an answer. Returns nil for anything else.
    public static func decodeEscapeSequence(_ body: String) -> Key? {
        let scalars = Array(body.unicodeScalars)
        guard scalars.count >= 2, let introducer = scalars.first, let final = scalars.last,
              introducer == "[" || introducer == "O" else { return nil }
        let parameterText = String(String.UnicodeScalarView(scalars[1..<(scalars.count - 1)]))
        let parameters = parameterText.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard parameters.allSatisfy({ $0 != nil }) || parameterText.isEmpty else { return nil }
        let numbers = parameterText.isEmpty ? [] : parameters.compactMap { $0 }
        // xterm modifiers: 1 + (shift 1, alt 2, ctrl 4); 3 (alt) and 5 (ctrl) move by words.
        let modifier = numbers.count >= 2 ? numbers[1] : 1
        let byWord = modifier == 3 || modifier == 5

        if introducer == "[" && final == "~" {
            switch numbers.first ?? 0 {
            case 1, 7: return .home
            case 2: return .insert
            case 3: return .delete
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            case 11...15: return .function((numbers.first ?? 0) - 10)
            case 17...21: return .function((numbers.first ?? 0) - 11)
            case 23, 24: return .function((numbers.first ?? 0) - 12)
            default: return nil
            }
        }
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return byWord ? .wordRight : .right
        case "D": return byWord ? .wordLeft : .left
        case "H": return .home
        case "F": return .end
        case "Z": return introducer == "[" ? .backTab : nil
        case "P", "Q", "R", "S":
            return .function(Int(final.value - ("P" as Unicode.Scalar).value) + 1)
        case "M" where introducer == "O": return .enter  // keypad Enter in application mode
        default: return nil
        }
    }

    /// True for the events that mean "stop now": hangup, terminate and interrupt.
    public var isShutdownRequest: Bool {
        switch self {
        case .hangup, .terminate, .interrupt: return true
        default: return false
        }
    }
}
