"""End-to-end: values in a BAS export that analysts add up and tabulate — computed values in loop
passes that never happened, numbers with declared decimals, display formats wide enough for the
declared range, and cases with a damaged journal record.

Binary: $FIELDWORK_BIN (default .build/debug/fieldwork).
"""
import csv
import json
import os
import shutil
import subprocess

import pytest

from tmux_harness import fieldwork_binary

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = fieldwork_binary()
QUESTIONNAIRE = os.path.join(ROOT, "Questionnaires", "bas.json")


def run(*args, check=True):
    result = subprocess.run([BIN, *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}:\n{result.stderr}")
    return result


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def crime_names():
    q = json.load(open(QUESTIONNAIRE))
    return [o["name"] for o in q["codeFrames"]["crimetypes"] if not o.get("exclusive")]


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    if not os.path.exists(BIN):
        pytest.skip(f"no fieldwork binary at {BIN}")
    tmp = tmp_path_factory.mktemp("values")
    data = tmp / "survey"
    run("simulate", QUESTIONNAIRE, "--count", "50", "--seed", "3", "--write", str(data))
    out = {"dir": tmp, "data": data}
    for fmt in ("csv", "sav", "dta"):
        path = tmp / f"bas.{fmt}"
        run("export", "--data", str(data), "--format", fmt, "--out", str(path))
        out[fmt] = path
    return out


# --- 1. Computed values in passes that never happened ---------------------------------------

def test_cost_totals_of_crimes_not_chosen_are_system_missing(survey):
    rows = read_csv(survey["csv"])
    assert rows
    made = missing = 0
    for row in rows:
        for crime in crime_names():
            cell = row[f"v_cost_tot_{crime}"]
            if row[f"sc_had_{crime}"] == "1":
                assert cell != "", f"{row['case_id']} {crime}: a victim form was made, so its total is a value"
                made += 1
            else:
                assert cell == "", f"{row['case_id']} {crime}: no victim form, yet v_cost_tot is {cell!r}"
                missing += 1
    assert made > 0 and missing > 0
    # The overall total still adds up the forms that were made.
    for row in rows:
        parts = [float(row[f"v_cost_tot_{c}"]) for c in crime_names() if row[f"v_cost_tot_{c}"] != ""]
        if row["tot_cost"] != "":
            assert abs(float(row["tot_cost"]) - sum(parts)) < 0.005, row["case_id"]


def test_cost_totals_not_made_are_missing_in_dta_and_sav(survey):
    import pandas as pd
    import pyreadstat
    rows = {r["case_id"]: r for r in read_csv(survey["csv"])}
    dta = pd.read_stata(survey["dta"], convert_categoricals=False)
    sav, _ = pyreadstat.read_sav(str(survey["sav"]))
    for frame in (dta, sav):
        assert len(frame) == len(rows)
        for _, r in frame.iterrows():
            for crime in crime_names():
                chosen = rows[r["case_id"]][f"sc_had_{crime}"] == "1"
                assert pd.isna(r[f"v_cost_tot_{crime}"]) != chosen, f"{r['case_id']} {crime}: {r[f'v_cost_tot_{crime}']!r}"


# --- 2. A damaged record in the middle of a journal -------------------------------------------

def damage(journal, kind):
    """Flips one byte inside the data of the middle record of `kind` (its checksum then fails)."""
    lines = journal.read_bytes().split(b"\n")
    hits = [i for i, line in enumerate(lines) if f'"kind":"{kind}"'.encode() in line]
    i = hits[len(hits) // 2]
    at = lines[i].index(b'"data":') + 9
    lines[i] = lines[i][:at] + bytes([lines[i][at] ^ 0x01]) + lines[i][at + 1:]
    journal.write_bytes(b"\n".join(lines))


def test_damaged_records_skip_alone_or_leave_the_case_out_named(survey, tmp_path):
    data = tmp_path / "survey"
    shutil.copytree(survey["data"], data)
    clean = {r["case_id"]: r for r in read_csv(survey["csv"])}
    journals = {p.stem: p for p in data.glob("journals/*/*.jsonl")}
    # The two longest completed interviews: the damage sits far from either end.
    longest = sorted(clean, key=lambda cid: -len(journals[cid].read_bytes().split(b"\n")))
    shown_case, answer_case = longest[0], longest[1]
    damage(journals[shown_case], "interview.shown")
    damage(journals[answer_case], "interview.answer")

    for fmt in ("csv", "sav"):
        out = tmp_path / f"damaged.{fmt}"
        result = run("export", "--data", str(data), "--format", fmt, "--out", str(out))
        assert f"left out 1 case(s) whose history cannot be rebuilt: {answer_case}" in result.stdout
        assert f"left out {answer_case}:" in result.stderr and "checksum" in result.stderr
        assert f"wrote {len(clean) - 1} interview(s)" in result.stdout
    rows = {r["case_id"]: r for r in read_csv(tmp_path / "damaged.csv")}
    assert answer_case not in rows
    assert set(rows) == set(clean) - {answer_case}
    assert rows[shown_case]["skipped_records"] == "1"
    assert all(r["skipped_records"] == "0" for cid, r in rows.items() if cid != shown_case)
    # Nothing of the case with the lost 'shown' record is lost but that record.
    for name, value in clean[shown_case].items():
        if name != "skipped_records":
            assert rows[shown_case][name] == value, name

    import pyreadstat
    sav, _ = pyreadstat.read_sav(str(tmp_path / "damaged.sav"))
    assert len(sav) == len(clean) - 1 and answer_case not in set(sav["case_id"])


# --- 3. Numbers with declared decimals --------------------------------------------------------

def test_csv_numbers_have_at_most_their_declared_decimals_and_money_adds_up(survey):
    variables = {v["name"]: v for v in read_csv(str(survey["csv"]).replace(".csv", ".variables.csv"))}
    rows = read_csv(survey["csv"])
    decimals_seen = 0
    for row in rows:
        for name, text in row.items():
            if text == "" or variables[name]["type"] != "numeric":
                continue
            assert "e" not in text.lower(), f"{name}: {text!r} has an exponent"
            places = len(text.split(".")[1]) if "." in text else 0
            assert places <= int(variables[name]["decimals"]), f"{row['case_id']} {name}: {text!r}"
            decimals_seen += places > 0
    assert decimals_seen > 0
    assert variables["v_cost_tot_burglary"]["decimals"] == "2" and variables["tot_cost"]["decimals"] == "2"
    # A victim form's total is exactly the sum of its parts, in pence.
    parts = ["v_cost_stolen", "v_cost_damage", "v_cost_lost", "v_cost_staff", "v_cost_other"]
    checked = 0
    for row in rows:
        for crime in crime_names():
            total = row[f"v_cost_tot_{crime}"]
            if total == "":
                continue
            pence = sum(round(float(row[f"{p}_{crime}"]) * 100) for p in parts if row[f"{p}_{crime}"] not in ("", "-1", "-2"))
            assert round(float(total) * 100) == pence and float(total) == pence / 100, f"{row['case_id']} {crime}: {total}"
            checked += 1
    assert checked > 0


# --- 4. Display formats wide enough for the declared range ----------------------------------

def test_pspp_formats_fit_the_declared_range_and_large_values_list_without_exponent(survey, tmp_path):
    if not shutil.which("pspp"):
        pytest.skip("pspp not installed")
    rows = read_csv(survey["csv"])
    # v_cost_stolen: 0 to 50,000,000 with 2 decimals, don't know −1: sign + 8 digits + ".00".
    # v_cost_tot: the sum of five such amounts (9 digits); tot_cost sums 21 totals (10 digits).
    expected = {"v_cost_stolen_burglary": "F12.2", "v_cost_tot_burglary": "F12.2", "tot_cost": "F13.2", "p_staff": "F8.0"}
    large = max(rows, key=lambda r: float(r["tot_cost"] or 0))
    assert float(large["tot_cost"]) >= 1e6
    syntax = tmp_path / "formats.sps"
    syntax.write_text(
        f"GET FILE='{survey['sav']}'.\n"
        f"DISPLAY DICTIONARY /VARIABLES={' '.join(expected)}.\n"
        f"SELECT IF case_id = '{large['case_id']}'.\n"
        "LIST /VARIABLES=tot_cost.\n")
    out = tmp_path / "formats.csv"
    result = subprocess.run(["pspp", "-O", "format=csv", "-o", str(out), str(syntax)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = out.read_text(encoding="utf-8")
    for name, fmt in expected.items():
        line = next(l for l in text.splitlines() if l.startswith(name + ","))
        assert f",{fmt},{fmt}," in line, line
    listed = [l for l in text.splitlines() if l.strip().replace(".", "").isdigit()]
    assert listed, text
    assert "E+" not in text
    assert abs(float(listed[-1]) - float(large["tot_cost"])) < 0.005


def test_dta_formats_fit_the_declared_range(survey):
    import pyreadstat
    _, meta = pyreadstat.read_dta(str(survey["dta"]), metadataonly=True)
    formats = meta.original_variable_types
    assert formats["v_cost_stolen_burglary"] == "%12.2f", formats["v_cost_stolen_burglary"]
    assert formats["tot_cost"] == "%13.2f", formats["tot_cost"]
