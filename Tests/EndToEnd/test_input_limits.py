"""Every input a user can hand the fieldwork command is bounded (issue 19, docs/hardening.md
"Resource limits"): one input just past each limit, fed to the real binary, is refused with a
message naming the limit, where it was hit and what to do; the command exits 1, never crashes,
and nothing already recorded is lost.

Big inputs are generated once per test in the test's temporary directory (the biggest, about
100 MB, are written in one go).
"""
import csv
import json
import os
import subprocess
import zlib
from pathlib import Path

from journal_lines import journals
from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = fieldwork_binary()
CALL_ROOM = ROOT / "Tests/EndToEnd/fixtures/call_room.json"
MB = 1_048_576
QUESTIONNAIRE_BYTES = 50 * MB
QUESTIONS = 200_000
SCENARIO_LINES = 1_000_000
SAMPLE_CELL_BYTES = 100 * MB
JOURNAL_LINE_BYTES = 100 * MB


def run(*args, timeout=300):
    return subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, FIELDWORK_NOW="2026-11-30T09:30:00Z"))


def questionnaire(items: list[str]) -> str:
    return ('{"id": "limits", "version": "1", "title": "Limits", "languages": ["en"],\n'
            '"sections": [{"id": "main", "title": "Main", "items": [\n'
            + ",\n".join(items) + "\n]}]}\n")


def integer(i: int, extra: str = "") -> str:
    return '{"id": "q%d", "type": "integer", "text": "How many?", "min": 0, "max": 9%s}' % (i, extra)


