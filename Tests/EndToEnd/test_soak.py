"""The soak test of a busy call centre, short: twenty headless interviewers (fieldwork-testkit
soak-worker) work one survey directory for 25 seconds while random ones are killed with SIGKILL
and started again; then verify, the lease log, the acknowledged answers, the dispositions and
both exports are checked by scripts/lib/soak.py (docs/hardening.md, "Soak test"). The long run is
scripts/soak.sh MINUTES.

Run with: FIELDWORK_BIN=.build/debug/fieldwork python3 -m pytest Tests/EndToEnd/test_soak.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from tmux_harness import fieldwork_binary, fieldwork_testkit_binary

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "lib"))

import soak  # noqa: E402


def test_twenty_interviewers_killed_at_random_lose_nothing(tmp_path: Path) -> None:
    run = soak.soak(fieldwork_binary(), fieldwork_testkit_binary(), tmp_path, seconds=25, workers=20, cases=1500,
                    kill_every=(0.3, 1.2), seed=19)
    figures = soak.check(fieldwork_binary(), run, tmp_path)
    print(json.dumps(figures, indent=1))
    assert figures["problems"] == []
    # The run did what it is for: workers were killed and came back, cases changed hands, interviews
    # were answered and completed, and calls of every kind were recorded.
    assert run.kills >= 10 and len(run.workers) == 20 + run.kills
    assert figures["acknowledged answers"] > 100 and figures["completes (1.1)"] > 10
    assert figures["leases"] > figures["completes (1.1)"]
    calls = (tmp_path / "calls.csv").read_text(encoding="utf-8")
    for outcome in ("no-answer", "appointment-hard", "suspended-with-appointment", "interview-complete", "break-off"):
        assert outcome in calls


def test_the_checker_sees_an_overlapping_lease_and_a_lost_answer(tmp_path: Path) -> None:
    """The checks can fail: a lease log where two workers hold one case, and an acknowledged answer
    whose journal record was changed, are both reported."""
    run = soak.soak(fieldwork_binary(), fieldwork_testkit_binary(), tmp_path, seconds=6, workers=3, cases=200,
                    kill_every=(100, 100), seed=3)
    first = run.workers[0]
    events = soak.read_log(first.log)
    acquired = next(e for e in events if e["ev"] == "acquire")
    answered = next((e for w in run.workers for e in soak.read_log(w.log) if e["ev"] == "answer"), None)
    assert answered is not None
    # Another worker "holds" the first worker's first case inside its interval.
    with open(run.workers[1].log, "a", encoding="utf-8") as log:
        for ev in ("acquire", "release"):
            log.write(json.dumps({"ev": ev, "case": acquired["case"], "t": acquired["t"] + 0.000001 * (ev == "release"),
                                  "pid": 0, "who": "R02"}) + "\n")
    # The journal record behind an acknowledged answer says something else.
    journal = next((run.directory / "journals").glob(f"*/{answered['case']}.jsonl"))
    lines = journal.read_bytes().split(b"\n")
    record = json.loads(lines[answered["seq"] - 1])
    record["data"]["question"] = "q_changed"
    sys.path.insert(0, str(ROOT / "Tests" / "EndToEnd"))
    from journal_lines import encode
    lines[answered["seq"] - 1] = encode(record).rstrip(b"\n")
    journal.write_bytes(b"\n".join(lines))
    figures = soak.check(fieldwork_binary(), run, tmp_path)
    assert any("held by two workers at once" in p and acquired["case"] in p for p in figures["problems"])
    assert any("acknowledged answer(s) not in the journal" in p and answered["case"] in p for p in figures["problems"])
