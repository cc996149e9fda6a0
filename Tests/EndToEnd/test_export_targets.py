"""`fieldwork export --out`: standard output for CSV, streams left as they are, links refused.

Run with: FIELDWORK_BIN=.build/debug/fieldwork pytest Tests/EndToEnd/test_export_targets.py
"""
import io
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_binary())
QUESTIONNAIRE = ROOT / "Questionnaires" / "bas.json"


def run(*args):
    return subprocess.run([str(BIN), *args], capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> Path:
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    directory = tmp_path_factory.mktemp("targets") / "survey"
    result = run("simulate", str(QUESTIONNAIRE), "--count", "6", "--seed", "3", "--write", str(directory))
    assert result.returncode == 0, result.stderr
    return directory


def completes(survey: Path) -> int:
    """Interviews the journals show completed: what a completes-only export holds (screen-outs
    and refusals that ended at an end item are not completes)."""
    count = 0
    for journal in survey.glob("journals/*/*.jsonl"):
        if '"kind":"interview.complete"' in journal.read_text(encoding="utf-8"):
            count += 1
    assert 0 < count < 7
    return count


def test_csv_to_standard_output(survey: Path) -> None:
    result = run("export", "--data", str(survey), "--format", "csv", "--out", "-")
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(io.BytesIO(result.stdout))
    assert len(frame) == completes(survey)
    assert "case_id" in frame.columns
    assert f"wrote {completes(survey)} interview(s)".encode() in result.stderr  # the report stays off the data
    assert b"labels and variables files were not written" in result.stderr


def test_binary_formats_refuse_standard_output(survey: Path) -> None:
    for fmt in ("sav", "dta"):
        result = run("export", "--data", str(survey), "--format", fmt, "--out", "-")
        assert result.returncode != 0
        assert b"--out - writes CSV only" in result.stderr
        assert result.stdout == b""


def test_symbolic_link_is_refused_even_with_force(survey: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("keep")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = run("export", "--data", str(survey), "--format", "csv", "--out", str(link), "--force")
    assert result.returncode == 1
    assert f"{link} is a symbolic link to {real}".encode() in result.stderr
    assert link.is_symlink() and real.read_text() == "keep"


def test_fifo_is_written_into(survey: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.dta"
    os.mkfifo(fifo)
    process = subprocess.Popen([str(BIN), "export", "--data", str(survey), "--format", "dta", "--out", str(fifo), "--force"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with open(fifo, "rb") as pipe:
        data = pipe.read()
    process.communicate(timeout=120)
    assert process.returncode == 0
    assert len(pd.read_stata(io.BytesIO(data), convert_categoricals=False)) == completes(survey)
    assert fifo.is_fifo()
