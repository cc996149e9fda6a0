"""End-to-end tests of `fieldwork session`: three interviewers' sessions at once on one survey
directory, each in its own tmux server, recording call outcomes, booking an appointment (first
refused as outside calling hours), completing an interview; a hostile business name; a session
killed with SIGKILL whose lease expires back to the pool. The case store's counts are compared
with an independent tally of what the test did.

Run with: FIELDWORK_BIN=.build/debug/fieldwork python3 -m pytest Tests/EndToEnd/test_session.py
"""

from __future__ import annotations

import glob
import json
import os
import re
import signal
import subprocess

import pytest

from tmux_harness import TmuxSession, fieldwork_binary, fieldwork_testkit_binary, terminfo_available, tmux_available

# Tuesday 1 December 2026, 10:00 in London (GMT): inside calling hours.
NOW = "2026-12-01T10:00:00Z"
LATER = "2026-12-01T10:10:00Z"
CASES = 30
EVIL_NAME = "Evil\x1b[2J\x1b]0;pwned\x07 Ltd"

QUESTIONNAIRE = {
    "id": "sess", "version": "1", "title": "Session Test Survey",
    "languages": ["en"], "defaultLanguage": "en",
    "missingCodes": {"dontKnow": -1, "refused": -2},
    "targetMinutes": 10,
    "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": True, "label": "Business"},
        {"name": "phone", "type": "phone", "identifier": True, "label": "Phone"},
    ],
    "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
    "sections": [
        {"id": "start", "title": "Getting started", "items": [
            {"id": "q_intro", "type": "statement", "text": "Thank you for taking part in this survey of London businesses."},
            {"id": "q_kind", "type": "single", "text": "Is this business still trading?", "codeFrame": "yesno", "label": "Trading"},
        ]},
    ],
}

_CASE = re.compile(r"Case (S\d{3})")


def _require_environment() -> None:
    if not tmux_available():
        pytest.skip("tmux is not installed (apt-get install -y tmux)")
    if not os.path.exists(fieldwork_binary()):
        pytest.skip(f"fieldwork binary not found at {fieldwork_binary()}: run `swift build` or set FIELDWORK_BIN")
    if not terminfo_available("xterm"):
        pytest.skip("no terminfo entry for TERM=xterm (apt-get install -y ncurses-term)")


