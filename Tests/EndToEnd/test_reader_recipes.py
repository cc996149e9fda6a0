"""Issue 9: the reader recipes in docs/exports.md work with the installed readers. Each recipe is
taken from the page (a fenced block starting `# recipe: NAME`), pointed at the export self-test's
date files (`fieldwork-testkit export-selftest`: ExportDateSample, whose `incident` column holds a date,
don't know, refused, not asked and three more dates) and run.

Binary: $FIELDWORK_BIN, default .build/debug/fieldwork.
"""
import math
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from tmux_harness import fieldwork_testkit_binary

REPO = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_testkit_binary())
DOC = REPO / "docs" / "exports.md"
DATES = ["2026-11-30", None, None, None, "1970-01-01", "1960-01-01"]


def recipe(name: str) -> tuple[str, str]:
    """The language and code of the recipe called `name` in docs/exports.md."""
    blocks = re.findall(r"```(python|r)\n(# recipe: ([a-z0-9-]+)\n.*?)```", DOC.read_text(), re.S)
    found = [(language, code) for language, code, title in blocks if title == name]
    assert len(found) == 1, f"docs/exports.md has {len(found)} recipe(s) named {name}"
    return found[0]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    if not BIN.exists():
        pytest.fail(f"{BIN} not found: run `swift build` or set FIELDWORK_TESTKIT_BIN")
    out = tmp_path_factory.mktemp("recipes")
    result = subprocess.run([str(BIN), "export-selftest", "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return out


def run_python(name: str, files: Path) -> dict:
    language, code = recipe(name)
    assert language == "python"
    code = code.replace('"survey.dta"', repr(str(files / "dates.dta"))).replace('"survey.sav"', repr(str(files / "dates.sav")))
    scope: dict = {}
    exec(compile(code, f"docs/exports.md:{name}", "exec"), scope)
    return scope


def run_r(name: str, files: Path, library: str, show: str) -> str:
    if shutil.which("Rscript") is None:
        pytest.fail("Rscript is not installed: source scripts/lib/dependencies.sh; fieldwork_test_dependencies")
    probe = subprocess.run(["Rscript", "-e", f"library({library})"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.fail(f"R package {library} is missing: source scripts/lib/dependencies.sh; fieldwork_test_dependencies")
    language, code = recipe(name)
    assert language == "r"
    code = code.replace('"survey.dta"', f'"{files / "dates.dta"}"').replace('"survey.sav"', f'"{files / "dates.sav"}"')
    result = subprocess.run(["Rscript", "-e", code + "\n" + show], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_pandas_dta_missing_codes(files):
    scope = run_python("pandas-dta-missing-codes", files)
    assert [c if isinstance(c, str) else float(c) for c in scope["codes"]] == [24440.0, ".a", ".b", ".", 3653.0, 0.0]


def test_pandas_dta_missing_codes_needs_convert_categoricals_false(files):
    """Why the recipe says convert_categoricals=False: without it this pandas fails on the labelled
    tagged missing values. If a later pandas reads it, the warning in the docs can go."""
    with pytest.raises(TypeError, match="StataMissingValue"):
        pd.read_stata(files / "dates.dta", convert_missing=True, convert_dates=False)


def test_pandas_dta_dates(files):
    df = run_python("pandas-dta-dates", files)["df"]
    assert [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in df["incident"]] == DATES


def test_pyreadstat_sav_codes(files):
    pytest.importorskip("pyreadstat")
    scope = run_python("pyreadstat-sav-codes", files)
    stored = [None if math.isnan(v) else v for v in scope["df"]["incident"]]
    assert stored == [14015376000.0, -1.0, -2.0, None, 12219379200.0, 11903760000.0]
    assert scope["meta"].missing_ranges["incident"] == [{"lo": -1.0, "hi": -1.0}, {"lo": -2.0, "hi": -2.0}]


def test_haven_sav_dates(files):
    out = run_r("haven-sav-dates", files, "haven", 'cat(ifelse(is.na(d$incident), "NA", format(d$incident)), sep = "|")')
    assert out == "2026-11-30|NA|NA|NA|1970-01-01|1960-01-01"


def test_haven_user_na_turns_date_codes_into_one_early_date(files):
    """The caveat in the docs: with user_na = TRUE haven gives both codes as day -141428 (1582-10-13)."""
    out = run_r("haven-sav-dates", files, "haven",
                'cat(as.numeric(unclass(read_sav("' + str(files / "dates.sav") + '", user_na = TRUE)$incident)), sep = "|")')
    assert out.split("|")[1:3] == ["-141428", "-141428"]


def test_haven_dta_missing_codes(files):
    out = run_r("haven-dta-missing-codes", files, "haven", 'cat(ifelse(is.na(kind), "NA", kind), sep = "|")')
    assert out == "NA|a|b|NA|NA|NA"


def test_foreign_sav_codes(files):
    out = run_r("foreign-sav-codes", files, "foreign",
                'cat(ifelse(is.na(x), "NA", x), sep = "|"); cat("\\n"); cat(ifelse(is.na(dates), "NA", format(dates)), sep = "|")')
    codes, dates = out.splitlines()
    assert codes.split("|")[1:4] == ["-1", "-2", "NA"]
    assert dates == "2026-11-30|NA|NA|NA|1970-01-01|1960-01-01"
