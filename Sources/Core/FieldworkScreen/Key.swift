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

    /// True for the events that mean "stop now": hangup, terminate and interrupt.
    public var isShutdownRequest: Bool {
        switch self {
        case .hangup, .terminate, .interrupt: return true
        default: return false
        }
    }
}
