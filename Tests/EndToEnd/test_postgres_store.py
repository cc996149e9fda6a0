"""`fieldwork store roles`, `store verify` and `store copy` against the real throwaway PostgreSQL server that scripts/run-tests.sh
starts (FIELDWORK_TEST_POSTGRES_URL, password through PGPASSFILE). What the command created is
checked with psql, PostgreSQL's own client, not with Fieldwork's code.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import uuid

import pytest

URL = os.environ.get("FIELDWORK_TEST_POSTGRES_URL")

if not URL:
    if os.environ.get("CI") == "true":
        pytest.fail("FIELDWORK_TEST_POSTGRES_URL is not set on CI: scripts/run-tests.sh must start PostgreSQL",
                    pytrace=False)
    pytestmark = pytest.mark.skip(
        reason="SKIPPED, PostgreSQL: FIELDWORK_TEST_POSTGRES_URL is not set (scripts/run-tests.sh starts a server)")


def psql(sql: str, url: str | None = None) -> str:
    psql_bin = shutil.which("psql") or "/usr/bin/psql"
    result = subprocess.run([psql_bin, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url or URL, "-c", sql],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def run(fieldwork_bin, *args):
    return subprocess.run([str(fieldwork_bin), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def survey():
    name = "e2e" + uuid.uuid4().hex[:10]
    yield name
    psql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
    for role in ("interviewer", "supervisor", "analyst"):
        psql(f'DROP ROLE IF EXISTS "{name}_{role}"')


def test_roles_creates_schema_tables_and_least_privilege_roles(fieldwork_bin, survey):
    first = run(fieldwork_bin, "store", "roles", "--store", URL, "--survey", survey)
    assert first.returncode == 0, first.stderr
    assert f"{survey}_interviewer" in first.stdout
    again = run(fieldwork_bin, "store", "roles", "--store", URL, "--survey", survey)
    assert again.returncode == 0, again.stderr

    roles = psql(f"SELECT rolname || ':' || rolcanlogin FROM pg_roles WHERE rolname LIKE '{survey}_%' ORDER BY 1")
    assert roles.splitlines() == [f"{survey}_analyst:false", f"{survey}_interviewer:false", f"{survey}_supervisor:false"]

    grants = psql(f"""
        SELECT grantee || ' ' || string_agg(privilege_type, ',' ORDER BY privilege_type)
        FROM information_schema.role_table_grants
        WHERE table_schema = '{survey}' AND table_name = 'journal_events' AND grantee LIKE '{survey}_%'
        GROUP BY grantee ORDER BY grantee""")
    assert grants.splitlines() == [
        f"{survey}_analyst SELECT",
        f"{survey}_interviewer INSERT,SELECT",
        f"{survey}_supervisor INSERT,SELECT",
    ]
    key = psql(f"""
        SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum))
        FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = '"{survey}".journal_events'::regclass AND i.indisprimary""")
    assert key == "case_id,seq"
    # PUBLIC has no way into the survey's schema.
    assert psql(f"SELECT has_schema_privilege('public', '{survey}', 'USAGE')") == "f"


def test_a_password_in_the_url_is_refused_and_not_echoed(fieldwork_bin, survey):
    result = run(fieldwork_bin, "store", "roles", "--store", "postgresql://postgres:hunter2@127.0.0.1/x", "--survey", survey)
    assert result.returncode == 1
    assert "hunter2" not in result.stderr + result.stdout
    assert "PGPASSFILE" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_server_that_is_down_is_one_line_and_exit_1(fieldwork_bin, survey):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run(fieldwork_bin, "store", "roles", "--store", f"postgresql://postgres@127.0.0.1:{port}/x", "--survey", survey)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot connect to")
    assert "server is running" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_bad_survey_name_writes_nothing(fieldwork_bin):
    result = run(fieldwork_bin, "store", "roles", "--store", URL, "--survey", "Bad-Name")
    assert result.returncode == 1
    assert "lowercase letters" in result.stderr
    assert psql("SELECT count(*) FROM pg_namespace WHERE nspname ILIKE 'bad%name'") == "0"


def _line(seq: int, case: str, data: str) -> bytes:
    """A journal line written from the format's definition (docs/survey-directory.md), with
    Python's own CRC-32: independent of Fieldwork's encoder."""
    import zlib
    body = f'{{"v":1,"seq":{seq},"case":"{case}","at":"2026-12-01T10:00:0{seq}.000Z","kind":"answer","data":{data}'.encode()
    return body + f',"crc":"{zlib.crc32(body):08x}"}}\n'.encode()


def test_store_verify_passes_clean_journals_and_fails_an_altered_row(fieldwork_bin, survey):
    assert run(fieldwork_bin, "store", "roles", "--store", URL, "--survey", survey).returncode == 0
    for case in ("A1", "A2"):
        for seq in (1, 2):
            line = _line(seq, case, f'{{"q":"x{seq}","v":{seq}}}')
            crc = line[-11:-3].decode()
            psql(f"""INSERT INTO "{survey}".journal_events (case_id, seq, at, kind, line, crc)
                     VALUES ('{case}', {seq}, '2026-12-01T10:00:0{seq}Z', 'answer', '\\x{line.hex()}'::bytea, '{crc}')""")
    clean = run(fieldwork_bin, "store", "verify", "--store", URL, "--survey", survey)
    assert clean.returncode == 0, clean.stderr
    assert "2 journals, 4 records, 0 damaged" in clean.stdout

    # Behind the journal's back: a superuser switches the append-only trigger off and edits an answer.
    psql(f"""SET session_replication_role = replica;
             UPDATE "{survey}".journal_events SET line = convert_to(replace(convert_from(line, 'UTF8'), '"v":2', '"v":9'), 'UTF8')
             WHERE case_id = 'A2' AND seq = 2""")
    altered = run(fieldwork_bin, "store", "verify", "--store", URL, "--survey", survey)
    assert altered.returncode == 1
    assert "DAMAGED: row 2: checksum mismatch" in altered.stdout
    assert "1 damaged" in altered.stdout
    assert "A1: 2 records" in altered.stdout
    assert "verify failed: 1 journal is damaged" in altered.stderr


def _counting_questionnaire():
    return {
        "id": "copying", "version": "1", "title": "Copying Survey",
        "languages": ["en"], "defaultLanguage": "en",
        "missingCodes": {"dontKnow": -1, "refused": -2},
        "targetMinutes": 5,
        "sections": [{"id": "s", "title": "Counting", "items": [
            {"id": "q_staff", "type": "integer", "text": "How many people work here?", "min": 1, "max": 1000, "label": "Staff"},
            {"id": "q_name", "type": "text", "text": "What is the business called?", "label": "Name"},
        ]}],
    }


CASE_TABLES = {  # table: its columns in a fixed order (attempts without SQLite's own row id)
    "cases": "seq, id, fields, status, final_code, tier, queue, due_at, next_eligible_at, tried_parts, attempts, ever_eligible, "
             "soft_refusals, withheld, lease_holder, lease_expires, appointment_id, imported_at, import_source, last_outcome, "
             "interim_code, replicate, released",
    "attempts": "case_seq, number, at, interviewer, outcome, note, part_of_day, resulting_status, final_code, disposition_rule",
    "appointments": "id, case_seq, kind, start_local, end_local, time_zone, at, until, set_by, set_at, active",
    "finalisations": "id, case_seq, at, final_code, rule, finalised_by",
    "case_audit": "id, case_seq, at, by, action, reason, before, after",
    "quota_completes": "rule, cell, completes",
}


def sqlite_rows(path, table: str) -> list:
    import sqlite3
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute(f"SELECT {CASE_TABLES[table]} FROM {table} ORDER BY 1, 2").fetchall()


def test_store_copy_moves_simulated_journals_to_the_server_and_back_byte_for_byte(fieldwork_bin, survey, tmp_path):
    import json
    questionnaire = tmp_path / "copying.json"
    questionnaire.write_text(json.dumps(_counting_questionnaire()), encoding="utf-8")
    source = tmp_path / "source"
    simulated = run(fieldwork_bin, "simulate", str(questionnaire), "--count", "60", "--seed", "4", "--write", str(source))
    assert simulated.returncode == 0, simulated.stderr
    files = sorted((source / "journals").glob("*/*.jsonl"))
    assert len(files) == 60

    assert run(fieldwork_bin, "store", "roles", "--store", URL, "--survey", survey).returncode == 0
    there = run(fieldwork_bin, "store", "copy", "--from", str(source), "--to", URL, "--survey", survey)
    assert there.returncode == 0, there.stderr
    lines = sum(path.read_bytes().count(b"\n") for path in files)
    assert f"copied 60 journals, {lines} records" in there.stdout
    assert psql(f'SELECT count(*) FROM "{survey}".journal_events') == str(lines)
    # The case store came too: the same cases and calls, counted by psql against Python's sqlite3.
    source_cases = sqlite_rows(source / "cases.sqlite", "cases")
    source_calls = sqlite_rows(source / "cases.sqlite", "attempts")
    assert len(source_cases) == 60 and source_calls
    assert f"copied the case store: 60 case(s), {len(source_calls)} call(s)" in there.stdout
    assert psql(f'SELECT count(*) FROM "{survey}".cases') == "60"
    assert psql(f'SELECT count(*) FROM "{survey}".attempts') == str(len(source_calls))
    assert psql(f'SELECT string_agg(id, \',\' ORDER BY id) FROM "{survey}".cases') == ",".join(sorted(r[1] for r in source_cases))

    # A second copy onto the same survey is refused and writes nothing.
    again = run(fieldwork_bin, "store", "copy", "--from", str(source), "--to", URL, "--survey", survey)
    assert again.returncode == 1 and "nothing was copied" in again.stderr
    assert psql(f'SELECT count(*) FROM "{survey}".journal_events') == str(lines)

    target = tmp_path / "target"
    assert run(fieldwork_bin, "init", str(target), "--questionnaire", str(questionnaire)).returncode == 0
    back = run(fieldwork_bin, "store", "copy", "--from", URL, "--survey", survey, "--to", str(target))
    assert back.returncode == 0, back.stderr
    for table in CASE_TABLES:
        assert sqlite_rows(target / "cases.sqlite", table) == sqlite_rows(source / "cases.sqlite", table), table
    assert oct((target / "cases.sqlite").stat().st_mode & 0o777) == "0o600"
    for path in files:
        copied = target / path.relative_to(source)
        assert copied.read_bytes() == path.read_bytes(), path.name
        assert oct(copied.stat().st_mode & 0o777) == "0o600"
    checked = run(fieldwork_bin, "verify", "--data", str(target))
    assert checked.returncode == 0, checked.stdout + checked.stderr
