"""Twenty `fieldwork` processes lease cases from one cases.sqlite at once; none may get the same case.

Run with: FIELDWORK_BIN=.build/debug/fieldwork pytest Tests/EndToEnd/test_cases_concurrency.py
"""
import os
import subprocess
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary, fieldwork_testkit_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_binary())
PROCESSES = 20
CASES = 600
# A Monday morning inside calling hours, so fresh cases are callable.
NOW = "2025-10-20T09:30:00Z"


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    survey = tmp_path / "survey"
    result = subprocess.run([str(BIN), "init", str(survey), "--questionnaire", str(ROOT / "Questionnaires" / "bas.json")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = ["case_id,business_name,phone"]
    rows += [f"B{i:05d},Business {i},020 7946 {i % 1000:04d}" for i in range(CASES)]
    (survey / "sample.csv").write_text("\n".join(rows) + "\n")
    result = subprocess.run([str(BIN), "cases", "import", "sample.csv", "--data", str(survey)],
                            cwd=survey, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"Imported {CASES} case(s)" in result.stdout
    return survey


def test_twenty_processes_never_lease_the_same_case(survey: Path) -> None:
    env = dict(os.environ, FIELDWORK_NOW=NOW)
    processes = [
        subprocess.Popen([fieldwork_testkit_binary(), "lease-test", "--data", str(survey), "--interviewer", f"int{n:02d}"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for n in range(PROCESSES)
    ]
    leased: list[str] = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        leased += out.split()
    assert len(leased) == CASES
    assert len(set(leased)) == CASES, "a case was handed to two sessions"


def test_bad_sample_imports_nothing(survey: Path) -> None:
    (survey / "bad.csv").write_text("case_id,phone\nNEW1,020 7946 0001\n.hidden,020 7946 0002\n")
    result = subprocess.run([str(BIN), "cases", "import", "bad.csv", "--data", str(survey)],
                            cwd=survey, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "bad.csv:3: " in result.stderr
    shown = subprocess.run([str(BIN), "cases", "show", "NEW1", "--data", str(survey)],
                           capture_output=True, text=True, timeout=60)
    assert shown.returncode == 1
