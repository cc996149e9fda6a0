"""fieldwork report end to end: a simulated wave of BAS, its figures checked against `cases status`
and an independent count over the CSV export; the HTML page self-contained and drawn by Chromium."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from png_image import png_pixels

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = fieldwork_binary()
BAS = ROOT / "Questionnaires" / "bas.json"
NOW = "2026-01-12T12:00:00Z"


def run(*args, timeout=300):
    env = dict(os.environ, FIELDWORK_NOW=NOW)
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    directory = tmp_path_factory.mktemp("report") / "bas"
    r = run("simulate", str(BAS), "--count", "200", "--seed", "7", "--write", str(directory))
    assert r.returncode == 0, r.stderr
    return directory


@pytest.fixture(scope="module")
def report(survey):
    r = run("report", "--data", str(survey), "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_aapor_counts_and_rates_equal_cases_status(survey, report):
    r = run("cases", "status", "--data", str(survey), "--json")
    assert r.returncode == 0, r.stderr
    status = json.loads(r.stdout)
    assert report["aapor"]["counts"] == status["responseRates"]["counts"]
    assert report["aapor"]["e"] == status["responseRates"]["e"]
    assert report["aapor"]["eMethod"] == status["responseRates"]["eMethod"]
    assert {x["name"]: x["value"] for x in report["aapor"]["rates"]} == status["responseRates"]["rates"]
    mine = sorted((d["code"], d["kind"], d["count"]) for d in report["aapor"]["dispositions"])
    theirs = sorted((d["code"], d["kind"], d["count"]) for d in status["dispositions"])
    assert mine == theirs
    assert report["progress"]["totalCases"] == status["total"] == 200
    assert {s["status"]: s["count"] for s in report["progress"]["byStatus"]} == status["byStatus"]
    assert report["progress"]["contactRate"] == status["responseRates"]["rates"]["CON1"]


def test_toplines_and_lengths_equal_an_independent_count_over_the_export(survey, report, tmp_path):
    csv = tmp_path / "bas.csv"
    r = run("export", "--data", str(survey), "--format", "csv", "--out", str(csv))
    assert r.returncode == 0, r.stderr
    data = pd.read_csv(csv, dtype=str, keep_default_na=False)
    assert report["toplines"]["completes"] == len(data)
    assert report["toplines"]["weighting"] == "unweighted"
    toplines = {t["variable"]: t for t in report["toplines"]["questions"]}

    # A single choice: every option's count and the don't know / refused rows, over those asked.
    single = next(t for t in report["toplines"]["questions"]
                  if t["kind"] == "single" and t["dontKnow"]["count"] > 0 and t["base"] < len(data))
    column = data[single["variable"]]
    asked = column[column != ""]
    assert single["base"] == len(asked)
    for row in single["rows"]:
        code = str(int(row["code"]))
        assert row["count"] == int((asked == code).sum()), (single["variable"], code)
        assert row["percent"] == pytest.approx(100 * row["count"] / len(asked))
    assert single["dontKnow"]["count"] == int((asked == "-1").sum())
    assert single["refused"]["count"] == int((asked == "-2").sum())

    # A multiple choice: each option column's 1s among those asked.
    multiple = next(t for t in report["toplines"]["questions"] if t["kind"] == "multiple" and t["base"] > 0)
    names = [c for c in data.columns if c.startswith(multiple["question"] + "_") and not c.endswith("_spec")]
    first = data[names[0]]
    assert multiple["base"] == int((first != "").sum())
    counts = sorted(int((data[c] == "1").sum()) for c in names)
    assert sorted(row["count"] for row in multiple["rows"]) == counts

    # A number: mean and median of the answers, don't know apart.
    number = next(t for t in report["toplines"]["questions"] if t["kind"] == "number" and t["numbers"]["answered"] > 1)
    values = pd.to_numeric(data[number["variable"]][data[number["variable"]] != ""])
    answers = values[values >= 0]
    assert number["numbers"]["answered"] == len(answers)
    assert number["numbers"]["mean"] == pytest.approx(answers.mean())
    assert number["numbers"]["median"] == pytest.approx(answers.median())

    # Lengths: pandas' median, and the nearest-rank 90th percentile.
    minutes = pd.to_numeric(data["duration_s"]) / 60
    assert report["lengths"]["interviews"] == len(minutes)
    assert report["lengths"]["medianMinutes"] == pytest.approx(minutes.median())
    assert report["lengths"]["p90Minutes"] == pytest.approx(minutes.quantile(0.9, interpolation="higher"))
    short = data.loc[minutes < minutes.median() / 2, "case_id"]
    assert sorted(s["caseID"] for s in report["lengths"]["shortInterviews"]) == sorted(short)
    assert toplines  # every question has its entry


def test_completes_per_day_add_up_to_the_completes(report):
    days = report["progress"]["completesByDay"]
    assert sum(d["completes"] for d in days) == report["progress"]["completes"] == report["aapor"]["counts"]["I"]
    assert [d["day"] for d in days] == sorted(d["day"] for d in days)


def test_html_is_self_contained_and_draws_its_charts(survey, tmp_path):
    page = tmp_path / "report.html"
    r = run("report", "--data", str(survey), "--format", "html", "--out", str(page))
    assert r.returncode == 0, r.stderr
    html = page.read_text()
    assert "<script" not in html.lower()
    for external in ("src=", "href=", "url(", "@import"):
        assert external not in html.lower(), external
    assert html.count("<svg") > 10  # completes per day and every topline
    assert "@media print" in html

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (source scripts/lib/dependencies.sh; fieldwork_test_dependencies)")
    shot = tmp_path / "shot.png"
    r = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600",
                        f"--screenshot={shot}", page.as_uri()],
                       capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert shot.exists(), r.stderr
    width, height, bpp, rows = png_pixels(shot)
    assert (width, height) == (1280, 1600)
    assert len(set(rows)) > height // 10, "the page looks blank"
    # The completes-per-day chart's bars are filled #4a4a4a: find rows crossed by a long run of that grey.
    bar = bytes([0x4A, 0x4A, 0x4A])

    def longest_run(row):
        best = run_ = 0
        for x in range(width):
            if row[x * bpp:x * bpp + 3] == bar:
                run_ += 1
                best = max(best, run_)
            else:
                run_ = 0
        return best

    bar_rows = [y for y in range(0, height, 2) if longest_run(rows[y]) >= 40]
    assert len(bar_rows) >= 10, f"no chart bars drawn ({len(bar_rows)} rows with a bar)"


def test_an_empty_survey_reports_no_cases(tmp_path):
    directory = tmp_path / "empty"
    r = run("init", str(directory), "--questionnaire", str(BAS))
    if r.returncode != 0:
        pytest.fail(r.stderr)
    for form in ("text", "html", "json"):
        r = run("report", "--data", str(directory), "--format", form)
        assert r.returncode == 0, r.stderr
        assert "no cases" in r.stdout, form
    figures = json.loads(run("report", "--data", str(directory), "--format", "json").stdout)
    assert figures["noCases"] is True
    assert all(rate["value"] is None for rate in figures["aapor"]["rates"])
    assert figures["progress"]["callsPerHour"] is None
    assert figures["lengths"]["medianMinutes"] is None
    assert not (directory / "cases.sqlite").exists()


def test_not_a_survey_directory_is_an_error_a_person_can_act_on(tmp_path):
    r = run("report", "--data", str(tmp_path / "nowhere"), "--format", "text")
    assert r.returncode == 1
    assert "no such directory" in r.stderr
    r = run("report", "--data", str(tmp_path), "--format", "pdf")
    assert r.returncode == 2
    assert "use text, html or json" in r.stderr


def test_weighted_percentages_equal_pandas_weighted_shares(survey, tmp_path):
    import sqlite3
    weighted = tmp_path / "weighted"
    shutil.copytree(survey, weighted)
    csv = tmp_path / "bas.csv"
    assert run("export", "--data", str(weighted), "--format", "csv", "--out", str(csv)).returncode == 0
    data = pd.read_csv(csv, dtype=str, keep_default_na=False)
    weights = {case: 0.5 + (i % 4) for i, case in enumerate(sorted(data["case_id"]))}
    del weights[sorted(weights)[0]]  # one complete without a weight: left out of weighted figures only
    # Stored as `fieldwork weight` stores them: a run, then one weight per case by its row number.
    with sqlite3.connect(weighted / "cases.sqlite") as db:
        run_id = db.execute(
            "INSERT INTO weighting_runs (at, margins_file, margins, base_field, cap, tolerance, max_iterations, iterations,"
            " converged, trim_rounds, trimmed_cases, cases, design_effect) VALUES (0, 'test', 'test', NULL, NULL, 1e-9, 1, 1, 1, 0, 0, ?, 1)",
            (len(weights),)).lastrowid
        db.executemany("INSERT INTO weights (case_seq, weight, run_id) SELECT seq, ?, ? FROM cases WHERE id = ?",
                       [(w, run_id, case) for case, w in weights.items()])
    r = run("report", "--data", str(weighted), "--format", "json")
    assert r.returncode == 0, r.stderr
    figures = json.loads(r.stdout)
    assert figures["toplines"]["weighted"] is True
    assert figures["toplines"]["completesWithoutWeight"] == 1
    single = next(t for t in figures["toplines"]["questions"] if t["kind"] == "single" and t["dontKnow"]["count"] > 0)
    asked = data[data[single["variable"]] != ""]
    w = asked["case_id"].map(weights).fillna(0.0)
    assert single["base"] == len(asked)  # bases stay unweighted
    assert single["weightedBase"] == pytest.approx(w.sum())
    for row in single["rows"]:
        chosen = asked[single["variable"]] == str(int(row["code"]))
        assert row["weightedPercent"] == pytest.approx(100 * w[chosen].sum() / w.sum())
    assert single["dontKnow"]["weightedPercent"] == pytest.approx(100 * w[asked[single["variable"]] == "-1"].sum() / w.sum())


def test_short_minutes_flags_interviews_under_a_fixed_length_too(survey, tmp_path):
    csv = tmp_path / "bas.csv"
    assert run("export", "--data", str(survey), "--format", "csv", "--out", str(csv)).returncode == 0
    data = pd.read_csv(csv, dtype=str, keep_default_na=False)
    minutes = pd.to_numeric(data["duration_s"]) / 60
    r = run("report", "--data", str(survey), "--format", "json", "--short-minutes", "25")
    assert r.returncode == 0, r.stderr
    lengths = json.loads(r.stdout)["lengths"]
    threshold = max(minutes.median() / 2, 25)
    assert lengths["shortThresholdMinutes"] == pytest.approx(threshold)
    assert sorted(s["caseID"] for s in lengths["shortInterviews"]) == sorted(data.loc[minutes < threshold, "case_id"])
    assert run("report", "--data", str(survey), "--format", "json", "--short-minutes", "0").returncode == 2
