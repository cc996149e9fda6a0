"""The designer's commands, driven through the real binary: check, simulate and test."""
import json
import random
import subprocess
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = fieldwork_binary()
BAS = str(ROOT / "Questionnaires/bas.json")


def run(*args, timeout=120):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=timeout)


def test_bundled_questionnaires_check_clean():
    for q in sorted((ROOT / "Questionnaires").glob("*.json")):
        r = run("check", str(q))
        assert r.returncode == 0, r.stdout + r.stderr
        assert "ok" in r.stdout


def test_check_json_reports_position_code_and_exit_1(tmp_path):
    bad = tmp_path / "bad.json"
    text = Path(BAS).read_text().replace('"askIf": "reached"', '"askIf": "reachd"', 1)
    bad.write_text(text)
    r = run("check", "--format", "json", str(bad))
    assert r.returncode == 1
    report = json.loads(r.stdout)
    d = report["diagnostics"][0]
    assert d["severity"] == "error" and d["code"].startswith("FW")
    line = text.splitlines()[d["line"] - 1]
    assert "reachd" in line, (d, line)
    assert "did you mean" in d["message"] and "reached" in d["message"]


def test_check_misuse_exits_2():
    assert run("check").returncode == 2
    assert run("check", "--format", "yaml", BAS).returncode == 2


@pytest.mark.parametrize("name,content", [
    ("empty", b""),
    ("truncated", None),
    ("junk", bytes(random.Random(3).randrange(256) for _ in range(5000))),
    ("deep", b"[" * 200_000),
    ("huge-number", b'{"id": "x", "version": "1", "title": "t", "targetMinutes": 1e999999, "sections": []}'),
    ("not-utf8", b'{"id": "\xff\xfe", "sections": []}'),
    ("ten-megabytes", None),
], ids=lambda v: v if isinstance(v, str) else "")
def test_bad_input_never_crashes(tmp_path, name, content):
    path = tmp_path / f"{name}.json"
    if name == "truncated":
        content = Path(BAS).read_bytes()[:7777]
    if name == "ten-megabytes":
        filler = ",".join(f'{{"code": {i}, "name": "o{i}", "label": "Option {i} ' + "x" * 40 + '"}' for i in range(120_000))
        content = ('{"id": "big", "version": "1", "title": "Big", "codeFrames": {"f": [' + filler + ']}, "sections": []}').encode()
        assert len(content) > 10_000_000
    path.write_bytes(content)
    r = run("check", str(path), timeout=300)
    assert r.returncode == 1, (r.returncode, r.stdout[-2000:], r.stderr[-2000:])
    assert "error" in r.stdout
    assert "Fatal error" not in r.stderr and "Stack dump" not in r.stderr


def test_missing_file_is_a_diagnostic_not_a_crash(tmp_path):
    r = run("check", str(tmp_path / "nope.json"))
    assert r.returncode == 1
    assert "no such file" in r.stdout


def test_simulate_is_deterministic_and_reports_coverage_and_duration():
    a = run("simulate", BAS, "--count", "300", "--seed", "11", "--json")
    b = run("simulate", BAS, "--count", "300", "--seed", "11", "--json")
    assert a.returncode == 0, a.stderr
    ra, rb = json.loads(a.stdout), json.loads(b.stdout)
    assert ra == rb
    assert ra["interviews"] == 300 and ra["completed"] + sum(ra["endedByOutcome"].values()) + ra["failed"] == 300
    assert ra["failed"] == 0 and ra["endedByOutcome"], "BAS screens some cases out"
    assert ra["coverage"]["questionsTotal"] >= ra["coverage"]["questionsReached"] > 0
    d = ra["durationMinutes"]
    assert 0 < d["median"] <= d["p90"] <= d["max"]
    c = run("simulate", BAS, "--count", "300", "--seed", "12", "--json")
    assert json.loads(c.stdout)["pathLength"] != ra["pathLength"] or json.loads(c.stdout)["durationMinutes"] != d
    # Ended interviews by group, apart from the completes: counts agree with endedByOutcome.
    groups = ra["endedByGroup"]
    assert set(groups) == {"screen-outs", "refusals", "call-backs", "other-non-interviews"}
    assert sum(g["interviews"] for g in groups.values()) == sum(ra["endedByOutcome"].values())
    assert {o: n for g in groups.values() for o, n in g["byOutcome"].items()} == ra["endedByOutcome"]
    screen = groups["screen-outs"]
    assert screen["interviews"] > 0 and 0 < screen["durationMinutes"]["median"] < d["median"]
    assert screen["pathLength"]["max"] < ra["pathLength"]["median"]
    # Time per section over completes adds up to the mean duration of a complete.
    sections = ra["sections"]
    assert [s["id"] for s in sections] == [s["id"] for s in json.loads(Path(BAS).read_text())["sections"]]
    assert abs(sum(s["meanMinutes"] for s in sections) - d["mean"]) < 1e-6 * max(1, d["mean"])
    assert all(0 <= s["reachedShare"] <= 1 for s in sections) and sections[0]["reachedShare"] == 1.0
    # Reach per question: the first question is asked in every interview.
    questions = ra["questions"]
    assert len(questions) == ra["coverage"]["questionsTotal"]
    assert questions[0]["reached"] == 1.0
    assert all(0 <= q["reached"] <= 1 and 0 <= q["dontKnowShare"] + q["refusedShare"] <= 1 for q in questions)
    never = set(ra["coverage"]["neverReached"])
    assert {q["id"] for q in questions if q["reached"] == 0} == never
    text = run("simulate", BAS, "--count", "300", "--seed", "11")
    assert text.returncode == 0
    assert "screen-outs" in text.stdout and "time per section" in text.stdout and "longest questions" in text.stdout


def test_require_full_coverage_fails_on_unreachable(tmp_path):
    q = {
        "id": "cov", "version": "1", "title": "Coverage",
        "sections": [{"id": "s", "title": "S", "items": [
            {"type": "single", "id": "a", "text": "A?", "options": [
                {"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
            {"type": "integer", "id": "n", "text": "How many?", "min": 0, "max": 5,
             "checks": [{"id": "never", "require": "n < 100", "message": "too many", "severity": "soft"}]},
        ]}],
    }
    path = tmp_path / "cov.json"
    path.write_text(json.dumps(q))
    r = run("simulate", str(path), "--count", "50", "--require-full-coverage")
    assert r.returncode == 1
    assert "n.never" in r.stdout


def test_bundled_scenarios_pass_and_a_broken_one_points_at_its_line(tmp_path):
    for prefix, questionnaire in (("bas", BAS), ("pas", str(ROOT / "Questionnaires/pas-online.json"))):
        scenarios = sorted(str(p) for p in (ROOT / "Questionnaires/scenarios").glob(f"{prefix}-*.scenario"))
        assert scenarios
        r = run("test", questionnaire, *scenarios)
        assert r.returncode == 0, r.stdout
        assert f"{len(scenarios)} passed, 0 failed" in r.stdout
    broken = tmp_path / "broken.scenario"
    broken.write_text("answer s_hello\nanswer s_contact other_resp\nexpect current p_role\n")
    r = run("test", BAS, str(broken))
    assert r.returncode == 1
    assert f"{broken}:3:" in r.stdout and "expected" in r.stdout and "s_trading" in r.stdout
    unknown = tmp_path / "unknown.scenario"
    unknown.write_text("answer s_hello\nexpect current s_tradng\n")
    r = run("test", BAS, str(unknown))
    assert r.returncode == 1 and f"{unknown}:2:1" in r.stdout and "FW401" in r.stdout
