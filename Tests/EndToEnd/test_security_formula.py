"""Issue 19, security: formula injection. Text a spreadsheet would run (starting with =, +, -, @,
a tab or a carriage return) reaches every CSV Fieldwork writes as text, with a quote in front:
answers and sample fields in the export, interviewers' notes in the paradata notes and in the call
history. Plain numbers (-12, +44) are left as they are, and --no-formula-escaping turns the quote off
for the export. Read back with Python's csv module (the cells as a spreadsheet receives them).

Tests/EndToEnd/test_csv_escaping.py checks the same on the bundled BAS questionnaire with pandas.

Binary: $FIELDWORK_BIN, default .build/debug/fieldwork.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

import journal_lines
from tmux_harness import fieldwork_binary

BIN = Path(fieldwork_binary())
NOW = "2026-12-07T17:30:00Z"
PAYLOADS = ["=HYPERLINK(\"http://x.example\",\"click\")", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
NUMBERS = ["-12", "+44"]

QUESTIONNAIRE = {
    "id": "formula", "version": "1", "title": "Formulas",
    "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": True, "label": "Business"},
        {"name": "contact_name", "type": "text", "identifier": True, "label": "Contact"},
    ],
    "sections": [{"id": "s", "title": "S", "items": [
        {"type": "text", "id": f"t{n}", "text": f"Text {n}?", "label": f"T{n}"} for n in range(1, len(PAYLOADS) + len(NUMBERS) + 1)
    ]}],
}


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, FIELDWORK_NOW=NOW)
    result = subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, (args, result.stderr)
    return result


def cells(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def expected(value: str) -> str:
    return "'" + value


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> dict:
    if not BIN.exists():
        pytest.fail(f"{BIN} not found: run `swift build` or set FIELDWORK_BIN")
    base = tmp_path_factory.mktemp("formula")
    q = base / "formula.json"
    q.write_text(json.dumps(QUESTIONNAIRE))
    directory = base / "survey"
    run("init", str(directory), "--questionnaire", str(q))
    with open(base / "sample.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case_id", "business_name", "contact_name"])
        for n in range(1, 31):
            writer.writerow([f"F{n:03d}", PAYLOADS[n % len(PAYLOADS)].replace("\r", "").replace("\t", ""), PAYLOADS[0]])
    run("cases", "import", str(base / "sample.csv"), "--data", str(directory))
    run("rehearse", "--data", str(directory), "--interviewers", "3", "--days", "3", "--seed", "6",
        "--start", "2026-12-07", "--target", "5", "--no-fsync")
    planted = None
    for path in journal_lines.journals(directory):
        records = journal_lines.read_records(path)
        answers = journal_lines.text_answers(records)
        if not journal_lines.is_completed(records) or len(answers) < len(PAYLOADS) + len(NUMBERS):
            continue
        for answer, value in zip(answers, PAYLOADS + NUMBERS):
            answer["data"]["response"]["text"] = value
        shown = next(r for r in records if r["kind"] == "interview.shown")
        for value in PAYLOADS:
            records.insert(records.index(shown) + 1, {"seq": 0, "case": shown["case"], "at": shown["at"],
                                                       "kind": "interview.note",
                                                       "data": {"type": "note", "text": value, "question": shown["data"]["question"]}})
        journal_lines.write_records(path, records)
        planted = records[0]["case"]
        break
    assert planted, "no completed interview answered every text question"
    return {"base": base, "directory": directory, "case": planted}


def test_answers_and_sample_fields_in_the_export(survey, tmp_path):
    out = tmp_path / "data.csv"
    run("export", "--data", str(survey["directory"]), "--format", "csv", "--out", str(out), "--include-identifiers")
    rows = cells(out)
    header, body = rows[0], rows[1:]
    row = next(r for r in body if r[header.index("case_id")] == survey["case"])
    answers = [row[header.index(f"t{n}")] for n in range(1, len(PAYLOADS) + len(NUMBERS) + 1)]
    assert answers == [expected(v) for v in PAYLOADS] + NUMBERS
    for r in body:
        for column in ("business_name", "contact_name"):
            value = r[header.index(column)]
            assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), (column, value)
            assert value.startswith("'"), (column, value)


def test_no_formula_escaping_writes_them_as_they_are(survey, tmp_path):
    out = tmp_path / "raw.csv"
    run("export", "--data", str(survey["directory"]), "--format", "csv", "--out", str(out), "--no-formula-escaping")
    rows = cells(out)
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("case_id")] == survey["case"])
    assert [row[header.index(f"t{n}")] for n in range(1, len(PAYLOADS) + 1)] == PAYLOADS


def test_notes_in_the_paradata_notes_file(survey, tmp_path):
    out = tmp_path / "paradata.csv"
    run("export", "--data", str(survey["directory"]), "--paradata", "--out", str(out))
    rows = cells(tmp_path / "paradata.notes.csv")
    texts = [r[rows[0].index("text")] for r in rows[1:] if r[0] == survey["case"]]
    assert sorted(texts) == sorted(expected(v) for v in PAYLOADS)


def test_the_call_history_quotes_formula_like_text(survey, tmp_path):
    # Call notes are typed by interviewers; six recorded calls get one payload each (written into
    # the store with sqlite3, as a session would have stored the note).
    import sqlite3
    store = sqlite3.connect(survey["directory"] / "cases.sqlite")
    rows = store.execute("SELECT rowid FROM attempts ORDER BY rowid LIMIT ?", (len(PAYLOADS),)).fetchall()
    assert len(rows) == len(PAYLOADS)
    for (rowid,), value in zip(rows, PAYLOADS):
        store.execute("UPDATE attempts SET note = ? WHERE rowid = ?", (value, rowid))
    store.commit()
    store.close()
    out = tmp_path / "calls.csv"
    run("cases", "calls", "--data", str(survey["directory"]), "--output", str(out))
    rows = cells(out)
    notes = [r[rows[0].index("note")] for r in rows[1:]]
    assert sorted(n for n in notes if n.startswith("'")) == sorted(expected(v) for v in PAYLOADS)
    for r in rows[1:]:
        for value in r:
            first = value[:1]
            assert first not in ("=", "@", "\t", "\r"), r
            assert first not in ("+", "-") or value[1:2].isdigit(), r
