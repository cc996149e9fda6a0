"""`fieldwork cases show`: a lease is shown against the clock, expired once it has run out.

Run with: FIELDWORK_BIN=.build/debug/fieldwork pytest Tests/EndToEnd/test_case_show.py
"""
import os
import subprocess
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary, fieldwork_testkit_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_binary())
QUESTIONNAIRE = ROOT / "Questionnaires" / "bas.json"
DEMO_SAMPLE = ROOT / "Questionnaires" / "samples" / "demo-sample.csv"


def run(args, now="2025-10-20T09:30:00Z", cwd=None, umask=None, binary=None):
    env = dict(os.environ, FIELDWORK_NOW=now)
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([str(binary or BIN), *args], capture_output=True, text=True, timeout=300, env=env, cwd=cwd,
                          preexec_fn=preexec)


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    directory = tmp_path / "survey"
    result = run(["init", str(directory), "--questionnaire", str(QUESTIONNAIRE)], umask=0o022)
    assert result.returncode == 0, result.stderr
    (tmp_path / "sample.csv").write_text("case_id,business_name,phone\nB1,Acme,020 7946 0001\nB2,Beta,020 7946 0002\n")
    result = run(["cases", "import", str(tmp_path / "sample.csv"), "--data", str(directory)], umask=0o022)
    assert result.returncode == 0, result.stderr
    return directory

def test_expired_lease_is_shown_as_expired(survey: Path) -> None:
    leased = run(["lease-test", "--data", str(survey), "--interviewer", "int07", "--max", "1"],
                 now="2025-10-20T09:30:00Z", binary=fieldwork_testkit_binary())
    assert leased.returncode == 0, leased.stderr
    case = leased.stdout.split()[0]
    during = run(["cases", "show", case, "--data", str(survey)], now="2025-10-20T09:45:00Z")
    assert "Leased to int07 until 2025-10-20 11:00" in during.stdout  # 30 minutes, London time
    after = run(["cases", "show", case, "--data", str(survey)], now="2025-10-20T11:00:00Z")
    assert after.returncode == 0, after.stderr
    assert "Leased to" not in after.stdout
    assert "Lease to int07 expired at 2025-10-20 11:00" in after.stdout
    shown = run(["cases", "show", case, "--data", str(survey), "--json"], now="2025-10-20T11:00:00Z")
    assert '"leaseExpired" : true' in shown.stdout
