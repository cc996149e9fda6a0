#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character set curses draws in. The screen needs UTF-8 (`£`, `…`, `▸`); under `LANG=C`, or
/// a UTF-8 locale that is not installed, curses would drop those characters and leave stale cells
/// behind. So the user's locale is taken when it is UTF-8, and otherwise a UTF-8 locale that
/// exists (C.UTF-8 first) is used instead, with a one-line notice saying so.
enum TerminalLocale {
    /// UTF-8 locales tried, in order, when the user's own is not UTF-8.
    static let fallbacks = ["C.UTF-8", "C.utf8", "en_GB.UTF-8", "en_US.UTF-8"]

    /// Sets the process locale for the screen. Returns the notice to show once (nil when the
    /// user's locale is UTF-8); throws when no UTF-8 locale is installed at all.
    static func select() throws(TerminalError) -> String? {
        let requested = setlocale(LC_ALL, "") != nil
        if isUTF8() { return nil }
        let described = describeUserLocale()
        for name in fallbacks where setlocale(LC_ALL, name) != nil && isUTF8() {
            let why = requested ? "is not UTF-8" : "is not installed"
            return "Locale \(described) \(why): the screen uses \(name). Set LANG to a UTF-8 locale to avoid this notice."
        }
        setlocale(LC_ALL, "C")
        throw TerminalError("the interview screen needs a UTF-8 locale, and \(described) is not one and none of \(fallbacks.joined(separator: ", ")) is installed: install one (for example apt-get install locales && locale-gen en_GB.UTF-8) and set LANG to it")
    }

    static func isUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// "LANG=C" (the variable that decides, as the C library reads them), or "(unset)".
    static func describeUserLocale() -> String {
        for variable in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = getenv(variable).map({ String(cString: $0) }), !value.isEmpty { return "\(variable)=\(value)" }
        }
        return "(LANG unset)"
    }
}
