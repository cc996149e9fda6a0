"""Issue 7: answers that a spreadsheet would run as a formula, or that hold control characters,
must not reach the exported CSV as they are. Simulated BAS interviews get a text answer rewritten
(journal_lines.py), are exported, and the CSV is read back with pandas.

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
FORMULA = "=cmd|' /C calc'!A0"
CONTROL = "bell\x07 and \x1b[2J clear"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> tuple[Path, str, str]:
    """A survey whose first completed interview with a text answer says FORMULA, and the second CONTROL."""
    if not BIN.exists():
        pytest.fail(f"{BIN} not found: run `swift build --product fieldwork` or set FIELDWORK_BIN")
    directory = tmp_path_factory.mktemp("escaping") / "survey"
    result = run("simulate", str(QUESTIONNAIRE), "--count", "40", "--seed", "5", "--write", str(directory))
    assert result.returncode == 0, result.stderr
    changed = []
    for path in journal_lines.journals(directory):
        records = journal_lines.read_records(path)
        answers = journal_lines.text_answers(records)
        if not journal_lines.is_completed(records) or not answers:
            continue
        answers[0]["data"]["response"]["text"] = FORMULA if not changed else CONTROL
        journal_lines.write_records(path, records)
        changed.append(records[0]["case"])
        if len(changed) == 2:
            break
    assert len(changed) == 2, "the simulation gave fewer than two completed interviews with a text answer"
    return directory, changed[0], changed[1]


def export(directory: Path, out: Path, *extra: str) -> pd.DataFrame:
    result = run("export", "--data", str(directory), "--format", "csv", "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return pd.read_csv(out, dtype=str, keep_default_na=False)


def row_cells(frame: pd.DataFrame, case_id: str) -> list[str]:
    rows = frame[frame["case_id"] == case_id]
    assert len(rows) == 1
    return list(rows.iloc[0])


def test_formula_answer_is_prefixed_with_a_quote(survey, tmp_path):
    directory, formula_case, _ = survey
    frame = export(directory, tmp_path / "data.csv")
    assert "'" + FORMULA in row_cells(frame, formula_case)
    assert FORMULA not in frame.values
    # Numeric columns keep their negative codes as numbers, not quoted text.
    numbers = pd.read_csv(tmp_path / "data.csv")
    assert any(numbers[c].dtype.kind in "if" and (numbers[c] < 0).any() for c in numbers.columns)


def test_control_characters_are_written_as_visible_escapes(survey, tmp_path):
    directory, _, control_case = survey
    frame = export(directory, tmp_path / "data.csv")
    assert "bell<U+0007> and <U+001B>[2J clear" in row_cells(frame, control_case)
    raw = (tmp_path / "data.csv").read_bytes()
    assert b"\x1b" not in raw and b"\x07" not in raw


def test_no_formula_escaping_flag_writes_the_text_as_it_is(survey, tmp_path):
    directory, formula_case, control_case = survey
    frame = export(directory, tmp_path / "data.csv", "--no-formula-escaping")
    assert FORMULA in row_cells(frame, formula_case)
    # Control characters are escaped whatever the flag says.
    assert "bell<U+0007> and <U+001B>[2J clear" in row_cells(frame, control_case)