def test_check_refuses_a_questionnaire_one_byte_over_fifty_megabytes(tmp_path):
    path = tmp_path / "big.json"
    text = questionnaire([integer(0, ', "label": "PAD"')])
    pad = QUESTIONNAIRE_BYTES + 1 - (len(text.encode()) - 3)
    path.write_text(text.replace("PAD", "x" * pad))
    assert path.stat().st_size == QUESTIONNAIRE_BYTES + 1
    r = run("check", path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert (f"{path}:1:1: error: [FW500] the file is 52,428,801 bytes; a questionnaire may be at most "
            "50 MB (52,428,800 bytes, the limit); split the survey into several questionnaires") in r.stdout
    # Commands that load a questionnaire to run it say the same and stop.
    scenario = tmp_path / "s.scenario"
    scenario.write_text("answer q0 1\n")
    r = run("test", path, scenario)
    assert r.returncode == 1 and "[FW500]" in r.stderr and "50 MB" in r.stderr, r.stderr


def test_check_refuses_the_two_hundred_thousand_and_first_question(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(questionnaire([integer(i) for i in range(QUESTIONS + 1)]))
    r = run("check", path)
    assert r.returncode == 1, r.stdout + r.stderr
    last_line = QUESTIONS + 3  # two lines of header, then one question per line
    assert (f"{path}:{last_line}:1: error: [FW501] this is question 200,001; a questionnaire may have "
            "at most 200,000 questions (the limit)") in r.stdout
    assert r.stdout.count("error:") == 1


def test_check_refuses_huge_conditions_naming_the_expression_limits(tmp_path):
    chain = " and ".join(["q0 > 1"] * 100_000)
    nested = "(" * 10_000 + "q0 > 1" + ")" * 10_000
    path = tmp_path / "conditions.json"
    path.write_text(questionnaire([integer(0), integer(1, ', "askIf": "%s"' % chain),
                                   integer(2, ', "askIf": "%s"' % nested)]))
    r = run("check", path)
    assert r.returncode == 1
    errors = [line for line in r.stdout.splitlines() if "error:" in line]
    assert len(errors) == 2, errors
    assert errors[0].startswith(f"{path}:4:") and "[FW110]" in errors[0] and "more than 256 operators" in errors[0]
    assert errors[1].startswith(f"{path}:5:") and "[FW110]" in errors[1]
    assert "more than 200 levels deep (the limit); split it into computed variables" in errors[1]


def test_test_refuses_a_scenario_of_a_million_and_one_lines(tmp_path):
    path = tmp_path / "long.scenario"
    path.write_bytes(b"# filler\n" * SCENARIO_LINES + b"answer q0 1\n")
    good = tmp_path / "good.scenario"
    good.write_text("answer q0 1\nexpect complete\n")
    q = tmp_path / "q.json"
    q.write_text(questionnaire([integer(0)]))
    r = run("test", q, path, good)
    assert r.returncode == 1
    assert (f"{path}:1000001:1: error: [FW502] the scenario has 1,000,001 lines; a scenario file may have "
            "at most 1,000,000 lines (the limit); split it into several files") in r.stdout
    assert f"FAIL {path}: fix the scenario errors above" in r.stdout
    assert f"PASS {good} (2 steps)" in r.stdout, "the other scenario still runs"
    assert "1 passed, 1 failed" in r.stdout


def test_test_refuses_a_scenario_file_over_one_hundred_megabytes_before_reading_it(tmp_path):
    path = tmp_path / "huge.scenario"
    with open(path, "wb") as f:
        f.truncate(100 * MB + 1)  # sparse: the size alone refuses it
    q = tmp_path / "q.json"
    q.write_text(questionnaire([integer(0)]))
    r = run("test", q, path)
    assert r.returncode == 1
    assert (f"{path}:1:1: error: [FW502] the file is 104,857,601 bytes; a scenario file may be at most "
            "100 MB (the limit)") in r.stdout


def test_cases_import_refuses_a_sample_with_a_cell_over_one_hundred_megabytes_and_keeps_the_cases(tmp_path):
    survey = tmp_path / "survey"
    assert run("init", survey, "--questionnaire", CALL_ROOM).returncode == 0
    first = tmp_path / "first.csv"
    first.write_text("case_id,business_name\nA001,Kept Ltd\n")
    r = run("cases", "import", first, "--data", survey)
    assert r.returncode == 0, r.stderr
    before = json.loads(run("cases", "status", "--data", survey, "--json").stdout)

    sample = tmp_path / "huge.csv"
    with open(sample, "wb") as f:
        f.write(b"case_id,business_name\r\nB001,Fine Ltd\r\nB002,\"")
        f.write(b"x" * (SAMPLE_CELL_BYTES + 1))
        f.write(b"\"\r\nB003,Never Ltd\r\n")
    r = run("cases", "import", sample, "--data", survey)
    assert r.returncode == 1
    assert (f"{sample}:3: the cell in column 2 is longer than 100 MB (104,857,600 bytes, the limit for one "
            "cell); shorten it or leave such text out of the sample; nothing was imported") in r.stderr
    assert "Traceback" not in r.stderr and "Fatal error" not in r.stderr

    after = json.loads(run("cases", "status", "--data", survey, "--json").stdout)
    assert after == before, "nothing imported, nothing lost"
    shown = run("cases", "show", "A001", "--data", survey)
    assert shown.returncode == 0 and "Kept Ltd" in shown.stdout
    assert run("cases", "show", "B001", "--data", survey).returncode != 0


def crc_line(body: bytes) -> bytes:
    return body + b',"crc":"%08x"}\n' % zlib.crc32(body)


def test_verify_and_export_skip_a_journal_line_over_one_hundred_megabytes_and_keep_the_rest(tmp_path):
    survey = tmp_path / "survey"
    r = run("simulate", CALL_ROOM, "--count", "5", "--seed", "3", "--write", survey)
    assert r.returncode == 0, r.stderr
    before = tmp_path / "before.csv"
    assert run("export", "--data", survey, "--format", "csv", "--out", before).returncode == 0
    assert run("verify", "--data", survey).returncode == 0

    journal = journals(survey)[0]
    lines = journal.read_bytes().split(b"\n")[:-1]
    last = json.loads(lines[-1])
    # A record numbered after the last, whose line (newline excluded) is one byte over the limit.
    head = b'{"v":1,"seq":%d,"case":"%s","at":"%s","kind":"note","data":{"text":"' % (
        last["seq"] + 1, last["case"].encode(), last["at"].encode())
    fill = JOURNAL_LINE_BYTES + 1 - len(head) - len(b'"}') - 18
    huge = crc_line(head + b"x" * fill + b'"}')
    assert len(huge) - 1 == JOURNAL_LINE_BYTES + 1
    with open(journal, "ab") as f:
        f.write(huge)

    r = run("verify", "--data", survey)
    assert r.returncode == 1, r.stdout + r.stderr
    assert (f"line {len(lines) + 1}: not a valid record: the line is 104,857,601 bytes, longer than 100 MB, "
            "the limit for one journal line") in r.stdout
    assert f"{len(lines)} records" in r.stdout, "every record before it is still read"

    after = tmp_path / "after.csv"
    r = run("export", "--data", survey, "--format", "csv", "--out", after)
    assert r.returncode == 0, r.stderr
    # Every recorded answer is still exported; only the damaged case's count of skipped records moved.
    rows_before = list(csv.DictReader(before.open(newline="", encoding="utf-8")))
    rows_after = list(csv.DictReader(after.open(newline="", encoding="utf-8")))
    assert len(rows_after) == len(rows_before) == 5
    for old, new in zip(rows_before, rows_after):
        damaged = last["case"] in old.values()
        assert new["skipped_records"] == ("1" if damaged else "0"), (old, new)
        assert {**old, "skipped_records": ""} == {**new, "skipped_records": ""}