def _run(args: list[str], now: str = NOW, binary: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, FIELDWORK_NOW=now)
    return subprocess.run([binary or fieldwork_binary(), *args], capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture
def survey(tmp_path) -> str:
    _require_environment()
    questionnaire = tmp_path / "sess.json"
    questionnaire.write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    directory = str(tmp_path / "survey")
    result = _run(["init", directory, "--questionnaire", str(questionnaire)])
    assert result.returncode == 0, result.stderr
    with open(os.path.join(directory, "scheduling.json"), "w", encoding="utf-8") as handle:
        json.dump({"leaseMinutes": 2}, handle)
    rows = ["case_id,business_name,contact_name,phone,sector,size_band,borough"]
    for n in range(1, CASES + 1):
        name = EVIL_NAME if n == 1 else f"Business {n} Ltd"
        rows.append(f"S{n:03d},{name},Contact {n},020 7946 {n:04d},G,10-49,Camden")
    sample = tmp_path / "sample.csv"
    sample.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = _run(["cases", "import", str(sample), "--data", directory])
    assert result.returncode == 0, result.stderr
    assert f"Imported {CASES} case(s)" in result.stdout
    return directory


def _start(directory: str, interviewer: str) -> TmuxSession:
    command = [fieldwork_binary(), "session", "--data", directory, "--interviewer", interviewer]
    return TmuxSession.start(command, term="xterm", env={"FIELDWORK_NOW": NOW})


def _case_on_screen(screen: str) -> str | None:
    lines = screen.split("\n")
    if len(lines) < 2 or "DIAL" not in lines[1]:
        return None
    match = _CASE.search(lines[0])
    return match.group(1) if match else None


def _wait_case(tmux: TmuxSession, previous: str | None = None, timeout: float = 15.0) -> str:
    screen = tmux.wait_until(
        lambda s: _case_on_screen(s) is not None and _case_on_screen(s) != previous,
        f"a case screen other than {previous}", timeout)
    case = _case_on_screen(screen)
    assert case is not None
    return case


class Room:
    """The sessions under test and what each has on screen; checks no case is shown twice."""

    def __init__(self) -> None:
        self.current: dict[str, str] = {}
        self.seen: dict[str, set[str]] = {}

    def show(self, who: str, case: str) -> None:
        self.current[who] = case
        self.seen.setdefault(who, set()).add(case)
        holders = [other for other, shown in self.current.items() if shown == case]
        assert holders == [who], f"case {case} is on the screens of {holders} at once"

    def leave(self, who: str) -> None:
        self.current.pop(who, None)


def _record(tmux: TmuxSession, key: str, case: str, label: str) -> str:
    """Records a menu outcome on the case screen and returns the next case."""
    tmux.send_text(key)
    tmux.wait_for(f"for case {case}?")
    tmux.send_keys("Enter")
    tmux.wait_for(f"Recorded case {case}: {label}")
    return _wait_case(tmux, previous=case)


def _journal(directory: str, case: str) -> list[dict]:
    paths = glob.glob(os.path.join(directory, "journals", "*", f"{case}.jsonl"))
    assert len(paths) == 1, f"expected one journal for {case}, found {paths}"
    with open(paths[0], encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _status(directory: str, now: str = NOW) -> dict:
    result = _run(["cases", "status", "--json", "--data", directory], now=now)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_three_sessions_share_the_sample(survey: str) -> None:
    room = Room()
    sessions = {who: _start(survey, who) for who in ("A1", "B2", "C3")}
    try:
        for who, tmux in sessions.items():
            room.show(who, _wait_case(tmux))
        a, b, c = sessions["A1"], sessions["B2"], sessions["C3"]

        # The hostile name (first in sample order, so one of the first three cases) is inert.
        evil_holder = next(who for who, case in room.current.items() if case == "S001")
        evil_screen = sessions[evil_holder].capture()
        assert "Evil^[[2J^[]0;pwned^G Ltd" in evil_screen
        assert "DIAL" in evil_screen and "020 7946 0001" in evil_screen  # the screen was not cleared

        # A: no answer. B: hard refusal.
        room.show("A1", _record(a, "1", room.current["A1"], "no answer"))
        room.show("B2", _record(b, "8", room.current["B2"], "hard refusal"))

        # C: an evening appointment is refused with the store's reason, then moved into hours.
        appointment_case = room.current["C3"]
        c.send_text("a")
        c.wait_for("Book an appointment")
        c.send_text("2026-12-01")
        c.send_keys("Tab")
        c.send_text("19:00")
        c.send_keys("Tab", "Tab")
        c.send_text("asked for evening")
        c.send_keys("Enter")
        screen = c.wait_for("outside calling hours")
        assert "Refused" in screen
        assert _case_on_screen(screen) == appointment_case  # still on the same case
        # The form reopens on the time, keeping everything typed.
        c.send_keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
        c.send_text("15:00")
        c.send_keys("Enter", "Enter", "Enter")
        c.wait_for(f"Recorded case {appointment_case}: appointment (hard)")
        room.show("C3", _wait_case(c, previous=appointment_case))

        # A: a complete interview on its second case, in the same terminal.
        interview_case = room.current["A1"]
        a.send_text("i")
        a.wait_for("[q_intro]")
        a.send_keys("Enter")
        a.wait_for("[q_kind]")
        a.send_text("1")
        a.send_keys("Enter")
        a.wait_for("All questions answered")
        a.send_keys("Enter")
        a.wait_for(f"Recorded case {interview_case}: interview complete")
        room.show("A1", _wait_case(a, previous=interview_case))
        records = _journal(survey, interview_case)
        assert [r["data"]["outcome"] for r in records if r["kind"] == "call.outcome"] == ["complete"]

        # B: ceased trading.
        room.show("B2", _record(b, "c", room.current["B2"], "ceased trading"))

        # C is killed mid-case: its lease must run out and the case go back to the pool.
        stranded = room.current["C3"]
        os.kill(c.program_pid(), signal.SIGKILL)
        c.wait_for("[exit=")
        room.leave("C3")

        # A and B end their sessions; their current cases are released at once.
        for who, count in (("A1", 2), ("B2", 2)):
            tmux = sessions[who]
            tmux.send_text("q")
            tmux.wait_for("End the session?")
            tmux.send_text("y")
            tmux.wait_for(f"Session ended: {count} calls recorded.")
            tmux.wait_for("[exit=0]")
            room.leave(who)

        # No case was handed to two sessions.
        everyone = [case for cases in room.seen.values() for case in cases]
        assert len(everyone) == len(set(everyone)), room.seen

        # The store agrees with what the test did.
        status = _status(survey)
        assert status["total"] == CASES
        assert status["byStatus"] == {
            "fresh": CASES - 5, "retry": 1, "refusal-conversion": 0, "appointment": 1,
            "complete": 1, "partial": 0, "final-non-interview": 2,
        }
        assert {d["code"]: d["count"] for d in status["byDisposition"]} == {"1.1": 1, "2.11": 1, "4.91": 1}
        assert status["leased"] == 1  # only the killed session's case, until its lease runs out
        shown = _run(["cases", "show", stranded, "--json", "--data", survey])
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["leaseHolder"] == "C3"

        # Ten minutes later (lease 2 minutes) the stranded case is free and can be picked again.
        assert _status(survey, now=LATER)["leased"] == 0
        picked = _run(["lease-test", "--data", survey, "--interviewer", "D4"], now=LATER, binary=fieldwork_testkit_binary())
        assert picked.returncode == 0, picked.stderr
        assert stranded in picked.stdout.split()
    finally:
        for tmux in sessions.values():
            tmux.kill()


def test_no_work_screen_and_quiet_exit_on_hangup(tmp_path) -> None:
    _require_environment()
    questionnaire = tmp_path / "sess.json"
    questionnaire.write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    directory = str(tmp_path / "empty")
    assert _run(["init", directory, "--questionnaire", str(questionnaire)]).returncode == 0
    with _start(directory, "E5") as tmux:
        tmux.wait_for("No cases to call right now")
        tmux.wait_for("r check now")
        tmux.send_text("r")
        tmux.wait_for("No cases to call right now")
        os.kill(tmux.program_pid(), signal.SIGHUP)
        screen = tmux.wait_for("[exit=")
        assert "[exit=0]" in screen
        assert "Traceback" not in screen and "Fatal error" not in screen


def test_waiting_screen_shows_the_next_booked_time(tmp_path) -> None:
    """The only case is booked for 15:00: with nothing left to call, the waiting screen says when."""
    _require_environment()
    questionnaire = tmp_path / "sess.json"
    questionnaire.write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    directory = str(tmp_path / "one")
    assert _run(["init", directory, "--questionnaire", str(questionnaire)]).returncode == 0
    sample = tmp_path / "one.csv"
    sample.write_text("case_id,business_name,phone\nS001,Only Ltd,020 7946 0001\n", encoding="utf-8")
    assert _run(["cases", "import", str(sample), "--data", directory]).returncode == 0
    with _start(directory, "K1") as tmux:
        assert _wait_case(tmux) == "S001"
        tmux.send_text("a")
        tmux.wait_for("Book an appointment")
        tmux.send_text("2026-12-01")
        tmux.send_keys("Tab")
        tmux.send_text("15:00")
        tmux.send_keys("Tab", "Tab")
        tmux.send_text("after lunch")
        tmux.send_keys("Enter")
        screen = tmux.wait_for("No cases to call right now")
        assert "Recorded case S001: appointment (hard)" in screen
        assert "Next appointment: 15:00 (hard) · 1 booked for today" in screen
        tmux.send_text("q")
        tmux.wait_for("[exit=0]")


def test_interview_endings_become_calls(survey: str) -> None:
    """A suspended interview books its appointment (an evening time is refused by the store's
    rules on the interview's own form, before the interview closes); an interview stopped as a
    refusal asks soft or hard."""
    with _start(survey, "F6") as tmux:
        suspended = _wait_case(tmux)
        tmux.send_text("i")
        tmux.wait_for("[q_intro]")
        tmux.send_keys("Enter")
        tmux.wait_for("[q_kind]")
        tmux.send_keys("F7")
        tmux.wait_for("Suspend with an appointment")
        tmux.send_text("2026-12-01")
        tmux.send_keys("Enter")
        tmux.send_text("19:30")
        tmux.send_keys("Enter")
        tmux.send_text("after work")
        tmux.send_keys("Enter")
        # The store's rules refuse the evening time while the interview is still open, and say why.
        screen = tmux.wait_for("outside calling hours")
        assert "Suspend with an appointment" in screen and "[q_kind]" in screen
        tmux.send_keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
        tmux.send_text("16:00")
        tmux.send_keys("Enter", "Enter")
        tmux.wait_for(f"Recorded case {suspended}: suspended, appointment to resume")
        refused = _wait_case(tmux, previous=suspended)

        tmux.send_text("i")
        tmux.wait_for("[q_intro]")
        tmux.send_keys("F8")
        tmux.wait_for("Stop this interview")
        tmux.send_text("1")
        tmux.send_keys("Enter")
        tmux.wait_for("stopped as a refusal. Which kind?")
        tmux.send_text("h")
        tmux.wait_for(f"Recorded case {refused}: hard refusal")
        _wait_case(tmux, previous=refused)
        tmux.send_keys("C-c")
        tmux.wait_for("End the session?")
        tmux.send_text("y")
        tmux.wait_for("[exit=0]")

    journal = _journal(survey, suspended)
    assert [r["data"]["outcome"] for r in journal if r["kind"] == "call.outcome"] == ["appointment"]
    shown = json.loads(_run(["cases", "show", suspended, "--json", "--data", survey]).stdout)
    assert shown["status"] == "appointment"
    status = _status(survey)
    assert status["byStatus"]["appointment"] == 1
    assert {d["code"]: d["count"] for d in status["byDisposition"]} == {"2.11": 1}
    assert status["leased"] == 0


def test_interview_command_takes_sample_from_case_store(survey: str) -> None:
    command = [fieldwork_binary(), "interview", "--data", survey, "--case", "S002", "--interviewer", "G7"]
    with TmuxSession.start(command, term="xterm", env={"FIELDWORK_NOW": NOW}) as tmux:
        screen = tmux.wait_for("[q_intro]")
        assert "Business 2 Ltd · 020 7946 0002" in screen
        tmux.send_keys("C-c")
        tmux.send_text("y")
        tmux.wait_for("[exit=0]")
    override = command + ["--sample", "business_name=Typed Name Ltd"]
    with TmuxSession.start(override, term="xterm", env={"FIELDWORK_NOW": NOW}) as tmux:
        screen = tmux.wait_for("[q_intro]")
        assert "Typed Name Ltd · 020 7946 0002" in screen
        tmux.send_keys("C-c")
        tmux.send_text("y")
        tmux.wait_for("[exit=0]")


def test_a_case_open_in_interview_is_never_offered_to_dial(survey: str) -> None:
    """S001 is open in `fieldwork interview` (it leased the case from the store): the session
    never shows it to dial. And `interview` on the case the session holds is refused, naming
    the interviewer who holds it."""
    holder = [fieldwork_binary(), "interview", "--data", survey, "--case", "S001", "--interviewer", "H8"]
    with TmuxSession.start(holder, term="xterm", env={"FIELDWORK_NOW": NOW}) as other:
        other.wait_for("[q_intro]")
        with _start(survey, "J9") as tmux:
            assert _wait_case(tmux) == "S002"
            assert _status(survey)["leased"] == 2
            refused = subprocess.run(
                [fieldwork_binary(), "interview", "--data", survey, "--case", "S002", "--interviewer", "K1"],
                capture_output=True, text=True, timeout=20, env={**os.environ, "FIELDWORK_NOW": NOW})
            assert refused.returncode == 1
            assert "case S002 is being called by J9" in refused.stderr, refused.stderr
            tmux.send_text("q")
            tmux.send_text("y")
            tmux.wait_for("Session ended: 0 calls recorded.")
        other.send_keys("C-c")
        other.send_text("y")
        other.wait_for("[exit=0]")
    assert _status(survey)["leased"] == 0
