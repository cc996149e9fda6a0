"""End-to-end check of `fieldwork cases status` response rates against an independent computation.

Stores are built through the real binary (`init`, `cases import`, `cases close-wave`); where a store
needs codes that only a telephone call could give, the test writes them into cases.sqlite directly
as fixture set-up. The codes are then read back from cases.sqlite with Python's sqlite3, and every
rate is computed here from the formulas in survey-practice.md (AAPOR outcome rates), written
independently of the Swift code, and compared with `cases status --json` to 1e-9.

Conventions (docs/case-management.md): a rate with a zero denominator is null; e is proportional,
(I+P+R+NC+O)/(I+P+R+NC+O+NE), unless fixed; when U = 0 the term e·U is 0 whatever e is.

Run with: FIELDWORK_BIN=$(swift build --show-bin-path)/fieldwork python3 -m pytest Tests/EndToEnd/test_response_rates.py
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_binary())
NOW = "2026-12-01T10:00:00Z"
RATE_NAMES = ["RR1", "RR2", "RR3", "RR4", "RR5", "RR6", "COOP1", "COOP2", "COOP3", "COOP4",
              "REF1", "REF2", "REF3", "CON1", "CON2", "CON3"]


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, FIELDWORK_NOW=NOW))
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    directory = tmp_path / "survey"
    run("init", str(directory), "--questionnaire", str(ROOT / "Questionnaires" / "bas.json"))
    return directory


# --- the independent side: survey-practice.md, "AAPOR outcome rates" -------------------------------

def group_of(code: str) -> str | None:
    """The symbol a disposition code is counted under, from the table in survey-practice.md."""
    if code == "1.1":
        return "I"
    if code == "1.2":
        return "P"
    for prefix, symbol in (("2.1", "R"), ("2.2", "NC"), ("2.3", "O"), ("3.1", "UH"), ("3.2", "UO"), ("3.9", "UO")):
        if code.startswith(prefix):
            return symbol
    if code.startswith("4."):
        return "NE"
    return None


def stored_codes(directory: Path) -> list[tuple[str, bool]]:
    """(code, is_final) of every case: the final code, else the open case's interim code."""
    with sqlite3.connect(directory / "cases.sqlite") as db:
        rows = db.execute("SELECT final_code, interim_code FROM cases").fetchall()
    return [(final if final is not None else interim, final is not None) for final, interim in rows]


def expected_rates(codes: list[str], fixed_e: float | None = None) -> tuple[dict[str, int], float | None, dict[str, float | None]]:
    n = {symbol: 0 for symbol in ("I", "P", "R", "NC", "O", "UH", "UO", "NE")}
    for code in codes:
        n[group_of(code)] += 1
    I, P, R, NC, O, UH, UO, NE = (n[s] for s in ("I", "P", "R", "NC", "O", "UH", "UO", "NE"))
    D = (I + P) + (R + NC + O)
    U = UH + UO
    if fixed_e is not None:
        e = fixed_e
    else:
        known = I + P + R + NC + O + NE
        e = (I + P + R + NC + O) / known if known else None
    eU = 0.0 if U == 0 else (e * U if e is not None else None)

    def div(a: float, b: float | None) -> float | None:
        return None if b is None or b == 0 else a / b

    with_e = None if eU is None else D + eU
    rates = {
        "RR1": div(I, D + U), "RR2": div(I + P, D + U), "RR3": div(I, with_e), "RR4": div(I + P, with_e),
        "RR5": div(I, D), "RR6": div(I + P, D),
        "COOP1": div(I, (I + P) + R + O), "COOP2": div(I + P, (I + P) + R + O),
        "COOP3": div(I, (I + P) + R), "COOP4": div(I + P, (I + P) + R),
        "REF1": div(R, D + U), "REF2": div(R, with_e), "REF3": div(R, D),
        "CON1": div((I + P) + R + O, D + U), "CON2": div((I + P) + R + O, with_e), "CON3": div((I + P) + R + O, D),
    }
    return n, e, rates


def status(directory: Path, *extra: str) -> dict:
    return json.loads(run("cases", "status", "--data", str(directory), "--json", *extra).stdout)


