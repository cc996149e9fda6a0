"""`fieldwork simulate --sample` reads samples through the importer `cases import` uses.

Run with: FIELDWORK_BIN=.build/debug/fieldwork pytest Tests/EndToEnd/test_simulate_sample.py
"""
import os
import subprocess
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_binary())
QUESTIONNAIRE = ROOT / "Questionnaires" / "bas.json"
DEMO_SAMPLE = ROOT / "Questionnaires" / "samples" / "demo-sample.csv"


def run(args, now="2025-10-20T09:30:00Z", cwd=None, umask=None):
    env = dict(os.environ, FIELDWORK_NOW=now)
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=300, env=env, cwd=cwd,
                          preexec_fn=preexec)


def test_simulate_reads_the_demo_sample(tmp_path: Path) -> None:
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    result = run(["simulate", str(QUESTIONNAIRE), "--count", "5", "--sample", str(DEMO_SAMPLE), "--json"])
    assert result.returncode == 0, result.stderr
    assert '"interviews" : 5' in result.stdout or '"interviews": 5' in result.stdout

def test_simulate_sample_with_bom_and_multiline_cells_reports_importer_lines(tmp_path: Path) -> None:
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    header = DEMO_SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    columns = header.split(",")
    good = {"case_id": "S1", "business_name": '"Two\nLines Ltd"', "contact_name": "A B", "phone": "020 7946 0001",
            "sector": "G", "size_band": "10-49", "borough": "Camden"}
    bad = dict(good, case_id="S 2")
    rows = [header] + [",".join(row.get(c, "") for c in columns) for row in (good, bad)]
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(rows) + "\n").encode())
    result = run(["simulate", str(QUESTIONNAIRE), "--count", "2", "--sample", str(path)])
    assert result.returncode == 1
    assert "bom.csv:4:" in result.stderr  # the bad row starts on line 4, after a two-line cell
    assert "case_id" in result.stderr
