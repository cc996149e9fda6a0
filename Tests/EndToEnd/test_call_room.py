"""The call room, end to end: the new outcome codes, a supervisor's appointments, sample release in
replicates, the call-history CSV (read with pandas), interviewer states written by real sessions,
and `fieldwork supervise` (the ncurses console in tmux beside running sessions, and its --json
snapshot, whose rates are checked against the AAPOR formulas worked out here).

Run with: FIELDWORK_BIN=.build/debug/fieldwork python3 -m pytest Tests/EndToEnd/test_call_room.py
"""
from __future__ import annotations

import io
import json
import os
import sqlite3
import stat
import subprocess
import time

import pytest

from tmux_harness import TmuxSession, fieldwork_binary, terminfo_available, tmux_available

# Tuesday 1 December 2026, 10:00 in London (GMT): inside calling hours.
NOW = "2026-12-01T10:00:00Z"

QUESTIONNAIRE = {
    "id": "room", "version": "1", "title": "Call Room Survey",
    "languages": ["en"], "defaultLanguage": "en",
    "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": True, "required": True},
        {"name": "phone", "type": "phone", "identifier": True, "required": True},
    ],
    "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
    "sections": [{"id": "main", "title": "Main", "items": [
        {"id": "q_lang", "type": "single", "text": "Can the interview go on in English?", "codeFrame": "yesno"},
        {"id": "end_lang", "type": "end", "askIf": "q_lang == 'no'", "outcome": "language-barrier"},
        {"id": "q_staff", "type": "integer", "text": "How many staff?", "min": 1, "max": 999},
    ]}],
}


def run(args: list[str], now: str = NOW) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, FIELDWORK_NOW=now)
    return subprocess.run([fieldwork_binary(), *args], capture_output=True, text=True, env=env, timeout=120)


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr
    return result


def cases(directory: str, *args: str, now: str = NOW) -> subprocess.CompletedProcess[str]:
    return run(["cases", *args, "--data", directory], now=now)


