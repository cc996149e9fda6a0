"""The case store holds personal data: owner-only files whatever the umask, and never created outside a
survey directory.

Run with: FIELDWORK_BIN=.build/debug/fieldwork pytest Tests/EndToEnd/test_case_store_permissions.py
"""
import os
import stat
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

def test_case_store_is_private_whatever_the_umask(survey: Path) -> None:
    for name in ("cases.sqlite", "cases.sqlite-wal", "cases.sqlite-shm"):
        path = survey / name
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
    assert stat.S_IMODE((survey / "cases.sqlite").stat().st_mode) == 0o600

def test_existing_world_readable_store_is_made_private(survey: Path) -> None:
    os.chmod(survey / "cases.sqlite", 0o644)
    assert run(["cases", "status", "--data", str(survey)], umask=0o022).returncode == 0
    assert stat.S_IMODE((survey / "cases.sqlite").stat().st_mode) == 0o600

def test_import_into_a_directory_that_is_not_a_survey_is_refused(tmp_path: Path) -> None:
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    bare = tmp_path / "bare"
    bare.mkdir()
    (tmp_path / "sample.csv").write_text("case_id,business_name\nB1,Acme\n")
    result = run(["cases", "import", str(tmp_path / "sample.csv"), "--data", str(bare)], umask=0o022)
    assert result.returncode == 1
    assert "fieldwork init" in result.stderr
    assert not (bare / "cases.sqlite").exists()
