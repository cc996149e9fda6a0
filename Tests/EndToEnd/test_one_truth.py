"""One truth about every case: interviews through `interview` and `session` on one survey, then
`cases status`, `verify` and the export must tell the same story; screen-outs and refused
consent end as 4.x and 2.11, never as completes; and the simulated BAS wave agrees with itself.

Run with: FIELDWORK_BIN=.build/debug/fieldwork python3 -m pytest Tests/EndToEnd/test_one_truth.py
"""
from __future__ import annotations

import csv
import glob
import json
import os
import sqlite3
import subprocess

import pytest

from tmux_harness import TmuxSession, fieldwork_binary, terminfo_available, tmux_available

NOW = "2026-12-01T10:00:00Z"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

QUESTIONNAIRE = {
    "id": "truth", "version": "1", "title": "One Truth Survey",
    "languages": ["en"], "defaultLanguage": "en",
    "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": True, "required": True},
        {"name": "phone", "type": "phone", "identifier": True, "required": True},
    ],
    "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
    "sections": [{"id": "main", "title": "Screening", "items": [
        {"id": "q_trading", "type": "single", "text": "Is the business still trading?", "codeFrame": "yesno"},
        {"id": "end_ceased", "type": "end", "askIf": "q_trading == 'no'", "outcome": "ceased-trading",
         "text": "Thank you, that is all we need."},
        {"id": "q_consent", "type": "single", "text": "May we go on?", "codeFrame": "yesno"},
        {"id": "end_refused", "type": "end", "askIf": "q_consent == 'no'", "outcome": "hard-refusal"},
        {"id": "q_staff", "type": "integer", "text": "How many staff?", "min": 1, "max": 999},
        {"id": "q_sites", "type": "integer", "text": "How many sites?", "min": 1, "max": 99},
        {"id": "q_what", "type": "text", "text": "What does it do?", "maxLength": 50},
        {"id": "q_age", "type": "integer", "text": "How many years trading?", "min": 0, "max": 300},
    ]}],
}


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, FIELDWORK_NOW=NOW)
    return subprocess.run([fieldwork_binary(), *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def survey(tmp_path) -> str:
    if not tmux_available() or not terminfo_available("xterm"):
        pytest.skip("tmux or the xterm terminfo entry is missing")
    questionnaire = tmp_path / "truth.json"
    questionnaire.write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    directory = str(tmp_path / "survey")
    assert _run(["init", directory, "--questionnaire", str(questionnaire)]).returncode == 0
    sample = tmp_path / "sample.csv"
    with open(sample, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case_id", "business_name", "phone"])
        for n in range(1, 7):
            writer.writerow([f"T{n}", f"Business {n} Ltd", f"020 7946 010{n}"])
    result = _run(["cases", "import", str(sample), "--data", directory])
    assert result.returncode == 0, result.stderr
    return directory


def _interview(directory: str, case: str) -> TmuxSession:
    return TmuxSession.start([fieldwork_binary(), "interview", "--data", directory, "--case", case, "--interviewer", "I1"],
                             term="xterm", env={"FIELDWORK_NOW": NOW})


def _type(tmux: TmuxSession, text: str, wait: str) -> str:
    tmux.send_text(text)
    tmux.send_keys("Enter")
    return tmux.wait_for(wait)


def _status(directory: str) -> dict:
    result = _run(["cases", "status", "--json", "--data", directory])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_interview_session_verify_export_and_status_agree(survey: str, tmp_path) -> None:
    # T1: completed through `interview`.
    with _interview(survey, "T1") as tmux:
        tmux.wait_for("[q_trading]")
        _type(tmux, "1", "[q_consent]")
        _type(tmux, "1", "[q_staff]")
        _type(tmux, "12", "[q_sites]")
        _type(tmux, "2", "[q_what]")
        _type(tmux, "bakery", "[q_age]")
        _type(tmux, "30", "All questions answered")
        tmux.send_keys("Enter")
        screen = tmux.wait_for("[exit=0]")
        assert "Case T1: interview complete → final 1.1 complete interview." in screen

    # T2: screened out by the questionnaire; pressing Enter can no longer save a complete.
    with _interview(survey, "T2") as tmux:
        tmux.wait_for("[q_trading]")
        screen = _type(tmux, "2", "The interview ends here")
        assert "outcome: ceased trading: not eligible" in screen
        assert "Thank you, that is all we need." in screen
        tmux.send_keys("Enter")
        screen = tmux.wait_for("[exit=0]")
        assert "Case T2: interview ended (ceased trading) → final 4.91 ceased trading." in screen

    # T3: consent refused inside the questionnaire → a hard refusal, 2.11.
    with _interview(survey, "T3") as tmux:
        tmux.wait_for("[q_trading]")
        _type(tmux, "1", "[q_consent]")
        _type(tmux, "2", "The interview ends here")
        tmux.send_keys("Enter")
        screen = tmux.wait_for("[exit=0]")
        assert "final 2.11 refusal" in screen

    # The session never offers the three final cases; T4 is broken off after 1 of 6 questions.
    with TmuxSession.start([fieldwork_binary(), "session", "--data", survey, "--interviewer", "S1"],
                           term="xterm", env={"FIELDWORK_NOW": NOW}) as tmux:
        screen = tmux.wait_for("DIAL")
        assert "T4" in screen.split("\n")[0] + screen.split("\n")[1]
        tmux.send_text("i")
        tmux.wait_for("[q_trading]")
        _type(tmux, "1", "[q_consent]")
        tmux.send_keys("F8")
        tmux.wait_for("Stop this interview")
        tmux.send_text("2")
        tmux.send_keys("Enter")
        tmux.wait_for("Recorded case T4: break-off")
        tmux.send_keys("C-c")
        tmux.wait_for("End the session?")
        tmux.send_text("y")
        tmux.wait_for("[exit=0]")

    status = _status(survey)
    final = {d["code"]: d["count"] for d in status["byDisposition"]}
    assert final == {"1.1": 1, "4.91": 1, "2.11": 1, "2.12": 1}
    assert status["leased"] == 0
    rows = {row["code"]: row for row in status["dispositions"] if row["kind"] == "interim"}
    assert rows["3.11"]["count"] == 2  # T5 and T6 never attempted

    # verify: the journals and the store agree, and the journal standing matches.
    result = _run(["verify", "--data", survey, "--json"])
    assert result.returncode == 0, result.stderr
    verified = json.loads(result.stdout)
    assert verified["summary"]["complete"] == 1 and verified["summary"]["ended"] == 3
    assert verified["reconciliation"]["disagreements"] == []
    assert verified["reconciliation"]["endingsRecorded"] == 4

    # The completed-only export holds exactly T1, as 1.1; the screen-out is not a complete.
    out = tmp_path / "completes.csv"
    result = _run(["export", "--data", survey, "--format", "csv", "--out", str(out)])
    assert result.returncode == 0, result.stderr
    with open(out, encoding="utf-8") as handle:
        exported = list(csv.DictReader(handle))
    assert [row["case_id"] for row in exported] == ["T1"]
    assert exported[0]["disposition"] == "1.1"


def test_verify_reports_and_repairs_an_unrecorded_ending(survey: str) -> None:
    """A crash between the journal and the store: the journal proves the complete, verify says so
    by case, --repair records it, and a second repair changes nothing."""
    with _interview(survey, "T1") as tmux:
        tmux.wait_for("[q_trading]")
        _type(tmux, "2", "The interview ends here")
        tmux.send_keys("Enter")
        tmux.wait_for("[exit=0]")
    db = sqlite3.connect(os.path.join(survey, "cases.sqlite"))
    db.execute("DELETE FROM attempts")
    db.execute("UPDATE cases SET status = 'fresh', final_code = NULL, attempts = 0, tier = 2, queue = 2, interim_code = '3.11'")
    db.commit()
    db.close()

    result = _run(["verify", "--data", survey])
    assert result.returncode == 1
    assert "T1  unrecorded-ending" in result.stdout
    assert "--repair would record ceased-trading" in result.stdout
    assert _status(survey)["byDisposition"] == []

    result = _run(["verify", "--data", survey, "--repair"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "REPAIRED: recorded ceased-trading" in result.stdout
    assert {d["code"]: d["count"] for d in _status(survey)["byDisposition"]} == {"4.91": 1}
    shown = json.loads(_run(["cases", "show", "T1", "--json", "--data", survey]).stdout)
    assert "verify --repair" in shown["finalRule"]

    again = _run(["verify", "--data", survey, "--repair"])
    assert again.returncode == 0
    assert "journals and store agree" in again.stdout
    assert len(json.loads(_run(["cases", "show", "T1", "--json", "--data", survey]).stdout)["attempts"]) == 1


def test_a_session_records_a_journalled_ending_before_handing_the_case_out_again(survey: str) -> None:
    """The soak test's finding: an interviewer's process dies after the journal recorded how the
    interview ended and before the store recorded the call. When the case is handed out again, the
    session records that ending first (as verify --repair would), says so, and moves on, so nobody
    redials a finished case and gives it another final code."""
    with _interview(survey, "T1") as tmux:
        tmux.wait_for("[q_trading]")
        _type(tmux, "2", "The interview ends here")
        tmux.send_keys("Enter")
        tmux.wait_for("[exit=0]")
    db = sqlite3.connect(os.path.join(survey, "cases.sqlite"))
    db.execute("DELETE FROM attempts")
    db.execute("UPDATE cases SET status = 'fresh', final_code = NULL, attempts = 0, tier = 2, queue = 2, interim_code = '3.11'")
    db.execute("DELETE FROM cases WHERE id <> 'T1'")  # T1 is the only case to hand out
    db.commit()
    db.close()
    assert "T1  unrecorded-ending" in _run(["verify", "--data", survey]).stdout

    command = [fieldwork_binary(), "session", "--data", survey, "--interviewer", "I2", "--poll-seconds", "60"]
    with TmuxSession.start(command, term="xterm", env={"FIELDWORK_NOW": NOW}) as tmux:
        screen = tmux.wait_until(lambda s: "No cases to call right now" in s and "Case T1: its journal holds" in s,
                                 "the waiting screen with the recorded ending")
        assert "recorded ceased-trading" in " ".join(screen.split())
        tmux.send_text("q")  # the waiting screen ends the session at once
        tmux.wait_for("Session ended: 1 call recorded.")

    shown = json.loads(_run(["cases", "show", "T1", "--json", "--data", survey]).stdout)
    assert shown["finalDisposition"]["code"] == "4.91"
    assert "journal on lease" in shown["finalRule"]
    assert [a["interviewer"] for a in shown["attempts"]] == ["I2"]
    assert "I1 ended the interview" in shown["attempts"][0]["note"]
    again = _run(["verify", "--data", survey])
    assert again.returncode == 0, again.stdout + again.stderr
    assert "journals and store agree" in again.stdout


def test_simulated_bas_wave_codes_screen_outs_and_refusals_never_as_completes(tmp_path) -> None:
    directory = str(tmp_path / "wave")
    result = subprocess.run([fieldwork_binary(), "simulate", os.path.join(ROOT, "Questionnaires", "bas.json"),
                             "--count", "400", "--seed", "11", "--write", directory, "--json"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    ended = report["endedByOutcome"]
    assert ended.get("ceased-trading", 0) > 0 and ended.get("hard-refusal", 0) > 0
    assert report["completed"] + sum(ended.values()) + report["failed"] == 400

    # Each journal's ending against the store's final code, read independently of the binary.
    expected = {"ceased-trading": "4.91", "out-of-scope": "4.10", "not-a-business": "4.51", "hard-refusal": "2.11"}
    db = sqlite3.connect(os.path.join(directory, "cases.sqlite"))
    codes = dict(db.execute("SELECT id, COALESCE(final_code, status) FROM cases"))
    checked = 0
    for path in glob.glob(os.path.join(directory, "journals", "*", "*.jsonl")):
        case = os.path.basename(path)[:-len(".jsonl")]
        with open(path, encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        endpoints = [r["data"]["outcome"] for r in records if r["kind"] == "interview.endpoint"]
        completes = [r for r in records if r["kind"] == "interview.complete"]
        if endpoints:
            assert not completes
            assert codes[case] != "1.1", f"{case} ended with {endpoints} but is stored as a complete"
            if endpoints[-1] in expected:
                assert codes[case] == expected[endpoints[-1]], (case, endpoints, codes[case])
            checked += 1
        elif completes:
            assert codes[case] == "1.1"
    assert checked == sum(ended.values())
    assert sum(1 for code in codes.values() if code == "1.1") == report["completed"]