def write_sample(path, ids: list[str]) -> None:
    rows = ["case_id,business_name,phone"] + [f"{c},Business {c} Ltd,020 7946 {n:04d}" for n, c in enumerate(ids, 100)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture
def survey(tmp_path) -> str:
    if not os.path.exists(fieldwork_binary()):
        pytest.skip("fieldwork binary not built")
    questionnaire = tmp_path / "room.json"
    questionnaire.write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    directory = str(tmp_path / "survey")
    ok(run(["init", directory, "--questionnaire", str(questionnaire)]))
    sample = tmp_path / "sample.csv"
    write_sample(sample, [f"R{n:02d}" for n in range(1, 7)])
    ok(cases(directory, "import", str(sample)))
    return directory


def test_appointments_are_listed_booked_moved_and_cancelled_with_audit(survey: str) -> None:
    booked = ok(cases(survey, "book", "R01", "--at", "2026-12-01T10:30", "--by", "sup1", "--reason", "emailed", "--json"))
    assert json.loads(booked.stdout)["audit"]["action"] == "book-appointment"
    ok(cases(survey, "book", "R02", "--at", "2026-12-01T15:00", "--kind", "soft", "--by", "sup2", "--reason", "asked"))
    ok(cases(survey, "book", "R03", "--at", "2026-12-02T11:00", "--by", "sup1", "--reason", "tomorrow"))
    past = cases(survey, "book", "R04", "--at", "2026-12-01T09:00", "--by", "sup1", "--reason", "late")
    assert past.returncode != 0 and "in the past" in past.stderr
    outside = cases(survey, "book", "R04", "--at", "2026-12-01T20:00", "--by", "sup1", "--reason", "evening")
    assert outside.returncode != 0 and "outside calling hours" in outside.stderr

    # At 10:50 the 10:30 appointment (15 minutes' grace) is overdue; 15:00 is later today; tomorrow only with --all.
    listed = json.loads(ok(cases(survey, "appointments", "--json", now="2026-12-01T10:50:00Z")).stdout)["appointments"]
    assert [(a["caseID"], a["standing"]) for a in listed] == [("R01", "overdue"), ("R02", "today")]
    assert (listed[0]["start"], listed[0]["kind"], listed[0]["bookedBy"]) == ("2026-12-01T10:30", "hard", "sup1")
    assert listed[1]["kind"] == "soft" and "end" not in listed[1]
    every = json.loads(ok(cases(survey, "appointments", "--all", "--json", now="2026-12-01T10:50:00Z")).stdout)["appointments"]
    assert [a["caseID"] for a in every] == ["R01", "R02", "R03"]
    mine = json.loads(ok(cases(survey, "appointments", "--all", "--interviewer", "sup2", "--json")).stdout)["appointments"]
    assert [a["caseID"] for a in mine] == ["R02"]
    text = ok(cases(survey, "appointments", now="2026-12-01T10:50:00Z")).stdout
    assert "Overdue (the time passed without a call): 1" in text and "R01" in text

    ok(cases(survey, "move", "R03", "--at", "2026-12-03T11:00", "--by", "sup1", "--reason", "moved by phone"))
    ok(cases(survey, "cancel", "R02", "--by", "sup1", "--reason", "not needed"))
    r03 = json.loads(ok(cases(survey, "show", "R03", "--json")).stdout)
    assert [a["action"] for a in r03["audit"]] == ["book-appointment", "move-appointment"]
    assert "2026-12-03 11:00" in r03["audit"][-1]["after"]
    r02 = json.loads(ok(cases(survey, "show", "R02", "--json")).stdout)
    assert r02["status"] == "fresh" and r02["audit"][-1]["action"] == "cancel-appointment"
    assert "Audit trail:" in ok(cases(survey, "show", "R02")).stdout


def test_replicates_are_held_back_until_released(survey: str, tmp_path) -> None:
    second = tmp_path / "second.csv"
    write_sample(second, ["Q01", "Q02", "Q03"])
    imported = ok(cases(survey, "import", str(second), "--replicate", "2"))
    assert "replicate 2, not yet released" in imported.stdout
    report = json.loads(ok(cases(survey, "status", "--json")).stdout)
    assert report["total"] == 9 and report["unreleased"] == 3
    assert report["replicates"] == [{"replicate": 2, "cases": 3, "released": 0}]
    # U counts only the six released, never-called cases (interim 3.11).
    assert report["responseRates"]["counts"]["UH"] == 6
    refused = run(["interview", "--data", survey, "--case", "Q01", "--interviewer", "int1"])
    assert refused.returncode != 0 and "has not been released" in (refused.stderr + refused.stdout)

    released = json.loads(ok(cases(survey, "release", "--replicate", "2", "--by", "sup1", "--reason", "go", "--json")).stdout)
    assert released["cases"] == 3
    report = json.loads(ok(cases(survey, "status", "--json")).stdout)
    assert report["unreleased"] == 0 and report["responseRates"]["counts"]["UH"] == 9
    again = cases(survey, "release", "--replicate", "2", "--by", "sup1", "--reason", "again")
    assert again.returncode != 0 and "already released" in again.stderr
    assert cases(survey, "release", "--by", "sup1", "--reason", "neither").returncode != 0


def _session(directory: str, who: str, *extra: str) -> TmuxSession:
    return TmuxSession.start([fieldwork_binary(), "session", "--data", directory, "--interviewer", who, *extra],
                             term="xterm", env={"FIELDWORK_NOW": NOW})


def _record_from_menu(tmux: TmuxSession, key: str) -> None:
    tmux.wait_for("DIAL")
    tmux.send_text(key)
    tmux.wait_for("Record")
    tmux.send_keys("Enter")


def _need_tmux() -> None:
    if not tmux_available() or not terminfo_available("xterm"):
        pytest.skip("tmux or the xterm terminfo entry is missing")


def test_sessions_record_states_and_new_outcomes_and_the_calls_csv_reads_in_pandas(survey: str, tmp_path) -> None:
    _need_tmux()
    pandas = pytest.importorskip("pandas")
    with _session(survey, "int1", "--wrap-up") as one:
        one.wait_for("DIAL")
        one.send_keys("Tab")                 # a note that looks like a spreadsheet formula
        one.send_text("=1+1 spoke Polish")
        one.send_keys("Enter")
        _record_from_menu(one, "l")          # language barrier → 2.33
        one.wait_for("Wrap-up")
        one.send_keys("Enter")
        _record_from_menu(one, "d")          # duplicate listing → 4.92
        one.wait_for("Wrap-up")
        one.send_text("p")                   # a break from wrap-up
        one.wait_for("On a break")
        one.send_keys("Enter")
        _record_from_menu(one, "1")          # no answer
        one.wait_for("Wrap-up")
        one.send_text("q")
        one.wait_for("[exit=0]")
    db = sqlite3.connect(os.path.join(survey, "cases.sqlite"))
    states = [row[0] for row in db.execute("SELECT state FROM interviewer_states WHERE interviewer = 'int1' ORDER BY id")]
    finals = dict(db.execute("SELECT final_code, COUNT(*) FROM cases WHERE final_code IS NOT NULL GROUP BY final_code"))
    db.close()
    assert states == ["signed-in", "dialling", "wrap-up", "dialling", "wrap-up", "break", "dialling", "wrap-up", "signed-out"]
    assert finals == {"2.33": 1, "4.92": 1}

    out = tmp_path / "calls.csv"
    ok(cases(survey, "calls", "--output", str(out), "--from", "2026-12-01", "--to", "2026-12-01"))
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    calls = pandas.read_csv(out, dtype=str, keep_default_na=False)
    assert list(calls["outcome"]) == ["language-barrier", "duplicate-listing", "no-answer"]
    assert list(calls["final_code"]) == ["2.33", "4.92", ""]
    assert list(calls["note"]) == ["'=1+1 spoke Polish", "", ""]  # kept as text, never run as a formula
    assert list(calls["call_number"]) == ["1", "1", "1"]
    assert set(calls["interviewer"]) == {"int1"}
    only = pandas.read_csv(io.StringIO(ok(cases(survey, "calls", "--outcome", "no-answer")).stdout), dtype=str)
    assert len(only) == 1 and only["call_number"].iloc[0] == "1"
    assert len(pandas.read_csv(io.StringIO(ok(cases(survey, "calls", "--interviewer", "nobody")).stdout))) == 0
    assert len(pandas.read_csv(io.StringIO(ok(cases(survey, "calls", "--from", "2026-12-02")).stdout))) == 0


def aapor(codes: dict[str, int]) -> tuple[float | None, float | None]:
    """RR1 = I / (D + U) and CON1 = ((I+P) + R + O) / (D + U), from code counts, per the AAPOR formulas."""
    def group(code: str) -> str:
        major, minor = code.split(".")
        return {"1": {"1": "I", "2": "P"}.get(minor[0]), "2": {"1": "R", "2": "NC", "3": "O"}.get(minor[0]),
                "3": "UH" if minor[0] == "1" else "UO", "4": "NE"}[major]
    n = {g: 0 for g in ["I", "P", "R", "NC", "O", "UH", "UO", "NE"]}
    for code, count in codes.items():
        n[group(code)] += count
    d = n["I"] + n["P"] + n["R"] + n["NC"] + n["O"]
    u = n["UH"] + n["UO"]
    if d + u == 0:
        return None, None
    return n["I"] / (d + u), (n["I"] + n["P"] + n["R"] + n["O"]) / (d + u)


def test_supervise_console_beside_sessions_and_json_snapshot(survey: str) -> None:
    _need_tmux()
    sessions = [_session(survey, f"int{n}") for n in range(1, 4)]
    console = TmuxSession.start([fieldwork_binary(), "supervise", "--data", survey, "--refresh-seconds", "1"],
                                term="xterm", env={"FIELDWORK_NOW": NOW}, width=120, height=40)
    try:
        for s in sessions:
            s.wait_for("DIAL")
        _record_from_menu(sessions[0], "u")   # respondent ill → 2.32
        sessions[0].wait_for("Recorded case")
        sessions[1].send_text("p")            # int2 goes on a break
        sessions[1].wait_for("On a break")
        screen = console.wait_until(lambda s: "int1" in s and "int2" in s and "int3" in s and "break" in s,
                                    "three interviewers with int2 on a break")
        assert "Fieldwork supervisor console" in screen
        rows = {line.split()[0]: line for line in screen.split("\n") if line.startswith("int")}
        assert "dialling" in rows["int1"] and "dialling" in rows["int3"] and "break" in rows["int2"]
        snapshot = json.loads(ok(run(["supervise", "--data", survey, "--json"])).stdout)
        states = {i["name"]: i["state"] for i in snapshot["interviewers"]}
        assert states == {"int1": "dialling", "int2": "break", "int3": "dialling"}
        held = {i["name"]: i.get("caseID") for i in snapshot["interviewers"]}
        assert held["int2"] is None and held["int1"] and held["int3"] and held["int1"] != held["int3"]
        assert snapshot["callsToday"] == 1 and snapshot["contactsToday"] == 1
        assert snapshot["todayCodeCounts"] == {"2.32": 1}
        rr1, con1 = aapor(snapshot["todayCodeCounts"])
        assert snapshot["todayResponseRate"] == rr1 == 0.0
        assert abs(snapshot["todayContactRate"] - con1) < 1e-12
        console.send_text("q")
        console.wait_for("[exit=0]")
    finally:
        for s in sessions:
            s.kill()
        console.kill()
