"""`fieldwork rehearse`: a wave of calling through the real case store, engine and journals.
The same seed on the same sample gives the same wave; the survey it leaves behind passes verify,
its completes export, and the report agrees with `cases status`.

Run with: FIELDWORK_BIN=.build/debug/fieldwork python3 -m pytest Tests/EndToEnd/test_rehearse.py
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([fieldwork_binary(), *args], capture_output=True, text=True, timeout=600)


def survey(tmp_path: Path, name: str, cases: int = 400) -> str:
    directory = str(tmp_path / name)
    assert run("init", directory, "--questionnaire", str(ROOT / "Questionnaires" / "bas.json")).returncode == 0
    sample = tmp_path / f"{name}.csv"
    with open(ROOT / "Questionnaires" / "samples" / "bas-sample.csv", encoding="utf-8") as source, \
            open(sample, "w", encoding="utf-8", newline="") as target:
        rows = list(csv.reader(source))
        csv.writer(target).writerows(rows[:cases + 1])
    result = run("cases", "import", str(sample), "--data", directory)
    assert result.returncode == 0, result.stderr
    return directory


def rehearse(directory: str, seed: int) -> dict:
    result = run("rehearse", "--data", directory, "--interviewers", "6", "--days", "2", "--seed", str(seed),
                 "--start", "2026-12-07", "--target", "100", "--no-fsync", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_same_seed_same_wave_and_every_part_agrees(tmp_path: Path) -> None:
    a, b = survey(tmp_path, "a"), survey(tmp_path, "b")
    first, second = rehearse(a, 9), rehearse(b, 9)
    assert first == second
    assert [d["date"] for d in first["days"]] == ["2026-12-07", "2026-12-08"]
    assert first["completes"] > 0 and first["calls"] > first["completes"]
    assert any("no-answer" in line for line in first["contactModel"])

    status_a = json.loads(run("cases", "status", "--json", "--data", a).stdout)
    status_b = json.loads(run("cases", "status", "--json", "--data", b).stdout)
    assert status_a["dispositions"] == status_b["dispositions"]
    completes = {d["code"]: d["count"] for d in status_a["byDisposition"]}.get("1.1", 0)
    assert completes == first["completes"]
    # Calls in the store equal the report's.
    import sqlite3
    calls = sqlite3.connect(os.path.join(a, "cases.sqlite")).execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    assert calls == first["calls"]

    verified = run("verify", "--data", a, "--json")
    assert verified.returncode == 0, verified.stdout[-2000:] + verified.stderr
    assert json.loads(verified.stdout)["reconciliation"]["disagreements"] == []

    out = tmp_path / "completes-export.csv"
    exported = run("export", "--data", a, "--format", "csv", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    with open(out, encoding="utf-8") as handle:
        assert sum(1 for _ in csv.DictReader(handle)) == completes


def test_the_report_reads_the_rehearsed_wave(tmp_path: Path) -> None:
    """The rehearsal is the data source for the fieldwork report: its completes per day and calls are
    the report's, read back from the case store."""
    directory = survey(tmp_path, "r", 300)
    rehearsal = rehearse(directory, 5)
    result = run("report", "--data", directory, "--format", "json")
    assert result.returncode == 0, result.stderr
    progress = json.loads(result.stdout)["progress"]
    assert progress["calls"] == rehearsal["calls"]
    by_day = {d["day"]: d["completes"] for d in progress["completesByDay"]}
    assert {d["date"]: d["completes"] for d in rehearsal["days"] if d["completes"]} == by_day
    assert progress["completes"] == rehearsal["completes"]


def test_another_seed_gives_another_wave(tmp_path: Path) -> None:
    assert rehearse(survey(tmp_path, "a", 200), 1) != rehearse(survey(tmp_path, "b", 200), 2)


def test_a_survey_without_cases_is_refused(tmp_path: Path) -> None:
    directory = str(tmp_path / "empty")
    assert run("init", directory, "--questionnaire", str(ROOT / "Questionnaires" / "bas.json")).returncode == 0
    result = run("rehearse", "--data", directory, "--days", "1")
    assert result.returncode == 1
    assert "the survey has no cases; import a sample first" in result.stderr
