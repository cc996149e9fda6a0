"""End-to-end tests of what an experienced CATI interviewer expects of the interview screen, typed
into the real `fieldwork interview` and `fieldwork session` inside tmux, on the call-room fixture
(fixtures/call_room.json: 33 boroughs, 21 sectors, a soft and a hard check across two questions):

- search in code frames (letters filter a long list, digits still type codes, Backspace, Esc),
  and long lists in two columns;
- the jump list with each answer, filtered as you type;
- the first-unanswered key and the section review;
- a hard check's box that reaches the other question, and the soft check that keeps the wording;
- a partial interview named on the session's case screen, and resumed on a re-introduction.

Run with: FIELDWORK_BIN=.build/debug/fieldwork python3 -m pytest Tests/EndToEnd/test_interview_call_room.py
"""

from __future__ import annotations

import csv
import glob
import json
import os
import re
import subprocess

import pytest

from tmux_harness import TmuxSession, fieldwork_binary, terminfo_available, tmux_available

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "call_room.json")
NOW = "2026-12-01T10:00:00Z"  # a Tuesday, inside calling hours
_ADDRESS = re.compile(r"\[([A-Za-z_][A-Za-z0-9_]*)\]\s*$")


def _wait_all(tmux, *texts: str) -> str:
    """Waits until every one of ``texts`` is on screen at once (a dialog is drawn over several refreshes)."""
    return tmux.wait_until(lambda screen: all(t in screen for t in texts), " and ".join(map(repr, texts)))


