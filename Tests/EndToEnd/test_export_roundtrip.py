"""End-to-end: simulate BAS interviews into a survey directory, export CSV/.sav/.dta, and read the
files back with independent readers (pandas for .dta and CSV, PSPP for .sav, R's foreign if
installed), comparing every answer cell with the journals read here directly.

Binary: $FIELDWORK_BIN (default .build/debug/fieldwork).
"""
import csv
import glob
import json
import math
import os
import shutil
import subprocess
import tempfile

import pytest

from tmux_harness import fieldwork_binary

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = fieldwork_binary()
QUESTIONNAIRE = os.path.join(ROOT, "Questionnaires", "bas.json")
COUNT = 150


def run(*args, check=True):
    result = subprocess.run([BIN, *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}:\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def survey():
    if not os.path.exists(BIN):
        pytest.skip(f"no fieldwork binary at {BIN}")
    tmp = tempfile.mkdtemp(prefix="fw-roundtrip-")
    data = os.path.join(tmp, "survey")
    run("simulate", QUESTIONNAIRE, "--count", str(COUNT), "--seed", "7", "--write", data)
    outputs = {}
    for fmt in ("csv", "sav", "dta"):
        path = os.path.join(tmp, f"bas.{fmt}")
        result = run("export", "--data", data, "--format", fmt, "--out", path)
        outputs[fmt] = path
        outputs[fmt + "_stderr"] = result.stderr
    yield {"dir": tmp, "data": data, **outputs}
    shutil.rmtree(tmp, ignore_errors=True)


# --- The questionnaire and journals, read independently ------------------------------------

def load_plan():
    """Column name → (question id, pass, how to read the answer) for every answer column."""
    q = json.load(open(QUESTIONNAIRE))
    frames = q["codeFrames"]
    questions = {}

    def options_of(item):
        if "options" in item:
            return item["options"]
        return frames.get(item.get("codeFrame"), [])

    def walk(items, loops):
        for item in items:
            kind = item.get("type")
            if kind == "loop":
                if "forEach" in item:
                    source = questions[item["forEach"]]["item"]
                    passes = [(i + 1, o["name"]) for i, o in enumerate(options_of(source)) if not o.get("exclusive")]
                elif "forEachOption" in item:
                    name = item["forEachOption"]
                    named_set = q.get("optionSets", {}).get(name)
                    frame = frames[named_set["codeFrame"] if named_set else name]
                    wanted = set(named_set["options"]) if named_set else None
                    passes = [(i + 1, o["name"]) for i, o in enumerate(frame)
                              if not o.get("exclusive") and (wanted is None or o["name"] in wanted)]
                else:
                    passes = [(n, str(n)) for n in range(1, item["max"] + 1)]
                walk(item["items"], loops + [passes])
            elif kind not in ("computed", "statement", "end") and not item.get("identifier"):
                # Questions marked identifier (personal data) are exported only with --include-identifiers.
                questions[item["id"]] = {"item": item, "loops": loops}

    for section in q["sections"]:
        walk(section["items"], [])

    columns = {}  # name -> (qid, pass tuple, reader)
    for qid, info in questions.items():
        item, loops = info["item"], info["loops"]
        combos = [((), "")]
        for passes in loops:
            combos = [(p + (n,), s + "_" + name) for p, s in combos for n, name in passes]
        for passno, sfx in combos:
            kind = item["type"]
            if kind == "multiple":
                for o in options_of(item):
                    columns[f"{qid}_{o['name']}{sfx}"] = (qid, passno, ("option", o["code"]))
            elif kind == "grid":
                for gi, gitem in enumerate(item["items"]):
                    columns[f"{qid}_{gitem['name']}{sfx}"] = (qid, passno, ("grid", gi))
            else:
                columns[qid + sfx] = (qid, passno, ("value", kind))
            for o in options_of(item):
                if o.get("specify"):
                    columns[f"{qid}_{o['name']}_spec{sfx}"] = (qid, passno, ("specify", o["code"]))
    return q, columns


def parse_address(text):
    if "[" not in text:
        return text, ()
    qid, rest = text.split("[", 1)
    return qid, tuple(int(x) for x in rest.rstrip("]").split(","))


def read_journals(data):
    """case id → {"complete": bool, "answers": {(qid, pass): response}, "events": n}."""
    cases = {}
    for path in glob.glob(os.path.join(data, "journals", "*", "*.jsonl")):
        case_id = os.path.basename(path)[: -len(".jsonl")]
        answers, complete, events = {}, False, 0
        for line in open(path, encoding="utf-8"):
            record = json.loads(line)
            kind = record["kind"]
            if kind.startswith("interview."):
                events += 1
            if kind in ("interview.answer", "interview.dontknow", "interview.refused"):
                answers[parse_address(record["data"]["question"])] = record["data"]["response"]
            if kind == "interview.complete":
                complete = True
        cases[case_id] = {"complete": complete, "answers": answers, "events": events}
    return cases


def expected_cell(response, reader):
    """What the export must hold for this answer: a number, text, or None (system-missing)."""
    how, arg = reader
    if response is None:
        return None
    # Don't know/refused get their codes everywhere: numbers, dates, and text (the code as text "-1").
    if response.get("dk"):
        return None if how in ("specify",) else (-1 if arg != "text" else "-1")
    if response.get("refused"):
        return None if how in ("specify",) else (-2 if arg != "text" else "-2")
    if "missing" in response:
        # An extra missing code ("too many to count") carries the code declared in missingCodes.extra.
        extra = json.load(open(QUESTIONNAIRE))["missingCodes"].get("extra", [])
        return next(e["code"] for e in extra if e["name"] == response["missing"])
    if how == "option":
        return 1 if arg in response.get("choices", []) else 0
    if how == "grid":
        return expected_cell(response["grid"][arg], ("value", "single"))
    if how == "specify":
        if response.get("choice") == arg:
            return response.get("specify")
        if arg in response.get("choices", []):
            return response.get("specify", {}).get(str(arg))
        return None
    if "choice" in response:
        return response["choice"]
    if "number" in response:
        return response["number"]
    if "text" in response:
        return response["text"]
    if "date" in response:
        return response["date"]
    return None


def dk_question():
    """The first top-level single-choice question that allows both don't know and refused."""
    q = json.load(open(QUESTIONNAIRE))
    for section in q["sections"]:
        for item in section["items"]:
            if item.get("type") == "single" and item.get("allowDontKnow", True) and item.get("allowRefused", True):
                return item["id"]
    raise AssertionError("no question allows don't know and refused")


def date_columns():
    _, columns = load_plan()
    names = [n for n, (_, _, r) in columns.items() if r == ("value", "date")]
    assert names, "the questionnaire has date questions"
    return names


def date_cells(rows):
    """(row index, column, CSV text) for every date cell, with proof that the sample holds
    dates, don't know and not-asked cells (so every date check below is exercised)."""
    cells = [(i, name, row[name]) for i, row in enumerate(rows) for name in date_columns()]
    texts = [t for _, _, t in cells]
    assert any(len(t) == 10 and t[4] == "-" for t in texts), "no answered date in the sample"
    assert "-1" in texts, "no don't know on a date in the sample"
    assert "" in texts, "no unasked date in the sample"
    return cells


TIME_COLUMNS = ("start_time", "end_time")
SPSS_ORIGIN_S = 12_219_379_200   # 1970-01-01 minus 1582-10-14, in seconds
STATA_ORIGIN_S = 315_619_200     # 1970-01-01 minus 1960-01-01, in seconds


def time_cells(rows):
    """(row index, column, CSV text) for every interview start/end; every one is set (exported
    interviews all have a sitting) and the CSV keeps the UTC text form."""
    import re
    cells = [(i, name, row[name]) for i, row in enumerate(rows) for name in TIME_COLUMNS]
    assert cells
    for i, name, text in cells:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", text), f"row {i} {name}: {text!r}"
    # Whole seconds matter: the sample has times that are not on the minute.
    assert any(not t.endswith(":00Z") for _, _, t in cells)
    return cells


def unix_seconds(text):
    """Seconds since 1970-01-01 00:00:00 UTC of `2026-01-05T09:30:00Z`."""
    import calendar
    import time
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))


