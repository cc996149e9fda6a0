"""The fictional BAS and PAS samples and margins in Questionnaires/samples/ (scripts/samples/make_samples.py).

Run with: FIELDWORK_BIN=.build/debug/fieldwork pytest Tests/EndToEnd/test_samples.py
"""
import csv
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_binary())
SAMPLES = ROOT / "Questionnaires" / "samples"
GENERATOR = ROOT / "scripts" / "samples" / "make_samples.py"
BAS_JSON = ROOT / "Questionnaires" / "bas.json"
PAS_JSON = ROOT / "Questionnaires" / "pas-online.json"
GENERATED = ["bas-sample.csv", "pas-sample.csv", "margins-bas.csv", "margins-pas.csv"]

# Ofcom's ranges reserved for drama: 020 7946 0000-0999 (London) and 07700 900000-900999 (mobile).
DRAMA_PHONE = re.compile(r"020 7946 0\d{3}|07700 900\d{3}")


def read_csv(name: str) -> list[dict[str, str]]:
    with open(SAMPLES / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def questionnaire(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def margins(name: str) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for row in read_csv(name):
        assert row["cell"] not in out[row["margin"]], f"{name}: cell {row['cell']} repeated in {row['margin']}"
        out[row["margin"]][row["cell"]] = int(row["population"])
    return dict(out)


def run(args):
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, FIELDWORK_NOW="2025-10-20T09:30:00Z"))


def test_generator_reproduces_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(GENERATOR), "--out", str(tmp_path)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), f"{name} differs from the generator"


def test_sample_columns_are_the_questionnaires_sample_fields_plus_design_columns() -> None:
    with open(SAMPLES / "bas-sample.csv", encoding="utf-8") as f:
        bas_header = f.readline().rstrip("\n").split(",")
    with open(SAMPLES / "pas-sample.csv", encoding="utf-8") as f:
        pas_header = f.readline().rstrip("\n").split(",")
    bas_fields = [f["name"] for f in questionnaire(BAS_JSON)["sampleFields"]]
    pas_fields = [f["name"] for f in questionnaire(PAS_JSON)["sampleFields"]]
    assert bas_header == ["case_id", *bas_fields, "replicate", "selection_probability"]
    assert pas_header == ["case_id", *pas_fields, "replicate"]


def test_every_phone_is_in_a_drama_range() -> None:
    for name in ("bas-sample.csv", "pas-sample.csv"):
        bad = [row["case_id"] for row in read_csv(name) if not DRAMA_PHONE.fullmatch(row["phone"])]
        assert not bad, f"{name}: phones outside the drama ranges: {bad[:5]}"


def test_bas_sample_covers_london_and_uses_the_code_frames() -> None:
    rows = read_csv("bas-sample.csv")
    frames = questionnaire(BAS_JSON)["codeFrames"]
    areas = {c["label"] for c in frames["borough"]}
    sections = {c["label"][0] for c in frames["sic2007"]}
    assert len(rows) >= 5000
    assert len(areas) == 33
    assert {r["borough"] for r in rows} == areas
    assert {r["sector"] for r in rows} <= sections
    assert {r["size_band"] for r in rows} == {"1-9", "10-49", "50-249", "250+"}
    assert {r["replicate"] for r in rows} == {str(i) for i in range(1, 11)}
    assert len({r["case_id"].lower() for r in rows}) == len(rows)
    assert all(re.fullmatch(r"[A-Za-z0-9._-]{1,64}", r["case_id"]) for r in rows)
    assert all(0 < float(r["selection_probability"]) <= 1 for r in rows)
    assert all(r["business_name"] for r in rows)
    assert any(not r["contact_name"] for r in rows) and any(r["contact_name"] for r in rows)


def test_pas_sample_covers_the_32_boroughs() -> None:
    rows = read_csv("pas-sample.csv")
    areas = {c["label"] for c in questionnaire(BAS_JSON)["codeFrames"]["borough"]}
    assert len(rows) >= 3000
    boroughs = {r["borough"] for r in rows}
    assert boroughs == areas - {"City of London"}
    assert {r["replicate"] for r in rows} == {str(i) for i in range(1, 11)}
    assert len({r["case_id"].lower() for r in rows}) == len(rows)


@pytest.mark.parametrize("name", ["margins-bas.csv", "margins-pas.csv"])
def test_each_margin_sums_to_the_same_total(name: str) -> None:
    with open(SAMPLES / name, encoding="utf-8") as f:
        assert f.readline() == "margin,cell,population\n"
    sets = margins(name)
    assert len(sets) >= 2
    totals = {margin: sum(cells.values()) for margin, cells in sets.items()}
    assert len(set(totals.values())) == 1, totals
    assert all(n >= 0 for cells in sets.values() for n in cells.values())


def test_every_bas_sample_cell_is_in_the_margins() -> None:
    sets = margins("margins-bas.csv")
    rows = read_csv("bas-sample.csv")
    cells = {f"{r['size_band']}|{r['sector']}" for r in rows}
    assert cells <= set(sets["size_band x sector"]), cells - set(sets["size_band x sector"])
    assert cells == {c for c, n in sets["size_band x sector"].items() if n > 0}  # no empty stratum for raking
    assert {r["borough"] for r in rows} <= set(sets["borough"])
    # Base weights (1 / selection probability) reproduce each stratum's population count.
    weighted: dict[str, float] = defaultdict(float)
    for r in rows:
        weighted[f"{r['size_band']}|{r['sector']}"] += 1 / float(r["selection_probability"])
    for cell, total in weighted.items():
        assert abs(total - sets["size_band x sector"][cell]) < 0.01 * sets["size_band x sector"][cell] + 1, cell


def test_every_pas_sample_borough_is_in_the_margins() -> None:
    sets = margins("margins-pas.csv")
    assert {r["borough"] for r in read_csv("pas-sample.csv")} == set(sets["borough"])
    ages = [o["name"] for q in _questions(questionnaire(PAS_JSON)) if q.get("id") == "o_age" for o in q["options"]]
    assert set(sets["age_band"]) == set(ages)


def _questions(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _questions(value)
    elif isinstance(node, list):
        for value in node:
            yield from _questions(value)


@pytest.mark.parametrize("sample,questionnaire_path", [("bas-sample.csv", BAS_JSON), ("pas-sample.csv", PAS_JSON)])
def test_samples_import_into_a_survey(tmp_path: Path, sample: str, questionnaire_path: Path) -> None:
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    directory = tmp_path / "survey"
    result = run(["init", str(directory), "--questionnaire", str(questionnaire_path)])
    assert result.returncode == 0, result.stderr
    result = run(["cases", "import", str(SAMPLES / sample), "--data", str(directory)])
    assert result.returncode == 0, result.stderr
    assert f"Imported {len(read_csv(sample))} case(s)" in result.stdout
