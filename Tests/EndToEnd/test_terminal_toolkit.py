"""End-to-end tests of the terminal toolkit through `fieldwork-testkit terminal-demo` inside tmux.

Run with: FIELDWORK_BIN=.build/debug/fieldwork python3 -m pytest Tests/EndToEnd/test_terminal_toolkit.py
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from tmux_harness import TmuxSession, terminfo_available, fieldwork_testkit_binary, tmux_available

TERMS = ["xterm", "xterm-256color", "screen", "tmux-256color", "linux", "vt100"]


def _require_environment(term: str) -> None:
    if not tmux_available():
        pytest.skip("tmux is not installed (apt-get install -y tmux)")
    if not os.path.exists(fieldwork_testkit_binary()):
        pytest.skip(f"fieldwork-testkit not found at {fieldwork_testkit_binary()}: run `swift build` or set FIELDWORK_TESTKIT_BIN")
    if not terminfo_available(term):
        reason = f"no terminfo entry for TERM={term} (apt-get install -y ncurses-term)"
        print(reason)
        pytest.skip(reason)


@pytest.fixture
def report_path(tmp_path) -> str:
    return str(tmp_path / "exit-report.txt")


def _demo(term: str, report: str, **kwargs) -> TmuxSession:
    _require_environment(term)
    return TmuxSession.start([fieldwork_testkit_binary(), "terminal-demo", "--exit-report", report], term=term, **kwargs)


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


@pytest.mark.parametrize("term", TERMS)
def test_typing_resizing_and_exit(term: str, report_path: str) -> None:
    with _demo(term, report_path) as tmux:
        screen = tmux.wait_for("Type:")
        # Read-aloud text, instruction prefix, the wrapped paragraph's last words, size and footer.
        assert "Q1. Good morning." in screen
        assert "▸ Interviewer:" in screen
        assert "keep their widths." in screen
        assert "80×24" in screen
        assert "F10/Ctrl-X exit" in screen

        tmux.send_text("Zoë £5")
        # The status line is redrawn after the input line: wait for both rather than assert on
        # the first screen that shows the typed text.
        tmux.wait_until(lambda screen: "Type: Zoë £5" in screen and "Characters: 6" in screen,
                        "'Type: Zoë £5' and 'Characters: 6'")

        tmux.send_keys("Enter")
        screen = tmux.wait_for("1. Zoë £5")
        assert "Entered (1):" in screen

        tmux.resize(60, 20)
        screen = tmux.wait_for("window too small: make it at least 80×24")
        assert "now 60×20" in screen
        assert "Q1." not in screen

        tmux.resize(80, 24)
        screen = tmux.wait_for("Q1. Good morning.")
        assert "window too small" not in screen
        assert "1. Zoë £5" in screen

        # tmux sends F10 as ESC [21~ whatever TERM says (vt100's terminfo has kf10=ESC Ox): the
        # terminal layer decodes such common sequences itself.
        tmux.send_keys("F10")
        screen = tmux.wait_for("[exit=0]")
        # The interview is cleared from the screen on exit, even without an alternate screen.
        assert "Type:" not in screen

    assert _read(report_path) == "user\nentry: Zoë £5\n"


def test_line_editing_keys(report_path: str) -> None:
    with _demo("xterm", report_path) as tmux:
        tmux.wait_for("Type:")
        tmux.send_text("Zoe Ltd")
        tmux.wait_for("Type: Zoe Ltd")
        # Move into the word and fix the name: Left ×4 puts the cursor after "Zoe".
        tmux.send_keys("Left", "Left", "Left", "Left", "BSpace")
        tmux.send_text("ë")
        tmux.wait_for("Type: Zoë Ltd")
        tmux.send_keys("C-a")
        tmux.send_text("£")
        tmux.wait_for("Type: £Zoë Ltd")
        tmux.send_keys("C-k")
        tmux.wait_for_absent("£Zoë")
        tmux.send_text("東京 ok")
        tmux.send_keys("C-u")
        tmux.send_text("done")
        tmux.send_keys("Enter")
        tmux.wait_for("1. done")
        tmux.send_keys("C-x")
        tmux.wait_for("[exit=0]")
    assert _read(report_path) == "user\nentry: done\n"


def test_long_input_scrolls_without_losing_text(report_path: str) -> None:
    with _demo("xterm", report_path) as tmux:
        tmux.wait_for("Type:")
        long_text = "".join(f"word{n:02d} " for n in range(15)) + "END"  # 108 characters, over the 74-column field
        tmux.send_text(long_text)
        screen = tmux.wait_for("END")
        input_line = next(line for line in screen.split("\n") if line.startswith("Type: "))
        assert "‹" in input_line
        assert len(input_line) <= 80
        tmux.send_keys("Home")
        screen = tmux.wait_for("Type: word00")
        input_line = next(line for line in screen.split("\n") if line.startswith("Type: "))
        assert input_line.rstrip().endswith("›")
        tmux.send_keys("Enter")
        tmux.send_keys("F10")
        tmux.wait_for("[exit=0]")
    assert _read(report_path) == f"user\nentry: {long_text}\n"


def test_escape_sequences_typed_are_not_obeyed(report_path: str) -> None:
    with _demo("xterm", report_path) as tmux:
        tmux.wait_for("Type:")
        # An ESC arrives as the Escape key and is not inserted; the rest is plain text.
        tmux.send_text("\x1b]0;pwned\x07X")
        tmux.send_text("\u202eabc")
        # An unrecognised escape sequence is swallowed whole, not typed into the answer.
        tmux.send_text("\x1b[99~")
        screen = tmux.wait_for("Last key: unknown(27)")
        assert "Type:" in screen
        assert "\u202e" not in screen
        assert "[99~" not in screen
        # ESC and BEL arrived as keys, the bidi override was refused, the rest is plain text.
        assert "Type: ]0;pwnedXabc" in screen
        tmux.send_keys("F10")
        tmux.wait_for("[exit=0]")
    report = _read(report_path)
    assert "\x1b" not in report and "\x07" not in report


def test_hangup_exits_cleanly_and_reports(report_path: str) -> None:
    with _demo("xterm", report_path) as tmux:
        tmux.wait_for("Type:")
        tmux.send_text("half-typed")
        tmux.send_keys("Enter")
        tmux.wait_for("1. half-typed")
        os.kill(tmux.program_pid(), signal.SIGHUP)
        tmux.wait_for("[exit=0]")
    assert _read(report_path) == "hangup\nentry: half-typed\n"


def test_sigterm_exits_cleanly_and_reports(report_path: str) -> None:
    with _demo("xterm", report_path) as tmux:
        tmux.wait_for("Type:")
        os.kill(tmux.program_pid(), signal.SIGTERM)
        screen = tmux.wait_for("[exit=0]")
        assert "Type:" not in screen
    assert _read(report_path) == "terminate\n"


def test_ctrl_c_is_a_key_not_a_kill(report_path: str) -> None:
    with _demo("xterm", report_path) as tmux:
        tmux.wait_for("Type:")
        tmux.send_keys("C-c")
        screen = tmux.wait_for('Last key: ctrl("c")')
        assert "[exit=" not in screen
        tmux.send_keys("C-x")
        tmux.wait_for("[exit=0]")
    assert _read(report_path) == "user\n"


def test_starts_too_small_then_recovers(report_path: str) -> None:
    with _demo("screen", report_path, width=70, height=30) as tmux:
        tmux.wait_for("window too small: make it at least 80×24")
        tmux.send_text("typed while small")
        tmux.resize(100, 30)
        screen = tmux.wait_for("Type: typed while small")
        assert "100×30" in screen
        tmux.send_keys("F10")
        tmux.wait_for("[exit=0]")


def test_refuses_without_a_terminal() -> None:
    binary = fieldwork_testkit_binary()
    if not os.path.exists(binary):
        pytest.skip(f"fieldwork-testkit not found at {binary}")
    result = subprocess.run([binary, "terminal-demo"], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert "needs an interactive terminal" in result.stderr


def test_unknown_term_is_reported_not_crashed(report_path: str) -> None:
    _require_environment("xterm")
    with TmuxSession.start([fieldwork_testkit_binary(), "terminal-demo"], term="no-such-terminal-type") as tmux:
        screen = tmux.wait_for("[exit=")
        assert "TERM=no-such-terminal-type" in screen
        assert "[exit=0]" not in screen


def _cell_attributes(rows, text: str) -> frozenset[str]:
    """Attributes of the first character of the first occurrence of ``text`` on screen."""
    for row in rows:
        line = "".join(character for character, _ in row)
        column = line.find(text)
        if column >= 0:
            return row[column][1]
    raise AssertionError(f"{text!r} not on screen")


@pytest.mark.parametrize("term", ["xterm-256color", "vt100"])
def test_read_aloud_and_instructions_look_different(term: str, report_path: str) -> None:
    with _demo(term, report_path) as tmux:
        tmux.wait_for("Type:")
        rows = tmux.capture_styled()
        read_aloud = _cell_attributes(rows, "Good morning")
        instruction = _cell_attributes(rows, "Interviewer:")
        assert "bold" in read_aloud
        assert "bold" not in instruction
        assert read_aloud != instruction
        # The hanging indent of the question is plain, not underlined like the "Q1." heading.
        assert "underline" in _cell_attributes(rows, "Q1.")
        assert "underline" not in _cell_attributes(rows, "    the Mayor")
        colours = {a for row in rows for _, attrs in row for a in attrs if a.startswith("fg:")}
        if term == "vt100":
            assert not colours, "vt100 has no colour: meaning must come from bold and the ▸ prefix"
        else:
            assert any(a.startswith("fg:") for a in instruction)
        tmux.send_keys("C-x")
        tmux.wait_for("[exit=0]")


def test_closing_the_terminal_is_a_hangup_and_saves(report_path: str) -> None:
    """The interviewer's connection drops: the tmux server (the terminal) disappears entirely."""
    with _demo("xterm", report_path) as tmux:
        tmux.wait_for("Type:")
        tmux.send_text("Acme Ltd")
        tmux.send_keys("Enter")
        tmux.wait_for("1. Acme Ltd")
        tmux.kill()
    deadline = time.monotonic() + 10
    while not (os.path.exists(report_path) and _read(report_path).endswith("\n")):
        assert time.monotonic() < deadline, "the demo did not report its shutdown after the terminal closed"
        time.sleep(0.05)
    assert _read(report_path) == "hangup\nentry: Acme Ltd\n"
