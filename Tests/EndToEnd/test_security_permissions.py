"""Issue 19, security: who can read what. Everything under a survey directory is owner-only
(directories 0700, files 0600) whatever the umask, after every command that writes there; exports
holding personal data are 0600, the rest follow the umask. Each command runs with umask 000, the
loosest there is, so any mode left to the umask would show as world-readable.

Binary: $FIELDWORK_BIN, default .build/debug/fieldwork.
"""
from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

import journal_lines
from tmux_harness import fieldwork_binary

BIN = Path(fieldwork_binary())
NOW = "2026-12-07T17:30:00Z"

QUESTIONNAIRE = {
    "id": "perm", "version": "1", "title": "Permissions",
    "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": True, "label": "Business"},
        {"name": "contact_name", "type": "text", "identifier": True, "label": "Contact"},
        {"name": "phone", "type": "phone", "identifier": True, "label": "Phone"},
        {"name": "sector", "type": "text", "label": "Sector"},
    ],
    "sections": [{"id": "s", "title": "S", "items": [
        {"type": "single", "id": "a", "text": "A?", "label": "A", "options": [
            {"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
        {"type": "text", "id": "t", "text": "Tell me", "label": "T"},
    ]}],
}


def run(*args: str, umask: int = 0o000) -> subprocess.CompletedProcess:
    env = dict(os.environ, FIELDWORK_NOW=NOW)
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=600, env=env,
                          preexec_fn=lambda: os.umask(umask))


def ok(*args: str) -> subprocess.CompletedProcess:
    result = run(*args)
    assert result.returncode == 0, (args, result.stderr)
    return result


def modes_under(directory: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(os.lstat(directory).st_mode)}
    for root, dirs, files in os.walk(directory):
        for name in dirs + files:
            path = Path(root) / name
            found[str(path.relative_to(directory))] = stat.S_IMODE(os.lstat(path).st_mode)
    return found


def assert_owner_only(directory: Path) -> dict[str, int]:
    modes = modes_under(directory)
    loose = {}
    for name, mode in modes.items():
        path = directory / name
        expected = 0o700 if path.is_dir() else 0o600
        if mode != expected:
            loose[name] = oct(mode)
    assert not loose, f"not owner-only: {loose}"
    return modes


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> dict:
    if not BIN.exists():
        pytest.fail(f"{BIN} not found: run `swift build` or set FIELDWORK_BIN")
    base = tmp_path_factory.mktemp("permissions")
    q = base / "perm.json"
    q.write_text(json.dumps(QUESTIONNAIRE))
    directory = base / "survey"
    ok("init", str(directory), "--questionnaire", str(q))
    rows = ["case_id,business_name,contact_name,phone,sector"]
    rows += [f"M{n:03d},Firm {n} Ltd,Person {n},020 7946 {n:04d},G" for n in range(1, 41)]
    (base / "sample.csv").write_text("\n".join(rows) + "\n")
    ok("cases", "import", str(base / "sample.csv"), "--data", str(directory))
    ok("rehearse", "--data", str(directory), "--interviewers", "3", "--days", "2", "--seed", "8",
       "--start", "2026-12-07", "--target", "8")
    # An interviewer's note in a journal, for the paradata notes file.
    path = next(p for p in journal_lines.journals(directory) if journal_lines.is_completed(journal_lines.read_records(p)))
    records = journal_lines.read_records(path)
    shown = next(r for r in records if r["kind"] == "interview.shown")
    records.insert(records.index(shown) + 1, {"seq": 0, "case": shown["case"], "at": shown["at"], "kind": "interview.note",
                                              "data": {"type": "note", "text": "call after 6pm", "question": shown["data"]["question"]}})
    journal_lines.write_records(path, records)
    return {"base": base, "directory": directory, "questionnaire": q}


def test_every_file_in_the_survey_directory_is_owner_only_after_a_wave(survey):
    modes = assert_owner_only(survey["directory"])
    names = set(modes)
    # What was checked: the manifest and its lock, pinned questionnaires, journals and their locks, the case store.
    assert "fieldwork.json" in names and "cases.sqlite" in names
    assert any(n.endswith(".jsonl") for n in names) and any(n.endswith(".lock") for n in names)
    assert any(n.startswith("questionnaires/") for n in names)


def test_commands_that_write_in_the_survey_directory_keep_it_owner_only(survey):
    d = str(survey["directory"])
    run("verify", "--data", d, "--repair")
    ok("cases", "status", "--data", d)
    first = sorted(p.stem for p in journal_lines.journals(survey["directory"]))[0]
    run("cases", "assign", "M040", "--to", "iv9", "--by", "sup", "--reason", "cover", "--data", d)
    run("cases", "close-wave", "--data", d)
    run("cases", "reopen", first, "--by", "sup", "--reason", "check", "--data", d)
    assert_owner_only(survey["directory"])


def test_a_new_survey_directory_is_owner_only_whatever_the_umask(survey, tmp_path):
    directory = tmp_path / "fresh"
    ok("init", str(directory), "--questionnaire", str(survey["questionnaire"]))
    assert_owner_only(directory)
    simulated = tmp_path / "simulated"
    ok("simulate", str(survey["questionnaire"]), "--count", "5", "--write", str(simulated))
    assert_owner_only(simulated)


def test_exports_with_identifiers_are_owner_only(survey, tmp_path):
    d = str(survey["directory"])
    for form in ("csv", "sav", "dta"):
        out = tmp_path / f"with.{form}"
        ok("export", "--data", d, "--format", form, "--out", str(out), "--include-identifiers")
        assert stat.S_IMODE(out.stat().st_mode) == 0o600, form
        assert b"Firm " in out.read_bytes(), f"{form}: the identifiers were asked for"
    # The CSV's companions (labels, variables, .sps, .do) hold names and labels, no sample values.
    for companion in tmp_path.iterdir():
        if companion.name.startswith("with.") and companion.suffix not in (".csv", ".sav", ".dta"):
            assert b"Firm " not in companion.read_bytes() and b"7946" not in companion.read_bytes(), companion.name


def test_exports_without_identifiers_follow_the_umask_and_hold_no_sample_values(survey, tmp_path):
    d = str(survey["directory"])
    for form in ("csv", "sav", "dta"):
        out = tmp_path / f"plain.{form}"
        result = run("export", "--data", d, "--format", form, "--out", str(out), umask=0o022)
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(out.stat().st_mode) == 0o644, form


def test_paradata_notes_and_call_history_are_owner_only(survey, tmp_path):
    d = str(survey["directory"])
    out = tmp_path / "paradata.csv"
    ok("export", "--data", d, "--paradata", "--out", str(out))
    notes = tmp_path / "paradata.notes.csv"
    assert notes.exists() and stat.S_IMODE(notes.stat().st_mode) == 0o600
    calls = tmp_path / "calls.csv"
    ok("cases", "calls", "--data", d, "--output", str(calls))
    assert stat.S_IMODE(calls.stat().st_mode) == 0o600


def test_codebooks_reports_and_documents_hold_no_sample_values(survey, tmp_path):
    d = str(survey["directory"])
    outputs = {
        "codebook md": run("codebook", "--data", d, "--format", "md").stdout,
        "codebook html": run("codebook", "--data", d, "--format", "html").stdout,
        "codebook ddi": run("codebook", "--data", d, "--format", "ddi").stdout,
        "report text": run("report", "--data", d, "--format", "text").stdout,
        "report html": run("report", "--data", d, "--format", "html").stdout,
        "report json": run("report", "--data", d, "--format", "json").stdout,
    }
    for name, text in outputs.items():
        assert text, name
        assert "Firm " not in text and "Person " not in text and "7946" not in text, name