def assert_matches(directory: Path, fixed_e: float | None = None, *extra: str) -> dict:
    report = status(directory, *extra)  # first: opening the store creates cases.sqlite when absent
    stored = stored_codes(directory)
    counts, e, rates = expected_rates([code for code, _ in stored], fixed_e)
    block = report["responseRates"]
    assert block["counts"] == counts
    assert block["unclassified"] == 0
    assert block["finalCases"] == sum(1 for _, final in stored if final)
    assert block["openCases"] == sum(1 for _, final in stored if not final)
    if e is None:
        assert block["e"] is None
    else:
        assert block["e"] == pytest.approx(e, abs=1e-9)
    assert sorted(block["rates"]) == sorted(RATE_NAMES)
    for name in RATE_NAMES:
        if rates[name] is None:
            assert block["rates"][name] is None, name
        else:
            assert block["rates"][name] is not None, name
            assert abs(block["rates"][name] - rates[name]) <= 1e-9, (name, block["rates"][name], rates[name])
    # The disposition table holds the same codes, split into final and interim.
    table: dict[tuple[str, str], int] = {}
    for code, final in stored:
        key = (code, "final" if final else "interim")
        table[key] = table.get(key, 0) + 1
    assert {(row["code"], row["kind"]): row["count"] for row in report["dispositions"]} == table
    assert all(row["group"] == group_of(row["code"]) for row in report["dispositions"])
    return report


# --- fixtures with known dispositions --------------------------------------------------------------

FINAL_CODES = ["1.1", "1.2", "2.11", "2.12", "2.20", "2.21", "2.221", "2.222", "3.12", "3.13", "3.14", "3.90",
               "4.10", "4.20", "4.31", "4.51", "4.91"]
# Open cases: (interim code, status, attempts, last outcome, ever eligible, soft refusals).
OPEN_STATES = [
    ("3.11", "fresh", 0, None, 0, 0),
    ("3.12", "retry", 1, "busy", 0, 0),
    ("3.13", "retry", 2, "no-answer", 0, 0),
    ("3.14", "retry", 1, "answering-machine-no-message", 0, 0),
    ("2.21", "retry", 1, "gatekeeper-call-back", 1, 0),
    ("2.221", "retry", 2, "answering-machine-message-left", 1, 0),
    ("2.20", "retry", 2, "no-answer", 1, 0),
    ("2.11", "refusal-conversion", 1, "soft-refusal", 1, 1),
]


def import_cases(directory: Path, count: int) -> None:
    sample = directory / "sample.csv"
    rows = ["case_id,business_name,phone"] + [f"C{i:04d},Business {i},020 7946 {i % 1000:04d}" for i in range(count)]
    sample.write_text("\n".join(rows) + "\n")
    result = run("cases", "import", str(sample), "--data", str(directory))
    assert f"Imported {count} case(s)" in result.stdout


def set_codes(directory: Path, seed: int) -> None:
    """Fixture set-up only: gives each imported case a final code or an open state, at random."""
    rng = random.Random(seed)
    with sqlite3.connect(directory / "cases.sqlite") as db:
        for (seq,) in db.execute("SELECT seq FROM cases").fetchall():
            if rng.random() < 0.6:
                code = rng.choice(FINAL_CODES)
                status_name = {"1.1": "complete", "1.2": "partial"}.get(code, "final-non-interview")
                db.execute("UPDATE cases SET final_code = ?, status = ?, interim_code = NULL, tier = NULL, queue = NULL, attempts = 1"
                           " WHERE seq = ?", (code, status_name, seq))
            else:
                code, status_name, attempts, last, eligible, soft = rng.choice(OPEN_STATES)
                db.execute("UPDATE cases SET interim_code = ?, status = ?, attempts = ?, last_outcome = ?, ever_eligible = ?,"
                           " soft_refusals = ?, tier = 3, queue = 3 WHERE seq = ?",
                           (code, status_name, attempts, last, eligible, soft, seq))


# --- tests -----------------------------------------------------------------------------------------

