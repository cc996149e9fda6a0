"""Issue 26: escape bytes in questionnaires and scenarios never reach the terminal raw, and a
diagnostic quotes at most about 80 characters of the input (check, simulate and test).

Binary: $FIELDWORK_BIN, default .build/debug/fieldwork.
"""
import json
import subprocess
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = fieldwork_binary()
CLEAR = "\x1b[2J"
TITLE = "\x1b]0;owned\x07"


def run(*args, timeout=120):
    return subprocess.run([BIN, *args], capture_output=True, timeout=timeout)


def questionnaire(tmp_path: Path, **extra) -> Path:
    q = {
        "id": "esc", "version": "1" + CLEAR, "title": "Escapes",
        "sections": [{"id": "s", "title": "S", "items": [
            {"type": "single", "id": "a", "text": "A?", "options": [
                {"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
        ]}],
        **extra,
    }
    path = tmp_path / "q.json"
    path.write_text(json.dumps(q))  # json.dumps writes ESC as \u001b: the file is plain ASCII
    return path


def assert_no_raw_controls(output: bytes) -> None:
    assert b"\x1b" not in output and b"\x07" not in output and b"\x9b" not in output, output[:400]


def test_check_escapes_an_unknown_key(tmp_path):
    path = questionnaire(tmp_path, **{"colour" + TITLE + CLEAR: 1})
    r = run("check", str(path))
    assert r.returncode == 1
    assert_no_raw_controls(r.stdout + r.stderr)
    assert b'unknown key "colour^[]0;owned^G^[[2J"' in r.stdout


def test_check_cuts_a_one_megabyte_key(tmp_path):
    key = "k" * 1_000_000
    path = questionnaire(tmp_path, **{key: 1})
    r = run("check", str(path), timeout=300)
    assert r.returncode == 1
    line = next(l for l in r.stdout.splitlines() if b"unknown key" in l)
    assert len(line) < 600, len(line)
    assert b'unknown key "' + b"k" * 80 + "…".encode() + b'"' in line
    # JSON output is bounded the same way (the message is the diagnostic's own).
    r = run("check", "--format", "json", str(path), timeout=300)
    message = next(d["message"] for d in json.loads(r.stdout)["diagnostics"] if "unknown key" in d["message"])
    assert len(message) < 600


def test_simulate_header_escapes_the_version(tmp_path):
    path = questionnaire(tmp_path)
    r = run("simulate", str(path), "--count", "5")
    assert r.returncode == 0, r.stdout + r.stderr
    assert_no_raw_controls(r.stdout + r.stderr)
    assert b"esc 1^[[2J: 5 simulated interviews" in r.stdout


def test_scenario_failure_escapes_the_scenario_text(tmp_path):
    path = questionnaire(tmp_path)
    scenario = tmp_path / "esc.scenario"
    scenario.write_bytes(b"answer a yes\nexpect ended out" + TITLE.encode() + b"\n")
    r = run("test", str(path), str(scenario))
    assert r.returncode == 1
    assert_no_raw_controls(r.stdout + r.stderr)
    assert b"FAIL " in r.stdout and b"expect ended out^[]0;owned^G" in r.stdout
    unknown = tmp_path / "unknown.scenario"
    unknown.write_bytes(b"frobnicate" + CLEAR.encode() + b" a\n")
    r = run("test", str(path), str(unknown))
    assert r.returncode == 1
    assert_no_raw_controls(r.stdout + r.stderr)
    assert b"frobnicate^[[2J" in r.stdout


def survey_directory(tmp_path: Path) -> Path:
    """A survey directory on a small questionnaire of our own (no escapes in it)."""
    q = {"id": "esc", "version": "1", "title": "Escapes", "sections": [{"id": "s", "title": "S", "items": [
        {"type": "single", "id": "a", "text": "A?", "options": [
            {"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]}]}]}
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(q))
    directory = tmp_path / "survey"
    r = run("init", str(directory), "--questionnaire", str(path))
    assert r.returncode == 0, r.stderr
    return directory


def test_a_case_store_error_quoting_a_hostile_case_id_reaches_stderr_escaped(tmp_path):
    # The store's error carries the id as typed; the command escapes it where it prints it.
    directory = survey_directory(tmp_path)
    r = run("cases", "reopen", "B1" + CLEAR + TITLE, "--by", "sup", "--reason", "test", "--data", str(directory))
    assert r.returncode == 1, r.stdout + r.stderr
    assert_no_raw_controls(r.stdout + r.stderr)
    assert b"no case with id 'B1^[[2J^[]0;owned^G'" in r.stderr, r.stderr


def test_a_sample_problem_quoting_a_hostile_value_reaches_stderr_escaped(tmp_path):
    directory = survey_directory(tmp_path)
    sample = tmp_path / "sample.csv"
    sample.write_bytes(b"case_id,business_name,phone\nB1,Acme,020" + CLEAR.encode() + b"\nB1,Beta" + TITLE.encode() + b",020 7946 0002\n"
                       + b"C1" + CLEAR.encode() + b",Gamma,020 7946 0003\n")
    r = run("cases", "import", str(sample), "--data", str(directory))
    assert r.returncode == 1, r.stdout + r.stderr
    assert_no_raw_controls(r.stdout + r.stderr)
    assert b"case_id 'C1^[[2J' may only contain" in r.stderr, r.stderr
    assert b"case_id 'B1' already used on line 2" in r.stderr, r.stderr
    # A phone number is never quoted (personal data; docs/security.md), hostile or not.
    assert b"sample.csv:2: phone: the phone number has something other than a digit" in r.stderr, r.stderr
    assert b"020" not in r.stderr.split(b"sample.csv:2:")[1].split(b"\n")[0]
