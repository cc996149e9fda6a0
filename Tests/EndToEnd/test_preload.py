"""`fieldwork cases preload`: a previous wave's values keyed by case, read as preload.NAME.

Run with: FIELDWORK_BIN=.build/debug/fieldwork pytest Tests/EndToEnd/test_preload.py
"""
import json
import os
import subprocess
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_binary())

QUESTIONNAIRE = {
    "id": "panel", "version": "1", "title": "Panel wave 2", "languages": ["en"],
    "sampleFields": [{"name": "business_name", "identifier": True}],
    "preload": [
        {"name": "prev_crimes", "type": "number", "label": "Incidents last wave"},
        {"name": "prev_town", "type": "text"},
    ],
    "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
    "sections": [{"id": "main", "title": "Main", "items": [
        {"type": "integer", "id": "crimes_now", "min": 0, "max": 100,
         "text": "Last year you told us about {preload.prev_crimes} incidents. How many this year?"},
        {"type": "single", "id": "same_town", "codeFrame": "yesno", "askIf": "preload.prev_crimes > 0",
         "text": "Are you still in {preload.prev_town}?"},
        {"type": "text", "id": "bye", "text": "Anything else?", "maxLength": 50},
    ]}],
}


def run(*args):
    env = dict(os.environ, FIELDWORK_NOW="2025-10-20T09:30:00Z")
    return subprocess.run([str(BIN), *map(str, args)], capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    questionnaire = tmp_path / "panel.json"
    questionnaire.write_text(json.dumps(QUESTIONNAIRE))
    directory = tmp_path / "survey"
    result = run("init", directory, "--questionnaire", questionnaire)
    assert result.returncode == 0, result.stderr
    (tmp_path / "sample.csv").write_text("case_id,business_name\nP1,Acme\nP2,Beta\nP3,Gamma\n")
    result = run("cases", "import", tmp_path / "sample.csv", "--data", directory)
    assert result.returncode == 0, result.stderr
    return directory


def show(directory: Path, case: str) -> dict:
    result = run("cases", "show", case, "--data", directory, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_export_columns_are_loaded_and_shown_per_case(survey: Path, tmp_path: Path) -> None:
    wave1 = tmp_path / "wave1.csv"
    wave1.write_text("case_id,q1,tot_inc,prev_town,weight\nP1,1,3,Leeds,1.1\nP2,2,,\"York, North\",0.9\n")
    result = run("cases", "preload", wave1, "--data", survey, "--map", "prev_crimes=tot_inc")
    assert result.returncode == 0, result.stderr
    assert "for 2 case(s)" in result.stdout
    assert show(survey, "P1")["preload"] == {"prev_crimes": "3", "prev_town": "Leeds"}
    assert show(survey, "P2")["preload"] == {"prev_town": "York, North"}
    assert show(survey, "P3")["preload"] == {}
    text = run("cases", "show", "P1", "--data", survey)
    assert "Preload (preload.NAME):" in text.stdout and "prev_crimes: 3" in text.stdout


def test_a_bad_file_loads_nothing_and_names_each_line(survey: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("case_id,prev_crimes,prev_town\nP1,2,Leeds\nX9,1,Hull\nP2,lots,York\n")
    result = run("cases", "preload", bad, "--data", survey)
    assert result.returncode == 1
    assert f"{bad}:3: case 'X9' is not in the case store" in result.stderr
    assert f"{bad}:4: prev_crimes (preload.prev_crimes): 'lots' is not a number" in result.stderr
    assert "nothing loaded (2 problem(s))" in result.stderr
    assert show(survey, "P1")["preload"] == {}, "all-or-nothing: the good row was not stored"


def test_missing_column_and_bad_map_are_refused(survey: Path, tmp_path: Path) -> None:
    file = tmp_path / "cols.csv"
    file.write_text("respondent,prev_town\nP1,Leeds\n")
    result = run("cases", "preload", file, "--data", survey)
    assert result.returncode == 1
    assert f"{file}:1: the header has no 'case_id' column" in result.stderr
    assert f"{file}:1: the header has no 'prev_crimes' column" in result.stderr and "--map prev_crimes=COLUMN" in result.stderr
    result = run("cases", "preload", file, "--data", survey, "--map", "prev_crime=x")
    assert result.returncode == 1
    assert "does not declare" in result.stderr and "'prev_crimes'" in result.stderr


def test_scenarios_set_preload_values(survey: Path, tmp_path: Path) -> None:
    questionnaire = tmp_path / "panel.json"
    good = tmp_path / "preload.scenario"
    good.write_text("preload prev_crimes = 2\npreload prev_town = Leeds\nanswer crimes_now 1\nexpect current same_town\n")
    missing = tmp_path / "missing.scenario"
    missing.write_text("answer crimes_now 1\nexpect current bye\n")
    result = run("test", questionnaire, good, missing)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed, 0 failed" in result.stdout
    wrong = tmp_path / "wrong.scenario"
    wrong.write_text("answer crimes_now 1\nexpect current same_town\n")
    result = run("test", questionnaire, wrong)
    assert result.returncode == 1
    assert f"{wrong}:2:" in result.stdout
