"""End-to-end tests of `fieldwork interview` inside tmux: a whole BAS interview typed as an
interviewer would, resizing, suspend and resume, kill -9 and resume, case locking, terminal types
and hostile sample data.

Run with: FIELDWORK_BIN=.build/debug/fieldwork python3 -m pytest Tests/EndToEnd/test_interview_ui.py
"""

from __future__ import annotations

import csv
import glob
import json
import os
import re
import signal
import subprocess
import time

import pytest

from tmux_harness import ScreenTimeout, TmuxSession, fieldwork_binary, terminfo_available, tmux_available

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BAS = os.path.join(ROOT, "Questionnaires", "bas.json")
SAMPLE = ["business_name=Acme Widgets Ltd", "phone=020 7946 0000", "sector=G"]

MINI = {
    "id": "mini", "version": "1", "title": "Mini Business Survey",
    "languages": ["en"], "defaultLanguage": "en",
    "missingCodes": {"dontKnow": -1, "refused": -2},
    "targetMinutes": 30,
    "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": True, "label": "Business"},
        {"name": "phone", "type": "phone", "identifier": True, "label": "Phone"},
    ],
    "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
    "sections": [
        {"id": "start", "title": "Getting started", "items": [
            {"id": "q_intro", "type": "statement", "text": "Thank you for taking part in this survey of London businesses.",
             "instruction": "Do not read the business name aloud."},
            {"id": "q_kind", "type": "single", "text": "Is this business still trading?", "codeFrame": "yesno", "label": "Trading"},
            {"id": "q_follow", "type": "single", "text": "Has it traded for more than a year?", "codeFrame": "yesno",
             "askIf": "q_kind == 'yes'", "label": "Over a year"},
            {"id": "q_staff", "type": "integer", "text": "How many people work here?", "min": 1, "max": 1000,
             "unit": "people", "label": "Staff"},
            {"id": "q_what", "type": "text", "text": "What does it do?", "maxLength": 100, "label": "Activity"},
        ]},
    ],
}


def _require_environment(term: str = "xterm") -> None:
    if not tmux_available():
        pytest.skip("tmux is not installed (apt-get install -y tmux)")
    if not os.path.exists(fieldwork_binary()):
        pytest.skip(f"fieldwork binary not found at {fieldwork_binary()}: run `swift build` or set FIELDWORK_BIN")
    if not terminfo_available(term):
        pytest.skip(f"no terminfo entry for TERM={term} (apt-get install -y ncurses-term)")


