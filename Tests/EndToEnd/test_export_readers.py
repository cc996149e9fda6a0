"""Reads Fieldwork's export self-test files with readers that share no code with ReadStat:
pandas (its own .dta and CSV readers) and R's foreign::read.spss (.sav).

The files come from the test driver `fieldwork-testkit export-selftest --out DIR`, which writes the
fixed datasets ExportSampleDataset, ExportDateSample (dates.*) and ExportLongTextSample. The date
files are also read with PSPP and pyreadstat when installed. Binary: $FIELDWORK_BIN, default
.build/debug/fieldwork (build it first with `swift build --product fieldwork`).
"""

import math
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from tmux_harness import fieldwork_testkit_binary

REPO = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_testkit_binary())
LONG_TEXT = "£" * 1500 + "end"


def run_selftest(out: Path, *extra: str) -> subprocess.CompletedProcess:
    if not BIN.exists():
        pytest.fail(f"{BIN} not found: run `swift build` or set FIELDWORK_TESTKIT_BIN")
    return subprocess.run([str(BIN), "export-selftest", "--out", str(out), *extra],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    result = run_selftest(out)
    assert result.returncode == 0, result.stderr
    return out


# --- Stata (.dta) through pandas -------------------------------------------------------------

def test_dta_values_and_value_labels(exported):
    df = pd.read_stata(exported / "selftest.dta")  # convert_categoricals=True by default
    assert list(df.columns) == ["caseid", "sector", "turnover", "comment"]
    assert list(df["caseid"]) == [1, 2, 3, 4, 5]
    assert list(df["sector"].astype(object)[[0, 1, 4]]) == ["Retail", "Café & hospitality", "Finance"]
    # Don't know / refused are missing in Stata, not substantive categories.
    assert df["sector"].isna().tolist() == [False, False, True, True, False]
    assert df["turnover"][0] == 12.5 and df["turnover"][4] == 0.25
    assert df["comment"].tolist() == [
        "Rent is £2,000 a month", 'Café owner said "too dear"', "Line one\nline two, Zoë", "", ""]


def test_dta_variable_labels_and_file_label(exported):
    with pd.io.stata.StataReader(exported / "selftest.dta") as reader:
        labels = reader.variable_labels()
        data_label = reader.data_label
        value_labels = reader.value_labels()
    assert labels == {
        "caseid": "Case identifier",
        "sector": "Which sector is your business mainly in?",
        "turnover": "Annual turnover (£m)",
        "comment": "Any other comments? (Zoë's probe)",
    }
    assert data_label == "Business Attitudes Survey – export self-test"
    sector = {int(k): v for k, v in value_labels["sector"].items()}
    assert sector[1] == "Retail" and sector[2] == "Finance" and sector[3] == "Café & hospitality"
    # Tagged missing values .a and .b are labelled (Stata stores them as 2147483622, 2147483623).
    assert sector[2147483622] == "Don't know"
    assert sector[2147483623] == "Refused"
    turnover = {int(k): v for k, v in value_labels["turnover"].items()}
    assert turnover == {2147483622: "Don't know", 2147483623: "Refused"}


def test_dta_tagged_missing_values(exported):
    df = pd.read_stata(exported / "selftest.dta", convert_categoricals=False, convert_missing=True)

    def kind(value):
        if isinstance(value, pd.io.stata.StataMissingValue):
            return value.string  # "." system-missing, ".a" don't know, ".b" refused
        return float(value)

    assert [kind(v) for v in df["sector"]] == [1.0, 3.0, ".b", ".a", 2.0]
    assert [kind(v) for v in df["turnover"]] == [12.5, ".a", ".b", ".", 0.25]


def test_dta_long_text_is_kept_whole_as_strl(exported):
    df = pd.read_stata(exported / "longtext.dta")
    assert df["essay"].tolist() == [LONG_TEXT, "short é", ""]


# --- CSV through pandas ----------------------------------------------------------------------

def test_csv_bytes_are_rfc4180_utf8(exported):
    raw = (exported / "selftest.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert raw.startswith(b"caseid,sector,turnover,comment\r\n")
    raw.decode("utf-8")  # valid UTF-8


def test_csv_values(exported):
    df = pd.read_csv(exported / "selftest.csv", encoding="utf-8", keep_default_na=False, na_values=[""])
    assert df["caseid"].tolist() == [1, 2, 3, 4, 5]
    assert df["sector"].tolist() == [1, 3, -2, -1, 2]  # DK/Ref as their codes
    turnover = df["turnover"].tolist()
    assert turnover[:3] == [12.5, -1, -2] and math.isnan(turnover[3]) and turnover[4] == 0.25
    comments = df["comment"].tolist()
    assert comments[:3] == ["Rent is £2,000 a month", 'Café owner said "too dear"', "Line one\nline two, Zoë"]
    assert all(isinstance(c, float) and math.isnan(c) for c in comments[3:])


def test_csv_labels_and_variables_files(exported):
    labels = pd.read_csv(exported / "selftest.labels.csv", encoding="utf-8")
    assert list(labels.columns) == ["variable", "value", "label"]
    rows = set(zip(labels["variable"], labels["value"], labels["label"]))
    assert ("sector", 3, "Café & hospitality") in rows
    assert ("sector", -1, "Don't know") in rows and ("sector", -2, "Refused") in rows
    assert ("turnover", -2, "Refused") in rows
    assert len(rows) == 7

    variables = pd.read_csv(exported / "selftest.variables.csv", encoding="utf-8", keep_default_na=False)
    assert list(variables.columns) == ["name", "label", "type", "decimals", "max_bytes", "missing"]
    by_name = variables.set_index("name")
    assert by_name.loc["turnover", "label"] == "Annual turnover (£m)"
    assert by_name.loc["turnover", "type"] == "numeric"
    assert str(by_name.loc["turnover", "decimals"]) == "2"
    assert by_name.loc["sector", "missing"] == "-1;-2"
    assert by_name.loc["comment", "type"] == "string"


# --- SPSS (.sav) through R's foreign ----------------------------------------------------------

R_SCRIPT = r"""
suppressWarnings(suppressMessages(library(foreign)))
d <- suppressWarnings(read.spss(commandArgs(TRUE)[1], to.data.frame = FALSE,
                                use.value.labels = FALSE, reencode = "UTF-8"))
put <- function(key, value) cat(key, "\t", paste(value, collapse = "|"), "\n", sep = "")
vl <- attr(d, "variable.labels")
for (n in names(vl)) put(paste0("varlabel.", n), vl[[n]])
for (n in c("sector", "turnover")) {
  labs <- attr(d[[n]], "value.labels")
  put(paste0("values.", n), paste(labs, names(labs), sep = "=") )
  put(paste0("missing.", n), attr(d, "missings")[[n]]$value)
}
put("data.sector", d$sector)
put("data.turnover", ifelse(is.na(d$turnover), "NA", d$turnover))
put("data.comment", gsub("\n", "\\\\n", trimws(d$comment, which = "right")))
"""

R_LONG = r"""
suppressWarnings(suppressMessages(library(haven)))
d <- read_sav(commandArgs(TRUE)[1])
e <- trimws(d$essay, which = "right")
cat(nchar(e[1], type = "bytes"), nchar(e[1], type = "chars"), e[2], "\n", sep = "\t")
"""


def run_r(script: str, path: Path) -> str:
    if shutil.which("Rscript") is None:
        pytest.skip("Rscript is not installed (apt-get install r-base-core r-cran-foreign)")
    check = subprocess.run(["Rscript", "-e", "library(foreign)"], capture_output=True, text=True)
    if check.returncode != 0:
        pytest.skip("R package foreign is not installed (apt-get install r-cran-foreign)")
    result = subprocess.run(["Rscript", "-e", script, str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_sav_read_by_r_foreign(exported):
    out = run_r(R_SCRIPT, exported / "selftest.sav")
    facts = dict(line.split("\t", 1) for line in out.splitlines() if "\t" in line)
    assert facts["varlabel.caseid"] == "Case identifier"
    assert facts["varlabel.turnover"] == "Annual turnover (£m)"
    assert facts["varlabel.comment"] == "Any other comments? (Zoë's probe)"
    sector_labels = set(facts["values.sector"].split("|"))
    assert sector_labels == {"1=Retail", "2=Finance", "3=Café & hospitality", "-1=Don't know", "-2=Refused"}
    assert set(facts["values.turnover"].split("|")) == {"-1=Don't know", "-2=Refused"}
    assert facts["missing.sector"] == "-1|-2"
    assert facts["missing.turnover"] == "-1|-2"
    assert facts["data.sector"] == "1|3|-2|-1|2"
    assert facts["data.turnover"] == "12.5|-1|-2|NA|0.25"
    assert facts["data.comment"] == ('Rent is £2,000 a month|Café owner said "too dear"|'
                                     "Line one\\nline two, Zoë||")


def test_sav_long_text_is_kept_whole(exported):
    """A 3,003-byte text is a very long string in the .sav, read back whole by R haven (foreign's
    read.spss shows such a string's 255-byte segments as separate variables: docs/exports.md)."""
    check = subprocess.run(["Rscript", "-e", "library(haven)"], capture_output=True, text=True) if shutil.which("Rscript") else None
    if check is None or check.returncode != 0:
        pytest.skip("R haven is not installed")
    out = run_r(R_LONG, exported / "longtext.sav")
    byte_count, char_count, second = out.strip("\n").split("\t")[:3]
    assert (int(byte_count), int(char_count)) == (3003, 1503)  # 1,500 "£" and "end"
    assert second == "short é"


# --- Dates (dates.*): 2026-11-30, don't know, refused, not asked, 1970-01-01, 1960-01-01 ----------

DATES = ["2026-11-30", None, None, None, "1970-01-01", "1960-01-01"]
DATE_CODES = [None, -1, -2, None, None, None]  # don't know, refused


def test_dta_dates_read_by_pandas_as_datetimes(exported):
    df = pd.read_stata(exported / "dates.dta", convert_categoricals=False)
    assert str(df["incident"].dtype).startswith("datetime64")
    assert [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in df["incident"]] == DATES
    with pd.io.stata.StataReader(exported / "dates.dta") as reader:
        reader.read(1)
        assert dict(zip(reader._varlist, reader._fmtlist))["incident"] == "%td"
        labels = reader.value_labels()["incident"]
    assert {int(k): v for k, v in labels.items()} == {2147483622: "Don't know", 2147483623: "Refused"}


def test_dta_dates_are_days_since_1960_with_tagged_missing(exported):
    df = pd.read_stata(exported / "dates.dta", convert_categoricals=False, convert_missing=True, convert_dates=False)

    def kind(value):
        return value.string if isinstance(value, pd.io.stata.StataMissingValue) else float(value)

    assert [kind(v) for v in df["incident"]] == [24440.0, ".a", ".b", ".", 3653.0, 0.0]


def test_csv_dates_are_iso_text_with_codes(exported):
    df = pd.read_csv(exported / "dates.csv", dtype=str, keep_default_na=False)
    assert df["incident"].tolist() == ["2026-11-30", "-1", "-2", "", "1970-01-01", "1960-01-01"]
    parsed = pd.to_datetime(df["incident"].where(df["incident"].str.len() == 10), format="%Y-%m-%d")
    assert [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in parsed] == DATES
    variables = pd.read_csv(exported / "dates.variables.csv", keep_default_na=False).set_index("name")
    assert variables.loc["incident", "type"] == "date"
    assert variables.loc["incident", "missing"] == "-1;-2"
    labels = pd.read_csv(exported / "dates.labels.csv")
    assert set(zip(labels["variable"], labels["value"], labels["label"])) == {
        ("incident", -1, "Don't know"), ("incident", -2, "Refused")}


def test_sav_dates_read_by_pyreadstat(exported):
    pyreadstat = pytest.importorskip("pyreadstat")
    df, meta = pyreadstat.read_sav(str(exported / "dates.sav"))
    assert meta.original_variable_types["incident"] == "SDATE10"
    assert [None if pd.isna(v) else str(v) for v in df["incident"]] == DATES
    assert meta.variable_value_labels["incident"] == {-1.0: "Don't know", -2.0: "Refused"}
    raw, raw_meta = pyreadstat.read_sav(str(exported / "dates.sav"), user_missing=True,
                                        disable_datetime_conversion=True)
    assert raw_meta.missing_ranges["incident"] == [{"lo": -1.0, "hi": -1.0}, {"lo": -2.0, "hi": -2.0}]
    stored = [None if math.isnan(v) else v for v in raw["incident"]]
    # Seconds since 1582-10-14; the codes themselves for don't know and refused.
    assert stored == [14015376000.0, -1.0, -2.0, None, 12219379200.0, 11903760000.0]


def test_sav_dates_read_by_pspp(exported, tmp_path):
    if shutil.which("pspp") is None:
        pytest.skip("pspp is not installed (apt-get install pspp)")
    syntax = tmp_path / "read.sps"
    syntax.write_text(f"GET FILE='{exported / 'dates.sav'}'.\nDISPLAY DICTIONARY.\nLIST.\n"
                      "FREQUENCIES VARIABLES=incident.\n")
    result = subprocess.run(["pspp", "-o", str(tmp_path / "out.csv"), str(syntax)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert "incident,2,Date of the most recent incident,Scale,Input,8,Right,SDATE10,SDATE10,-1; -2" in lines
    for listed in ["1,2026/11/30", "5,1970/01/01", "6,1960/01/01"]:
        assert listed in lines
    # Don't know and refused are counted as missing, with their labels; not-asked is system-missing.
    start = lines.index("Table: Date of the most recent incident")
    table = lines[start:start + 9]
    assert "Missing,.,1,16.7%,," in table
    assert ",Refused,1,16.7%,," in table and ",Don't know,1,16.7%,," in table
    assert "Valid,1960/01/01,1,16.7%,33.3%,33.3%" in table


def test_sav_dates_read_by_r_foreign(exported):
    out = run_r(R_DATES, exported / "dates.sav")
    facts = dict(line.split("\t", 1) for line in out.splitlines() if "\t" in line)
    assert facts["dates"] == "2026-11-30|-1|-2|NA|1970-01-01|1960-01-01"
    assert facts["missing"] == "-1|-2"
    assert set(facts["labels"].split("|")) == {"-1=Don't know", "-2=Refused"}


R_DATES = r"""
suppressWarnings(suppressMessages(library(foreign)))
d <- suppressWarnings(read.spss(commandArgs(TRUE)[1], to.data.frame = FALSE, use.value.labels = FALSE))
x <- d$incident
shown <- ifelse(is.na(x), "NA", ifelse(x < 0, as.character(x), format(as.Date(x / 86400, origin = "1582-10-14"))))
put <- function(key, value) cat(key, "\t", paste(value, collapse = "|"), "\n", sep = "")
put("dates", shown)
put("missing", attr(d, "missings")$incident$value)
labs <- attr(x, "value.labels")
put("labels", paste(labs, names(labs), sep = "="))
"""


# --- Overwrite protection through the command line --------------------------------------------

def test_existing_files_need_force(tmp_path):
    first = run_selftest(tmp_path)
    assert first.returncode == 0, first.stderr
    before = (tmp_path / "selftest.sav").read_bytes()
    second = run_selftest(tmp_path)
    assert second.returncode != 0
    assert "exists; pass --force to replace it" in second.stderr
    assert (tmp_path / "selftest.sav").read_bytes() == before
    forced = run_selftest(tmp_path, "--force")
    assert forced.returncode == 0, forced.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
