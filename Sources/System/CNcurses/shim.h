#ifndef FIELDWORK_CNCURSES_SHIM_H
#define FIELDWORK_CNCURSES_SHIM_H
/* Wide-character curses: without this get_wch, wint_t and the wadd_wch family do not import. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/*
 * Swift cannot import function-like macros and treats C globals such as stdscr, LINES and COLS
 * as not concurrency-safe. These small functions give Swift a safe, typed surface.
 */

/* The standard screen (stdscr is a global variable, not importable safely). */
static inline WINDOW *fw_stdscr(void) { return stdscr; }

/* getmaxyx is a macro. */
static inline int fw_screen_height(void) { int y, x; getmaxyx(stdscr, y, x); (void)x; return y; }
static inline int fw_screen_width(void) { int y, x; getmaxyx(stdscr, y, x); (void)y; return x; }

/* Attribute bits are macros built with NCURSES_BITS. */
static inline attr_t fw_attr_normal(void) { return A_NORMAL; }
static inline attr_t fw_attr_bold(void) { return A_BOLD; }
static inline attr_t fw_attr_dim(void) { return A_DIM; }
static inline attr_t fw_attr_reverse(void) { return A_REVERSE; }
static inline attr_t fw_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t fw_attr_standout(void) { return A_STANDOUT; }
/* COLOR_PAIRS is a global variable set by start_color. */
static inline int fw_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t fw_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

/* Whether the terminal description says it supports an attribute (termattrs is a function but
   the comparison with macro bits is easier here). */
static inline int fw_terminal_supports(attr_t attribute) { return (term_attrs() & attribute) == attribute; }

/* Sets the attributes and colour pair for following output on stdscr. */
static inline int fw_set_attributes(attr_t attributes, short pair) {
    return wattr_set(stdscr, attributes, pair, NULL);
}

/* Adds up to n wide characters at (y, x) on stdscr. */
static inline int fw_add_wide(int y, int x, const wchar_t *text, int n) {
    return mvwaddnwstr(stdscr, y, x, text, n);
}

/* Result kinds of fw_read_key, so Swift need not compare wget_wch's overloaded return value. */
enum {
    FW_READ_NONE = 0,       /* timeout, nothing read */
    FW_READ_CHARACTER = 1,  /* value is a Unicode scalar (may be a control character) */
    FW_READ_KEY_CODE = 2    /* value is a KEY_* code (function key, arrow, KEY_RESIZE, …) */
};

/* Waits up to timeout_ms (negative: forever) for input on stdscr and reports what arrived. */
static inline int fw_read_key(int timeout_ms, unsigned int *value) {
    wint_t wide = 0;
    wtimeout(stdscr, timeout_ms);
    int status = wget_wch(stdscr, &wide);
    *value = (unsigned int)wide;
    if (status == KEY_CODE_YES) return FW_READ_KEY_CODE;
    if (status == OK) return FW_READ_CHARACTER;
    return FW_READ_NONE;
}

/* KEY_F(n) is a macro. */
static inline int fw_key_f(int n) { return KEY_F(n); }

/* Input modes for a full-screen interview: keys arrive unbuffered and unechoed, Ctrl-C/Ctrl-Z
   as keys, function keys decoded, and Escape recognised quickly. */
static inline void fw_configure_input(int escape_delay_ms) {
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    set_escdelay(escape_delay_ms);
}

/* Starts curses on the process's own terminal. Unlike initscr, which exits the program when
   TERM is unknown, this returns NULL so the caller can report the problem and carry on. */
static inline SCREEN *fw_start_screen(void) {
    /* Take the size from the terminal itself even when LINES/COLUMNS are exported (test runners
       and some shells do that): otherwise the size is frozen and resizing is never noticed. */
    use_env(TRUE);
    use_tioctl(TRUE);
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen != NULL) set_term(screen);
    return screen;
}

#endif
