"""End-to-end durability tests of the case journal, run against the real `fieldwork` binary.

The journal promises that a record is on disk before `append` returns. `fieldwork-testkit journal-stress`
prints `ACK <seq>` only after `append` returned, so any record whose ACK was read must survive a
SIGKILL at any moment, and a full disk must fail loudly without losing acknowledged records.

Binary: $FIELDWORK_BIN, default .build/debug/fieldwork (relative to the package root).
"""
import json
import os
import random
import signal
import subprocess
import time
import zlib
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("FIELDWORK_BIN", ".build/debug/fieldwork"))
if not BIN.is_absolute():
    BIN = PACKAGE_ROOT / BIN

QUESTIONNAIRE = b'{"id":"bas-2026","version":"1.0","questions":[]}\n'
TRAILER = 18  # ,"crc":"xxxxxxxx"}


TESTKIT = BIN.parent / "fieldwork-testkit"
if os.environ.get("FIELDWORK_TESTKIT_BIN"):
    TESTKIT = Path(os.environ["FIELDWORK_TESTKIT_BIN"]).absolute()


def run(*args, **kwargs):
    binary = TESTKIT if args and args[0] == "journal-stress" else BIN
    return subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=60, **kwargs)


@pytest.fixture(scope="module", autouse=True)
def require_binary():
    if not BIN.exists():
        pytest.fail(f"fieldwork binary not found at {BIN}: run `swift build --product fieldwork` or set FIELDWORK_BIN")
    if not TESTKIT.exists():
        pytest.fail(f"fieldwork-testkit not found at {TESTKIT}: run `swift build` or set FIELDWORK_TESTKIT_BIN")


@pytest.fixture
def survey(tmp_path):
    questionnaire = tmp_path / "q.json"
    questionnaire.write_bytes(QUESTIONNAIRE)
    directory = tmp_path / "survey"
    result = run("init", str(directory), "--questionnaire", str(questionnaire))
    assert result.returncode == 0, result.stderr
    return directory


def journal_path(directory, case_id):
    matches = list((directory / "journals").glob(f"*/{case_id}.jsonl"))
    assert len(matches) <= 1
    return matches[0] if matches else None


def good_records(path):
    """Sequence numbers of lines that are complete and pass their CRC-32, checked independently
    of the Swift reader with Python's zlib."""
    seqs = []
    if path is None:
        return seqs
    for line in path.read_bytes().split(b"\n")[:-1]:  # the part after the last newline is not a record
        if len(line) < TRAILER or not line.startswith(b'{"v":1,"seq":'):
            continue
        body, trailer = line[:-TRAILER], line[-TRAILER:]
        if not (trailer.startswith(b',"crc":"') and trailer.endswith(b'"}')):
            continue
        if trailer[8:16].decode("ascii", "replace") != format(zlib.crc32(body), "08x"):
            continue
        record = json.loads(line)
        seqs.append(record["seq"])
    return seqs


def ack_seqs(stdout):
    return [int(line.split()[1]) for line in stdout.splitlines() if line.startswith("ACK ")]


def verify_json(directory):
    result = run("verify", "--data", str(directory), "--json")
    report = json.loads(result.stdout) if result.stdout.strip() else None
    return result, report