def _survey(tmp_path, questionnaire: str | None = None) -> str:
    """A fresh survey directory for `questionnaire` (the mini questionnaire by default)."""
    if questionnaire is None:
        questionnaire = str(tmp_path / "mini.json")
        with open(questionnaire, "w", encoding="utf-8") as handle:
            json.dump(MINI, handle)
    directory = str(tmp_path / "survey")
    subprocess.run([fieldwork_binary(), "init", directory, "--questionnaire", questionnaire],
                   check=True, capture_output=True, text=True)
    # Every interview goes through the case store: the cases the tests open are in the sample.
    fields = dict(field.split("=", 1) for field in SAMPLE)
    sample = tmp_path / "sample.csv"
    with open(sample, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case_id", *fields])
        for case in ("C1", "C2", "C3"):
            writer.writerow([case, *fields.values()])
    subprocess.run([fieldwork_binary(), "cases", "import", str(sample), "--data", directory],
                   check=True, capture_output=True, text=True)
    return directory


def _command(directory: str, case: str = "C1", interviewer: str = "I7", sample=None) -> list[str]:
    command = [fieldwork_binary(), "interview", "--data", directory, "--case", case, "--interviewer", interviewer]
    for field in (SAMPLE if sample is None else sample):
        command += ["--sample", field]
    return command


def _start(directory: str, term: str = "xterm", **kwargs) -> TmuxSession:
    size = {key: kwargs.pop(key) for key in ("width", "height", "env") if key in kwargs}
    return TmuxSession.start(_command(directory, **kwargs), term=term, **size)


def _case(directory: str, case: str = "C1") -> dict:
    """The case store's record of a case (`cases show --json`)."""
    result = subprocess.run([fieldwork_binary(), "cases", "show", case, "--json", "--data", directory],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def _journal(directory: str, case: str = "C1") -> list[dict]:
    paths = glob.glob(os.path.join(directory, "journals", "*", f"{case}.jsonl"))
    assert len(paths) == 1, f"expected one journal for {case}, found {paths}"
    with open(paths[0], encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _kinds(records: list[dict]) -> list[str]:
    return [record["kind"] for record in records]


_ADDRESS = re.compile(r"\[([A-Za-z_][A-Za-z0-9_]*(?:\[[0-9,]+\])?)\]\s*$")


def _question(screen: str) -> str | None:
    """The question id shown at the end of the section line (row 3)."""
    lines = screen.split("\n")
    if len(lines) < 3:
        return None
    match = _ADDRESS.search(lines[2])
    return match.group(1) if match else None


def _progress(screen: str) -> str:
    lines = screen.split("\n")
    return "\n".join(lines[1:3]) if len(lines) > 2 else screen


def _wait_question(tmux: TmuxSession, qid: str, timeout: float = 10.0) -> str:
    return tmux.wait_until(lambda s: _question(s) == qid, f"question {qid}", timeout)


def _answer(tmux: TmuxSession, text: str, expect_next: str | None = None) -> str:
    """Types `text` and Enter, then waits for the screen to move on (or for `expect_next`)."""
    before = _progress(tmux.capture())
    if text:
        tmux.send_text(text)
    tmux.send_keys("Enter")
    if expect_next:
        return _wait_question(tmux, expect_next)
    return tmux.wait_until(lambda s: _progress(s) != before or "Please check this answer" in s
                           or "All questions answered" in s or "NOT SAVED" in s, "the screen to move on")


# -- (a) a whole BAS interview ------------------------------------------------------------

_OPTION = re.compile(r"^\s+(?:› |\[x\] |\[ \] )?\[?(\d+)[.\]] ")


def _first_code(screen: str) -> str:
    for line in screen.split("\n")[4:]:
        match = _OPTION.match(line)
        if match:
            return match.group(1)
    scale = re.search(r"Scale: \[?(\d+)", screen)
    if scale:
        return scale.group(1)
    raise AssertionError(f"no option code on screen:\n{screen}")


def _generic_step(tmux: TmuxSession, screen: str) -> str:
    """Answers whatever is on screen the way a hurried interviewer would."""
    prompt = screen.rstrip("\n").split("\n")[-2]
    if "Please check this answer" in screen:
        tmux.send_text("y")
        return tmux.wait_until(lambda s: "Please check this answer" not in s, "soft check to close")
    if prompt.startswith("Tick code:"):
        code = _first_code(screen)
        tmux.send_text(code)
        tmux.send_keys("Enter")
        tmux.wait_until(lambda s: re.search(rf"\[x\] \[?{code}[.\]]", s) is not None, f"code {code} ticked")
        return _answer(tmux, "")
    if prompt.startswith("Row "):
        qid = _question(screen)
        code = _first_code(screen)
        while True:
            current = tmux.capture()
            if _question(current) != qid or "Please check" in current:
                return current
            row = re.search(r"Row (\d+) code:", current)
            tmux.send_text(code)
            tmux.send_keys("Enter")
            tmux.wait_until(lambda s: _question(s) != qid or (re.search(r"Row (\d+) code:", s) or row).group(0) != (row.group(0) if row else ""),
                            "next grid row")
    if prompt.startswith("Code:"):
        return _answer(tmux, _first_code(screen))
    if prompt.startswith("Number"):
        match = re.search(r"▸ (?:Number|Amount) (?:from|of at least) (-?[\d.]+)", screen)
        return _answer(tmux, match.group(1) if match else "1")
    if prompt.startswith("Date:"):
        match = re.search(r"from (\d{4}-\d{2}-\d{2})", screen)
        return _answer(tmux, match.group(1) if match else "2025-01-15")
    if prompt.startswith("Answer:"):
        # An e-mail question checks the shape of the address.
        return _answer(tmux, "someone@example.co.uk" if _question(screen) == "cl_email" else "test answer")
    return _answer(tmux, "")


def test_full_bas_interview(tmp_path) -> None:
    _require_environment()
    directory = _survey(tmp_path, BAS)
    with _start(directory) as tmux:
        screen = _wait_question(tmux, "s_hello")
        assert "London Business Attitudes Survey" in screen and "Case C1" in screen and "Int I7" in screen
        assert "Acme Widgets Ltd · 020 7946 0000" in screen
        assert "Section 1/10 · Q 1 of ~" in screen
        assert "▸ Business: Acme Widgets Ltd." in screen

        done = {"dontknow": False, "back": False, "soft": False, "refused": False, "note": False}
        screener_yes = 0
        for _ in range(400):
            screen = tmux.capture()
            if "All questions answered" in screen:
                break
            qid = _question(screen)
            if qid == "p_staff" and not done["dontknow"]:
                tmux.send_keys("F2")  # don't know → the band question follows
                _wait_question(tmux, "p_empband")
                done["dontknow"] = True
                continue
            if qid == "p_premises" and not done["back"]:
                # Back twice to the staff number, give a number: the band question leaves the path.
                tmux.send_keys("F4")
                _wait_question(tmux, "p_empband")
                tmux.send_keys("C-b")
                screen = _wait_question(tmux, "p_staff")
                assert "Current answer: don't know" in screen
                screen = _answer(tmux, "12", expect_next="p_premises")
                assert "1 later answer left the path: p_empband" in tmux.wait_for("left the path")
                done["back"] = True
                continue
            if qid == "p_tenure" and not done["note"]:
                tmux.send_keys("F6")
                tmux.wait_for("Note on this question")
                tmux.send_text("Respondent shares a unit with a café")
                tmux.send_keys("Enter")
                tmux.wait_for("Note saved.")
                done["note"] = True
                tmux.send_keys("F3")  # refused
                tmux.wait_until(lambda s: _question(s) != "p_tenure", "refused to move on")
                done["refused"] = True
                continue
            if qid and qid.startswith("sc_had") and screener_yes >= 2:
                # Two crime types are enough: a victim business reports one or two, not twenty-one.
                _answer(tmux, "2")
                continue
            if qid and qid.startswith("sc_had"):
                screener_yes += 1
            if qid == "p_years" and not done["soft"]:
                _answer(tmux, "200")
                screen = tmux.wait_for("Please check this answer")
                assert "200 years is a long time; please confirm." in screen
                tmux.send_keys("Enter")
                _wait_question(tmux, "p_turnover")
                done["soft"] = True
                continue
            _generic_step(tmux, screen)
        else:
            raise AssertionError("the interview did not reach the end screen")
        assert all(done.values()), done
        screen = tmux.wait_for("All questions answered — Enter to finish, F4 to go back")
        tmux.send_keys("Enter")
        screen = tmux.wait_for("[exit=0]")
        assert "Case C1: interview complete → final 1.1 complete interview." in screen
    # The case store agrees with the journal: one call, complete, nothing left leased.
    stored = _case(directory)
    assert stored["status"] == "complete" and stored["finalDisposition"]["code"] == "1.1"
    assert [a["outcome"] for a in stored["attempts"]] == ["interview-complete"]
    assert stored.get("leaseHolder") is None

    kinds = _kinds(_journal(directory))
    for kind in ("interview.answer", "interview.dontknow", "interview.refused", "interview.softcheck.confirmed",
                 "interview.note", "interview.complete", "interview.shown", "interview.back"):
        assert kind in kinds, f"{kind} missing from the journal"
    records = _journal(directory)
    outcomes = [r["data"]["outcome"] for r in records if r["kind"] == "call.outcome"]
    assert outcomes == ["complete"]
    assert records[-1]["kind"] == "session.end" and records[-1]["data"]["reason"] == "completed"
    notes = [r["data"]["text"] for r in records if r["kind"] == "interview.note"]
    assert notes == ["Respondent shares a unit with a café"]

    # A completed case cannot be reopened for interview.
    result = subprocess.run(_command(directory), capture_output=True, text=True)
    assert result.returncode == 1
    assert "case C1 is already complete" in result.stderr


# -- (b) resize ---------------------------------------------------------------------------

def test_resize_mid_interview(tmp_path) -> None:
    _require_environment()
    directory = _survey(tmp_path)
    with _start(directory) as tmux:
        _wait_question(tmux, "q_intro")
        _answer(tmux, "", expect_next="q_kind")
        _answer(tmux, "1", expect_next="q_follow")
        tmux.send_text("2")
        tmux.wait_for("Code: 2")
        tmux.resize(60, 20)
        screen = tmux.wait_for("window too small: make it at least 80×24")
        assert "now 60×20" in screen
        tmux.resize(80, 24)
        screen = _wait_question(tmux, "q_follow")
        assert "window too small" not in screen
        assert "Code: 2" in screen, "typed input survives a resize"
        tmux.resize(100, 30)
        screen = tmux.wait_until(lambda s: len(s.split("\n")[0]) > 90 or "Has it traded" in s and s.count("\n") >= 29, "wider screen")
        tmux.send_keys("Enter")
        _wait_question(tmux, "q_staff")
    kinds = _kinds(_journal(directory))
    assert kinds.count("interview.answer") == 3


# -- (c) suspend with an appointment, then resume ------------------------------------------

def test_suspend_and_resume(tmp_path) -> None:
    _require_environment()
    directory = _survey(tmp_path)
    clock = {"FIELDWORK_NOW": "2026-12-01T10:00:00Z"}
    with _start(directory, env=clock) as tmux:
        _wait_question(tmux, "q_intro")
        _answer(tmux, "", expect_next="q_kind")
        _answer(tmux, "1", expect_next="q_follow")
        _answer(tmux, "1", expect_next="q_staff")
        tmux.send_keys("F7")
        tmux.wait_for("Suspend with an appointment")
        # The case store's rules are applied before the interview closes: a time already past is
        # asked again, with the reason, and nothing is closed.
        tmux.send_text("2026-11-30")
        tmux.send_keys("Enter")
        tmux.send_text("14:30")
        tmux.send_keys("Enter", "Enter")
        tmux.wait_for("is in the past")
        tmux.send_keys("Escape")
        _wait_question(tmux, "q_staff")
        tmux.send_keys("F7")
        tmux.wait_for("Suspend with an appointment")
        tmux.send_text("2026-13-01")
        tmux.send_keys("Enter")
        tmux.send_text("14:30")
        tmux.send_keys("Enter")
        tmux.send_text("ask for Priya")
        tmux.send_keys("Enter")
        tmux.wait_for("is not a date")
        tmux.send_keys("C-u")
        tmux.send_text("2026-12-01")
        tmux.send_keys("Tab", "Tab", "Enter")
        screen = tmux.wait_for("[exit=0]")
        assert "Case C1: suspended, appointment 2026-12-01 14:30 — ask for Priya" in screen
    stored = _case(directory)
    assert stored["status"] == "appointment"
    assert [a["outcome"] for a in stored["attempts"]] == ["suspended-with-appointment"]
    start = stored["appointments"][-1]["appointment"]["start"]
    assert (start["year"], start["month"], start["day"], start["hour"], start["minute"]) == (2026, 12, 1, 14, 30)
    records = _journal(directory)
    kinds = _kinds(records)
    assert "interview.suspend" in kinds
    assert [r["data"]["outcome"] for r in records if r["kind"] == "call.outcome"] == ["appointment"]
    assert any(r["kind"] == "interview.note" and "2026-12-01 14:30" in r["data"]["text"] for r in records)

    with _start(directory, env=clock) as tmux:
        # A resumed interview opens on a short re-introduction: who stopped it, when, how, where.
        screen = " ".join(tmux.wait_for("Resuming a partial interview").split())  # wrapped lines joined
        # The journal's times are the machine's clock (FIELDWORK_NOW sets the case store's), in the survey's zone.
        assert re.search(r"Last sitting by I7, stopped \d{4}-\d\d-\d\d \d\d:\d\d: suspended with an appointment\. "
                         r"1 earlier sitting, 3 answers saved\.", screen), screen
        assert "It continues at q_staff (Q 4): Staff" in screen
        assert "calling back to finish the survey" in screen
        tmux.send_keys("Enter")
        screen = tmux.wait_for("How many people work here?")
        tmux.send_keys("F4")
        screen = _wait_question(tmux, "q_follow")
        assert "Current answer: 1 Yes" in screen
        tmux.send_keys("Enter")
        _wait_question(tmux, "q_staff")
        tmux.send_keys("C-c")
        tmux.wait_for("Leave this interview? Answers so far are saved. y/n")
        tmux.send_text("y")
        tmux.wait_for("[exit=0]")
    records = _journal(directory)
    assert "interview.resume" in _kinds(records)
    assert records[-1]["kind"] == "session.end" and records[-1]["data"]["reason"] == "interrupted"


# -- (d) kill -9 mid-interview, then resume ------------------------------------------------

def test_kill_and_resume(tmp_path) -> None:
    _require_environment()
    directory = _survey(tmp_path)
    with _start(directory) as tmux:
        _wait_question(tmux, "q_intro")
        _answer(tmux, "", expect_next="q_kind")
        _answer(tmux, "1", expect_next="q_follow")
        _answer(tmux, "2", expect_next="q_staff")
        tmux.send_text("4")  # typed, not yet accepted: may be lost
        tmux.wait_for("people): 4")
        os.kill(tmux.program_pid(), signal.SIGKILL)
        tmux.wait_for("[exit=137]")
    with _start(directory) as tmux:
        screen = " ".join(tmux.wait_for("Resuming a partial interview").split())  # wrapped lines joined
        assert "not closed (a crash or a power cut)" in screen
        tmux.send_keys("Enter")
        screen = tmux.wait_for("Number (people):")
        assert _question(screen) == "q_staff"
        assert "Q 4 of" in screen
        tmux.send_keys("F4")
        _wait_question(tmux, "q_follow")
        # The question id shows before the rest of the frame is drawn: wait for the answer line.
        tmux.wait_until(lambda s: _question(s) == "q_follow" and "Current answer: 2 No" in s, "the kept answer")
        tmux.send_keys("C-c")
        tmux.send_text("y")
        tmux.wait_for("[exit=0]")


# -- (e) a second process on the same case is refused --------------------------------------

def test_second_process_is_refused_with_the_holder_named(tmp_path) -> None:
    _require_environment()
    directory = _survey(tmp_path)
    with _start(directory) as tmux:
        _wait_question(tmux, "q_intro")
        pid = tmux.program_pid()
        result = subprocess.run(_command(directory, interviewer="I9"), capture_output=True, text=True, timeout=20)
        assert result.returncode == 1
        assert re.search(rf"^error: case C1 is open by interviewer I7 \(pid {pid}, host [^)]+\) since \d{{4}}-", result.stderr), result.stderr
        assert "Traceback" not in result.stderr and "Fatal" not in result.stderr
        assert result.stderr.count("\n") == 1
        # The first interviewer carries on unaffected.
        _answer(tmux, "", expect_next="q_kind")


def test_start_up_errors_are_one_line(tmp_path) -> None:
    _require_environment()
    directory = _survey(tmp_path)
    cases = [
        (_command(str(tmp_path / "nowhere")), "is not a survey directory"),
        (_command(directory, case="../x"), "invalid case id"),
        (_command(directory, case="C404"), "case C404 is not in the survey's case store; import it first"),
        (_command(directory, sample=["business_name=", "phone=1"]), "sample field \"business_name\" is missing"),
    ]
    for command, expected in cases:
        result = subprocess.run(command, capture_output=True, text=True, timeout=20)
        assert result.returncode != 0, command
        assert expected in result.stderr, result.stderr
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr


# -- (f) terminal types -----------------------------------------------------------------

@pytest.mark.parametrize("term", ["xterm", "vt100"])
def test_keys_work_on_terminal_types(tmp_path, term: str) -> None:
    _require_environment(term)
    directory = _survey(tmp_path)
    with _start(directory, term=term) as tmux:
        screen = _wait_question(tmux, "q_intro")
        assert "▸ Do not read the business name aloud." in screen
        _answer(tmux, "", expect_next="q_kind")
        tmux.send_keys("F2")                      # function key: don't know
        _wait_question(tmux, "q_staff")
        tmux.send_keys("C-b")                     # Ctrl alternative: back
        _wait_question(tmux, "q_kind")
        # The kept answer's line is drawn with the question; wait for it rather than trusting one capture.
        tmux.wait_for("Current answer: don't know")
        tmux.send_keys("C-r")                     # Ctrl alternative: refused
        _wait_question(tmux, "q_staff")
        tmux.send_text("?")
        tmux.wait_for("F7 / Ctrl-P")
        tmux.send_keys("Escape")
        tmux.wait_for("Number (people):")
        tmux.send_keys("F8")
        tmux.wait_for("Stop this interview")
        tmux.send_text("2")
        tmux.send_keys("Enter")
        screen = tmux.wait_for("[exit=0]")
        # One of three applicable questions answered: under half is a break-off (2.12).
        assert "Case C1: interview ended (break-off) → final 2.12 break-off." in screen
    records = _journal(directory)
    assert "interview.end" in _kinds(records)
    assert [r["data"]["outcome"] for r in records if r["kind"] == "call.outcome"] == ["breakoff"]


# -- (g) hostile sample data ----------------------------------------------------------------

def test_escape_sequences_in_sample_are_shown_harmlessly(tmp_path) -> None:
    _require_environment()
    directory = _survey(tmp_path)
    evil = "business_name=Evil\x1b[2J\x1b]0;pwned\x07 Ltd"
    with _start(directory, sample=[evil, "phone=020 7946 0000"]) as tmux:
        screen = _wait_question(tmux, "q_intro")
        assert "Evil^[[2J^[]0;pwned^G Ltd · 020 7946 0000" in screen
        assert "Mini Business Survey" in screen.split("\n")[0], "the header was not cleared"
        tmux.send_keys("C-c")
        tmux.send_text("y")
        tmux.wait_for("[exit=0]")


# -- hangup -------------------------------------------------------------------------------

def test_hangup_closes_the_sitting_quietly(tmp_path) -> None:
    _require_environment()
    directory = _survey(tmp_path)
    with _start(directory) as tmux:
        _wait_question(tmux, "q_intro")
        _answer(tmux, "", expect_next="q_kind")
        os.kill(tmux.program_pid(), signal.SIGHUP)
        tmux.wait_for("[exit=0]")
    records = _journal(directory)
    assert records[-1]["kind"] == "session.end" and records[-1]["data"]["reason"] == "hangup"


# -- window too small: keys wait ----------------------------------------------------------

def test_keys_are_ignored_while_the_window_is_too_small(tmp_path) -> None:
    _require_environment()
    directory = _survey(tmp_path)
    with _start(directory) as tmux:
        _wait_question(tmux, "q_intro")
        _answer(tmux, "", expect_next="q_kind")
        tmux.resize(60, 20)
        tmux.wait_for("window too small: make it at least 80×24")
        tmux.send_text("1")
        tmux.send_keys("Enter")
        tmux.send_keys("F2")
        time.sleep(0.5)                            # give the keys time to arrive (and be dropped)
        tmux.resize(80, 24)
        screen = _wait_question(tmux, "q_kind")
        assert "Code: 1" not in screen, "a key typed unseen reached the answer line"
        assert screen.rstrip("\n").split("\n")[-2].rstrip() == "Code:", screen
        tmux.resize(60, 20)
        tmux.wait_for("Ctrl-C leaves")
        tmux.send_keys("C-c")                     # leaves at once: a confirmation could not be seen
        tmux.wait_for("[exit=0]")
    records = _journal(directory)
    assert _kinds(records).count("interview.answer") == 1, "only the statement was answered"
    assert records[-1]["kind"] == "session.end" and records[-1]["data"]["reason"] == "interrupted"


# -- locale and terminal type ---------------------------------------------------------------

@pytest.mark.parametrize("variables, described", [
    ({"LANG": "C", "LC_ALL": "C"}, "LC_ALL=C is not UTF-8"),
    ({"LANG": "xx_XX.UTF-8", "LC_ALL": ""}, "LANG=xx_XX.UTF-8 is not installed"),
])
def test_a_locale_that_is_not_utf8_falls_back_and_says_so(tmp_path, variables, described) -> None:
    _require_environment()
    directory = _survey(tmp_path)
    with _start(directory, env=variables) as tmux:
        screen = _wait_question(tmux, "q_intro")
        assert f"Locale {described}: the screen uses C.UTF-8" in screen.replace("\n", " "), screen
        assert "▸ Do not read the business name aloud." in screen
        assert "Acme Widgets Ltd · 020 7946 0000" in screen
        _answer(tmux, "", expect_next="q_kind")
        screen = tmux.capture()
        assert "Locale" not in screen, "the notice is shown once"
        tmux.send_keys("C-c")
        tmux.send_text("y")
        tmux.wait_for("[exit=0]")


@pytest.mark.parametrize("term, expected", [
    ("dumb", "cannot run on TERM=dumb"),
    ("no-such-terminal", "cannot start the screen for TERM=no-such-terminal"),
])
def test_terminals_that_cannot_draw_the_screen_are_refused(tmp_path, term, expected) -> None:
    _require_environment()
    directory = _survey(tmp_path)
    with TmuxSession.start(_command(directory), term=term) as tmux:
        screen = tmux.wait_for("[exit=")
        assert "[exit=1]" in screen, screen
        assert expected in screen.replace("\n", ""), screen
        assert "error: " in screen
    records = _journal(directory)
    assert "interview.answer" not in _kinds(records)