def test_empty_store_has_no_rates_and_is_not_closed(survey: Path) -> None:
    report = assert_matches(survey)
    assert report["total"] == 0
    assert all(value is None for value in report["responseRates"]["rates"].values())
    assert report["responseRates"]["eMethod"] == "proportional"
    closing = run("cases", "close-wave", "--data", str(survey))
    assert closing.stdout.strip() == "no cases in the store; nothing to close"
    with sqlite3.connect(survey / "cases.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM meta WHERE key = 'wave_closed_at'").fetchone()[0] == 0


def test_all_fresh_cases_close_as_not_attempted(survey: Path) -> None:
    run("cases", "import", str(ROOT / "Questionnaires" / "samples" / "demo-sample.csv"), "--data", str(survey))
    before = assert_matches(survey)
    assert [(r["code"], r["kind"]) for r in before["dispositions"]] == [("3.11", "interim")]
    closing = json.loads(run("cases", "close-wave", "--data", str(survey), "--json").stdout)
    assert closing["closed"] is True
    assert closing["assigned"] == [{"code": "3.11", "label": "not attempted", "count": 3}]
    assert stored_codes(survey) == [("3.11", True)] * 3
    after = assert_matches(survey)
    assert after["responseRates"]["e"] is None
    assert after["responseRates"]["rates"]["RR1"] == 0
    assert after["responseRates"]["rates"]["RR5"] is None
    assert after["waveClosedAt"] is not None
    shown = run("cases", "show", "DEMO-0001", "--data", str(survey), "--json")
    assert json.loads(shown.stdout)["finalRule"] == "close-wave: never attempted → 3.11"
    # A second closing is refused unless --again.
    again = run("cases", "close-wave", "--data", str(survey), check=False)
    assert again.returncode != 0
    assert "--again" in again.stderr
    assert json.loads(run("cases", "close-wave", "--data", str(survey), "--again", "--json").stdout)["casesClosed"] == 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mixed_store_mid_wave_and_after_closing(survey: Path, seed: int) -> None:
    import_cases(survey, 240)
    set_codes(survey, seed)
    mid = assert_matches(survey)
    assert mid["responseRates"]["openCases"] > 0
    assert mid["responseRates"]["eMethod"] == "proportional"
    open_before = {code for code, final in stored_codes(survey) if not final}

    fixed = assert_matches(survey, 0.3, "--e", "0.3")
    assert fixed["responseRates"]["eMethod"] == "fixed by --e"

    (survey / "scheduling.json").write_text(json.dumps({"eligibilityRate": 0.6}))
    from_rules = assert_matches(survey, 0.6)
    assert from_rules["responseRates"]["eMethod"] == "fixed by scheduling.json eligibilityRate"
    assert assert_matches(survey, 0.25, "--e", "0.25")["responseRates"]["eMethod"] == "fixed by --e"
    (survey / "scheduling.json").unlink()

    closing = json.loads(run("cases", "close-wave", "--data", str(survey), "--json").stdout)
    assert closing["casesClosed"] == mid["responseRates"]["openCases"]
    after = assert_matches(survey)
    assert after["responseRates"]["openCases"] == 0
    # Closing gives each open case exactly the interim code it stood at.
    assert {row["code"] for row in after["dispositions"]} >= open_before
    assert sorted(code for code, _ in stored_codes(survey)) == sorted(
        [row["code"] for row in mid["dispositions"] for _ in range(row["count"])])


def test_only_ineligible_cases(survey: Path) -> None:
    import_cases(survey, 5)
    with sqlite3.connect(survey / "cases.sqlite") as db:
        db.execute("UPDATE cases SET final_code = '4.31', status = 'final-non-interview', interim_code = NULL, tier = NULL, queue = NULL")
    report = assert_matches(survey)
    assert report["responseRates"]["e"] == 0
    assert all(value is None for value in report["responseRates"]["rates"].values())


def test_bad_eligibility_rate_is_refused_with_the_key(survey: Path) -> None:
    (survey / "scheduling.json").write_text(json.dumps({"eligibilityRate": 1.5}))
    result = run("cases", "status", "--data", str(survey), check=False)
    assert result.returncode != 0
    assert "eligibilityRate" in result.stderr
    (survey / "scheduling.json").unlink()
    result = run("cases", "status", "--data", str(survey), "--e=-0.1", check=False)
    assert result.returncode != 0
    assert "--e must be a share between 0 and 1" in result.stderr
