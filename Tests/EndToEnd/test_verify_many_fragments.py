"""`fieldwork verify` on a journal with a long run of truncated record lines (issue 19):
once quadratic in the run; now every fragment is judged, the text report lists the first 100
problems and counts the rest, and --json keeps them all."""
import hashlib
import json
import zlib
import subprocess
from pathlib import Path

from journal_lines import journals
from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = fieldwork_binary()
QUESTIONNAIRE = str(ROOT / "Tests/EndToEnd/fixtures/call_room.json")
FRAGMENTS = 50_000


def record(seq: int, kind: str, data: str) -> bytes:
    body = '{"v":1,"seq":%d,"case":"C001","at":"2026-11-30T10:00:00.000Z","kind":"%s","data":%s' % (seq, kind, data)
    return (body + ',"crc":"%08x"}\n' % zlib.crc32(body.encode())).encode()


def make_survey(tmp_path: Path) -> Path:
    survey = tmp_path / "survey"
    r = subprocess.run([BIN, "init", str(survey), "--questionnaire", QUESTIONNAIRE], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    # The shard layout of docs/survey-directory.md: the first two hex digits of SHA-256 of the id.
    shard = survey / "journals" / hashlib.sha256(b"C001").hexdigest()[:2]
    shard.mkdir(parents=True, exist_ok=True)
    body = record(1, "interview.date", '{"date":"2026-11-30","type":"date"}')
    body += b'{"v":1,"seq":2,"ca\n' * FRAGMENTS
    body += record(2, "interview.seed", '{"seed":1,"type":"seed"}')
    (shard / "C001.jsonl").write_bytes(body)
    assert journals(survey) == [shard / "C001.jsonl"]
    return survey


def test_verify_lists_the_first_hundred_fragments_and_counts_the_rest(tmp_path):
    survey = make_survey(tmp_path)
    r = subprocess.run([BIN, "verify", "--data", str(survey)], capture_output=True, text=True, timeout=300)
    lines = r.stdout.splitlines()
    listed = [line for line in lines if line.startswith("    line ")]
    assert len(listed) == 100, lines[:5]
    assert listed[0].startswith("    line 2: interrupted write")
    assert listed[-1].startswith("    line 101: interrupted write")
    assert f"    … and {FRAGMENTS - 100} more problems in this journal not shown (--json lists them all)" in lines
    assert "2 records; no damage" in lines[-1]

    r = subprocess.run([BIN, "verify", "--data", str(survey), "--json"], capture_output=True, text=True, timeout=300)
    report = json.loads(r.stdout)
    problems = report["journals"][0]["problems"]
    assert len(problems) == FRAGMENTS
    assert {p["line"] for p in problems} == set(range(2, FRAGMENTS + 2))

