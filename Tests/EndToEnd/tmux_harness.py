"""Drive a curses program inside a detached tmux session, for end-to-end tests.

Each session runs on its own tmux server socket (``tmux -L``), so tests never see or disturb
anyone else's tmux sessions, and cleanup kills only that server. Screen checks poll
``capture-pane`` until the expected text appears or a timeout passes, instead of sleeping.

Typical use::

    with TmuxSession.start(["fieldwork-testkit", "terminal-demo"], term="xterm") as tmux:
        tmux.wait_for("Type:")
        tmux.send_text("Zoë £5")
        tmux.wait_for("Zoë £5")
        tmux.resize(60, 20)
        tmux.wait_for("window too small")
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Sequence

DEFAULT_TIMEOUT = 10.0
POLL_INTERVAL = 0.05


class ScreenTimeout(AssertionError):
    """The screen did not reach the expected state in time; the message includes the screen."""


def tmux_available() -> bool:
    return shutil.which("tmux") is not None


def terminfo_available(term: str) -> bool:
    """Whether a terminfo entry for ``term`` is installed (curses cannot start without one)."""
    if shutil.which("infocmp") is None:
        return False
    result = subprocess.run(["infocmp", term], capture_output=True, text=True)
    return result.returncode == 0


def fieldwork_binary() -> str:
    """The fieldwork executable under test: $FIELDWORK_BIN or .build/debug/fieldwork.

    The one way the end-to-end tests find the binary (conftest.py's ``fieldwork_bin`` fixture
    uses it too).
    """
    path = os.environ.get("FIELDWORK_BIN")
    if path:
        return os.path.abspath(path)
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    return os.path.join(root, ".build", "debug", "fieldwork")


def fieldwork_testkit_binary() -> str:
    """The test drivers (journal-stress, lease-test, export-selftest, terminal-demo), which are
    not part of the shipped ``fieldwork``: $FIELDWORK_TESTKIT_BIN, else ``fieldwork-testkit`` next
    to the fieldwork binary under test (``swift build`` builds both)."""
    path = os.environ.get("FIELDWORK_TESTKIT_BIN")
    if path:
        return os.path.abspath(path)
    return os.path.join(os.path.dirname(fieldwork_binary()), "fieldwork-testkit")


_SGR_FLAGS = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink", 7: "reverse"}
_SGR_RESETS = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",), 25: ("blink",), 27: ("reverse",)}


def parse_sgr_line(line: str) -> list[tuple[str, frozenset[str]]]:
    """Splits one captured line into (character, attributes) cells, following SGR sequences."""
    cells: list[tuple[str, frozenset[str]]] = []
    attributes: set[str] = set()
    index = 0
    while index < len(line):
        if line.startswith("\x1b[", index):
            end = index + 2
            while end < len(line) and not ("@" <= line[end] <= "~"):
                end += 1
            if end < len(line) and line[end] == "m":
                codes = [int(code) if code else 0 for code in line[index + 2:end].split(";")]
                position = 0
                while position < len(codes):
                    code = codes[position]
                    if code == 0:
                        attributes.clear()
                    elif code in _SGR_FLAGS:
                        attributes.add(_SGR_FLAGS[code])
                    elif code in _SGR_RESETS:
                        attributes.difference_update(_SGR_RESETS[code])
                    elif 30 <= code <= 37 or 90 <= code <= 97:
                        attributes = {a for a in attributes if not a.startswith("fg:")} | {f"fg:{code}"}
                    elif code == 39:
                        attributes = {a for a in attributes if not a.startswith("fg:")}
                    elif code in (38, 48):  # extended colour: skip its arguments
                        position += 2 if position + 1 < len(codes) and codes[position + 1] == 5 else 4
                        if code == 38:
                            attributes.add("fg:extended")
                    position += 1
            index = end + 1
            continue
        cells.append((line[index], frozenset(attributes)))
        index += 1
    return cells


@dataclass
class TmuxSession:
    """One detached tmux session on a private server, running one command."""

    name: str
    socket: str
    width: int
    height: int
    _closed: bool = field(default=False, repr=False)

    @classmethod
    def start(
        cls,
        command: Sequence[str],
        *,
        term: str = "xterm",
        width: int = 80,
        height: int = 24,
        env: dict[str, str] | None = None,
        keep_after_exit: bool = True,
    ) -> "TmuxSession":
        """Starts ``command`` in a new session of ``width``×``height``.

        The command runs with ``LANG=C.UTF-8`` and the given ``TERM``. With ``keep_after_exit``
        the pane stays alive after the command ends and shows ``[exit=N]``, so tests can check
        that the program exited cleanly and restored the screen.
        """
        unique = f"{os.getpid()}-{uuid.uuid4().hex[:10]}"
        session = cls(name=f"fw-{unique}", socket=f"fieldwork-test-{unique}", width=width, height=height)
        variables = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": term}
        variables.update(env or {})
        assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in variables.items())
        program = " ".join(shlex.quote(part) for part in command)
        shell = f"env {assignments} {program}"
        if keep_after_exit:
            shell += '; echo "[exit=$?]"; sleep 600'
        session._tmux(
            "new-session", "-d", "-s", session.name, "-x", str(width), "-y", str(height), shell,
        )
        return session

    # -- plumbing -------------------------------------------------------------------------

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=check,
        )

    @property
    def target(self) -> str:
        return f"{self.name}:0.0"

    # -- input ----------------------------------------------------------------------------

    def send_text(self, text: str) -> None:
        """Types ``text`` literally (no key-name interpretation)."""
        self._tmux("send-keys", "-t", self.target, "-l", text)

    def send_keys(self, *keys: str) -> None:
        """Sends named keys such as ``Enter``, ``BSpace``, ``Left``, ``F10``, ``C-x``."""
        self._tmux("send-keys", "-t", self.target, *keys)

    # -- screen ---------------------------------------------------------------------------

    def capture(self) -> str:
        """The visible screen as text, one line per row."""
        return self._tmux("capture-pane", "-p", "-t", self.target).stdout

    def capture_styled(self) -> list[list[tuple[str, frozenset[str]]]]:
        """The screen as rows of (character, attributes) cells, from ``capture-pane -e``.

        Attributes are names such as ``bold``, ``dim``, ``underline``, ``reverse`` and ``fg:36``
        (a colour), decoded from the SGR sequences tmux emits.
        """
        raw = self._tmux("capture-pane", "-e", "-p", "-t", self.target).stdout
        return [parse_sgr_line(line) for line in raw.split("\n")]

    def lines(self) -> list[str]:
        return self.capture().split("\n")

    def wait_until(self, predicate: Callable[[str], bool], description: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Polls the screen until ``predicate(screen)`` holds; returns that screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while True:
            screen = self.capture()
            if predicate(screen):
                return screen
            if time.monotonic() >= deadline:
                raise ScreenTimeout(f"timed out after {timeout}s waiting for {description}; screen was:\n{screen}")
            time.sleep(POLL_INTERVAL)

    def wait_for(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Waits until ``text`` is on screen."""
        return self.wait_until(lambda screen: text in screen, repr(text), timeout)

    def wait_for_absent(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Waits until ``text`` is no longer on screen."""
        return self.wait_until(lambda screen: text not in screen, f"{text!r} to disappear", timeout)

    # -- window and process ---------------------------------------------------------------

    def resize(self, width: int, height: int) -> None:
        """Changes the window size (the program receives SIGWINCH)."""
        self._tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))
        self.width, self.height = width, height

    def pane_pid(self) -> int:
        """The pid of the pane's shell."""
        return int(self._tmux("display-message", "-p", "-t", self.target, "#{pane_pid}").stdout.strip())

    def program_pid(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """The pid of the program the pane's shell started (its child)."""
        shell = self.pane_pid()
        deadline = time.monotonic() + timeout
        while True:
            result = subprocess.run(["ps", "-o", "pid=", "--ppid", str(shell)], capture_output=True, text=True)
            children = [int(pid) for pid in result.stdout.split()]
            # The program is the child that is not the trailing `sleep` after exit.
            for pid in children:
                with open(f"/proc/{pid}/comm") as comm:
                    if comm.read().strip() != "sleep":
                        return pid
            if time.monotonic() >= deadline:
                raise ScreenTimeout(f"no child process of pane shell {shell}")
            time.sleep(POLL_INTERVAL)

    def kill(self) -> None:
        """Ends the session's private tmux server (and with it the program). Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._tmux("kill-server", check=False)

    def __enter__(self) -> "TmuxSession":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.kill()
