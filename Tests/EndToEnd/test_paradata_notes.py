"""Issue 8: interviewer notes reach an export. `fieldwork export --paradata --out P.csv` writes
`P.notes.csv` beside the paradata: one row per note typed during an interview (`interview.note`)
or left with a call outcome (`call.outcome` with a note). Notes are added to simulated journals
(journal_lines.py) and read back with pandas.

Binary: $FIELDWORK_BIN, default .build/debug/fieldwork.
"""
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import journal_lines
from tmux_harness import fieldwork_binary

REPO = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_binary())
QUESTIONNAIRE = REPO / "Questionnaires" / "bas.json"
COLUMNS = ["case_id", "session", "timestamp", "interviewer", "source", "question", "text"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=300)


def note(after: dict, text: str, question: str | None) -> dict:
    data = {"type": "note", "text": text}
    if question is not None:
        data["question"] = question
    return {"seq": 0, "case": after["case"], "at": after["at"], "kind": "interview.note", "data": data}


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> tuple[Path, list[dict]]:
    """Simulated interviews with notes added; returns the notes every journal now holds."""
    if not BIN.exists():
        pytest.fail(f"{BIN} not found: run `swift build --product fieldwork` or set FIELDWORK_BIN")
    directory = tmp_path_factory.mktemp("notes") / "survey"
    result = run("simulate", str(QUESTIONNAIRE), "--count", "8", "--seed", "9", "--write", str(directory))
    assert result.returncode == 0, result.stderr
    expected = []
    texts = ["Respondent asked to be called back after 6pm",
             "=HYPERLINK(\"http://x\") typed by mistake",
             "said \"don't know\", then changed mind\nsecond line",
             "bell\x07 in the note"]
    for index, path in enumerate(journal_lines.journals(directory)[:4]):
        records = journal_lines.read_records(path)
        starts = [r for r in records if r["kind"] == "session.start"]
        shown = next(r for r in records if r["kind"] == "interview.shown")
        interviewer = starts[0]["data"]["interviewer"]
        position = records.index(shown) + 1
        records.insert(position, note(shown, texts[index], shown["data"]["question"]))
        expected.append({"case_id": shown["case"], "session": "1", "timestamp": shown["at"], "interviewer": interviewer,
                         "source": "interview", "question": shown["data"]["question"], "text": texts[index]})
        if index == 0:
            # A note about the interview as a whole (no question) and one left with a call outcome.
            last = records[-1]
            records.append(note(last, "Noisy line throughout", None))
            records.append({"seq": 0, "case": last["case"], "at": last["at"], "kind": "call.outcome",
                            "data": {"outcome": "complete", "note": "Thanked; sent leaflet", "interviewer": "iv-call"}})
            for source, text, who in (("interview", "Noisy line throughout", interviewer),
                                      ("call", "Thanked; sent leaflet", "iv-call")):
                expected.append({"case_id": last["case"], "session": str(len(starts)), "timestamp": last["at"],
                                 "interviewer": who, "source": source, "question": "", "text": text})
        journal_lines.write_records(path, records)
    return directory, expected


def escaped(text: str) -> str:
    text = text.replace("\x07", "<U+0007>")
    return "'" + text if text[:1] in "=+-@" else text


def test_every_note_appears_once(survey, tmp_path):
    directory, expected = survey
    out = tmp_path / "paradata.csv"
    result = run("export", "--paradata", "--data", str(directory), "--out", str(out))
    assert result.returncode == 0, result.stderr
    notes_path = tmp_path / "paradata.notes.csv"
    assert f"{len(expected)} note(s)" in result.stdout and str(notes_path) in result.stdout
    frame = pd.read_csv(notes_path, dtype=str, keep_default_na=False)
    assert list(frame.columns) == COLUMNS
    assert notes_path.stat().st_mode & 0o777 == 0o600  # notes may hold personal details
    rows = sorted(frame.to_dict("records"), key=lambda r: (r["case_id"], r["text"]))
    wanted = sorted(({**n, "text": escaped(n["text"])} for n in expected), key=lambda r: (r["case_id"], r["text"]))
    assert rows == wanted
    # The paradata itself is unchanged in shape and still lists the note events.
    paradata = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert (paradata["event"] == "note").sum() == sum(1 for n in expected if n["source"] == "interview")


def test_no_formula_escaping_applies_to_notes(survey, tmp_path):
    directory, _ = survey
    out = tmp_path / "paradata.csv"
    result = run("export", "--paradata", "--data", str(directory), "--out", str(out), "--no-formula-escaping")
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(tmp_path / "paradata.notes.csv", dtype=str, keep_default_na=False)
    assert "=HYPERLINK(\"http://x\") typed by mistake" in list(frame["text"])
    assert "bell<U+0007> in the note" in list(frame["text"])


def test_a_stream_gets_no_notes_file_and_says_so(survey):
    directory, _ = survey
    result = run("export", "--paradata", "--data", str(directory), "--out", "-")
    assert result.returncode == 0, result.stderr
    assert "note(s) were not written" in result.stderr