@pytest.fixture
def survey(tmp_path) -> str:
    if not tmux_available():
        pytest.skip("tmux is not installed (apt-get install -y tmux)")
    if not os.path.exists(fieldwork_binary()):
        pytest.skip(f"fieldwork binary not found at {fieldwork_binary()}: run `swift build` or set FIELDWORK_BIN")
    if not terminfo_available("xterm"):
        pytest.skip("no terminfo entry for TERM=xterm (apt-get install -y ncurses-term)")
    directory = str(tmp_path / "survey")
    subprocess.run([fieldwork_binary(), "init", directory, "--questionnaire", FIXTURE], check=True, capture_output=True, text=True)
    sample = tmp_path / "sample.csv"
    with open(sample, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case_id", "business_name", "phone"])
        writer.writerow(["R1", "Riverside Joinery Ltd", "020 7946 0101"])
    subprocess.run([fieldwork_binary(), "cases", "import", str(sample), "--data", directory],
                   check=True, capture_output=True, text=True, env=dict(os.environ, FIELDWORK_NOW=NOW))
    return directory


def _interview(directory: str, interviewer: str = "I7", height: int = 24) -> TmuxSession:
    command = [fieldwork_binary(), "interview", "--data", directory, "--case", "R1", "--interviewer", interviewer]
    return TmuxSession.start(command, term="xterm", height=height, env={"FIELDWORK_NOW": NOW})


def _question(screen: str) -> str | None:
    lines = screen.split("\n")
    match = _ADDRESS.search(lines[2]) if len(lines) > 2 else None
    return match.group(1) if match else None


def _on(tmux: TmuxSession, qid: str, text: str) -> str:
    """Waits for question `qid` with `text` drawn (its id shows before the rest of the frame)."""
    return tmux.wait_until(lambda s: _question(s) == qid and text in s, f"{qid} showing {text!r}")


def _prompt(screen: str) -> str:
    return screen.rstrip("\n").split("\n")[-2]


def _answers(directory: str) -> dict[str, object]:
    """The last recorded response of each question, from the journal."""
    paths = glob.glob(os.path.join(directory, "journals", "*", "R1.jsonl"))
    assert len(paths) == 1, paths
    answers: dict[str, object] = {}
    with open(paths[0], encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["kind"] == "interview.answer":
                answers[record["data"]["question"]] = record["data"]["response"]
    return answers


def _leave(tmux: TmuxSession) -> None:
    tmux.send_keys("C-c")
    tmux.wait_for("Leave this interview?")
    tmux.send_text("y")


def test_letters_search_a_long_code_frame_and_digits_still_type_codes(survey) -> None:
    with _interview(survey, height=32) as tmux:
        _on(tmux, "q_intro", "Enter to continue")
        tmux.send_keys("Enter")
        screen = _on(tmux, "q_borough", "Code:")
        # 33 boroughs in two columns, read down then across.
        assert any("1.  Barking and Dagenham" in line and "18. Hounslow" in line for line in screen.split("\n")), screen
        assert "Type the code, or letters of the name to search the list." in screen
        tmux.send_text("tow")
        screen = _wait_all(tmux, 'Search "tow": 1 of 33', "» 30. Tower Hamlets")
        assert "Camden" not in screen
        assert _prompt(screen).startswith("Find: tow")
        # Backspace widens the search; once the letters are gone the whole list is back.
        tmux.send_keys("BSpace")
        screen = tmux.wait_for('Search "to":')
        assert "Tower Hamlets" in screen and "Newham" not in screen
        tmux.send_keys("BSpace", "BSpace")
        screen = tmux.wait_until(lambda s: _prompt(s).startswith("Code:") and "Westminster" in s, "the whole list back")
        assert "Search" not in screen
        # Several matches: the best is marked », ↑ ↓ move among them, Esc shows the whole list.
        tmux.send_text("ham")
        screen = _wait_all(tmux, 'Search "ham": 8 of 33', "» 13. Hammersmith and Fulham")
        tmux.send_keys("Down", "Down")
        tmux.wait_for("» 23. Lewisham")
        tmux.send_keys("Escape")
        tmux.wait_until(lambda s: _prompt(s).startswith("Code:") and "Search" not in s and "Barking" in s, "Esc to show all")
        tmux.send_text("ham")
        tmux.wait_for("» 13. Hammersmith")
        tmux.send_keys("Down", "Down", "Enter")
        # A multiple choice: letters then Enter tick the match; a code and Space still tick.
        screen = _on(tmux, "q_sectors", "Tick code:")
        assert "Which of these kinds of work does the business do?" in screen
        tmux.send_text("cafe")
        tmux.wait_for("» [ ] 9. Hotels, cafés and restaurants")
        tmux.send_keys("Enter")
        tmux.wait_for("[x] 9. Hotels, cafés and restaurants")
        tmux.send_text("3 ")
        tmux.wait_for("[x] 3. Making goods (manufacturing)")
        tmux.send_keys("Enter")
        _on(tmux, "q_sites", "Number:")
        tmux.send_keys("F4", "F4")
        screen = _on(tmux, "q_borough", "Current answer")
        assert "Current answer: 23 Lewisham" in screen
        tmux.send_text("12")                       # digits: a code, not a search
        tmux.wait_until(lambda s: _prompt(s).startswith("Code: 12"), "the code typed")
        tmux.send_keys("Enter")
        _on(tmux, "q_sectors", "Tick code:")
        _leave(tmux)
        tmux.wait_for("[exit=0]")
    answers = _answers(survey)
    assert answers["q_borough"] == {"choice": 12}, answers
    assert answers["q_sectors"] == {"choices": [3, 9]}, answers


def _to_london(tmux: TmuxSession) -> None:
    """Camden, two sectors, 2 sites, 40 staff (after a soft check refused then changed)."""
    _on(tmux, "q_intro", "Enter to continue")
    tmux.send_keys("Enter")
    _on(tmux, "q_borough", "Code:")
    tmux.send_text("camd")
    tmux.wait_for("» 6. Camden")
    tmux.send_keys("Enter")
    _on(tmux, "q_sectors", "Tick code:")
    tmux.send_text("3 ")
    tmux.wait_for("[x] 3.")
    tmux.send_text("10 ")
    tmux.wait_for("[x] 10.")
    tmux.send_keys("Enter")
    _on(tmux, "q_sites", "Number:")
    tmux.send_text("2")
    tmux.send_keys("Enter")
    _on(tmux, "q_staff", "Number:")
    tmux.send_text("800")
    tmux.send_keys("Enter")
    # The soft check's box leaves the question's wording on screen.
    screen = _wait_all(tmux, "Please check this answer", "How many people work for the business in all?",
                       "800 people is a large business for this survey. Please check.")
    tmux.send_text("n")
    tmux.wait_for_absent("Please check this answer")
    tmux.send_keys("C-u")
    tmux.send_text("40")
    tmux.send_keys("Enter")
    _on(tmux, "q_london", "Number:")


def test_jump_list_review_first_unanswered_and_the_hard_check(survey) -> None:
    with _interview(survey) as tmux:
        _to_london(tmux)
        # The jump list shows each answer and filters as you type.
        tmux.send_keys("F5")
        # Wait for the whole list, not the first capture that shows its title.
        _wait_all(tmux, "Jump to an answered question", "q_borough  Borough = 6 Camden",
                  "q_sectors  Sectors = 3 Making goods (manufacturing); 10 Information", "q_staff  Staff = 40")
        tmux.send_text("sites")
        screen = tmux.wait_until(lambda s: _prompt(s).startswith("Filter: sites") and "q_staff" not in s, "the filtered list")
        assert "q_sites  Sites = 2" in screen
        tmux.send_keys("Enter")
        _on(tmux, "q_sites", "Current answer: 2")
        # F10 goes to the first unanswered question.
        tmux.send_keys("F10")
        _on(tmux, "q_london", "Number:")
        # The review lists this section's answers; Enter on one goes there.
        tmux.send_keys("F11")
        _wait_all(tmux, "Review: People (section 2/2) — 1 of 2 answered", "q_staff  Staff = 40",
                  "q_london  Staff in London = (not answered)  ← on screen")
        tmux.send_keys("Up", "Enter")
        _on(tmux, "q_staff", "Current answer: 40")
        tmux.send_keys("C-f")                      # the Ctrl alternative of F10
        _on(tmux, "q_london", "Number:")
        # A hard check that reads another answer: its box goes to that question.
        tmux.send_text("50")
        tmux.send_keys("Enter")
        _wait_all(tmux, "This answer fails a check", "And how many of them work in London?",
                  "50 in London cannot be more than the 40 people in all.", "1. q_staff  Staff = 40")
        tmux.send_text("1")
        _on(tmux, "q_staff", "Current answer: 40")
        tmux.send_text("60")
        tmux.send_keys("Enter")
        _on(tmux, "q_london", "Number:")
        tmux.send_text("50")
        tmux.send_keys("Enter")
        _on(tmux, "q_comment", "Answer:")
        _leave(tmux)
        tmux.wait_for("[exit=0]")
    answers = _answers(survey)
    assert answers["q_staff"] == {"number": 60}, answers
    assert answers["q_london"] == {"number": 50}, answers


def test_a_partial_interview_is_named_on_the_case_screen_and_resumed_on_a_reintroduction(survey) -> None:
    with _interview(survey, interviewer="I3") as tmux:
        _on(tmux, "q_intro", "Enter to continue")
        tmux.send_keys("Enter")
        _on(tmux, "q_borough", "Code:")
        tmux.send_text("6")
        tmux.send_keys("Enter")
        _on(tmux, "q_sectors", "Tick code:")
        _leave(tmux)
        tmux.wait_for("[exit=0]")
    command = [fieldwork_binary(), "session", "--data", survey, "--interviewer", "I9"]
    with TmuxSession.start(command, term="xterm", env={"FIELDWORK_NOW": NOW}) as tmux:
        screen = " ".join(tmux.wait_for("Partial interview").split())  # wrapped lines joined
        assert re.search(r"Partial interview: 2 answers saved; stopped at q_sectors on \d{4}-\d\d-\d\d \d\d:\d\d by I3 "
                         r"\(left by the interviewer\)\. i resumes it\.", screen), screen
        tmux.send_text("i")
        screen = " ".join(tmux.wait_for("Resuming a partial interview").split())
        assert re.search(r"Last sitting by I3, stopped \d{4}-\d\d-\d\d \d\d:\d\d: left by the interviewer\. "
                         r"1 earlier sitting, 2 answers saved\.", screen), screen
        assert "It continues at q_sectors (Q 3): Sectors" in screen
        assert "I'm calling back to finish the survey" in screen
        tmux.send_text("5")                        # keys other than Enter do not reach the question
        tmux.send_keys("Enter")
        screen = _on(tmux, "q_sectors", "Tick code:")
        assert _prompt(screen).rstrip() == "Tick code:"
        assert "Which of these kinds of work does the business do?" in screen
        _leave(tmux)
        screen = tmux.wait_for("Interview left, answers saved")
        assert "Partial interview: 2 answers saved; stopped at q_sectors" in " ".join(screen.split())
        tmux.send_text("q")
        tmux.send_text("y")
        tmux.wait_for("Session ended")
