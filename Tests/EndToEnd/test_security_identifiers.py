"""Issue 19, security: identifiers. Sample fields that identify a business or a person (names,
contacts, phone numbers: `identifier: true`, or the usual contact columns when a survey has no
sample schema) stay out of every export unless --include-identifiers is given, out of codebooks and
reports, out of what the commands print about the wave, and out of error messages: a sample row
with a bad phone number is reported by line and column, without the number.

Fieldwork writes no log files: messages go to standard error, which these tests read.

Binary: $FIELDWORK_BIN, default .build/debug/fieldwork.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary

BIN = Path(fieldwork_binary())
NOW = "2026-12-07T17:30:00Z"
# Distinctive values: none can appear in any output by chance.
NAME, CONTACT, PHONE_DIGITS = "Quillfeather", "Zebedee Okonkwo-Marsh", "7946 3817"

QUESTIONNAIRE = {
    "id": "ident", "version": "1", "title": "Identifiers",
    "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": True, "label": "Business"},
        {"name": "contact_name", "type": "text", "identifier": True, "label": "Contact"},
        {"name": "phone", "type": "phone", "identifier": True, "label": "Phone"},
        {"name": "sector", "type": "text", "label": "Sector"},
    ],
    "sections": [{"id": "s", "title": "S", "items": [
        {"type": "single", "id": "a", "text": "A?", "label": "A", "options": [
            {"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
        {"type": "integer", "id": "n", "text": "How many?", "label": "N", "min": 0, "max": 100},
    ]}],
}


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, FIELDWORK_NOW=NOW)
    return subprocess.run([str(BIN), *args], capture_output=True, timeout=600, env=env)


def ok(*args: str) -> subprocess.CompletedProcess:
    result = run(*args)
    assert result.returncode == 0, (args, result.stderr)
    return result


def leaks(data: bytes) -> list[str]:
    return [v for v in (NAME, CONTACT.split()[0], PHONE_DIGITS, PHONE_DIGITS.replace(" ", "")) if v.encode() in data]


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> dict:
    if not BIN.exists():
        pytest.fail(f"{BIN} not found: run `swift build` or set FIELDWORK_BIN")
    base = tmp_path_factory.mktemp("identifiers")
    q = base / "ident.json"
    q.write_text(json.dumps(QUESTIONNAIRE))
    directory = base / "survey"
    ok("init", str(directory), "--questionnaire", str(q))
    rows = ["case_id,business_name,contact_name,phone,sector"]
    rows += [f"I{n:03d},{NAME} {n},{CONTACT} {n},020 {PHONE_DIGITS[:4]} {n:04d},G" for n in range(1, 41)]
    # Every case's phone shares the digits 020 7946 …; the distinctive pair is in case I001 only.
    rows[1] = f"I001,{NAME} 1,{CONTACT} 1,020 {PHONE_DIGITS},G"
    (base / "sample.csv").write_text("\n".join(rows) + "\n")
    ok("cases", "import", str(base / "sample.csv"), "--data", str(directory))
    ok("rehearse", "--data", str(directory), "--interviewers", "3", "--days", "3", "--seed", "2",
       "--start", "2026-12-07", "--target", "10", "--no-fsync")
    return {"base": base, "directory": directory, "questionnaire": q}


def test_exports_leave_identifiers_out_unless_asked(survey, tmp_path):
    d = str(survey["directory"])
    plain = tmp_path / "plain"
    plain.mkdir()
    for form in ("csv", "sav", "dta"):
        ok("export", "--data", d, "--format", form, "--out", str(plain / f"data.{form}"), "--include-partials")
    ok("export", "--data", d, "--paradata", "--out", str(plain / "paradata.csv"))
    written = sorted(plain.iterdir())
    assert len(written) >= 8, [p.name for p in written]  # csv + labels, variables, .sps, .do; sav; dta; paradata
    for path in written:
        assert not leaks(path.read_bytes()), f"{path.name} holds identifiers: {leaks(path.read_bytes())}"
    # The sector (not an identifier) is exported; asked for, the identifiers are there.
    csv_text = (plain / "data.csv").read_text()
    assert "sector" in csv_text.splitlines()[0]
    asked = tmp_path / "asked.csv"
    ok("export", "--data", d, "--format", "csv", "--out", str(asked), "--include-identifiers", "--include-partials")
    assert NAME in asked.read_text()


def test_what_the_commands_print_about_the_wave_holds_no_identifiers(survey):
    d = str(survey["directory"])
    commands = [
        ["cases", "status", "--data", d], ["cases", "status", "--json", "--data", d],
        ["cases", "calls", "--data", d], ["cases", "appointments", "--data", d],
        ["supervise", "--data", d, "--json"],
        ["report", "--data", d, "--format", "text"], ["report", "--data", d, "--format", "html"],
        ["report", "--data", d, "--format", "json"],
        ["verify", "--data", d], ["verify", "--data", d, "--json"],
        ["codebook", "--data", d, "--format", "md"], ["codebook", "--data", d, "--format", "html"],
        ["codebook", "--data", d, "--format", "ddi"],
    ]
    for args in commands:
        result = run(*args)
        assert result.stdout, args
        assert not leaks(result.stdout + result.stderr), (args, leaks(result.stdout + result.stderr))
    # `cases show` is the one place a case's own fields are printed, on purpose.
    assert NAME.encode() in ok("cases", "show", "I001", "--data", d).stdout


def test_a_bad_phone_number_is_reported_without_the_number(survey, tmp_path):
    sample = tmp_path / "bad.csv"
    sample.write_text("case_id,business_name,phone\n"
                      "B1,Acme,020 7946 38x7\n"
                      "B2,Beta,+44 5550 1234 9876 12\n")
    result = run("cases", "import", str(sample), "--data", str(survey["directory"]))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "bad.csv:2: phone: the phone number has something other than a digit" in err and "at character 12" in err, err
    assert "bad.csv:3: phone: the phone number has 16 digits; expected 10 to 13" in err, err
    assert "7946" not in err and "5550" not in err and "38x7" not in err, err


def test_a_bad_number_in_an_identifier_field_is_reported_without_the_value(tmp_path):
    q = tmp_path / "ident.json"
    q.write_text(json.dumps(QUESTIONNAIRE))
    directory = tmp_path / "survey"
    ok("init", str(directory), "--questionnaire", str(q))
    (directory / "sample-schema.json").write_text(json.dumps({"fields": [
        {"name": "company_number", "kind": "number", "identifier": True, "required": False},
        {"name": "staff", "kind": "number", "identifier": False, "required": False}], "allowsExtraColumns": True}))
    sample = tmp_path / "bad.csv"
    sample.write_text("case_id,company_number,staff\nB1,OC3817x9,12z\n")
    result = run("cases", "import", str(sample), "--data", str(directory))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "company_number: the value is not a number" in err, err
    assert "OC3817x9" not in err
    assert "staff: '12z' is not a number" in err, err  # not an identifier: quoted to help fix it


def test_a_conflicting_row_names_the_fields_not_their_values(survey, tmp_path):
    sample = tmp_path / "again.csv"
    sample.write_text(f"case_id,business_name,contact_name,phone,sector\nI001,{NAME} Renamed,{CONTACT} 1,020 {PHONE_DIGITS},G\n")
    result = run("cases", "import", str(sample), "--data", str(survey["directory"]))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "already stored with different values (business_name)" in err, err
    assert not leaks(result.stderr) and "Renamed" not in err
