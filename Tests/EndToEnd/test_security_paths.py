"""Issue 19, security: paths. Every command that writes a file given on the command line (`export`,
`codebook`, `report`, `doc`, `dashboard`, `cases calls --output`) refuses a symbolic link there,
even with --force, and leaves the link and its target alone; a FIFO or /dev/null is written into
as a stream, never replaced by a regular file. Case ids and questionnaire ids never become a path
outside the survey directory, and the files inside a survey directory are never opened through a
link (a journal, lock or case store swapped for one).

Binary: $FIELDWORK_BIN, default .build/debug/fieldwork.
"""
from __future__ import annotations

import json
import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_binary())
NOW = "2026-12-07T17:30:00Z"

QUESTIONNAIRE = {
    "id": "paths", "version": "1", "title": "Paths",
    "sections": [{"id": "s", "title": "S", "items": [
        {"type": "single", "id": "a", "text": "A?", "label": "A", "options": [
            {"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
        {"type": "text", "id": "t", "text": "Tell me", "label": "T"},
    ]}],
}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, FIELDWORK_NOW=NOW)
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=600, env=env, cwd=cwd)


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> dict:
    if not BIN.exists():
        pytest.fail(f"{BIN} not found: run `swift build` or set FIELDWORK_BIN")
    base = tmp_path_factory.mktemp("paths")
    q = base / "paths.json"
    q.write_text(json.dumps(QUESTIONNAIRE))
    directory = base / "survey"
    assert run("init", str(directory), "--questionnaire", str(q)).returncode == 0
    sample = base / "sample.csv"
    sample.write_text("case_id,business_name,phone\n" + "".join(f"P{n:03d},Firm {n},020 7946 {n:04d}\n" for n in range(1, 31)))
    assert run("cases", "import", str(sample), "--data", str(directory)).returncode == 0
    result = run("rehearse", "--data", str(directory), "--interviewers", "2", "--days", "2", "--seed", "3",
                 "--start", "2026-12-07", "--target", "5", "--no-fsync")
    assert result.returncode == 0, result.stderr
    return {"base": base, "questionnaire": q, "directory": directory}


def writers(survey: dict, out: Path) -> dict[str, list[str]]:
    """Each command that writes to a path it is given, with that path being `out`."""
    d, q = str(survey["directory"]), str(survey["questionnaire"])
    return {
        "export csv": ["export", "--data", d, "--format", "csv", "--out", str(out), "--force"],
        "export sav": ["export", "--data", d, "--format", "sav", "--out", str(out), "--force"],
        "export dta": ["export", "--data", d, "--format", "dta", "--out", str(out), "--force"],
        "codebook": ["codebook", "--data", d, "--format", "md", "--out", str(out), "--force"],
        "report": ["report", "--data", d, "--format", "html", "--out", str(out)],
        "doc": ["doc", q, "--format", "md", "--out", str(out)],
        "cases calls": ["cases", "calls", "--data", d, "--output", str(out)],
    }


COMMANDS = ["export csv", "export sav", "export dta", "codebook", "report", "doc", "cases calls"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symbolic_link_is_refused_and_its_target_untouched(survey, tmp_path, command):
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    link = tmp_path / "out.dat"
    link.symlink_to(target)
    result = run(*writers(survey, link)[command])
    assert result.returncode != 0, (command, result.stdout)
    assert "symbolic link" in result.stderr, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.dat", "precious.txt"], "a temporary file was left"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_dangling_symbolic_link_is_refused_and_nothing_is_created_through_it(survey, tmp_path, command):
    target = tmp_path / "elsewhere" / "created.txt"
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "out.dat"
    link.symlink_to(target)
    result = run(*writers(survey, link)[command])
    assert result.returncode != 0, (command, result.stdout)
    assert "symbolic link" in result.stderr, result.stderr
    assert not target.exists() and link.is_symlink()


@pytest.mark.parametrize("command", ["export csv", "codebook", "report", "doc", "cases calls"])
def test_a_fifo_is_written_into_not_replaced(survey, tmp_path, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = bytearray()

    def drain():
        with open(fifo, "rb") as reader:
            received.extend(reader.read())

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    result = run(*writers(survey, fifo)[command])
    replaced = not stat.S_ISFIFO(os.lstat(fifo).st_mode)
    if reader.is_alive():
        # Nothing opened the FIFO for writing: let the reader go before failing.
        if not replaced:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
    assert not replaced, f"{command} replaced the FIFO with a regular file"
    assert result.returncode == 0, (command, result.stderr)
    assert len(received) > 0


@pytest.mark.parametrize("command", ["export csv", "export sav", "codebook", "report", "doc", "cases calls"])
def test_a_character_device_stays_a_device(survey, tmp_path, command):
    """A null device of our own (mknod 1,3, as /dev/null is), so a failure cannot harm the machine's."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("mknod needs CAP_MKNOD")
    before = os.lstat(device)
    result = run(*writers(survey, device)[command])
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino and after.st_rdev == before.st_rdev, \
        f"{command} replaced the device"
    # .sav cannot be streamed (ReadStat seeks back to its header); it says so and writes nothing.
    assert result.returncode == 0 or "stream" in result.stderr or "standard output" in result.stderr, (command, result.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"], "a temporary file was left"


@pytest.fixture(scope="module")
def bas_survey(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("dashboard") / "bas"
    result = run("simulate", str(ROOT / "Questionnaires" / "bas.json"), "--count", "60", "--seed", "21", "--write", str(directory))
    assert result.returncode == 0, result.stderr
    return directory


@pytest.mark.parametrize("linked", ["dash.html", "dash.csv"])
def test_dashboard_refuses_a_symbolic_link_for_either_file(bas_survey, tmp_path, linked):
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    (tmp_path / linked).symlink_to(target)
    result = run("dashboard", "--data", str(bas_survey), "--out", str(tmp_path / "dash.html"), "--force")
    assert result.returncode != 0
    assert "symbolic link" in result.stderr, result.stderr
    assert target.read_text() == "keep me\n" and (tmp_path / linked).is_symlink()
    # Both targets are checked before either is written.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([linked, "precious.txt"])
    # Without the link it writes both.
    (tmp_path / linked).unlink()
    assert run("dashboard", "--data", str(bas_survey), "--out", str(tmp_path / "dash.html")).returncode == 0
    assert (tmp_path / "dash.html").is_file() and (tmp_path / "dash.csv").is_file()


def test_a_case_id_with_dot_dot_or_a_slash_is_refused_at_import(survey, tmp_path):
    sample = tmp_path / "evil.csv"
    sample.write_text("case_id,business_name\n../../escaped,Evil\nsub/dir,Evil\n.hidden,Evil\n")
    result = run("cases", "import", str(sample), "--data", str(survey["directory"]))
    assert result.returncode == 1
    err = result.stderr
    assert "evil.csv:2: case_id '../../escaped' starts with '.'" in err, err
    assert "evil.csv:3: case_id 'sub/dir' may only contain letters, digits" in err, err
    assert "evil.csv:4: case_id '.hidden' starts with '.'" in err, err
    assert not (survey["directory"] / "escaped.jsonl").exists()
    assert not list(survey["base"].rglob("escaped*"))


@pytest.mark.parametrize("case_id", ["../../escaped", "a/b", "..", ""])
def test_a_case_id_with_dot_dot_is_refused_by_the_commands_that_take_one(survey, case_id):
    d = str(survey["directory"])
    for args in (["cases", "show", case_id, "--data", d],
                 ["cases", "reopen", case_id, "--by", "sup", "--reason", "r", "--data", d],
                 ["interview", "--data", d, "--case", case_id, "--interviewer", "iv1"]):
        result = run(*args)
        assert result.returncode != 0, args
        assert "Traceback" not in result.stderr and "Fatal error" not in result.stderr
    assert not list(survey["base"].rglob("escaped*"))


@pytest.mark.parametrize("bad_id", ["../../escaped", "a/b", "x\\y"])
def test_a_questionnaire_id_with_a_slash_is_an_error_and_never_a_path(tmp_path, bad_id):
    q = dict(QUESTIONNAIRE, id=bad_id)
    path = tmp_path / "q.json"
    path.write_text(json.dumps(q))
    result = run("check", str(path))
    assert result.returncode == 1, result.stdout
    assert "FW112" in result.stdout
    # `init` pins by content (it does not run the checker): the pinned file is named by its
    # SHA-256, and nothing is written outside the directory.
    directory = tmp_path / "survey"
    run("init", str(directory), "--questionnaire", str(path))
    outside = sorted(p.name for p in tmp_path.iterdir())
    assert outside == ["q.json", "survey"], outside
    if directory.exists():
        pinned = [p.name for p in (directory / "questionnaires").iterdir()]
        assert all(len(name) == len("0" * 64 + ".json") and name[:64].isalnum() for name in pinned), pinned
        assert not [p for p in directory.rglob("*") if "escaped" in p.name or p.name in ("a", "b", "y")]
    assert not list(tmp_path.parent.rglob("escaped*"))


def test_a_journal_swapped_for_a_symbolic_link_is_never_written_through(tmp_path):
    """Every case's journal path is made a link to one file outside; the rehearsal must not write there."""
    q = tmp_path / "paths.json"
    q.write_text(json.dumps(QUESTIONNAIRE))
    directory = tmp_path / "survey"
    assert run("init", str(directory), "--questionnaire", str(q)).returncode == 0
    (tmp_path / "sample.csv").write_text("case_id,business_name\nL001,Firm\n")
    assert run("cases", "import", str(tmp_path / "sample.csv"), "--data", str(directory)).returncode == 0
    import hashlib
    shard = hashlib.sha256(b"L001").hexdigest()[:2]
    (directory / "journals" / shard).mkdir(parents=True, exist_ok=True, mode=0o700)
    outside = tmp_path / "outside.txt"
    outside.write_text("")
    (directory / "journals" / shard / "L001.jsonl").symlink_to(outside)
    result = run("rehearse", "--data", str(directory), "--interviewers", "1", "--days", "3", "--seed", "1",
                 "--start", "2026-12-07", "--target", "1", "--no-fsync")
    assert outside.read_text() == "", "an answer was written through the link"
    if result.returncode != 0:
        assert "symbolic link" in result.stderr, result.stderr


def test_a_case_store_that_is_a_symbolic_link_is_refused(tmp_path):
    q = tmp_path / "paths.json"
    q.write_text(json.dumps(QUESTIONNAIRE))
    directory = tmp_path / "survey"
    assert run("init", str(directory), "--questionnaire", str(q)).returncode == 0
    outside = tmp_path / "elsewhere.sqlite"
    if (directory / "cases.sqlite").exists():
        (directory / "cases.sqlite").unlink()
    (directory / "cases.sqlite").symlink_to(outside)
    (tmp_path / "sample.csv").write_text("case_id,business_name\nL001,Firm\n")
    result = run("cases", "import", str(tmp_path / "sample.csv"), "--data", str(directory))
    assert result.returncode != 0
    assert "symbolic link" in result.stderr, result.stderr
    assert not outside.exists(), "the case store was created through the link"
