"""The everyday commands on a survey kept on PostgreSQL (`fieldwork init --store`), against the real
throwaway server scripts/run-tests.sh starts (FIELDWORK_TEST_POSTGRES_URL, password in PGPASSFILE):

- an interview, and a session, typed in tmux while the server is stopped and started again: the interviewer is told
  at the question, nothing acknowledged is lost, the interview goes on once the server is back, and
  `verify` and the export agree with what was typed;
- the same simulated wave written into a survey directory and into a survey on the server: `verify`
  passes on both, the CSV exports are byte-identical, the .sav and .dta files read back the same
  (and are byte-identical once their creation time is masked), and `report` gives the same rates;
- `weight` on the server stores the weights a survey directory with the same completes gets, the
  export's `weight` column and `report` agree, and `store copy` takes them along;
- a session's interviewer states reach the server: `supervise --json` shows the interviewer.

What the commands stored is read back with psql and pandas, not with Fieldwork's code.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from tmux_harness import TmuxSession, fieldwork_binary, terminfo_available, tmux_available

ROOT = Path(__file__).resolve().parents[2]
BAS = ROOT / "Questionnaires" / "bas.json"
URL = os.environ.get("FIELDWORK_TEST_POSTGRES_URL")
NOW = "2026-12-01T10:00:00Z"  # a Tuesday, inside calling hours

if not URL:
    if os.environ.get("CI") == "true":
        pytest.fail("FIELDWORK_TEST_POSTGRES_URL is not set on CI: scripts/run-tests.sh must start PostgreSQL",
                    pytrace=False)
    pytestmark = pytest.mark.skip(
        reason="SKIPPED, PostgreSQL: FIELDWORK_TEST_POSTGRES_URL is not set (scripts/run-tests.sh starts a server)")

QUESTIONNAIRE = {
    "id": "pgint", "version": "1", "title": "Interview on the server",
    "languages": ["en"], "defaultLanguage": "en",
    "missingCodes": {"dontKnow": -1, "refused": -2},
    "targetMinutes": 5,
    "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": True, "label": "Business"},
    ],
    "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
    "sections": [
        {"id": "main", "title": "Main", "items": [
            {"id": "q_trading", "type": "single", "text": "Is the business still trading?", "codeFrame": "yesno",
             "label": "Trading"},
            {"id": "q_town", "type": "text", "text": "In which town is the head office?", "label": "Town"},
            {"id": "q_export", "type": "single", "text": "Does the business sell abroad?", "codeFrame": "yesno",
             "label": "Exports"},
        ]},
    ],
}


def psql(sql: str) -> str:
    psql_bin = shutil.which("psql") or "/usr/bin/psql"
    result = subprocess.run([psql_bin, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", URL, "-c", sql],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def run(*args: str, now: str | None = NOW, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("FIELDWORK_NOW", None)
    if now:
        env["FIELDWORK_NOW"] = now
    return subprocess.run([fieldwork_binary(), *args], capture_output=True, text=True, timeout=timeout, env=env)


class Server:
    """Stops and starts the test cluster that scripts/lib/postgres.sh started (same port, socket and
    data), as its owner: `pg_ctl` refuses to run as root."""

    def __init__(self) -> None:
        self.root = os.environ.get("FIELDWORK_POSTGRES_DIR")
        self.bin = os.environ.get("FIELDWORK_POSTGRES_BIN")
        self.port = os.environ.get("FIELDWORK_POSTGRES_PORT")
        if not (self.root and self.bin and self.port):
            pytest.skip("stopping the server needs FIELDWORK_POSTGRES_DIR, _BIN and _PORT "
                        "(exported by fieldwork_postgres_start in scripts/lib/postgres.sh)")

    def _as_owner(self, command: str) -> None:
        if os.getuid() == 0:
            argv = ["su", "postgres", "-s", "/bin/sh", "-c", command]
        else:
            argv = ["sh", "-c", command]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"

    def stop(self) -> None:
        self._as_owner(f"'{self.bin}/pg_ctl' -D '{self.root}/data' -m fast -w stop")

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.root}/socket -c listen_addresses=127.0.0.1 "
                   f"-c max_connections=300 -c synchronous_commit=on")
        self._as_owner(f"'{self.bin}/pg_ctl' -D '{self.root}/data' -l '{self.root}/server.log' -w -t 60 "
                       f"-o \"{options}\" start")


@pytest.fixture
def schemas():
    made: list[str] = []

    def name() -> str:
        made.append("e2ecmd" + uuid.uuid4().hex[:10])
        return made[-1]

    yield name
    for schema in made:
        try:
            psql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        except AssertionError:
            pass  # the server may be down after a failed restart test; the cluster is thrown away anyway


def _server_survey(tmp_path: Path, schema: str, questionnaire: Path) -> Path:
    directory = tmp_path / f"survey-{schema}"
    made = run("init", str(directory), "--questionnaire", str(questionnaire), "--store", URL, "--survey", schema)
    assert made.returncode == 0, made.stderr
    return directory


def test_init_with_a_store_keeps_the_journals_on_the_server_too(tmp_path, schemas):
    schema = schemas()
    questionnaire = tmp_path / "q.json"
    questionnaire.write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    directory = _server_survey(tmp_path, schema, questionnaire)
    tables = psql(f"SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
                  f"WHERE table_schema = '{schema}'").split(",")
    assert {"journal_events", "journal_holders", "cases", "attempts"} <= set(tables)
    # Append-only even for the owner that ran init: the trigger is in place.
    triggers = psql(f"SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                    f"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{schema}' "
                    f"AND c.relname = 'journal_events' AND NOT t.tgisinternal")
    assert int(triggers) == 2
    assert not (directory / "journals").exists() or not any((directory / "journals").rglob("*.jsonl"))


def test_an_interview_goes_on_across_a_server_restart(tmp_path, schemas):
    if not tmux_available():
        pytest.skip("tmux is not installed (apt-get install -y tmux)")
    if not terminfo_available("xterm"):
        pytest.skip("no terminfo entry for TERM=xterm (apt-get install -y ncurses-term)")
    server = Server()
    schema = schemas()
    questionnaire = tmp_path / "q.json"
    questionnaire.write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    directory = _server_survey(tmp_path, schema, questionnaire)
    sample = tmp_path / "sample.csv"
    sample.write_text("case_id,business_name\nR1,Riverside Joinery Ltd\n", encoding="utf-8")
    imported = run("cases", "import", str(sample), "--data", str(directory))
    assert imported.returncode == 0, imported.stderr

    command = [fieldwork_binary(), "interview", "--data", str(directory), "--case", "R1", "--interviewer", "I7"]
    env = {"FIELDWORK_NOW": NOW}
    for name in ("PGPASSFILE",):
        if os.environ.get(name):
            env[name] = os.environ[name]
    restarted = False
    with TmuxSession.start(command, term="xterm", height=24, env=env) as tmux:
        try:
            tmux.wait_for("[q_trading]")
            tmux.send_text("1")
            tmux.send_keys("Enter")
            tmux.wait_for("[q_town]")
            acknowledged = psql(f"SELECT count(*) FROM \"{schema}\".journal_events WHERE case_id = 'R1'")

            server.stop()
            tmux.send_text("Leeds")
            tmux.send_keys("Enter")
            screen = tmux.wait_for("NOT SAVED", timeout=30)
            assert "[q_town]" in screen and "[q_export]" not in screen  # still at the question
            assert "connection" in screen or "connect" in screen          # says what went wrong
            assert "Leeds" in screen                                       # the typed answer is kept

            # Trying again while the server is still down: told again, still at the question.
            tmux.send_keys("Enter")
            screen = tmux.wait_until(lambda s: "NOT SAVED" in s and "[q_town]" in s, "a second refusal", timeout=30)
            assert "[q_export]" not in screen

            server.start()
            restarted = True
            # Nothing acknowledged was lost while the server was down.
            assert psql(f"SELECT count(*) FROM \"{schema}\".journal_events WHERE case_id = 'R1'") == acknowledged

            tmux.send_keys("Enter")
            tmux.wait_for("[q_export]", timeout=30)
            tmux.send_text("2")
            tmux.send_keys("Enter")
            tmux.wait_for("All questions answered")
            tmux.send_keys("Enter")
            tmux.wait_for("[exit=0]", timeout=30)
        finally:
            if not restarted:
                server.start()

    # The journal on the server: a gapless, unduplicated sequence with every answer typed.
    seqs = psql(f"SELECT string_agg(seq::text, ',' ORDER BY seq) FROM \"{schema}\".journal_events WHERE case_id = 'R1'")
    numbers = [int(n) for n in seqs.split(",")]
    assert numbers == list(range(1, len(numbers) + 1))
    kinds = psql(f"SELECT string_agg(kind, ',' ORDER BY seq) FROM \"{schema}\".journal_events WHERE case_id = 'R1'")
    assert kinds.split(",").count("interview.answer") == 3
    assert kinds.split(",").count("interview.complete") == 1

    verified = run("verify", "--data", str(directory), "--json")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    report = json.loads(verified.stdout)
    assert report["ok"] is True
    assert report["summary"]["complete"] == 1
    assert report["reconciliation"]["disagreements"] == []

    out = tmp_path / "export.csv"
    exported = run("export", "--data", str(directory), "--format", "csv", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["case_id"] == "R1"
    assert row["q_trading"] == "1" and row["q_town"] == "Leeds" and row["q_export"] == "2"
    # The call was recorded in the case store on the server after the restart.
    assert psql(f"SELECT final_code FROM \"{schema}\".cases WHERE id = 'R1'") == "1.1"


def test_a_session_goes_on_across_a_server_restart(tmp_path, schemas):
    """The same outage inside `fieldwork session`: the session's case screen, the interview opened
    from it, the answer refused while the server is down, and the call recorded once it is back."""
    if not tmux_available():
        pytest.skip("tmux is not installed (apt-get install -y tmux)")
    if not terminfo_available("xterm"):
        pytest.skip("no terminfo entry for TERM=xterm (apt-get install -y ncurses-term)")
    server = Server()
    schema = schemas()
    questionnaire = tmp_path / "q.json"
    questionnaire.write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    directory = _server_survey(tmp_path, schema, questionnaire)
    sample = tmp_path / "sample.csv"
    sample.write_text("case_id,business_name,phone\nS1,Station Bakery Ltd,020 7946 0001\n", encoding="utf-8")
    imported = run("cases", "import", str(sample), "--data", str(directory))
    assert imported.returncode == 0, imported.stderr

    command = [fieldwork_binary(), "session", "--data", str(directory), "--interviewer", "I8"]
    env = {"FIELDWORK_NOW": NOW}
    if os.environ.get("PGPASSFILE"):
        env["PGPASSFILE"] = os.environ["PGPASSFILE"]
    restarted = False
    with TmuxSession.start(command, term="xterm", height=24, env=env) as tmux:
        try:
            tmux.wait_until(lambda s: "Case S1" in s and "DIAL" in s, "the case screen of S1", timeout=30)
            # The session records its states in the survey's schema: the console shows I8 at S1.
            supervised = run("supervise", "--data", str(directory), "--json")
            assert supervised.returncode == 0, supervised.stderr
            states = {i["name"]: (i["state"], i.get("caseID")) for i in json.loads(supervised.stdout)["interviewers"]}
            assert states == {"I8": ("dialling", "S1")}
            assert psql(f"SELECT string_agg(state, ',' ORDER BY id) FROM \"{schema}\".interviewer_states "
                        f"WHERE interviewer = 'I8'").endswith("dialling")
            tmux.send_text("i")
            tmux.wait_for("[q_trading]")
            tmux.send_text("2")
            tmux.send_keys("Enter")
            tmux.wait_for("[q_town]")
            acknowledged = psql(f"SELECT count(*) FROM \"{schema}\".journal_events WHERE case_id = 'S1'")

            server.stop()
            tmux.send_text("York")
            tmux.send_keys("Enter")
            screen = tmux.wait_for("NOT SAVED", timeout=30)
            assert "[q_town]" in screen and "[q_export]" not in screen
            assert "York" in screen

            server.start()
            restarted = True
            assert psql(f"SELECT count(*) FROM \"{schema}\".journal_events WHERE case_id = 'S1'") == acknowledged
            tmux.send_keys("Enter")
            tmux.wait_for("[q_export]", timeout=30)
            tmux.send_text("1")
            tmux.send_keys("Enter")
            tmux.wait_for("All questions answered")
            tmux.send_keys("Enter")
            tmux.wait_for("Recorded case S1: interview complete", timeout=30)
        finally:
            if not restarted:
                server.start()

    assert psql(f"SELECT final_code FROM \"{schema}\".cases WHERE id = 'S1'") == "1.1"
    verified = run("verify", "--data", str(directory), "--json")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert json.loads(verified.stdout)["reconciliation"]["disagreements"] == []
    out = tmp_path / "export.csv"
    exported = run("export", "--data", str(directory), "--format", "csv", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["case_id"], r["q_trading"], r["q_town"], r["q_export"]) for r in rows] == [("S1", "2", "York", "1")]


def _mask_sav_timestamp(data: bytes) -> bytes:
    # SPSS header: rec_type(4) prod_name(60) layout(4) nominal_case_size(4) compression(4)
    # weight_index(4) ncases(4) bias(8) creation_date(9) creation_time(8) …
    start = 4 + 60 + 4 + 4 + 4 + 4 + 4 + 8
    return data[:start] + b"\0" * 17 + data[start + 17:]


def _mask_dta_timestamp(data: bytes) -> bytes:
    # Stata 118+: <timestamp>LEN + "dd Mon yyyy hh:mm"</timestamp>
    begin = data.find(b"<timestamp>")
    end = data.find(b"</timestamp>")
    if begin < 0 or end < 0:
        return data
    return data[:begin] + b"<timestamp>" + b"\0" * (end - begin - len(b"<timestamp>")) + data[end:]


def test_the_same_wave_on_both_stores_exports_the_same(tmp_path, schemas):
    pandas = pytest.importorskip("pandas")
    schema = schemas()
    on_disk = tmp_path / "on-disk"
    made = run("init", str(on_disk), "--questionnaire", str(BAS))
    assert made.returncode == 0, made.stderr
    on_server = _server_survey(tmp_path, schema, BAS)

    for directory in (on_disk, on_server):
        written = run("simulate", str(BAS), "--count", "150", "--seed", "11", "--write", str(directory), "--json")
        assert written.returncode == 0, written.stderr
        assert "wrote 150 interviews" in written.stderr
    assert not any((on_server / "journals").rglob("*.jsonl")) if (on_server / "journals").exists() else True
    assert int(psql(f"SELECT count(DISTINCT case_id) FROM \"{schema}\".journal_events")) == 150
    assert not (on_server / "cases.sqlite").exists()

    # The journals are the same bytes: each case's rows, in order, are its file.
    for case in ("SIM-11-000001", "SIM-11-000075", "SIM-11-000150"):
        file = next(on_disk.joinpath("journals").rglob(f"{case}.jsonl"))
        hexed = psql(f"SELECT encode(string_agg(line, ''::bytea ORDER BY seq), 'hex') FROM \"{schema}\".journal_events "
                     f"WHERE case_id = '{case}'")
        assert bytes.fromhex(hexed) == file.read_bytes()

    for directory in (on_disk, on_server):
        verified = run("verify", "--data", str(directory), "--json")
        assert verified.returncode == 0, verified.stdout[-2000:] + verified.stderr
        result = json.loads(verified.stdout)
        assert result["ok"] and result["summary"]["journals"] == 150
        assert result["reconciliation"]["disagreements"] == []

    exports: dict[str, dict[str, Path]] = {}
    for label, directory in (("disk", on_disk), ("server", on_server)):
        exports[label] = {}
        # The same file names on both sides: the syntax files (.sps, .do) name the data file.
        folder = tmp_path / f"exports-{label}"
        folder.mkdir()
        for fmt in ("csv", "sav", "dta"):
            out = folder / f"wave.{fmt}"
            exported = run("export", "--data", str(directory), "--format", fmt, "--out", str(out))
            assert exported.returncode == 0, exported.stderr
            exports[label][fmt] = out
        level = folder / "wave-sites.csv"
        # BAS's loop over the business's sites: the long file, one row per pass.
        exported = run("export", "--data", str(directory), "--format", "csv", "--level", "sites", "--out", str(level))
        assert exported.returncode == 0, exported.stderr
        exports[label]["level"] = level
        paradata = folder / "paradata.csv"
        exported = run("export", "--data", str(directory), "--paradata", "--out", str(paradata))
        assert exported.returncode == 0, exported.stderr
        exports[label]["paradata"] = paradata

    disk, server = exports["disk"], exports["server"]
    assert disk["csv"].read_bytes() == server["csv"].read_bytes()
    assert disk["paradata"].read_bytes() == server["paradata"].read_bytes()
    assert disk["level"].read_bytes() == server["level"].read_bytes()
    for companion in ("labels.csv", "variables.csv", "sps", "do"):
        a, b = disk["csv"].with_suffix("." + companion), server["csv"].with_suffix("." + companion)
        assert a.exists(), companion
        assert a.read_bytes() == b.read_bytes(), companion
    for companion in ("interviewers.csv", "notes.csv"):
        a, b = disk["paradata"].with_suffix("." + companion), server["paradata"].with_suffix("." + companion)
        assert a.read_bytes() == b.read_bytes(), companion
    assert _mask_sav_timestamp(disk["sav"].read_bytes()) == _mask_sav_timestamp(server["sav"].read_bytes())
    assert _mask_dta_timestamp(disk["dta"].read_bytes()) == _mask_dta_timestamp(server["dta"].read_bytes())
    frame = pandas.read_csv(disk["csv"])
    assert len(frame) > 0
    try:
        import pyreadstat
    except ImportError:
        pyreadstat = None  # the masked byte comparison above stands
    if pyreadstat is not None:
        for fmt, reader in (("sav", pyreadstat.read_sav), ("dta", pyreadstat.read_dta)):
            (a, meta_a), (b, meta_b) = reader(str(disk[fmt])), reader(str(server[fmt]))
            pandas.testing.assert_frame_equal(a, b)
            assert meta_a.column_names == meta_b.column_names
            assert meta_a.variable_value_labels == meta_b.variable_value_labels
            assert len(a) == len(frame)

    codebooks = {}
    for label, directory in (("disk", on_disk), ("server", on_server)):
        made = run("codebook", "--data", str(directory), "--format", "md")
        assert made.returncode == 0, made.stderr
        codebooks[label] = made.stdout
    assert codebooks["disk"] == codebooks["server"] and "interview" in codebooks["disk"]

    reports = {}
    for label, directory in (("disk", on_disk), ("server", on_server)):
        made = run("report", "--data", str(directory), "--format", "json")
        assert made.returncode == 0, made.stderr
        reports[label] = json.loads(made.stdout)
    rates = {label: {r["name"]: r["value"] for r in rep["aapor"]["rates"]} for label, rep in reports.items()}
    assert rates["disk"] == rates["server"]
    assert reports["disk"]["aapor"]["counts"] == reports["server"]["aapor"]["counts"]
    assert reports["disk"]["toplines"] == reports["server"]["toplines"]
    assert reports["disk"]["progress"]["totalCases"] == reports["server"]["progress"]["totalCases"] == 150


def test_a_rehearsal_on_the_server_is_the_rehearsal_in_a_directory(tmp_path, schemas):
    """`rehearse` leases, calls and journals through the server's stores: the same seed on the same
    sample gives the same wave as in a survey directory, and the survey it leaves passes verify."""
    schema = schemas()
    on_disk = tmp_path / "on-disk"
    assert run("init", str(on_disk), "--questionnaire", str(BAS)).returncode == 0
    on_server = _server_survey(tmp_path, schema, BAS)
    sample = tmp_path / "sample.csv"
    with open(ROOT / "Questionnaires" / "samples" / "bas-sample.csv", encoding="utf-8") as source:
        rows = list(csv.reader(source))
    with open(sample, "w", encoding="utf-8", newline="") as target:
        csv.writer(target).writerows(rows[:121])
    reports = {}
    for label, directory in (("disk", on_disk), ("server", on_server)):
        imported = run("cases", "import", str(sample), "--data", str(directory))
        assert imported.returncode == 0, imported.stderr
        rehearsed = run("rehearse", "--data", str(directory), "--interviewers", "3", "--days", "1", "--seed", "4",
                        "--start", "2026-12-07", "--target", "30", "--no-fsync", "--json", now=None)
        assert rehearsed.returncode == 0, rehearsed.stderr
        reports[label] = json.loads(rehearsed.stdout)
        verified = run("verify", "--data", str(directory), "--json")
        assert verified.returncode == 0, verified.stdout[-2000:] + verified.stderr
        assert json.loads(verified.stdout)["reconciliation"]["disagreements"] == []
    assert reports["disk"] == reports["server"]
    assert reports["server"]["calls"] > 0
    assert int(psql(f'SELECT count(*) FROM "{schema}".attempts')) == reports["server"]["calls"]
    assert not (on_server / "cases.sqlite").exists()


def test_weights_on_the_server_are_the_weights_in_a_directory(tmp_path, schemas):
    """`weight` on a survey kept on the server stores the same weights as on a survey directory that
    holds the same completes; the export's `weight` column and the report agree; `store copy` takes
    the weights to a directory and back. The margins are made here from weights chosen per complete,
    so raking has an exact solution."""
    import sqlite3

    schema = schemas()
    on_disk = tmp_path / "on-disk"
    assert run("init", str(on_disk), "--questionnaire", str(BAS)).returncode == 0
    on_server = _server_survey(tmp_path, schema, BAS)
    sample = tmp_path / "sample.csv"
    with open(ROOT / "Questionnaires" / "samples" / "bas-sample.csv", encoding="utf-8") as source:
        rows = list(csv.reader(source))
    with open(sample, "w", encoding="utf-8", newline="") as target:
        csv.writer(target).writerows(rows[:121])
    for directory in (on_disk, on_server):
        assert run("cases", "import", str(sample), "--data", str(directory)).returncode == 0
        rehearsed = run("rehearse", "--data", str(directory), "--interviewers", "3", "--days", "1", "--seed", "4",
                        "--start", "2026-12-07", "--target", "30", "--no-fsync", "--json", now=None)
        assert rehearsed.returncode == 0, rehearsed.stderr

    con = sqlite3.connect(on_disk / "cases.sqlite")
    completes = [(case_id, json.loads(fields)) for case_id, fields in
                 con.execute("SELECT id, fields FROM cases WHERE final_code = '1.1' ORDER BY seq")]
    con.close()
    assert len(completes) >= 10
    server_completes = psql(f"SELECT string_agg(id, ',' ORDER BY seq) FROM \"{schema}\".cases WHERE final_code = '1.1'")
    assert server_completes.split(",") == [case_id for case_id, _ in completes]
    # Margins over sector and size band: each cell's population is the sum of chosen weights 1, 2, 3, …
    chosen = {case_id: 1 + index % 4 for index, (case_id, _) in enumerate(completes)}
    margins = tmp_path / "margins.csv"
    with open(margins, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["margin", "cell", "population"])
        for field in ("sector", "size_band"):
            totals: dict[str, int] = {}
            for case_id, fields in completes:
                totals[fields[field]] = totals.get(fields[field], 0) + chosen[case_id] * 10
            for cell, population in sorted(totals.items()):
                writer.writerow([field, cell, population])

    reports = {}
    for label, directory in (("disk", on_disk), ("server", on_server)):
        weighted = run("weight", "--data", str(directory), "--margins", str(margins), "--json")
        assert weighted.returncode == 0, weighted.stderr
        reports[label] = json.loads(weighted.stdout)
        reports[label].pop("at", None)
    assert reports["disk"] == reports["server"]
    assert reports["server"]["stored"] is True

    con = sqlite3.connect(on_disk / "cases.sqlite")
    disk_weights = dict(con.execute("SELECT c.id, w.weight FROM weights w JOIN cases c ON c.seq = w.case_seq"))
    con.close()
    server_weights = {line.split("|")[0]: float(line.split("|")[1]) for line in psql(
        f"SELECT c.id || '|' || w.weight FROM \"{schema}\".weights w JOIN \"{schema}\".cases c ON c.seq = w.case_seq").splitlines()}
    assert server_weights == disk_weights and len(server_weights) == len(completes)
    # The weights meet the margins (an independent sum over the completes).
    for field in ("sector", "size_band"):
        got: dict[str, float] = {}
        want: dict[str, float] = {}
        for case_id, fields in completes:
            got[fields[field]] = got.get(fields[field], 0) + server_weights[case_id]
            want[fields[field]] = want.get(fields[field], 0) + chosen[case_id] * 10
        for cell in want:
            assert abs(got[cell] - want[cell]) <= 1e-6 * want[cell], (field, cell)
    assert psql(f"SELECT margins_file || '|' || cases FROM \"{schema}\".weighting_runs") == f"{margins}|{len(completes)}"

    exports = {}
    for label, directory in (("disk", on_disk), ("server", on_server)):
        out = tmp_path / f"export-{label}.csv"
        exported = run("export", "--data", str(directory), "--format", "csv", "--out", str(out))
        assert exported.returncode == 0, exported.stderr
        exports[label] = out.read_bytes()
        made = run("report", "--data", str(directory), "--format", "json")
        assert made.returncode == 0, made.stderr
        reports[label] = json.loads(made.stdout)
    assert exports["disk"] == exports["server"]
    frame = list(csv.DictReader(io.StringIO(exports["server"].decode("utf-8"))))
    exported_weights = {r["case_id"]: float(r["weight"]) for r in frame if r["weight"] != ""}
    assert exported_weights == {case_id: round(w, 6) for case_id, w in server_weights.items()}  # 6 decimals
    assert reports["disk"] == reports["server"]
    assert "weight" in json.dumps(reports["server"]).lower()

    # store copy takes the weights to a directory, and from there to a new survey on the server.
    copied = tmp_path / "copied"
    assert run("init", str(copied), "--questionnaire", str(BAS)).returncode == 0
    to_disk = run("store", "copy", "--from", URL, "--survey", schema, "--to", str(copied))
    assert to_disk.returncode == 0, to_disk.stderr
    assert f"copied the survey weights: {len(completes)} weight(s)" in to_disk.stdout
    con = sqlite3.connect(copied / "cases.sqlite")
    assert dict(con.execute("SELECT c.id, w.weight FROM weights w JOIN cases c ON c.seq = w.case_seq")) == server_weights
    con.close()
    again = schemas()
    roles = run("store", "roles", "--store", URL, "--survey", again)  # the new survey's tables and grants
    assert roles.returncode == 0, roles.stderr
    to_server = run("store", "copy", "--from", str(copied), "--to", URL, "--survey", again)
    assert to_server.returncode == 0, to_server.stderr
    assert f"copied the survey weights: {len(completes)} weight(s)" in to_server.stdout
    assert psql(f"SELECT c.id || '|' || w.weight FROM \"{again}\".weights w JOIN \"{again}\".cases c ON c.seq = w.case_seq "
                f"ORDER BY c.id") == psql(f"SELECT c.id || '|' || w.weight FROM \"{schema}\".weights w "
                                          f"JOIN \"{schema}\".cases c ON c.seq = w.case_seq ORDER BY c.id")
