"""End-to-end: the second round of analysts' exports (issue 17) on a small survey of its own:

* storage sized to the data: .dta whole numbers as byte/int/long, strings as wide as the longest
  value (case_id too), far fewer bytes a row than 255-byte strings and doubles;
* long text (3,000 bytes) survives whole in .sav (very long string) and .dta (strL), read back by
  pyreadstat, PSPP and R haven; don't know on a text question is the documented code "-1";
* a multiple-response set per multiple-choice question in the .sav (pyreadstat `mr_sets`, PSPP
  `MRSETS /DISPLAY`) and a note naming the group in the .dta;
* the long file of a loop (`--level`): joined to the wide file in pandas, it gives the wide values.

Journals come from `fieldwork simulate`; a few text answers are rewritten (with valid checksums,
journal_lines.py) to a long text and to don't know, which the simulator never writes.
Binary: $FIELDWORK_BIN (default .build/debug/fieldwork).
"""
import json
import os
import shutil
import subprocess

import pytest

from journal_lines import journals, read_records, write_records, text_answers
from tmux_harness import fieldwork_binary

BIN = fieldwork_binary()
LONG_TEXT = ("Ein Kunde fragte nach dem Weg; é à ü — " * 100)[:2990] + "ENDE"  # multi-byte UTF-8, over 2,045 bytes

