"""End-to-end: extra missing codes (`missingCodes.extra`, `allowMissing`) from simulated journals to
the exports, read back by readers that share no code with ReadStat — PSPP for .sav (the code
among MISSING VALUES, with its value label), pandas for .dta (the extended missing value `.c`)
and Python's csv module (the code itself). A question allowing don't know, refused and two extra
codes does not fit SPSS's three missing values: the .sav export refuses it by name, .dta takes it.

Binary: $FIELDWORK_BIN (default .build/debug/fieldwork).
"""
import csv
import json
import os
import shutil
import subprocess
from collections import Counter

import pytest

from journal_lines import journals, read_records

from tmux_harness import fieldwork_binary

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = fieldwork_binary()


def questionnaire(visits_missing):
    return {
        "id": "counting", "version": "1", "title": "Counting Survey",
        "languages": ["en"], "defaultLanguage": "en",
        "missingCodes": {"dontKnow": -1, "refused": -2, "extra": [
            {"name": "too_many", "code": -3, "label": "Too many to count"},
            {"name": "na", "code": -4, "label": "Not applicable"}]},
        "targetMinutes": 10,
        "sections": [{"id": "count", "title": "Counting", "items": [
            {"id": "q_visits", "type": "integer", "text": "How many customers came in last week?", "min": 0, "max": 5000,
             "label": "Customers last week", "allowMissing": visits_missing},
            {"id": "q_staff", "type": "integer", "text": "How many people work here?", "min": 1, "max": 1000, "label": "Staff"},
        ]}],
    }


def run(*args, check=True):
    result = subprocess.run([BIN, *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}:\n{result.stderr}")
    return result


def simulate(tmp, visits_missing):
    """Writes 300 simulated interviews; don't know, refused and the extra codes each at 10%."""
    path = tmp / "counting.json"
    path.write_text(json.dumps(questionnaire(visits_missing)), encoding="utf-8")
    data = tmp / "survey"
    run("simulate", str(path), "--count", "300", "--seed", "11", "--dk-rate", "0.1", "--refused-rate", "0.1",
        "--extra-missing-rate", "0.1", "--write", str(data))
    return data


def visits_responses(data):
    """The journalled responses to q_visits, as JSON text, counted."""
    counted = Counter()
    for path in journals(data):
        for record in read_records(path):
            if record["kind"] == "interview.answer" and record["data"].get("question", {}) and "q_visits" in json.dumps(record["data"]):
                response = record["data"]["response"]
                counted["number" if "number" in response else json.dumps(response, sort_keys=True)] += 1
    return counted


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    if not os.path.exists(BIN):
        pytest.skip(f"no fieldwork binary at {BIN}")
    tmp = tmp_path_factory.mktemp("extra")
    data = simulate(tmp, ["too_many"])
    out = {"dir": tmp, "data": data}
    for fmt in ("csv", "sav", "dta"):
        path = tmp / f"counting.{fmt}"
        run("export", "--data", str(data), "--format", fmt, "--out", str(path))
        out[fmt] = path
    return out


def test_simulator_journals_the_extra_code_where_allowed(survey):
    counted = visits_responses(survey["data"])
    assert counted['{"missing": "too_many"}'] >= 10, counted
    assert counted["number"] > 150, counted
    # Only the declared, allowed name is ever drawn.
    assert '{"missing": "na"}' not in counted, counted


def test_csv_holds_the_code(survey):
    with open(survey["csv"], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 300
    values = Counter(row["q_visits"] for row in rows)
    assert values["-3"] >= 10 and values["-1"] >= 10 and values["-2"] >= 10, values
    # q_staff allows no extra code, so -3 never appears there.
    assert "-3" not in {row["q_staff"] for row in rows}


def test_sav_lists_the_code_among_missing_values_with_its_label(survey, tmp_path):
    if shutil.which("pspp") is None:
        pytest.skip("pspp is not installed (apt-get install pspp)")
    syntax = tmp_path / "read.sps"
    syntax.write_text(f"GET FILE='{survey['sav']}'.\nDISPLAY DICTIONARY.\nFREQUENCIES VARIABLES=q_visits.\n")
    result = subprocess.run(["pspp", "-o", str(tmp_path / "out.csv"), str(syntax)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    visits = [line for line in lines if line.startswith("q_visits,")]
    assert visits and visits[0].endswith(",-1; -2; -3"), visits
    # The value label, footnoted as a user-missing value.
    assert "Customers last week,-3[a],Too many to count" in lines, "\n".join(lines)
    assert "Footnote: a. User-missing value" in lines
    # Counted as missing in a frequency table, under its label.
    start = lines.index("Table: Customers last week")
    table = lines[start:]
    missing_rows = [line for line in table if line.startswith(("Missing,", ",")) and "%,," in line]
    assert any(line.split(",")[1] == "Too many to count" for line in missing_rows), "\n".join(table[-6:])


def test_dta_reads_the_extended_missing_value(survey):
    pd = pytest.importorskip("pandas")
    df = pd.read_stata(survey["dta"], convert_missing=True, convert_categoricals=False)

    def kind(value):
        if isinstance(value, pd.io.stata.StataMissingValue):
            return value.string
        return "number"

    counted = Counter(kind(v) for v in df["q_visits"])
    assert counted[".c"] >= 10 and counted[".a"] >= 10 and counted[".b"] >= 10, counted
    with pd.io.stata.StataReader(survey["dta"]) as reader:
        labels = reader.value_labels()
    assert "Too many to count" in set(labels.get("q_visits", {}).values()), labels


def test_four_missing_codes_do_not_fit_sav_but_go_to_dta(tmp_path):
    if not os.path.exists(BIN):
        pytest.skip(f"no fieldwork binary at {BIN}")
    data = simulate(tmp_path, ["too_many", "na"])
    sav = tmp_path / "counting.sav"
    result = run("export", "--data", str(data), "--format", "sav", "--out", str(sav), check=False)
    assert result.returncode != 0
    assert "q_visits" in result.stderr, result.stderr
    assert not sav.exists()
    dta = tmp_path / "counting.dta"
    run("export", "--data", str(data), "--format", "dta", "--out", str(dta))
    pd = pytest.importorskip("pandas")
    df = pd.read_stata(dta, convert_missing=True, convert_categoricals=False)
    kinds = Counter(v.string for v in df["q_visits"] if isinstance(v, pd.io.stata.StataMissingValue))
    assert kinds[".c"] >= 5 and kinds[".d"] >= 5, kinds


def test_extra_code_exports_when_dont_know_and_refused_are_off(tmp_path):
    if not os.path.exists(BIN):
        pytest.skip(f"no fieldwork binary at {BIN}")
    path = tmp_path / "only_extra.json"
    q = questionnaire(["too_many"])
    q["sections"][0]["items"][0].update(allowDontKnow=False, allowRefused=False)
    path.write_text(json.dumps(q), encoding="utf-8")
    data = tmp_path / "survey"
    run("simulate", str(path), "--count", "100", "--seed", "3", "--extra-missing-rate", "0.3", "--write", str(data))
    out = tmp_path / "only.csv"
    run("export", "--data", str(data), "--format", "csv", "--out", str(out))
    with open(out, newline="", encoding="utf-8") as handle:
        values = Counter(row["q_visits"] for row in csv.DictReader(handle))
    assert values["-3"] >= 10 and values[""] == 0, values
