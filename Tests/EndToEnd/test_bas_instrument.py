"""The bundled BAS as a methodologist would field it: a read-out screener per crime type with
realistic prevalence under simulation, a 25-35 minute interview, and full coverage.

The figures are worked out here from the exported CSV (pandas), not from the simulator's report.
"""
import json
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = fieldwork_binary()
BAS = ROOT / "Questionnaires" / "bas.json"


def run(*args, timeout=600):
    r = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                       env=dict(os.environ, FIELDWORK_NOW="2026-03-10T10:00:00Z"))
    return r


def crime_types():
    q = json.loads(BAS.read_text())
    return [o["name"] for o in q["codeFrames"]["crimetypes"] if not o.get("exclusive")]


@pytest.fixture(scope="module")
def completes(tmp_path_factory):
    if not os.path.exists(BIN):
        pytest.skip(f"no fieldwork binary at {BIN}")
    tmp = tmp_path_factory.mktemp("bas")
    data = tmp / "survey"
    r = run("simulate", BAS, "--count", "3000", "--seed", "21", "--write", data)
    assert r.returncode == 0, r.stderr
    csv = tmp / "bas.csv"
    r = run("export", "--data", data, "--format", "csv", "--out", csv)
    assert r.returncode == 0, r.stderr
    frame = pd.read_csv(csv, low_memory=False)
    # Only interviews that reached the screener (completed, eligible businesses).
    reached = frame[frame["sc_had_burglary"].notna()]
    assert len(reached) > 1500
    return reached


def test_the_screener_asks_every_type_yes_or_no(completes):
    for t in crime_types():
        values = set(completes[f"sc_had_{t}"].dropna().astype(int))
        assert values <= {1, 2, -1, -2}, (t, values)
        assert 1 in values and 2 in values, t


def test_how_many_is_asked_only_after_yes(completes):
    for t in crime_types():
        times = completes[f"sc_times_{t}"]
        yes = completes[f"sc_had_{t}"] == 1
        assert times[~yes].isna().all(), f"{t}: a count without a yes"
        asked = times[yes]
        assert asked.notna().all(), f"{t}: a yes without a count"
        # Real counts are 1..9999; -3 is 'too many to count', -1/-2 don't know and refused.
        assert ((asked >= 1) | asked.isin([-1, -2, -3])).all(), t


def test_prevalence_is_realistic(completes):
    types = crime_types()
    yes = pd.DataFrame({t: completes[f"sc_had_{t}"] == 1 for t in types})
    n_types = yes.sum(axis=1)
    # The questionnaire's own count agrees with the answers.
    assert (completes["n_types"].astype(int) == n_types).all()
    share_none_or_one = (n_types <= 1).mean()
    assert share_none_or_one > 0.75, f"most businesses report no crime or one type ({share_none_or_one:.2f})"
    victims = n_types[n_types > 0]
    assert ((victims <= 2).mean()) > 0.85, "a victim business reports one or two types"
    assert (victims >= 5).mean() < 0.01, "rarely five or six"
    prevalence = yes.mean().sort_values(ascending=False)
    assert prevalence.index[0] == "burglary", prevalence.head()
    fraud = yes[["emplfraud", "extfraud", "cardfraud"]].any(axis=1).mean()
    others = {t: p for t, p in prevalence.items() if t not in ("burglary", "emplfraud", "extfraud", "cardfraud")}
    assert fraud > max(others.values()), "fraud is second after burglary"
    assert fraud < prevalence["burglary"] or prevalence.index[1] in ("extfraud",)


def test_victim_forms_follow_the_yes_answers(completes):
    for t in crime_types():
        yes = completes[f"sc_had_{t}"] == 1
        made = completes[f"v_cost_tot_{t}"].notna()
        # A form is made for every yes that got through it; never for a no.
        assert not (made & ~yes).any(), t
    total = completes["tot_inc"]
    counted = sum(completes[f"sc_times_{t}"].where(completes[f"sc_times_{t}"] >= 1, 0).fillna(0) for t in crime_types())
    assert (total == counted).all(), "tot_inc adds the counts, leaving out too many to count, don't know and refused"


def test_simulated_length_of_eligible_completes_is_25_to_35_minutes():
    r = run("simulate", BAS, "--count", "2000", "--seed", "5", "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    d = report["durationMinutes"]
    assert 25 <= d["median"] <= 35, d
    assert d["p90"] >= d["median"]


def test_full_coverage_at_five_thousand_interviews():
    r = run("simulate", BAS, "--count", "5000", "--require-full-coverage")
    assert r.returncode == 0, r.stdout[-2000:]
    assert "options never chosen" not in r.stdout and "never fired" not in r.stdout
