"""`fieldwork dashboard`: one self-contained HTML page and a tidy CSV of every figure, from the
BAS and PAS survey directories and a referrals file. Figures are checked against an independent
calculation (weighted share, Kish's effective base, Wilson's interval) written from the formulas.

Run with: FIELDWORK_BIN=.build/debug/fieldwork python3 -m pytest Tests/EndToEnd/test_dashboard.py
"""
from __future__ import annotations

import csv
import json
import math
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from png_image import png_rows
from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
Z = 1.959963984540054


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([fieldwork_binary(), *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def surveys(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("dash")
    out = {}
    for name, questionnaire, count in [("bas", "bas.json", 300), ("pas", "pas-online.json", 200)]:
        directory = base / name
        result = run("simulate", str(ROOT / "Questionnaires" / questionnaire), "--count", str(count), "--seed", "21",
                     "--write", str(directory))
        assert result.returncode == 0, result.stderr
        out[name] = directory
    return out


def wilson(values: list[tuple[bool, float]]) -> tuple[float, float, float, int, float]:
    """Weighted share, then Wilson's interval with n replaced by Kish's (Σw)²/Σw²."""
    total = sum(w for _, w in values)
    p = sum(w for yes, w in values if yes) / total
    n = total ** 2 / sum(w * w for _, w in values)
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator
    return p, max(0.0, centre - half), min(1.0, centre + half), len(values), total


def measure(directory: Path, tmp: Path) -> dict[str, bool | None]:
    """any_online per completed case, read from the survey's own CSV export."""
    out = tmp / f"{directory.name}-export.csv"
    result = run("export", "--data", str(directory), "--format", "csv", "--out", str(out), "--force")
    assert result.returncode == 0, result.stderr
    with open(out, encoding="utf-8") as handle:
        return {row["case_id"]: (None if row["any_online"] == "" else row["any_online"] == "1") for row in csv.DictReader(handle)}


def figures(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_headline_figures_match_an_independent_calculation(surveys, tmp_path) -> None:
    # Weights from `fieldwork weight`: a margin over the sample's sector with unequal populations.
    bas = tmp_path / "bas"
    shutil.copytree(surveys["bas"], bas)
    values = measure(bas, tmp_path)
    db = sqlite3.connect(bas / "cases.sqlite")
    sectors = {case: json.loads(fields).get("sector", "") for case, fields in db.execute("SELECT id, fields FROM cases")}
    db.close()
    cells: dict[str, list[str]] = {}
    for case in values:
        cells.setdefault(sectors[case], []).append(case)
    populations = {cell: 100 + 37 * (i % 5) for i, cell in enumerate(sorted(cells))}
    margins = tmp_path / "margins.csv"
    with open(margins, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["margin", "cell", "population"])
        for cell, population in populations.items():
            writer.writerow(["sector", cell, population])
    weighted = run("weight", "--data", str(bas), "--margins", str(margins))
    assert weighted.returncode == 0, weighted.stdout + weighted.stderr
    weights = {case: populations[sectors[case]] / len(cells[sectors[case]]) for case in values}

    page = tmp_path / "dashboard.html"
    result = run("dashboard", "--data", str(bas), "--data", str(surveys["pas"]), "--referrals",
                 str(ROOT / "Questionnaires" / "samples" / "referrals-example.csv"), "--out", str(page))
    assert result.returncode == 0, result.stderr
    rows = figures(tmp_path / "dashboard.csv")
    assert list(rows[0].keys()) == ["quarter", "survey", "measure", "group", "estimate", "ci_low", "ci_high",
                                    "unweighted_base", "weighted_base", "suppressed"]

    bas_all = [r for r in rows if r["survey"] == "Businesses (BAS)" and r["group"] == "all"]
    assert len(bas_all) == 1 and bas_all[0]["quarter"] == "2026-Q1"
    known = [(v, weights[c]) for c, v in values.items() if v is not None]
    p, low, high, n, wbase = wilson(known)
    row = bas_all[0]
    assert int(row["unweighted_base"]) == n
    assert abs(float(row["weighted_base"]) - wbase) < 1e-3
    assert abs(float(row["estimate"]) - p) < 1e-6
    assert abs(float(row["ci_low"]) - low) < 1e-6 and abs(float(row["ci_high"]) - high) < 1e-6

    pas_values = measure(surveys["pas"], tmp_path)
    p, low, high, n, _ = wilson([(v, 1.0) for v in pas_values.values() if v is not None])
    pas_all = [r for r in rows if r["survey"] == "Residents (PAS)" and r["group"] == "all"][0]
    assert int(pas_all["unweighted_base"]) == n and abs(float(pas_all["estimate"]) - p) < 1e-6
    assert abs(float(pas_all["ci_low"]) - low) < 1e-6

    # Small bases are suppressed, never a bare percentage.
    small = [r for r in rows if int(r["unweighted_base"]) < 50]
    assert small and all(r["suppressed"] == "true" and r["estimate"] == "" for r in small)

    html = page.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    for attribute in ("src=", "href=", "url("):
        assert attribute not in html, attribute
    assert "<svg" in html and "2026-Q1" in html
    assert "Action Fraud referrals" in html and "disruptions" in html
    assert "unweighted" in html  # the PAS survey has no weights


def test_screenshot_shows_the_page(surveys, tmp_path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    page = tmp_path / "d.html"
    assert run("dashboard", "--data", str(surveys["bas"]), "--out", str(page)).returncode == 0
    png = tmp_path / "d.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600",
                    f"--screenshot={png}", page.as_uri()], capture_output=True, timeout=120)
    width, height, scanlines = png_rows(png)
    assert (width, height) == (1280, 1600)
    rows = {line[1:] for line in scanlines[::4]}
    assert len(rows) > 40, "the screenshot is nearly blank"


def test_bad_input_is_refused_with_where_and_why(surveys, tmp_path) -> None:
    referrals = tmp_path / "bad.csv"
    referrals.write_text("quarter,referrals,disseminated,positive_outcomes,other_outcomes\n2026-Q1,10,5,1,2\n2026-5,3,1,0,0\n",
                         encoding="utf-8")
    result = run("dashboard", "--data", str(surveys["bas"]), "--referrals", str(referrals), "--out", str(tmp_path / "x.html"))
    assert result.returncode == 1
    assert f"{referrals}:3: quarter \"2026-5\" is not written YYYY-Qn" in result.stderr

    other = tmp_path / "other.json"
    other.write_text('{"id": "other", "version": "1", "title": "Other", "sections": [{"id": "s", "title": "S", "items": ['
                     '{"id": "q", "type": "text", "text": "Anything?"}]}]}', encoding="utf-8")
    directory = tmp_path / "other"
    assert run("init", str(directory), "--questionnaire", str(other)).returncode == 0
    result = run("dashboard", "--data", str(directory), "--out", str(tmp_path / "y.html"))
    assert result.returncode == 1
    assert "has no computed variable \"any_online\"" in result.stderr


def test_an_empty_survey_says_so(tmp_path) -> None:
    directory = tmp_path / "empty"
    assert run("init", str(directory), "--questionnaire", str(ROOT / "Questionnaires" / "bas.json")).returncode == 0
    page = tmp_path / "e.html"
    result = run("dashboard", "--data", str(directory), "--out", str(page))
    assert result.returncode == 0, result.stderr
    assert "No completed interviews yet" in page.read_text(encoding="utf-8")
