"""The soak test on PostgreSQL, short: twenty headless interviewers on a survey made with
`fieldwork init --store` (PostgresCaseStore, PostgresCaseJournal), killed at random, while the
server is restarted half way (every connection dropped). scripts/lib/soak.py checks the leases,
the acknowledged answers in journal_events and the dispositions against the call records
(docs/hardening.md, "Soak test"). The long run is scripts/soak.sh MINUTES --postgres.

Needs the throwaway server of scripts/run-tests.sh (FIELDWORK_TEST_POSTGRES_URL, FIELDWORK_POSTGRES_DIR).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary, fieldwork_testkit_binary

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "lib"))

import soak  # noqa: E402

URL = os.environ.get("FIELDWORK_TEST_POSTGRES_URL")

if not URL or not os.environ.get("FIELDWORK_POSTGRES_DIR"):
    if os.environ.get("CI") == "true":
        pytest.fail("FIELDWORK_TEST_POSTGRES_URL is not set on CI: scripts/run-tests.sh must start PostgreSQL",
                    pytrace=False)
    pytestmark = pytest.mark.skip(
        reason="SKIPPED, PostgreSQL: FIELDWORK_TEST_POSTGRES_URL is not set (scripts/run-tests.sh starts a server)")


def test_interviewers_on_postgresql_survive_kills_and_a_server_restart(tmp_path: Path) -> None:
    run = soak.soak(fieldwork_binary(), fieldwork_testkit_binary(), tmp_path, seconds=25, workers=20, cases=6000,
                    kill_every=(0.3, 1.2), store=URL, restart_server=soak.restart_test_postgres, seed=23)
    figures = soak.check(fieldwork_binary(), run, tmp_path)
    print(json.dumps(figures, indent=1))
    assert figures["problems"] == []
    assert run.restarts_of_server == 1 and run.kills >= 10
    assert figures["acknowledged answers"] > 100 and figures["completes (1.1)"] > 10
    # The workers did lose their connections to the restart, and carried on after it.
    logs = [soak.read_log(worker.log) for worker in run.workers]
    lost = [e for events in logs for e in events if e["ev"] == "error" and "connection" in e["why"]]
    assert lost
    after = min(e["t"] for e in lost)
    assert any(e["ev"] == "answer" and e["t"] > after + 1 for events in logs for e in events)
