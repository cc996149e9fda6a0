"""`fieldwork init --store postgresql://…` and `cases import/status/show` on a survey whose cases live on
the real throwaway PostgreSQL server that scripts/run-tests.sh starts (FIELDWORK_TEST_POSTGRES_URL,
password through PGPASSFILE). What the commands stored is read back with psql, not with Fieldwork's code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUESTIONNAIRE = ROOT / "Questionnaires" / "bas.json"  # only pinned here; its content does not matter
URL = os.environ.get("FIELDWORK_TEST_POSTGRES_URL")

if not URL:
    if os.environ.get("CI") == "true":
        pytest.fail("FIELDWORK_TEST_POSTGRES_URL is not set on CI: scripts/run-tests.sh must start PostgreSQL",
                    pytrace=False)
    pytestmark = pytest.mark.skip(
        reason="SKIPPED, PostgreSQL: FIELDWORK_TEST_POSTGRES_URL is not set (scripts/run-tests.sh starts a server)")


def psql(sql: str) -> str:
    psql_bin = shutil.which("psql") or "/usr/bin/psql"
    result = subprocess.run([psql_bin, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", URL, "-c", sql],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def run(fieldwork_bin, *args, now: str | None = "2025-10-20T09:30:00Z"):
    env = dict(os.environ)
    env.pop("FIELDWORK_NOW", None)
    if now:
        env["FIELDWORK_NOW"] = now
    return subprocess.run([str(fieldwork_bin), *args], capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def survey_name():
    name = "e2ecases" + uuid.uuid4().hex[:10]
    yield name
    psql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def test_init_with_a_store_keeps_the_cases_on_the_server(fieldwork_bin, survey_name, tmp_path):
    directory = tmp_path / "survey"
    made = run(fieldwork_bin, "init", str(directory), "--questionnaire", str(QUESTIONNAIRE),
               "--store", URL, "--survey", survey_name)
    assert made.returncode == 0, made.stderr
    settings = json.loads((directory / "store.json").read_text())
    assert settings == {"store": "postgresql", "url": URL, "schema": survey_name}
    assert "password" not in (directory / "store.json").read_text().lower()

    sample = tmp_path / "sample.csv"
    sample.write_text("case_id,business_name\nB1,Acme\nB2,Beta\nB3,Gamma\n")
    imported = run(fieldwork_bin, "cases", "import", str(sample), "--data", str(directory))
    assert imported.returncode == 0, imported.stderr
    assert "Imported 3 case(s)" in imported.stdout
    again = run(fieldwork_bin, "cases", "import", str(sample), "--data", str(directory))
    assert "Imported 0 case(s); skipped 3" in again.stdout
    assert not (directory / "cases.sqlite").exists()

    rows = psql(f'SELECT id || \':\' || status || \':\' || interim_code FROM "{survey_name}".cases ORDER BY id')
    # 3.11: AAPOR's "not attempted", the interim code of a case never called.
    assert rows.splitlines() == ["B1:fresh:3.11", "B2:fresh:3.11", "B3:fresh:3.11"]

    status = run(fieldwork_bin, "cases", "status", "--data", str(directory), "--json")
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert report["total"] == 3
    assert report["byStatus"]["fresh"] == 3

    shown = run(fieldwork_bin, "cases", "show", "B2", "--data", str(directory))
    assert shown.returncode == 0, shown.stderr
    assert "Beta" in shown.stdout


def test_a_command_not_yet_on_postgresql_says_so_and_makes_no_sqlite_file(fieldwork_bin, survey_name, tmp_path):
    directory = tmp_path / "survey"
    made = run(fieldwork_bin, "init", str(directory), "--questionnaire", str(QUESTIONNAIRE),
               "--store", URL, "--survey", survey_name)
    assert made.returncode == 0, made.stderr
    refused = run(fieldwork_bin, "cases", "appointments", "--data", str(directory))
    assert refused.returncode != 0
    assert "not yet available" in refused.stderr
    assert not (directory / "cases.sqlite").exists()


def test_a_password_in_the_store_url_is_refused_and_nothing_is_created(fieldwork_bin, tmp_path):
    directory = tmp_path / "survey"
    with_password = URL.replace("postgres@", "postgres:secret@", 1)
    refused = run(fieldwork_bin, "init", str(directory), "--questionnaire", str(QUESTIONNAIRE), "--store", with_password)
    assert refused.returncode != 0
    assert "secret" not in refused.stderr + refused.stdout
    assert not directory.exists()