def kill_repeatedly(survey, case_id, kills_wanted, seed, deadline):
    """Start journal-stress on `case_id`, SIGKILL it at a random moment, check the journal, repeat.
    Returns (kills, acknowledged, sessions that were killed after acknowledging, torn tails injected)."""
    rng = random.Random(seed)
    acknowledged = 0
    kills = 0
    sessions_with_acks = 0
    injected = 0
    while kills < kills_wanted and time.monotonic() < deadline:
        process = subprocess.Popen(
            [str(TESTKIT), "journal-stress", "--data", str(survey), "--case", case_id, "--count", "1000000",
             "--payload-bytes", str(rng.choice([8, 100, 3000, 20000]))],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = ""
        if rng.random() < 0.2:
            # Sometimes kill during start-up: opening, locking, repairing a torn tail.
            time.sleep(rng.uniform(0.0, 0.03))
        else:
            # Usually kill mid-stream, while records are being written and synced.
            first = process.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.01))
        process.send_signal(signal.SIGKILL)
        # Read through the same buffered file object readline used, so no ACK is dropped.
        stdout = first + process.stdout.read()
        stderr = process.stderr.read()
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()
        assert process.returncode in (-signal.SIGKILL, 0), stderr
        kills += 1
        acks = ack_seqs(stdout)
        if acks:
            sessions_with_acks += 1
            assert acks == list(range(acks[0], acks[-1] + 1)), "ACKs must be consecutive"
            assert acks[0] > acknowledged, "a new session never reuses an acknowledged sequence number"
            acknowledged = acks[-1]

        path = journal_path(survey, case_id)
        on_disk = good_records(path)
        assert on_disk == list(range(1, len(on_disk) + 1)), f"{case_id} after kill {kills}: gaps or duplicates {on_disk[-5:]}"
        assert len(on_disk) >= acknowledged, f"{case_id} after kill {kills}: ACKed {acknowledged} but only {len(on_disk)} readable"

        if kills % 10 == 0:
            # The CLI view, taken while the other cases are being written and killed.
            result, report = verify_json(survey)
            assert result.returncode == 0, f"{case_id} after kill {kills}: verify failed: {result.stderr}\n{result.stdout}"
            journal = next((j for j in report["journals"] if j["case"] == case_id), None)
            assert journal is not None or acknowledged == 0
            if journal is not None:
                assert journal["lastSeq"] >= acknowledged and journal["records"] == journal["lastSeq"]

        if path is not None and rng.random() < 0.15:
            # A kill rarely lands inside write(2) itself, so also leave the torn tail such a kill
            # (or a power cut) would: the first bytes of the next record, no newline.
            line = (f'{{"v":1,"seq":{len(on_disk) + 1},"case":"{case_id}","at":"2026-11-30T10:00:00.000Z",'
                    f'"kind":"stress","data":{{"i":0,"pad":"xx"}},"crc":"00000000"}}').encode()
            with open(path, "ab") as journal:
                journal.write(line[: rng.randrange(1, len(line) - 1)])
            injected += 1
    return kills, acknowledged, sessions_with_acks, injected


def test_every_acknowledged_record_survives_sigkill(survey):
    """≥200 SIGKILLs spread over four cases written concurrently (as interviewers at four stations
    would), checking after each kill that every acknowledged record is readable."""
    from concurrent.futures import ThreadPoolExecutor

    cases = ["C001", "C002", "C003", "C004"]
    deadline = time.monotonic() + 55
    with ThreadPoolExecutor(len(cases)) as pool:
        outcomes = list(pool.map(lambda item: kill_repeatedly(survey, item[1], 50, 20261130 + item[0], deadline),
                                 enumerate(cases)))
    kills = sum(outcome[0] for outcome in outcomes)
    sessions_with_acks = sum(outcome[2] for outcome in outcomes)
    injected = sum(outcome[3] for outcome in outcomes)

    result, report = verify_json(survey)
    assert result.returncode == 0, f"verify failed: {result.stderr}\n{result.stdout}"
    assert report["ok"] is True
    by_case = {journal["case"]: journal for journal in report["journals"]}
    for case_id, (_, acknowledged, _, _) in zip(cases, outcomes):
        journal = by_case[case_id]
        assert journal["lastSeq"] >= acknowledged
        assert journal["records"] == journal["lastSeq"] == len(good_records(journal_path(survey, case_id)))
        assert all(not problem["corruption"] for problem in journal["problems"])
    traces = sum(len(journal["problems"]) for journal in report["journals"])
    print(f"{kills} kills, {[o[1] for o in outcomes]} records acknowledged per case, "
          f"{sessions_with_acks} sessions killed after acknowledging, {injected} torn tails injected, "
          f"{traces} crash traces reported")
    assert kills >= 200, f"only {kills} kills fitted in the time budget"
    assert sessions_with_acks >= 100, "too few kills landed mid-stream to exercise crash recovery"
    assert injected == 0 or traces > 0


