"""`fieldwork weight`: raking the completes to population margins, checked against an independent
textbook IPF written here, the margins themselves, Kish's formula, and the exported `weight` column.

Run with: FIELDWORK_BIN=$(swift build --show-bin-path)/fieldwork python3 -m pytest Tests/EndToEnd/test_weighting.py -q
"""
import csv
import json
import math
import os
import random
import sqlite3
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_binary())
BAS = ROOT / "Questionnaires" / "bas.json"
SAMPLES = ROOT / "Questionnaires" / "samples"
BAS_SAMPLE = SAMPLES / "bas-sample.csv"
BAS_MARGINS = SAMPLES / "margins-bas.csv"
PAS_MARGINS = SAMPLES / "margins-pas.csv"


def run(args, check=False):
    env = dict(os.environ, FIELDWORK_NOW="2025-11-20T09:30:00Z")
    result = subprocess.run([str(BIN), *map(str, args)], capture_output=True, text=True, timeout=600, env=env)
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(autouse=True)
def needs_binary():
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")


# --- the independent calculation --------------------------------------------------------------

def read_margins(path):
    """{margin name: {cell: population}} and each margin's fields, from the long CSV."""
    margins, fields = {}, {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            margins.setdefault(row["margin"], {})[row["cell"]] = float(row["population"])
            fields[row["margin"]] = row["margin"].split(" x ")
    return margins, fields


def cell_of(record, fields):
    return "|".join(record[f] for f in fields)


def textbook_ipf(records, base, margins, fields, tolerance=1e-13, max_sweeps=100_000):
    """Iterative proportional fitting as the textbooks give it (Deming & Stephan): for each margin in
    turn, multiply every weight by target(cell) / weighted count(cell); repeat until a sweep moves
    no weight by more than `tolerance` of its value."""
    w = list(base)
    for _ in range(max_sweeps):
        before = list(w)
        for name, targets in margins.items():
            totals = defaultdict(float)
            for i, r in enumerate(records):
                totals[cell_of(r, fields[name])] += w[i]
            for i, r in enumerate(records):
                c = cell_of(r, fields[name])
                w[i] *= targets[c] / totals[c]
        if max(abs(a - b) / b for a, b in zip(w, before)) <= tolerance:
            return w
    raise AssertionError("the reference IPF did not converge")


def kish(weights):
    n, s, s2 = len(weights), sum(weights), sum(x * x for x in weights)
    deff = n * s2 / (s * s)
    return deff, n / deff


# --- fixtures ---------------------------------------------------------------------------------

def bas_sample():
    with open(BAS_SAMPLE, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def choose_completes(sample, margins, fields, extra=260, seed=11):
    """Every margin cell gets at least one complete (an empty cell cannot be raked to), then random others."""
    chosen, ids = [], set()
    for name, targets in margins.items():
        for cell in targets:
            if any(cell_of(r, fields[name]) == cell for r in sample if r["case_id"] in ids):
                continue
            r = next(r for r in sample if cell_of(r, fields[name]) == cell)
            chosen.append(r["case_id"])
            ids.add(r["case_id"])
    rng = random.Random(seed)
    rest = [r["case_id"] for r in sample if r["case_id"] not in ids]
    for case_id in rng.sample(rest, extra):
        chosen.append(case_id)
        ids.add(case_id)
    return ids


def mark_complete(directory, ids):
    """Fixture set-up: finalise the chosen cases as completes (1.1) directly in the case store."""
    con = sqlite3.connect(directory / "cases.sqlite")
    with con:
        con.executemany("UPDATE cases SET status = 'complete', final_code = '1.1', queue = NULL, interim_code = NULL WHERE id = ?",
                        [(i,) for i in sorted(ids)])
    con.close()


def stored_weights(directory):
    con = sqlite3.connect(directory / "cases.sqlite")
    rows = con.execute("SELECT c.id, w.weight FROM weights w JOIN cases c ON c.seq = w.case_seq").fetchall()
    con.close()
    return dict(rows)


@pytest.fixture(scope="module")
def bas_survey(tmp_path_factory):
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    directory = tmp_path_factory.mktemp("bas") / "survey"
    run(["init", directory, "--questionnaire", BAS], check=True)
    run(["cases", "import", BAS_SAMPLE, "--data", directory], check=True)
    sample = bas_sample()
    margins, fields = read_margins(BAS_MARGINS)
    ids = choose_completes(sample, margins, fields)
    mark_complete(directory, ids)
    records = [r for r in sample if r["case_id"] in ids]
    return directory, records, margins, fields


def check_against_reference(directory, report, records, reference, margins, fields):
    weights = stored_weights(directory)
    assert set(weights) == {r["case_id"] for r in records}
    for r, expected in zip(records, reference):
        got = weights[r["case_id"]]
        assert abs(got - expected) <= 1e-6 * expected, (r["case_id"], got, expected)
    # Every margin reproduced, summed here from the stored weights.
    for name, targets in margins.items():
        totals = defaultdict(float)
        for r in records:
            totals[cell_of(r, fields[name])] += weights[r["case_id"]]
        for cell, population in targets.items():
            assert abs(totals[cell] - population) <= 1e-6 * population, (name, cell, totals[cell], population)
    # Kish's design effect and the effective sample size, from the formula.
    w = [weights[r["case_id"]] for r in records]
    deff, n_eff = kish(w)
    assert abs(report["designEffect"] - deff) <= 1e-9 * deff
    assert abs(report["effectiveSampleSize"] - n_eff) <= 1e-9 * n_eff
    assert report["weights"]["min"] == pytest.approx(min(w), rel=1e-12)
    assert report["weights"]["max"] == pytest.approx(max(w), rel=1e-12)
    assert report["weights"]["ratio"] == pytest.approx(max(w) / min(w), rel=1e-12)
    assert report["completes"] == len(records)
    assert report["converged"] is True and report["stored"] is True
    assert report["iterations"] >= 1
    assert all(m["largestRelativeError"] <= 1e-6 for m in report["margins"])
    return weights


# --- raking -----------------------------------------------------------------------------------

def test_raking_without_base_weights_matches_the_textbook_ipf(bas_survey):
    directory, records, margins, fields = bas_survey
    result = run(["weight", "--data", directory, "--margins", BAS_MARGINS, "--json"])
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    reference = textbook_ipf(records, [1.0] * len(records), margins, fields)
    check_against_reference(directory, report, records, reference, margins, fields)
    assert report["base"] == "1"
    assert [m["name"] for m in report["margins"]] == ["size_band x sector", "borough"]
    assert report["margins"][0]["cells"] == 72 and report["margins"][1]["cells"] == 33


def test_raking_from_selection_probabilities_matches_the_textbook_ipf(bas_survey):
    directory, records, margins, fields = bas_survey
    result = run(["weight", "--data", directory, "--margins", BAS_MARGINS, "--base", "selection_probability", "--json"])
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    base = [1 / float(r["selection_probability"]) for r in records]
    reference = textbook_ipf(records, base, margins, fields)
    check_against_reference(directory, report, records, reference, margins, fields)
    assert report["base"] == "1/selection_probability"
    # The run is recorded with its settings.
    con = sqlite3.connect(directory / "cases.sqlite")
    run_row = con.execute("SELECT base_field, converged, cases, margins FROM weighting_runs ORDER BY id DESC LIMIT 1").fetchone()
    con.close()
    assert run_row == ("selection_probability", 1, len(records), "size_band x sector; borough")


def test_trimming_that_cannot_hold_is_reported(bas_survey):
    """In this fixture one complete alone must carry a cell of about 10,400 businesses, above 6 × the
    mean weight (about 8,850): trimming cannot hold the cap, and says so, while the stored weights
    still reproduce every margin. (Trimming that holds is checked against hand-worked figures in
    RakingTests.trimmingHoldsTheCap.)"""
    directory, records, margins, fields = bas_survey
    result = run(["weight", "--data", directory, "--margins", BAS_MARGINS, "--cap", "6", "--json"])
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    weights = stored_weights(directory)
    for name, targets in margins.items():
        totals = defaultdict(float)
        for r in records:
            totals[cell_of(r, fields[name])] += weights[r["case_id"]]
        for cell, population in targets.items():
            assert abs(totals[cell] - population) <= 1e-6 * population, (name, cell)
    untrimmed = textbook_ipf(records, [1.0] * len(records), margins, fields)
    limit = 6 * sum(untrimmed) / len(untrimmed)
    trimming = report["trimming"]
    assert trimming["capWeight"] == pytest.approx(limit, rel=1e-9)
    assert trimming["trimmedCases"] >= sum(1 for x in untrimmed if x > limit) >= 1
    assert trimming["capHeld"] is False and trimming["rounds"] == 50
    assert max(weights.values()) > limit
    assert "still above the cap" in result.stderr
    deff, n_eff = kish(list(weights.values()))
    assert report["designEffect"] == pytest.approx(deff, rel=1e-9)
    assert report["effectiveSampleSize"] == pytest.approx(n_eff, rel=1e-9)


def test_text_report(bas_survey):
    directory, _, _, _ = bas_survey
    result = run(["weight", "--data", directory, "--margins", BAS_MARGINS])
    assert result.returncode == 0, result.stderr
    assert "Converged after" in result.stdout
    assert "Design effect (Kish" in result.stdout
    assert "margin size_band x sector: 72 cell(s)" in result.stdout


def test_non_convergence_is_reported_and_nothing_stored(bas_survey):
    directory, _, _, _ = bas_survey
    before = stored_weights(directory)
    result = run(["weight", "--data", directory, "--margins", BAS_MARGINS, "--max-iterations", "1", "--json"])
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["converged"] is False and report["stored"] is False
    assert "did not converge" in result.stderr
    assert stored_weights(directory) == before


# --- bad input --------------------------------------------------------------------------------

def write_margins(path, rows):
    path.write_text("margin,cell,population\n" + "".join(f"{m},{c},{p}\n" for m, c, p in rows), encoding="utf-8")
    return path


def bas_margin_rows():
    with open(BAS_MARGINS, newline="", encoding="utf-8") as f:
        return [(r["margin"], r["cell"], r["population"]) for r in csv.DictReader(f)]


def test_margins_missing_a_cell_with_completes(bas_survey, tmp_path):
    directory, records, _, _ = bas_survey
    borough = records[0]["borough"]
    rows = [r for r in bas_margin_rows() if not (r[0] == "borough" and r[1] == borough)]
    result = run(["weight", "--data", directory, "--margins", write_margins(tmp_path / "m.csv", rows)])
    assert result.returncode == 1
    assert f"margin 'borough' has no cell '{borough}'" in result.stderr


def test_margin_totals_that_disagree(bas_survey, tmp_path):
    directory, _, _, _ = bas_survey
    rows = [(m, c, str(int(p) + 1000) if (m, c) == ("borough", "Westminster") else p) for m, c, p in bas_margin_rows()]
    result = run(["weight", "--data", directory, "--margins", write_margins(tmp_path / "m.csv", rows)])
    assert result.returncode == 1
    assert "margin 'borough' totals 499750 but margin 'size_band x sector' totals 498750" in result.stderr


def test_margins_file_with_a_bad_row(bas_survey, tmp_path):
    directory, _, _, _ = bas_survey
    rows = bas_margin_rows()
    rows[1] = (rows[1][0], rows[1][1], "lots")
    path = write_margins(tmp_path / "m.csv", rows)
    result = run(["weight", "--data", directory, "--margins", path])
    assert result.returncode == 1
    assert f"{path}:3: population: 'lots' is not a number" in result.stderr
    rows = bas_margin_rows()
    rows[4] = ("size_band x sector", "1-9", "5")
    result = run(["weight", "--data", directory, "--margins", write_margins(tmp_path / "m2.csv", rows)])
    assert result.returncode == 1
    assert "m2.csv:6: cell '1-9' has 1 value(s) but margin 'size_band x sector' is over 2 field(s)" in result.stderr


def test_margin_over_a_field_the_sample_lacks(bas_survey):
    directory, _, _, _ = bas_survey
    result = run(["weight", "--data", directory, "--margins", PAS_MARGINS])
    assert result.returncode == 1
    # The PAS borough margin comes first and lacks the City of London, which has BAS completes;
    # the field check runs before any cell is compared, so age_band is what is reported.
    assert "margin 'age_band' is over 'age_band', which is not a sample field" in result.stderr


def test_no_completes(tmp_path):
    directory = tmp_path / "empty"
    run(["init", directory, "--questionnaire", BAS], check=True)
    run(["cases", "import", BAS_SAMPLE, "--data", directory], check=True)
    result = run(["weight", "--data", directory, "--margins", BAS_MARGINS])
    assert result.returncode == 1
    assert "no completes to weight" in result.stderr


def test_bad_cap_is_a_usage_error(bas_survey):
    directory, _, _, _ = bas_survey
    result = run(["weight", "--data", directory, "--margins", BAS_MARGINS, "--cap", "1"])
    assert result.returncode == 2
    assert "the cap must be more than 1" in result.stderr


# --- the weight in exports --------------------------------------------------------------------

def test_weight_is_exported_to_csv_sav_and_dta(tmp_path):
    pd = pytest.importorskip("pandas")
    directory = tmp_path / "sim"
    result = run(["simulate", BAS, "--count", "60", "--seed", "3", "--write", directory])
    assert result.returncode == 0, result.stderr
    # SyntheticSample gives each simulated case its own made-up sector ("Synthetic sector N"), so a
    # margin over sector has one cell per complete and raking gives each complete its cell's population.
    con = sqlite3.connect(directory / "cases.sqlite")
    completes = con.execute("SELECT id, json_extract(fields, '$.sector') FROM cases WHERE final_code = '1.1' ORDER BY id").fetchall()
    others = [i for (i,) in con.execute("SELECT id FROM cases WHERE final_code IS NOT '1.1'")]
    con.close()
    assert len(completes) >= 10 and len({s for _, s in completes}) == len(completes)
    expected = {case_id: 10.0 + 0.5 * k for k, (case_id, _) in enumerate(completes)}
    margins = write_margins(tmp_path / "sector.csv", [("sector", sector, expected[case_id]) for case_id, sector in completes])
    report = json.loads(run(["weight", "--data", directory, "--margins", margins, "--json"], check=True).stdout)
    assert report["stored"] is True

    run(["export", "--data", directory, "--format", "csv", "--out", tmp_path / "out.csv", "--include-partials"], check=True)
    df = pd.read_csv(tmp_path / "out.csv")
    columns = list(df.columns)
    assert columns.index("weight") == columns.index("language") + 1  # right after the metadata
    by_case = dict(zip(df["case_id"], df["weight"]))
    for case_id, weight in expected.items():
        assert abs(by_case[case_id] - weight) <= 1e-6
    for case_id in others:
        if case_id in by_case:
            assert math.isnan(by_case[case_id])  # no weight: empty

    run(["export", "--data", directory, "--format", "dta", "--out", tmp_path / "out.dta"], check=True)
    dta = pd.read_stata(tmp_path / "out.dta", convert_categoricals=False)
    for case_id, weight in zip(dta["case_id"], dta["weight"]):
        assert abs(weight - expected[case_id]) <= 1e-9

    pyreadstat = pytest.importorskip("pyreadstat")
    run(["export", "--data", directory, "--format", "sav", "--out", tmp_path / "out.sav"], check=True)
    sav, meta = pyreadstat.read_sav(str(tmp_path / "out.sav"))
    assert "weight" in meta.column_names
    for case_id, weight in zip(sav["case_id"], sav["weight"]):
        assert abs(weight - expected[case_id]) <= 1e-9


def test_export_without_weights_has_no_weight_column(tmp_path):
    pd = pytest.importorskip("pandas")
    directory = tmp_path / "sim"
    run(["simulate", BAS, "--count", "5", "--seed", "3", "--write", directory], check=True)
    run(["export", "--data", directory, "--format", "csv", "--out", tmp_path / "out.csv"], check=True)
    assert "weight" not in pd.read_csv(tmp_path / "out.csv").columns


# --- margins over answers (PAS age band and sex) ------------------------------------------------

def test_pas_margins_over_answers_match_the_textbook_ipf(tmp_path):
    """PAS is weighted by age band and sex, which the interview asks: `--answer` takes each
    complete's answer (its option's short name) as the margin field. The answers are read back
    here from the survey's own CSV export, independently of the weighting code."""
    import pandas as pd
    directory = tmp_path / "pas"
    result = run(["simulate", ROOT / "Questionnaires" / "pas-online.json", "--count", "600", "--seed", "5", "--write", directory])
    assert result.returncode == 0, result.stderr
    export = tmp_path / "pas.csv"
    run(["export", "--data", directory, "--format", "csv", "--out", export], check=True)
    frame = pd.read_csv(export, dtype=str, keep_default_na=False)
    questionnaire = json.loads((ROOT / "Questionnaires" / "pas-online.json").read_text(encoding="utf-8"))
    def names(qid):
        for section in questionnaire["sections"]:
            for item in section["items"]:
                if item["id"] == qid:
                    frame_ = item.get("options") or questionnaire["codeFrames"][item["codeFrame"]]
                    return {str(o["code"]): o["name"] for o in frame_}
        raise AssertionError(qid)
    ages, sexes = names("o_age"), names("o_sex")
    answered = frame[frame["o_age"].isin(ages) & frame["o_sex"].isin(sexes)]
    records = [{"age_band": ages[a], "sex": sexes[s]} for a, s in zip(answered["o_age"], answered["o_sex"])]
    ids = list(answered["case_id"])
    # Drop completes without a usable answer from the store's completes, so every one has a cell.
    unusable = set(frame["case_id"]) - set(ids)
    con = sqlite3.connect(directory / "cases.sqlite")
    with con:
        con.executemany("UPDATE cases SET final_code = '1.2', status = 'partial' WHERE id = ?", [(i,) for i in unusable])
    con.close()
    age_targets = {a: 1000.0 + 250 * i for i, a in enumerate(sorted({r["age_band"] for r in records}))}
    sex_targets = {s: 0.0 for s in {r["sex"] for r in records}}
    total = sum(age_targets.values())
    for i, s in enumerate(sorted(sex_targets)):
        sex_targets[s] = total * (0.5 if i == 0 else 0.5 / (len(sex_targets) - 1))
    margins = write_margins(tmp_path / "pas-margins.csv",
                            [("age_band", c, p) for c, p in age_targets.items()] + [("sex", c, p) for c, p in sex_targets.items()])
    result = run(["weight", "--data", directory, "--margins", margins, "--answer", "age_band=o_age", "--answer", "sex=o_sex", "--json"])
    assert result.returncode == 0, result.stdout + result.stderr
    reference = textbook_ipf(records, [1.0] * len(records), {"age_band": age_targets, "sex": sex_targets},
                             {"age_band": ["age_band"], "sex": ["sex"]})
    stored = stored_weights(directory)
    assert len(stored) == len(ids)
    for case, expected in zip(ids, reference):
        assert abs(stored[case] - expected) <= 1e-6 * expected
    for margin, targets in (("age_band", age_targets), ("sex", sex_targets)):
        for cell, target in targets.items():
            got = sum(stored[c] for c, r in zip(ids, records) if r[margin] == cell)
            assert abs(got - target) <= 1e-6 * target


def test_an_answer_margin_must_name_a_single_choice(tmp_path):
    directory = tmp_path / "pas"
    run(["simulate", ROOT / "Questionnaires" / "pas-online.json", "--count", "50", "--seed", "2", "--write", directory], check=True)
    margins = write_margins(tmp_path / "m.csv", [("age_band", "a16_24", 10)])
    result = run(["weight", "--data", directory, "--margins", margins, "--answer", "age_band=o_nope"])
    assert result.returncode == 1
    assert "the questionnaire has no question \"o_nope\"" in result.stderr
    result = run(["weight", "--data", directory, "--margins", margins, "--answer", "age_band=o_n"])
    assert result.returncode == 1
    assert "single-choice question" in result.stderr