def iso_text(moment):
    """A naive (UTC) datetime as the CSV writes it."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def days_since_1970(text):
    import datetime
    return (datetime.date.fromisoformat(text) - datetime.date(1970, 1, 1)).days


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def same(expected, actual):
    if expected is None:
        return actual in ("", None) or (isinstance(actual, float) and math.isnan(actual))
    if isinstance(expected, (int, float)):
        try:
            return abs(float(actual) - float(expected)) < 1e-6
        except (TypeError, ValueError):
            return False
    return str(actual) == str(expected)


# --- Tests -----------------------------------------------------------------------------------

def test_csv_matches_every_journal_answer(survey):
    _, columns = load_plan()
    journals = read_journals(survey["data"])
    rows = read_csv(survey["csv"])
    completes = sorted(c for c, j in journals.items() if j["complete"])
    assert [r["case_id"] for r in rows] == completes
    assert len(rows) > 0
    checked = 0
    for row in rows:
        answers = journals[row["case_id"]]["answers"]
        assert row["status"] == "complete"
        assert row["disposition"] == "1.1"
        assert row["q_version"] == "2025.1-draft"
        for name, (qid, passno, reader) in columns.items():
            assert name in row, f"column {name} missing from the export"
            want = expected_cell(answers.get((qid, passno)), reader)
            assert same(want, row[name]), f"{row['case_id']} {name}: journal says {want!r}, export has {row[name]!r}"
            checked += 1
    assert checked > 10000


def test_csv_companions_describe_labels_and_missing(survey):
    base = survey["csv"][: -len(".csv")]
    variables = {r["name"]: r for r in read_csv(base + ".variables.csv")}
    labels = read_csv(base + ".labels.csv")
    name = dk_question()
    assert variables[name]["type"] == "numeric"
    assert variables[name]["missing"] == "-1;-2"
    assert variables["case_id"]["type"] == "string"
    coded = {r["value"]: r["label"] for r in labels if r["variable"] == name}
    assert coded.get("1") and coded.get("-1") == "Don't know" and coded.get("-2") == "Refused"
    assert "phone" not in variables and "business_name" not in variables
    for name in TIME_COLUMNS:
        assert variables[name]["type"] == "datetime", name
        assert variables[name]["max_bytes"] == "20" and variables[name]["missing"] == "", name
    for name in date_columns():
        assert variables[name]["type"] == "date", name
        assert variables[name]["missing"] == "-1;-2", name
        dated = {r["value"]: r["label"] for r in labels if r["variable"] == name}
        assert dated == {"-1": "Don't know", "-2": "Refused"}, name


def test_dta_read_by_pandas_matches_csv(survey):
    pd = pytest.importorskip("pandas")
    # pandas cannot convert %td columns holding tagged missing values to dates (dates are checked
    # in test_dta_dates_read_by_pandas), so this read keeps the stored numbers.
    frame = pd.read_stata(survey["dta"], convert_categoricals=False, convert_missing=True, convert_dates=False)
    reader = pd.io.stata.StataReader(survey["dta"])
    with reader:
        labels = reader.variable_labels()
        value_labels = reader.value_labels()
    rows = read_csv(survey["csv"])
    assert len(frame) == len(rows)
    assert labels["s_trading"]
    assert any("Don't know" in v.values() or "Don't know" in [str(x) for x in v.values()] for v in value_labels.values())
    _, columns = load_plan()
    numeric = [n for n, (_, _, r) in columns.items() if r[0] != "specify" and r[1] not in ("text", "date")]
    for i, row in enumerate(rows):
        for name in numeric:
            cell = frame.at[i, name]
            text = row[name]
            if text == "-1":
                assert str(cell) == ".a", f"{name}: {cell!r}"
            elif text == "-2":
                assert str(cell) == ".b", f"{name}: {cell!r}"
            elif text == "-3":
                # The first extra missing code ("too many to count") is Stata's .c.
                assert str(cell) == ".c", f"{name}: {cell!r}"
            elif text == "":
                assert str(cell) == "." or (isinstance(cell, float) and math.isnan(cell)), f"{name}: {cell!r}"
            else:
                assert abs(float(cell) - float(text)) < 1e-6, f"row {i} {name}: {cell!r} vs {text}"


def test_dta_dates_read_by_pandas(survey):
    pd = pytest.importorskip("pandas")
    rows = read_csv(survey["csv"])
    # Stored: days since 1960-01-01 with display format %td; don't know/refused as .a/.b.
    raw = pd.read_stata(survey["dta"], convert_categoricals=False, convert_missing=True, convert_dates=False)
    with pd.io.stata.StataReader(survey["dta"]) as reader:
        reader.read(1)
        formats = dict(zip(reader._varlist, reader._fmtlist))
    dates = pd.read_stata(survey["dta"], convert_categoricals=False)  # %td → datetime64
    checked = 0
    for i, name, text in date_cells(rows):
        assert formats[name] == "%td", name
        assert str(dates[name].dtype).startswith("datetime64"), (name, dates[name].dtype)
        cell = raw.at[i, name]
        if text == "-1":
            assert str(cell) == ".a", f"{name}: {cell!r}"
            assert pd.isna(dates.at[i, name])
        elif text == "-2":
            assert str(cell) == ".b", f"{name}: {cell!r}"
            assert pd.isna(dates.at[i, name])
        elif text == "":
            assert str(cell) == "." or (isinstance(cell, float) and math.isnan(cell)), f"{name}: {cell!r}"
            assert pd.isna(dates.at[i, name])
        else:
            assert float(cell) == days_since_1970(text) + 3653, f"row {i} {name}: {cell!r} vs {text}"
            assert dates.at[i, name].strftime("%Y-%m-%d") == text, f"row {i} {name}"
            checked += 1
    assert checked > 0


def test_dta_times_read_by_pandas(survey):
    pd = pytest.importorskip("pandas")
    rows = read_csv(survey["csv"])
    # Stored: Stata %tc, milliseconds since 1960-01-01 00:00:00 as doubles.
    raw = pd.read_stata(survey["dta"], convert_categoricals=False, convert_dates=False)
    with pd.io.stata.StataReader(survey["dta"]) as reader:
        reader.read(1)
        formats = dict(zip(reader._varlist, reader._fmtlist))
        types = dict(zip(reader._varlist, reader._dtyplist))
    times = pd.read_stata(survey["dta"], convert_categoricals=False)  # %tc → datetime64
    for name in TIME_COLUMNS:
        assert formats[name] == "%tc", name
        assert str(times[name].dtype).startswith("datetime64"), (name, times[name].dtype)
        assert str(raw[name].dtype) == "float64" and "float64" in str(types[name]), (name, types[name])
    for i, name, text in time_cells(rows):
        assert raw.at[i, name] == (unix_seconds(text) + STATA_ORIGIN_S) * 1000, f"row {i} {name}: {raw.at[i, name]!r} vs {text}"
        assert iso_text(times.at[i, name]) == text, f"row {i} {name}: {times.at[i, name]!r} vs {text}"


def test_dta_times_read_by_pyreadstat(survey):
    pyreadstat = pytest.importorskip("pyreadstat")
    rows = read_csv(survey["csv"])
    times, meta = pyreadstat.read_dta(survey["dta"])  # %tc → datetime
    for name in TIME_COLUMNS:
        assert meta.original_variable_types[name] == "%tc", name
    for i, name, text in time_cells(rows):
        assert iso_text(times.at[i, name]) == text, f"row {i} {name}: {times.at[i, name]!r} vs {text}"


def test_sav_times_read_by_pyreadstat(survey):
    pyreadstat = pytest.importorskip("pyreadstat")
    rows = read_csv(survey["csv"])
    times, meta = pyreadstat.read_sav(survey["sav"])  # DATETIME20 → datetime
    raw, _ = pyreadstat.read_sav(survey["sav"], disable_datetime_conversion=True)
    for name in TIME_COLUMNS:
        assert meta.original_variable_types[name] == "DATETIME20", name
        assert name not in meta.missing_ranges, name
    for i, name, text in time_cells(rows):
        assert raw.at[i, name] == unix_seconds(text) + SPSS_ORIGIN_S, f"row {i} {name}: {raw.at[i, name]!r} vs {text}"
        assert iso_text(times.at[i, name]) == text, f"row {i} {name}: {times.at[i, name]!r} vs {text}"


def test_sav_dates_read_by_pyreadstat(survey):
    pyreadstat = pytest.importorskip("pyreadstat")
    rows = read_csv(survey["csv"])
    dates, meta = pyreadstat.read_sav(survey["sav"])  # SDATE10 → datetime.date; user-missing → NaN
    raw, raw_meta = pyreadstat.read_sav(survey["sav"], user_missing=True, disable_datetime_conversion=True)
    checked = 0
    for i, name, text in date_cells(rows):
        assert meta.original_variable_types[name] == "SDATE10", name
        assert raw_meta.missing_ranges[name] == [{"lo": -1.0, "hi": -1.0}, {"lo": -2.0, "hi": -2.0}], name
        assert meta.variable_value_labels[name] == {-1.0: "Don't know", -2.0: "Refused"}, name
        cell, seconds = dates.at[i, name], raw.at[i, name]
        if text in ("-1", "-2"):
            assert seconds == float(text), f"{name}: {seconds!r}"
            assert cell is None or pd_isna(cell), f"{name}: user-missing read as {cell!r}"
        elif text == "":
            assert math.isnan(seconds) and (cell is None or pd_isna(cell)), f"{name}: {cell!r}"
        else:
            assert seconds == (days_since_1970(text) + 141428) * 86400, f"{name}: {seconds!r} vs {text}"
            assert str(cell)[:10] == text, f"row {i} {name}: {cell!r} vs {text}"
            checked += 1
    assert checked > 0


def pd_isna(value):
    import pandas as pd
    return pd.isna(value)


def test_sav_read_by_pspp_matches_csv(survey):
    if not shutil.which("pspp"):
        pytest.skip("pspp not installed")
    out_csv = os.path.join(survey["dir"], "pspp.csv")
    raw_csv = os.path.join(survey["dir"], "pspp-raw.csv")
    syntax = os.path.join(survey["dir"], "read.sps")
    with open(syntax, "w") as f:
        f.write(f"GET FILE='{survey['sav']}'.\n")
        f.write(f"DISPLAY DICTIONARY /VARIABLES={dk_question()} p_online_website {date_columns()[0]} {' '.join(TIME_COLUMNS)}.\n")
        # Dates as PSPP shows them (SAVE TRANSLATE writes mm/dd/yyyy), then as stored (seconds, codes).
        f.write(f"SAVE TRANSLATE /OUTFILE='{out_csv}' /TYPE=CSV /FIELDNAMES /REPLACE.\n")
        f.write(f"FORMATS {' '.join(date_columns())} {' '.join(TIME_COLUMNS)} (F14.0).\n")
        f.write(f"SAVE TRANSLATE /OUTFILE='{raw_csv}' /TYPE=CSV /FIELDNAMES /REPLACE.\n")
    result = subprocess.run(["pspp", "-O", "format=txt", "-o", os.path.join(survey["dir"], "dict.txt"),
                             "-o", os.path.join(survey["dir"], "dict.csv"), syntax],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    dictionary = open(os.path.join(survey["dir"], "dict.txt"), encoding="utf-8").read()
    assert "Don't know" in dictionary and "Refused" in dictionary
    assert "-1" in dictionary
    table = open(os.path.join(survey["dir"], "dict.csv"), encoding="utf-8").read()
    date_line = next(line for line in table.splitlines() if line.startswith(date_columns()[0] + ","))
    assert date_line.endswith(",Scale,Input,8,Right,SDATE10,SDATE10,-1; -2"), date_line
    for name in TIME_COLUMNS:
        time_line = next(line for line in table.splitlines() if line.startswith(name + ","))
        assert time_line.endswith(",Scale,Input,8,Right,DATETIME20.0,DATETIME20.0,"), time_line
    pspp_rows = read_csv(out_csv)
    raw_rows = read_csv(raw_csv)
    rows = read_csv(survey["csv"])
    assert len(pspp_rows) == len(rows) == len(raw_rows)
    dates = set(date_columns())
    checked_dates = 0
    for i, name, text in date_cells(rows):
        shown, stored = pspp_rows[i][name].strip(), raw_rows[i][name].strip()
        if text in ("-1", "-2"):
            # Before SPSS's origin, so not shown as a date; stored as the code, user-missing.
            assert shown == "" and stored == text, f"{name}: {shown!r} {stored!r}"
        elif text == "":
            assert shown == "" and stored in ("", "."), f"{name}: {shown!r} {stored!r}"
        else:
            year, month, day = text.split("-")
            assert shown == f"{month}/{day}/{year}", f"{name}: PSPP shows {shown!r} for {text}"
            assert int(stored) == (days_since_1970(text) + 141428) * 86400, f"{name}: {stored!r} vs {text}"
            checked_dates += 1
    assert checked_dates > 0
    import datetime
    for i, name, text in time_cells(rows):
        shown, stored = pspp_rows[i][name].strip(), raw_rows[i][name].strip()
        # SAVE TRANSLATE writes DATETIME values as mm/dd/yyyy hh:mm:ss.
        moment = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
        assert shown == moment.strftime("%m/%d/%Y %H:%M:%S"), f"{name}: PSPP shows {shown!r} for {text}"
        assert int(stored) == unix_seconds(text) + SPSS_ORIGIN_S, f"{name}: {stored!r} vs {text}"
    for mine, theirs in zip(rows, pspp_rows):
        for name, value in mine.items():
            if name in dates or name in TIME_COLUMNS:
                continue  # checked above
            other = theirs[name].strip()
            if value == "":
                assert other in ("", "."), f"{name}: {other!r}"
            else:
                try:
                    assert abs(float(other) - float(value)) < 1e-6, f"{mine['case_id']} {name}: {other!r} vs {value!r}"
                except ValueError:
                    assert other == value.strip(), f"{mine['case_id']} {name}: {other!r} vs {value!r}"


def test_sav_read_by_r_foreign(survey):
    if not shutil.which("Rscript"):
        pytest.skip("R not installed")
    probe = subprocess.run(["Rscript", "-e", "library(foreign)"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("R package foreign not installed")
    script = (f"d <- foreign::read.spss('{survey['sav']}', to.data.frame=FALSE, use.value.labels=FALSE);"
              "cat(length(d$case_id), sum(d$s_trading == 1, na.rm=TRUE), '\\n');"
              "cat(attr(d, 'variable.labels')[['s_trading']], '\\n');"
              f"x <- d[['{date_columns()[0]}']];"
              "cat(paste(ifelse(is.na(x), 'NA', ifelse(x < 0, as.character(x),"
              " format(as.Date(x / 86400, origin = '1582-10-14')))), collapse = ' '), '\\n');"
              f"cat(attr(d, 'missings')[['{date_columns()[0]}']]$value, '\\n');"
              "for (v in c('start_time', 'end_time')) cat(format(as.POSIXct(d[[v]], origin = '1582-10-14', tz = 'UTC'),"
              " '%Y-%m-%dT%H:%M:%SZ'), '\\n')")
    result = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first, label, r_dates, r_missing, r_starts, r_ends = result.stdout.splitlines()[:6]
    # R's foreign gives the stored seconds: converted from SPSS's origin they are the CSV's dates,
    # and don't know/refused are the declared user-missing codes.
    csv_dates = [r[date_columns()[0]] or "NA" for r in read_csv(survey["csv"])]
    assert r_dates.split() == csv_dates
    assert any(len(t) == 10 for t in csv_dates)
    assert r_missing.split() == ["-1", "-2"]
    # The stored seconds, counted from SPSS's origin in UTC, are the CSV's instants.
    time_cells(read_csv(survey["csv"]))
    assert r_starts.split() == [r["start_time"] for r in read_csv(survey["csv"])]
    assert r_ends.split() == [r["end_time"] for r in read_csv(survey["csv"])]
    n, trading = (int(x) for x in first.split())
    rows = read_csv(survey["csv"])
    assert n == len(rows)
    assert trading == sum(1 for r in rows if r["s_trading"] == "1")
    assert label.strip()


def test_codebook_has_labels_and_frequencies(survey):
    result = run("codebook", "--data", survey["data"], "--format", "md")
    text = result.stdout
    rows = read_csv(survey["csv"])
    yes = sum(1 for r in rows if r["s_trading"] == "1")
    section = text.split("## s_trading\n", 1)[1].split("\n## ", 1)[0]
    assert "Asked:" in section
    assert f"| 1 | " in section and f"| {yes} |" in section
    date_name = date_columns()[0]
    dated = text.split(f"## {date_name}\n", 1)[1].split("\n## ", 1)[0]
    assert "- **Type:** date (SPSS SDATE10, Stata %td; YYYY-MM-DD text in CSV)" in dated
    assert "- **Missing codes:** -1 = Don't know, -2 = Refused" in dated
    started = text.split("## start_time\n", 1)[1].split("\n## ", 1)[0]
    assert "- **Type:** date-time, UTC (SPSS DATETIME20, Stata %tc; YYYY-MM-DDTHH:MM:SSZ text in CSV)" in started
    dk = sum(1 for r in rows if r[date_name] == "-1")
    assert f"| -1 | Don't know (missing) | {dk} |" in dated
    html = run("codebook", "--data", survey["data"], "--format", "html").stdout
    assert "<h3>s_trading</h3>" in html and "href=\"#s_trading\"" in html
    assert "<script" not in html


def test_paradata_has_one_row_per_event(survey):
    out = os.path.join(survey["dir"], "paradata.csv")
    run("export", "--paradata", "--data", survey["data"], "--out", out)
    rows = read_csv(out)
    journals = read_journals(survey["data"])
    assert len(rows) == sum(j["events"] for j in journals.values())
    shown = [r for r in rows if r["event"] == "shown"]
    assert shown and all(r["seconds_on_question"] != "" for r in shown[:50])
    summary = read_csv(os.path.join(survey["dir"], "paradata.interviewers.csv"))
    assert summary[0]["interviewer"] == "sim"
    assert int(summary[0]["interviews"]) == sum(1 for j in journals.values() if j["complete"])


def test_misuse_and_refusals(survey):
    again = run("export", "--data", survey["data"], "--format", "csv", "--out", survey["csv"], check=False)
    assert again.returncode == 1 and "--force" in again.stderr
    bad = run("export", "--data", survey["data"], "--format", "xls", "--out", "x", check=False)
    assert bad.returncode == 2
    missing = run("export", "--data", os.path.join(survey["dir"], "nope"), "--format", "csv", "--out", "y.csv", check=False)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr and "Fatal" not in missing.stderr
