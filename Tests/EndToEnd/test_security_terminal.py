"""Issue 19, security: terminal injection. Escape sequences and other terminal controls planted in a
questionnaire, a sample, the answers, interviewers' notes, names typed on the command line and a
scenario never reach standard output or standard error raw, whatever command prints them.

The hostile text holds a CSI (ESC [ 2J, clear screen), an OSC 52 (write the clipboard) ended by BEL,
a one-character C1 CSI (U+009B) and DCS (U+0090), a bidi override (U+202E), a backspace and a
carriage return. One survey directory is built from them through the real commands (init, cases
import, rehearse, cases assign), a text answer and a note are added to a journal, and then every
command that prints is run over it; each one's output is checked byte by byte.

Binary: $FIELDWORK_BIN, default .build/debug/fieldwork.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

import journal_lines
from tmux_harness import fieldwork_binary

BIN = Path(fieldwork_binary())
NOW = "2026-12-07T17:30:00Z"
HOSTILE = "X\x1b[2J\x1b]52;c;b3duZWQ=\x07\u009b31m\u0090q\u202eevil\x08\rZ"
# Hostile text without line breaks or BEL, for places that take one line (names, reasons).
HOSTILE_NAME = "iv\x1b[2J\u009b31m\u202e"

# Any byte a terminal acts on: C0 controls other than line feed and tab, DEL, the UTF-8 encodings of
# C1 controls (C2 80 … C2 9F), bidi embeddings/overrides/isolates and the line/paragraph separators.
UNSAFE = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


def assert_inert(result: subprocess.CompletedProcess, what: str, csv_stdout: bool = False) -> None:
    for stream, name in ((result.stdout, "stdout"), (result.stderr, "stderr")):
        if csv_stdout and name == "stdout":
            # A CSV is data: RFC 4180 ends records with CRLF and carries CR inside quoted cells. A
            # carriage return moves the cursor but starts no sequence; every other control is escaped.
            stream = stream.replace(b"\r", b"")
        found = UNSAFE.search(stream)
        assert found is None, f"{what}: raw control {found.group()!r} on {name} at byte {found.start()}: " \
                              f"{stream[max(0, found.start() - 80):found.start() + 40]!r}"


def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, FIELDWORK_NOW=NOW)
    result = subprocess.run([str(BIN), *args], capture_output=True, timeout=600, env=env)
    if ok:
        assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-2000:])
    return result


def questionnaire(path: Path) -> Path:
    q = {
        "id": "sec", "version": "1 " + HOSTILE, "title": "Security " + HOSTILE,
        "missingCodes": {"dontKnow": -1, "refused": -2},
        "sampleFields": [
            {"name": "business_name", "type": "text", "identifier": True, "label": "Business " + HOSTILE},
            {"name": "contact_name", "type": "text", "identifier": True, "label": "Contact"},
            {"name": "phone", "type": "phone", "identifier": True, "label": "Phone"},
        ],
        "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes " + HOSTILE},
                                 {"code": 2, "name": "no", "label": "No"}]},
        "sections": [{"id": "s1", "title": "Section " + HOSTILE, "items": [
            {"id": "q_kind", "type": "single", "text": "Still trading? " + HOSTILE, "codeFrame": "yesno",
             "label": "Trading " + HOSTILE},
            {"id": "q_what", "type": "text", "text": "What do you sell? " + HOSTILE, "label": "Sells"},
            {"id": "q_staff", "type": "integer", "text": "How many staff? " + HOSTILE, "min": 1, "max": 1000,
             "label": "Staff"},
        ]}],
    }
    path.write_text(json.dumps(q))  # \u escapes in the file; the reader turns them into the characters
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    if not BIN.exists():
        pytest.fail(f"{BIN} not found: run `swift build` or set FIELDWORK_BIN")
    base = tmp_path_factory.mktemp("terminal")
    q = questionnaire(base / "sec.json")
    directory = base / "survey"
    results = {"init": run("init", str(directory), "--questionnaire", str(q))}
    rows = ["case_id,business_name,contact_name,phone"]
    for n in range(1, 41):
        name = HOSTILE.replace("\r", " ") if n == 1 else f"Business {n}"
        rows.append(f'S{n:03d},"{name}","Contact {HOSTILE_NAME}",020 7946 {n:04d}')
    sample = base / "sample.csv"
    sample.write_text("\n".join(rows) + "\n", encoding="utf-8")
    results["cases import"] = run("cases", "import", str(sample), "--data", str(directory))
    results["rehearse"] = run("rehearse", "--data", str(directory), "--interviewers", "3", "--days", "2",
                              "--seed", "4", "--start", "2026-12-07", "--target", "10", "--no-fsync")
    results["cases assign"] = run("cases", "assign", "S001", "--to", HOSTILE_NAME, "--by", HOSTILE_NAME,
                                  "--reason", "because " + HOSTILE_NAME, "--data", str(directory), ok=False)
    # A text answer and an interview note of the first completed interview say HOSTILE.
    planted = None
    for path in journal_lines.journals(directory):
        records = journal_lines.read_records(path)
        answers = journal_lines.text_answers(records)
        if not journal_lines.is_completed(records) or not answers:
            continue
        answers[0]["data"]["response"]["text"] = HOSTILE
        shown = next(r for r in records if r["kind"] == "interview.shown")
        records.insert(records.index(shown) + 1, {"seq": 0, "case": shown["case"], "at": shown["at"],
                                                   "kind": "interview.note",
                                                   "data": {"type": "note", "text": "note " + HOSTILE,
                                                            "question": shown["data"]["question"]}})
        journal_lines.write_records(path, records)
        planted = records[0]["case"]
        break
    assert planted, "the rehearsal completed no interview with a text answer"
    return {"base": base, "questionnaire": q, "directory": directory, "case": planted, "results": results}


def test_the_survey_was_built_through_the_commands_and_their_output_is_inert(hostile):
    for name, result in hostile["results"].items():
        assert_inert(result, name)
    # The supervisor's change was made or refused with words, not with the terminal's help.
    assign = hostile["results"]["cases assign"]
    assert assign.stdout or assign.stderr


def test_check_text_and_json(hostile):
    q = str(hostile["questionnaire"])
    assert_inert(run("check", q, ok=False), "check")
    result = run("check", "--format", "json", q, ok=False)
    assert_inert(result, "check --format json")
    json.loads(result.stdout)


def test_a_hostile_unknown_key_and_scenario(hostile, tmp_path):
    data = json.loads(hostile["questionnaire"].read_text())
    data["colour" + HOSTILE] = 1
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data))
    result = run("check", str(broken), ok=False)
    assert result.returncode == 1
    assert_inert(result, "check (unknown key)")
    scenario = tmp_path / "hostile.scenario"
    scenario.write_bytes(b"answer q_kind yes\nanswer q_what " + HOSTILE.encode() + b"\nexpect ended " + HOSTILE.encode() + b"\n"
                         + HOSTILE.encode() + b" q_kind\n")
    result = run("test", str(hostile["questionnaire"]), str(scenario), ok=False)
    assert result.returncode == 1
    assert_inert(result, "test")


def test_simulate_text_and_json(hostile):
    q = str(hostile["questionnaire"])
    assert_inert(run("simulate", q, "--count", "20"), "simulate")
    result = run("simulate", q, "--count", "20", "--json")
    assert_inert(result, "simulate --json")
    assert json.loads(result.stdout)["version"] == "1 " + HOSTILE  # JSON escapes keep the value


@pytest.mark.parametrize("form", ["md", "html"])
def test_doc_to_standard_output(hostile, form):
    result = run("doc", str(hostile["questionnaire"]), "--format", form)
    assert_inert(result, f"doc --format {form}")
    assert b"Still trading?" in result.stdout


def test_cases_status_and_show(hostile):
    d = str(hostile["directory"])
    assert_inert(run("cases", "status", "--data", d), "cases status")
    result = run("cases", "status", "--json", "--data", d)
    assert_inert(result, "cases status --json")
    json.loads(result.stdout)
    result = run("cases", "show", "S001", "--data", d)
    assert_inert(result, "cases show")
    assert b"X^[[2J^[]52;c;b3duZWQ=^G" in result.stdout, result.stdout  # shown, visibly
    result = run("cases", "show", "S001", "--json", "--data", d)
    assert_inert(result, "cases show --json")
    assert json.loads(result.stdout)["fields"]["business_name"] == HOSTILE.replace("\r", " ")  # the value, unchanged
    assert_inert(run("cases", "show", hostile["case"], "--data", d), "cases show (planted case)")


def test_cases_calls_appointments_and_supervise(hostile):
    d = str(hostile["directory"])
    assert_inert(run("cases", "calls", "--data", d), "cases calls", csv_stdout=True)
    assert_inert(run("cases", "appointments", "--data", d), "cases appointments")
    assert_inert(run("cases", "appointments", "--json", "--data", d), "cases appointments --json")
    result = run("supervise", "--data", d, "--json")
    assert_inert(result, "supervise --json")
    json.loads(result.stdout)


@pytest.mark.parametrize("form", ["text", "html", "json"])
def test_report(hostile, form):
    result = run("report", "--data", str(hostile["directory"]), "--format", form)
    assert_inert(result, f"report --format {form}")
    if form == "json":
        json.loads(result.stdout)


def test_verify_text_and_json(hostile):
    d = str(hostile["directory"])
    assert_inert(run("verify", "--data", d, ok=False), "verify")
    result = run("verify", "--data", d, "--json", ok=False)
    assert_inert(result, "verify --json")
    json.loads(result.stdout)


@pytest.mark.parametrize("form", ["md", "html", "ddi"])
def test_codebook_to_standard_output(hostile, form):
    assert_inert(run("codebook", "--data", str(hostile["directory"]), "--format", form), f"codebook --format {form}")


def test_export_csv_to_standard_output(hostile):
    result = run("export", "--data", str(hostile["directory"]), "--format", "csv", "--out", "-", "--include-identifiers")
    assert_inert(result, "export --out -", csv_stdout=True)
    assert b"X<U+001B>[2J" in result.stdout  # the CSV's own visible escapes


def test_a_sample_with_a_hostile_header_and_phone(hostile, tmp_path):
    sample = tmp_path / "bad.csv"
    sample.write_text(f'case_id,business_name,phone,"col{HOSTILE}"\nB1,Acme,"020{HOSTILE}",x\n', encoding="utf-8")
    result = run("cases", "import", str(sample), "--data", str(hostile["directory"]), ok=False)
    assert result.returncode == 1
    assert_inert(result, "cases import (bad sample)")