def test_a_second_process_is_refused_and_told_who_holds_the_case(survey):
    holder = subprocess.Popen(
        [str(TESTKIT), "journal-stress", "--data", str(survey), "--case", "C7", "--count", "1000000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().startswith("ACK 1")
        second = run("journal-stress", "--data", str(survey), "--case", "C7", "--count", "1")
        assert second.returncode == 1
        assert f"case C7 is already open by interviewer journal-stress (pid {holder.pid}" in second.stderr
        assert "ACK" not in second.stdout
    finally:
        holder.kill()
        holder.communicate(timeout=30)
    # The kernel released the dead holder's lock: the case can be resumed straight away.
    after = run("journal-stress", "--data", str(survey), "--case", "C7", "--count", "1")
    assert after.returncode == 0, after.stderr


def test_verify_fails_on_damage_but_not_on_a_torn_tail(survey):
    assert run("journal-stress", "--data", str(survey), "--case", "C1", "--count", "5").returncode == 0
    path = journal_path(survey, "C1")
    with open(path, "ab") as journal:
        journal.write(b'{"v":1,"seq":6,"case":"C1","at":"2026-')
    result = run("verify", "--data", str(survey))
    assert result.returncode == 0, result.stderr
    assert "torn tail (unacknowledged write)" in result.stdout

    data = bytearray(path.read_bytes())
    data[30] ^= 0x01
    path.write_bytes(bytes(data))
    result, report = verify_json(survey)
    assert result.returncode == 1
    assert report["ok"] is False and report["journals"][0]["checksumFailures"] == 1
    assert "verify failed" in result.stderr


def test_verify_outside_a_survey_directory_explains_what_to_do(tmp_path):
    result = run("verify", "--data", str(tmp_path))
    assert result.returncode == 1
    assert "is not a survey directory: run `fieldwork init DIR --questionnaire FILE` first" in result.stderr
    assert "Traceback" not in result.stderr and "Fatal error" not in result.stderr


def test_full_disk_fails_loudly_and_keeps_acknowledged_records(tmp_path):
    mountpoint = tmp_path / "small"
    mountpoint.mkdir()
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mountpoint)],
                           capture_output=True, text=True)
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a 64k tmpfs to simulate a full disk: {mount.stderr.strip() or mount.returncode}")
    try:
        questionnaire = tmp_path / "q.json"
        questionnaire.write_bytes(QUESTIONNAIRE)
        survey = mountpoint / "survey"
        assert run("init", str(survey), "--questionnaire", str(questionnaire)).returncode == 0

        result = run("journal-stress", "--data", str(survey), "--case", "C001", "--count", "100000",
                     "--payload-bytes", "300")
        assert result.returncode == 1, "filling the disk must fail the writer"
        assert "No space left on device" in result.stderr and "disk is full" in result.stderr, result.stderr
        assert "Fatal error" not in result.stderr
        acks = ack_seqs(result.stdout)
        assert len(acks) > 10, "some records should fit before the disk fills"
        assert "DONE" not in result.stdout

        on_disk = good_records(journal_path(survey, "C001"))
        assert on_disk[: len(acks)] == acks, "every acknowledged record is readable"

        # Still full: resuming must also fail clearly, never silently.
        again = run("journal-stress", "--data", str(survey), "--case", "C001", "--count", "5", "--payload-bytes", "300")
        assert again.returncode == 1 and "No space left on device" in again.stderr

        verified = run("verify", "--data", str(survey))
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert good_records(journal_path(survey, "C001"))[: len(acks)] == acks
    finally:
        subprocess.run(["umount", str(mountpoint)], capture_output=True)


def test_init_creates_pins_and_refuses_clearly(tmp_path):
    questionnaire = tmp_path / "q.json"
    questionnaire.write_bytes(QUESTIONNAIRE)
    survey = tmp_path / "survey"
    created = run("init", str(survey), "--questionnaire", str(questionnaire))
    assert created.returncode == 0 and "Created survey directory" in created.stdout
    assert oct(survey.stat().st_mode & 0o777) == "0o700"
    assert oct((survey / "fieldwork.json").stat().st_mode & 0o777) == "0o600"

    changed = tmp_path / "q2.json"
    changed.write_bytes(b'{"id":"bas-2026","version":"1.1","questions":[1]}')
    pinned = run("init", str(survey), "--questionnaire", str(changed))
    assert pinned.returncode == 0 and "version 1.1" in pinned.stdout
    manifest = json.loads((survey / "fieldwork.json").read_text())
    assert [q["version"] for q in manifest["questionnaires"]] == ["1.0", "1.1"]
    assert len(list((survey / "questionnaires").iterdir())) == 2

    missing = run("init", str(tmp_path / "other"), "--questionnaire", str(tmp_path / "nope.json"))
    assert missing.returncode == 1 and missing.stderr.startswith("error: cannot read questionnaire")

    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    invalid = run("init", str(tmp_path / "other"), "--questionnaire", str(broken))
    assert invalid.returncode == 1 and "is not valid JSON" in invalid.stderr
    assert not (tmp_path / "other").exists()

    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("keep me")
    refused = run("init", str(occupied), "--questionnaire", str(questionnaire))
    assert refused.returncode == 1 and "is not empty and is not a survey directory" in refused.stderr
    assert sorted(p.name for p in occupied.iterdir()) == ["notes.txt"]