QUESTIONNAIRE = {
    "id": "shops", "version": "1", "title": "Shop Survey",
    "languages": ["en"], "defaultLanguage": "en",
    "missingCodes": {"dontKnow": -1, "refused": -2},
    "targetMinutes": 10,
    "sections": [{"id": "main", "title": "Main", "items": [
        {"id": "q_kind", "type": "single", "text": "What kind of shop is this?", "label": "Kind of shop",
         "options": [{"code": 1, "name": "food", "label": "Food"}, {"code": 2, "name": "clothes", "label": "Clothes"},
                     {"code": 3, "name": "other", "label": "Other"}]},
        {"id": "q_staff", "type": "integer", "text": "How many people work here?", "min": 1, "max": 90, "label": "Staff"},
        {"id": "q_turnover", "type": "integer", "text": "Turnover last year in pounds?", "min": 0, "max": 50000000,
         "label": "Turnover"},
        {"id": "q_story", "type": "text", "text": "Tell us about the last busy day.", "maxLength": 3000,
         "label": "Last busy day", "allowDontKnow": True},
        {"id": "q_media", "type": "multiple", "text": "Where do you advertise?", "label": "Advertising",
         "options": [{"code": 1, "name": "radio", "label": "Radio"}, {"code": 2, "name": "paper", "label": "Newspaper"},
                     {"code": 3, "name": "web", "label": "Website"}, {"code": 9, "name": "none", "label": "Nowhere",
                                                                       "exclusive": True}]},
        {"id": "ads", "type": "loop", "forEach": "q_media", "askIf": "not ('none' in q_media)", "items": [
            {"id": "a_cost", "type": "integer", "text": "What did {item.label} advertising cost last month?",
             "min": 0, "max": 20000, "label": "Advertising cost"},
            {"id": "a_worth", "type": "single", "text": "Was {item.label} advertising worth it?", "label": "Worth it",
             "options": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
        ]},
    ]}],
}


def run(*args, check=True):
    result = subprocess.run([BIN, *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}:\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    if not os.path.exists(BIN):
        pytest.skip(f"no fieldwork binary at {BIN}")
    tmp = tmp_path_factory.mktemp("storage")
    path = tmp / "shops.json"
    path.write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    data = tmp / "survey"
    run("simulate", str(path), "--count", "120", "--seed", "5", "--write", str(data))
    # One completed interview gets a 3,000-byte story, another answers don't know.
    rewritten = {}
    for journal in journals(data):
        records = read_records(journal)
        if not any(r["kind"] == "interview.complete" for r in records):
            continue
        answers = [r for r in text_answers(records) if "q_story" in json.dumps(r["data"])]
        if not answers:
            continue
        if "long" not in rewritten:
            answers[-1]["data"]["response"] = {"text": LONG_TEXT}
            rewritten["long"] = records[0]["case"]
        elif "dk" not in rewritten:
            answers[-1]["data"]["response"] = {"dk": True}
            rewritten["dk"] = records[0]["case"]
        else:
            break
        write_records(journal, records)
    assert set(rewritten) == {"long", "dk"}, rewritten
    out = {"dir": tmp, "data": data, **rewritten}
    for fmt in ("csv", "sav", "dta"):
        target = tmp / f"shops.{fmt}"
        run("export", "--data", str(data), "--format", fmt, "--out", str(target))
        out[fmt] = target
    return out


def dta_storage(path):
    """Each variable's storage from the .dta 118 header itself (Stata's documented type codes):
    str1-str2045 are their width, strL 32768, then double, float, long, int, byte from 65526 up."""
    import struct
    raw = path.read_bytes()
    count = struct.unpack("<H", raw[raw.index(b"<K>") + 3:raw.index(b"<K>") + 5])[0]
    start = raw.index(b"<variable_types>") + len(b"<variable_types>")
    codes = struct.unpack(f"<{count}H", raw[start:start + 2 * count])
    names_at = raw.index(b"<varnames>") + len(b"<varnames>")
    names = [raw[names_at + 129 * i:names_at + 129 * (i + 1)].split(b"\0")[0].decode() for i in range(count)]
    kinds = {65530: ("byte", 1), 65529: ("int", 2), 65528: ("long", 4), 65527: ("float", 4), 65526: ("double", 8),
             32768: ("strL", 8)}
    return {name: kinds.get(code, (f"str{code}", code)) for name, code in zip(names, codes)}


def test_dta_storage_types_are_sized_to_the_data(survey):
    storage = dta_storage(survey["dta"])
    kinds = {name: kind for name, (kind, _) in storage.items()}
    assert kinds["q_staff"] == "byte" and kinds["q_kind"] == "byte" and kinds["q_media_radio"] == "byte", kinds
    assert kinds["a_cost_web"] == "int" and kinds["q_turnover"] == "long", kinds
    assert kinds["q_story"] == "strL", kinds  # the 3,000-character answer
    with open(survey["csv"], newline="", encoding="utf-8") as handle:
        import csv
        rows = list(csv.DictReader(handle))
    # Strings are as wide as their longest value (case_id too).
    for name in ("case_id", "status", "interviewer", "disposition", "language"):
        assert kinds[name] == f"str{max(1, max(len(row[name].encode()) for row in rows))}", (name, kinds[name])
    # A row of this survey took 8 bytes a number and 255 a string; now a few dozen bytes.
    before = sum(255 if kind.startswith("str") else 8 for kind in kinds.values())
    after = sum(size for _, size in storage.values())
    assert after * 5 < before, (after, before)


def test_long_text_survives_in_every_reader(survey, tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    for fmt, reader in (("sav", pyreadstat.read_sav), ("dta", pyreadstat.read_dta)):
        frame, _ = reader(str(survey[fmt]))
        story = frame.loc[frame["case_id"] == survey["long"], "q_story"].iloc[0]
        assert story == LONG_TEXT, (fmt, len(story), len(LONG_TEXT))
    if shutil.which("Rscript"):
        script = tmp_path / "read.R"
        script.write_text(
            "library(haven)\n"
            f"s <- read_sav('{survey['sav']}')\n"
            f"d <- read_dta('{survey['dta']}')\n"
            f"cat(nchar(s$q_story[s$case_id == '{survey['long']}'], type='bytes'), "
            f"nchar(d$q_story[d$case_id == '{survey['long']}'], type='bytes'), "
            f"substr(s$q_story[s$case_id == '{survey['long']}'], 2991, 2994), '\\n')\n")
        result = subprocess.run(["Rscript", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        expected = len(LONG_TEXT.encode())
        assert result.stdout.split() == [str(expected), str(expected), "ENDE"], result.stdout
    if shutil.which("pspp"):
        syntax = tmp_path / "story.sps"
        syntax.write_text(f"GET FILE='{survey['sav']}'.\nSELECT IF case_id = '{survey['long']}'.\n"
                          "COMPUTE n = LENGTH(RTRIM(q_story)).\n"
                          "STRING t (A4).\nCOMPUTE t = SUBSTR(q_story, n - 3, 4).\nLIST n t.\n")
        result = subprocess.run(["pspp", "-o", str(tmp_path / "story.csv"), str(syntax)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        listing = (tmp_path / "story.csv").read_text(encoding="utf-8")
        assert f"{len(LONG_TEXT.encode())}.00,ENDE" in listing, listing


def test_dont_know_on_text_is_the_code(survey):
    pyreadstat = pytest.importorskip("pyreadstat")
    import csv
    with open(survey["csv"], newline="", encoding="utf-8") as handle:
        rows = {row["case_id"]: row for row in csv.DictReader(handle)}
    assert rows[survey["dk"]]["q_story"] == "-1"
    # The same text code in .sav and .dta (not declared user-missing: see docs/exports.md).
    for reader in (pyreadstat.read_sav, pyreadstat.read_dta):
        frame, _ = reader(str(survey["sav" if reader is pyreadstat.read_sav else "dta"]))
        assert frame.loc[frame["case_id"] == survey["dk"], "q_story"].iloc[0] == "-1"
    # The CSV dictionary declares the codes of the text variable.
    with open(str(survey["csv"]).replace(".csv", ".variables.csv"), newline="", encoding="utf-8") as handle:
        story = next(row for row in csv.DictReader(handle) if row["name"] == "q_story")
    assert story["missing"] == "-1;-2", story


def test_multiple_response_sets(survey, tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    _, meta = pyreadstat.read_sav(str(survey["sav"]), metadataonly=True)
    sets = meta.mr_sets
    # pyreadstat names a set without SPSS's "$" (PSPP below shows "$q_media").
    assert set(sets) == {"q_media"}, sets
    media = sets["q_media"]
    assert media["type"] == "D" and media["is_dichotomy"] and str(media["counted_value"]) == "1", media
    assert media["label"] == "Advertising", media
    assert [name.lower() for name in media["variable_list"]] == ["q_media_radio", "q_media_paper", "q_media_web", "q_media_none"], media
    if shutil.which("pspp"):
        syntax = tmp_path / "mr.sps"
        syntax.write_text(f"GET FILE='{survey['sav']}'.\nMRSETS /DISPLAY NAME=ALL.\n")
        result = subprocess.run(["pspp", "-o", str(tmp_path / "mr.csv"), str(syntax)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        shown = (tmp_path / "mr.csv").read_text(encoding="utf-8")
        assert "$q_media" in shown and "Advertising" in shown and "q_media_web" in shown, shown
    _, dta = pyreadstat.read_dta(str(survey["dta"]), metadataonly=True)
    notes = " ".join(dta.notes)
    assert "q_media" in notes and "q_media_radio q_media_paper q_media_web q_media_none" in notes, dta.notes


def test_loop_long_file_joins_back_to_the_wide_file(survey, tmp_path):
    pandas = pytest.importorskip("pandas")
    pyreadstat = pytest.importorskip("pyreadstat")
    wide = pandas.read_csv(survey["csv"], dtype={"case_id": str})
    long_csv = tmp_path / "ads.csv"
    run("export", "--data", str(survey["data"]), "--format", "csv", "--level", "ads", "--out", str(long_csv))
    long = pandas.read_csv(long_csv, dtype={"case_id": str})
    assert list(long.columns[:3]) == ["case_id", "item_code", "item_label"], list(long.columns)
    assert {"a_cost", "a_worth"} <= set(long.columns)
    names = {1: "radio", 2: "paper", 3: "web"}
    # Every pass a wide row made (its cost or worth answered) is one long row, and no others.
    expected = sum(int((wide[f"a_cost_{n}"].notna() | wide[f"a_worth_{n}"].notna()).sum()) for n in names.values())
    assert len(long) == expected and expected > 0, (len(long), expected)
    joined = long.merge(wide, on="case_id", how="left", validate="many_to_one")
    assert joined["q_kind"].notna().all()
    for _, row in joined.iterrows():
        name = names[row["item_code"]]
        assert row["item_label"] == {"radio": "Radio", "paper": "Newspaper", "web": "Website"}[name]
        for variable in ("a_cost", "a_worth"):
            same = (row[variable] == row[f"{variable}_{name}"]) or (pandas.isna(row[variable]) and pandas.isna(row[f"{variable}_{name}"]))
            assert same, (variable, row["case_id"], row[variable], row[f"{variable}_{name}"])
    # The same long file as .sav and .dta, read back with the same values.
    for fmt, reader in (("sav", pyreadstat.read_sav), ("dta", pyreadstat.read_dta)):
        target = tmp_path / f"ads.{fmt}"
        run("export", "--data", str(survey["data"]), "--format", fmt, "--level", "ads", "--out", str(target))
        frame, meta = reader(str(target), **({"user_missing": True} if fmt == "sav" else {}))
        assert len(frame) == len(long)
        # .sav keeps don't know as -1 (user-missing); .dta has it as a tagged missing value.
        expected = long["a_cost"].fillna(-99).astype(float)
        if fmt == "dta":
            expected = expected.where(expected >= 0, -99)
        assert list(frame["a_cost"].fillna(-99)) == list(expected), fmt
        assert meta.variable_value_labels["item_code"] == {1.0: "Radio", 2.0: "Newspaper", 3.0: "Website"} or \
            meta.variable_value_labels["item_code"] == {1: "Radio", 2: "Newspaper", 3: "Website"}


def test_level_names_an_unknown_loop(survey, tmp_path):
    result = run("export", "--data", str(survey["data"]), "--format", "csv", "--level", "nosuch",
                 "--out", str(tmp_path / "x.csv"), check=False)
    assert result.returncode == 1
    assert "nosuch" in result.stderr and "ads" in result.stderr, result.stderr


# The order DDI-Codebook 2.5's schema (codebook.xsd, varType) requires of a var's children; the
# test checks the written elements keep it.
VAR_SEQUENCE = ["location", "labl", "imputation", "security", "embargo", "respUnit", "anlysUnit", "qstn", "valrng",
                "invalrng", "undocCod", "universe", "TotlResp", "sumStat", "txt", "stdCatgry", "catgryGrp", "catgry",
                "codInstr", "verStmt", "concept", "derivation", "varFormat", "geomap", "catLevel", "notes"]
DDI = "{ddi:codebook:2_5}"


def test_ddi_codebook(survey, tmp_path):
    import csv
    import xml.etree.ElementTree as ET
    from collections import Counter
    out = tmp_path / "shops.xml"
    run("codebook", "--data", str(survey["data"]), "--format", "ddi", "--out", str(out))
    root = ET.parse(out).getroot()  # well-formed XML, or this raises
    assert root.tag == DDI + "codeBook" and root.get("version") == "2.5"
    assert [child.tag for child in root] == [DDI + "stdyDscr", DDI + "fileDscr", DDI + "dataDscr"]
    assert root.find(f"{DDI}stdyDscr/{DDI}citation/{DDI}titlStmt/{DDI}titl").text == "Shop Survey"
    assert root.find(f"{DDI}stdyDscr/{DDI}citation/{DDI}titlStmt/{DDI}IDNo").text == "shops"
    dates = {d.get("event"): d.get("date") for d in root.iter(DDI + "collDate")}
    assert set(dates) == {"start", "end"} and dates["start"] <= dates["end"], dates
    # A simulated survey has a case store with final codes: the response rates are there.
    assert any(r.text.startswith("RR1") for r in root.iter(DDI + "respRate")), [r.text for r in root.iter(DDI + "respRate")]
    with open(survey["csv"], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert root.find(f"{DDI}fileDscr/{DDI}fileTxt/{DDI}dimensns/{DDI}caseQnty").text == str(len(rows))
    variables = {v.get("name"): v for v in root.iter(DDI + "var")}
    assert len(variables) == len(rows[0])
    for name, var in variables.items():
        order = [VAR_SEQUENCE.index(child.tag.removeprefix(DDI)) for child in var]
        assert order == sorted(order), (name, [child.tag for child in var])
    kind = variables["q_kind"]
    assert kind.find(f"{DDI}qstn/{DDI}qstnLit").text == "What kind of shop is this?"
    frequencies = {c.find(DDI + "catValu").text: int(c.find(f"{DDI}catStat[@type='freq']").text)
                   for c in kind.iter(DDI + "catgry") if c.get("missing") != "Y"}
    counted = Counter(row["q_kind"] for row in rows)
    assert frequencies == {code: counted.get(code, 0) for code in ("1", "2", "3")}, (frequencies, counted)
    missing = {c.find(DDI + "catValu").text: int(c.find(f"{DDI}catStat[@type='freq']").text)
               for c in kind.iter(DDI + "catgry") if c.get("missing") == "Y"}
    assert missing == {code: counted.get(code, 0) for code in ("-1", "-2")}, (missing, counted)
    # Percentages over the valid answers (the base leaves out the missing codes), from the counts.
    valid = sum(frequencies.values())
    for c in kind.iter(DDI + "catgry"):
        if c.get("missing") == "Y":
            assert c.find(f"{DDI}catStat[@type='percent']") is None
            continue
        percent = float(c.find(f"{DDI}catStat[@type='percent']").text)
        assert abs(percent - 100 * int(c.find(f"{DDI}catStat[@type='freq']").text) / valid) < 0.051
    story = variables["q_story"]
    missing = [c for c in story.iter(DDI + "catgry") if c.get("missing") == "Y"]
    assert [(c.find(DDI + "catValu").text, c.find(DDI + "labl").text, c.find(f"{DDI}catStat[@type='freq']").text) for c in missing] \
        == [(code, label, str(sum(1 for row in rows if row["q_story"] == code))) for code, label in (("-1", "Don't know"), ("-2", "Refused"))]
    assert [i.get("VALUE") for i in story.iter(DDI + "item")] == ["-1", "-2"]
    # Universe in the printed questionnaire's words: the loop and its condition.
    universe = variables["a_cost_web"].find(DDI + "universe").text
    assert "q_media" in universe and "ads" in universe, universe
    assert "advertising cost last month" in variables["a_cost_web"].find(f"{DDI}qstn/{DDI}qstnLit").text
    groups = [g for g in root.iter(DDI + "varGrp") if g.get("type") == "multipleResp"]
    ids = {v.get("ID"): name for name, v in variables.items()}
    assert [[ids[i] for i in g.get("var").split()] for g in groups] == [["q_media_radio", "q_media_paper", "q_media_web", "q_media_none"]]


def test_markdown_and_html_codebooks_have_wording_percentages_and_contents(survey):
    import csv
    import re
    from collections import Counter
    from html.parser import HTMLParser
    with open(survey["csv"], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    md = run("codebook", "--data", str(survey["data"]), "--format", "md").stdout
    kind = md.split("## q_kind\n", 1)[1].split("\n## ", 1)[0]
    assert "- **Question:** What kind of shop is this?" in kind
    counted = Counter(row["q_kind"] for row in rows)
    valid = sum(counted[c] for c in ("1", "2", "3"))
    assert f"percentages of the {valid} valid answer(s)" in kind
    for code, label in (("1", "Food"), ("2", "Clothes"), ("3", "Other")):
        line = next(l for l in kind.splitlines() if l.startswith(f"| {code} | {label} |"))
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[2] == str(counted[code])
        assert abs(float(cells[3].rstrip("%")) - 100 * counted[code] / valid) < 0.051, (line, counted, valid)
    dk = next(l for l in kind.splitlines() if l.startswith("| -1 |"))
    assert dk.rstrip().endswith("|  |"), dk  # a missing code is outside the base: no percentage

    page = run("codebook", "--data", str(survey["data"]), "--format", "html").stdout

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.hrefs, self.ids, self.in_nav = [], set(), False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "nav":
                self.in_nav = True
            if "id" in attrs:
                self.ids.add(attrs["id"])
            if tag == "a" and self.in_nav:
                self.hrefs.append(attrs["href"])

        def handle_endtag(self, tag):
            if tag == "nav":
                self.in_nav = False

    links = Links()
    links.feed(page)
    # Every variable is in the contents and every contents link lands on an element.
    assert {h[1:] for h in links.hrefs} >= set(rows[0])
    assert all(h[1:] in links.ids for h in links.hrefs), [h for h in links.hrefs if h[1:] not in links.ids]
    # The loop's six variables are grouped under it in the contents.
    loop_block = re.search(r"loop <a href=\"#loop-ads\">ads</a> \((\d+) variables\)", page)
    assert loop_block and loop_block.group(1) == "6", loop_block
    assert "@media print" in page


def test_spss_syntax_beside_the_csv_reads_it_with_labels_and_missing_values(survey, tmp_path):
    """PSPP runs the .sps written beside the CSV; the dataset it builds has the .sav's labels,
    missing values and values (compared with pyreadstat's reading of the .sav)."""
    if shutil.which("pspp") is None:
        pytest.skip("pspp is not installed")
    pyreadstat = pytest.importorskip("pyreadstat")
    sps = survey["csv"].with_suffix(".sps")
    do = survey["csv"].with_suffix(".do")
    assert sps.exists() and do.exists()
    out = tmp_path / "from_csv.sav"
    syntax = tmp_path / "run.sps"
    syntax.write_text(f"CD '{survey['dir']}'.\nINCLUDE FILE='{sps.name}'.\nSAVE OUTFILE='{out}'.\n", encoding="utf-8")
    result = subprocess.run(["pspp", "-o", str(tmp_path / "log.txt"), str(syntax)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr + (tmp_path / "log.txt").read_text()
    log = (tmp_path / "log.txt").read_text()
    assert "error" not in log.lower(), log
    mine, meta = pyreadstat.read_sav(str(out), user_missing=True, disable_datetime_conversion=True)
    theirs, reference = pyreadstat.read_sav(str(survey["sav"]), user_missing=True, disable_datetime_conversion=True)
    assert list(mine.columns) == list(theirs.columns)
    assert meta.column_names_to_labels == reference.column_names_to_labels
    for name in ("q_kind", "q_staff", "a_worth_web", "q_media_web"):
        assert meta.variable_value_labels.get(name) == reference.variable_value_labels.get(name), name
        assert meta.missing_ranges.get(name) == reference.missing_ranges.get(name), name
    for name in ("q_kind", "q_staff", "q_turnover", "a_cost_radio", "start_time", "end_time", "duration_s"):
        assert list(mine[name].fillna(-99)) == list(theirs[name].fillna(-99)), name
    assert list(mine["case_id"]) == list(theirs["case_id"])
    # The Stata syntax (no Stata here to run it): tagged missing values and labels as in the .dta.
    text = do.read_text(encoding="utf-8")
    assert "import delimited using `\"shops.csv\"'" in text
    assert "replace q_kind = .a if q_kind == -1" in text and "replace q_kind = .b if q_kind == -2" in text
    assert "label define q_kind 1 `\"Food\"' 2 `\"Clothes\"' 3 `\"Other\"' .a `\"Don't know\"' .b `\"Refused\"', replace" in text
    assert "format start_time %tc" in text
