"""End-to-end: issue 17's last two pieces, on a small survey of its own.

* The long file of a loop nested in another (`export --level runs`): one row per inner pass, keyed
  by the case, the outer loop's item (`outer_code`/`outer_label`) and the inner item
  (`item_code`/`item_label`). Joined back to the wide file in pandas on the case key, each long
  value equals the wide column named by both items (`r_weeks_<outer name>_<n>`), and every pass
  the wide file holds is exactly one long row. Read again from .sav and .dta, the values agree.
* The routing of individual options in the codebooks: an option with `showIf` is shown with its
  condition in words in the Markdown, HTML and DDI codebooks (per category for a single choice;
  on the option's own column, with "0 also where the option was not offered", for a multiple
  choice), and options without a condition are not.

Journals come from `fieldwork simulate`. Binary: $FIELDWORK_BIN (default .build/debug/fieldwork).
"""
import csv
import json
import os
import subprocess
import xml.etree.ElementTree as ET

import pytest

from tmux_harness import fieldwork_binary

BIN = fieldwork_binary()

QUESTIONNAIRE = {
    "id": "campaigns", "version": "1", "title": "Campaign Survey",
    "languages": ["en"], "defaultLanguage": "en",
    "missingCodes": {"dontKnow": -1, "refused": -2},
    "targetMinutes": 10,
    "sections": [{"id": "main", "title": "Main", "items": [
        {"id": "q_site", "type": "single", "text": "Is this site a branch or the head office?", "label": "Kind of site",
         "options": [{"code": 1, "name": "branch", "label": "A branch"}, {"code": 2, "name": "head", "label": "The head office"}]},
        {"id": "q_help", "type": "single", "text": "Who plans your advertising?", "label": "Planner",
         "options": [{"code": 1, "name": "manager", "label": "The site manager"},
                     {"code": 2, "name": "central", "label": "The head office team", "showIf": "q_site == 'branch'"},
                     {"code": 3, "name": "agency", "label": "An agency"}]},
        {"id": "q_media", "type": "multiple", "text": "Where do you advertise?", "label": "Advertising",
         "options": [{"code": 1, "name": "radio", "label": "Radio"},
                     {"code": 2, "name": "paper", "label": "Local paper", "showIf": "q_site == 'branch'"},
                     {"code": 3, "name": "web", "label": "Website"},
                     {"code": 9, "name": "none", "label": "Nowhere", "exclusive": True}]},
        {"id": "ads", "type": "loop", "forEach": "q_media", "askIf": "not ('none' in q_media)", "items": [
            {"id": "a_cost", "type": "integer", "text": "What did {item.label} advertising cost last month?",
             "min": 0, "max": 20000, "label": "Advertising cost"},
            {"id": "a_nruns", "type": "integer", "text": "How many {item.label} campaigns did you run this year?",
             "min": 1, "max": 3, "label": "Campaigns"},
            {"id": "runs", "type": "loop", "count": "a_nruns", "max": 3, "items": [
                {"id": "r_weeks", "type": "integer", "text": "How many weeks did campaign {item.index} run?",
                 "min": 1, "max": 52, "label": "Weeks"},
                {"id": "r_good", "type": "single", "text": "Did campaign {item.index} pay off?", "label": "Paid off",
                 "options": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
            ]},
        ]},
    ]}],
}

OUTER = {1: "radio", 2: "paper", 3: "web"}
OUTER_LABELS = {1: "Radio", 2: "Local paper", 3: "Website"}


def run(*args, check=True):
    result = subprocess.run([BIN, *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}:\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    if not os.path.exists(BIN):
        pytest.skip(f"no fieldwork binary at {BIN}")
    tmp = tmp_path_factory.mktemp("nested")
    path = tmp / "campaigns.json"
    path.write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    data = tmp / "survey"
    run("simulate", str(path), "--count", "150", "--seed", "11", "--write", str(data))
    wide = tmp / "wide.csv"
    run("export", "--data", str(data), "--format", "csv", "--out", str(wide))
    return {"dir": tmp, "data": data, "wide": wide}


def test_nested_loop_long_file_joins_back_to_the_wide_file(survey, tmp_path):
    pandas = pytest.importorskip("pandas")
    wide = pandas.read_csv(survey["wide"], dtype={"case_id": str})
    long_csv = tmp_path / "runs.csv"
    run("export", "--data", str(survey["data"]), "--format", "csv", "--level", "runs", "--out", str(long_csv))
    long = pandas.read_csv(long_csv, dtype={"case_id": str})
    assert list(long.columns) == ["case_id", "outer_code", "outer_label", "item_code", "item_label", "r_weeks", "r_good"], \
        list(long.columns)
    # Every inner pass the wide file holds (weeks or pay-off answered) is one long row, no more.
    expected = 0
    for name in OUTER.values():
        for n in (1, 2, 3):
            expected += int((wide[f"r_weeks_{name}_{n}"].notna() | wide[f"r_good_{name}_{n}"].notna()).sum())
    assert len(long) == expected and expected > 20, (len(long), expected)
    # Some case has two inner passes under one outer item, and some outer item other than the first.
    assert (long.groupby(["case_id", "outer_code"]).size() > 1).any()
    assert set(long["outer_code"]) >= {1, 3}, set(long["outer_code"])
    # The three keys are unique and join back to the wide file's values.
    assert not long.duplicated(["case_id", "outer_code", "item_code"]).any()
    joined = long.merge(wide, on="case_id", how="left", validate="many_to_one")
    assert joined["q_site"].notna().all()
    for _, row in joined.iterrows():
        outer = OUTER[row["outer_code"]]
        assert row["outer_label"] == OUTER_LABELS[row["outer_code"]]
        assert row["item_label"] == f"#{row['item_code']}"
        for variable in ("r_weeks", "r_good"):
            wide_value = row[f"{variable}_{outer}_{row['item_code']}"]
            same = row[variable] == wide_value or (pandas.isna(row[variable]) and pandas.isna(wide_value))
            assert same, (variable, row["case_id"], outer, row["item_code"], row[variable], wide_value)
        # The pass was made: the outer pass's own count allows it.
        assert row["item_code"] <= row[f"a_nruns_{outer}"], (row["case_id"], outer, row["item_code"])

    # The outer loop's long file is unchanged in shape: its own variables only.
    ads_csv = tmp_path / "ads.csv"
    run("export", "--data", str(survey["data"]), "--format", "csv", "--level", "ads", "--out", str(ads_csv))
    ads = pandas.read_csv(ads_csv, dtype={"case_id": str})
    assert list(ads.columns) == ["case_id", "item_code", "item_label", "a_cost", "a_nruns"], list(ads.columns)


def test_nested_loop_long_file_in_sav_and_dta(survey, tmp_path):
    pandas = pytest.importorskip("pandas")
    pyreadstat = pytest.importorskip("pyreadstat")
    long_csv = tmp_path / "runs.csv"
    run("export", "--data", str(survey["data"]), "--format", "csv", "--level", "runs", "--out", str(long_csv))
    long = pandas.read_csv(long_csv, dtype={"case_id": str})
    for fmt, reader in (("sav", pyreadstat.read_sav), ("dta", pyreadstat.read_dta)):
        target = tmp_path / f"runs.{fmt}"
        run("export", "--data", str(survey["data"]), "--format", fmt, "--level", "runs", "--out", str(target))
        frame, meta = reader(str(target), **({"user_missing": True} if fmt == "sav" else {}))
        assert list(frame.columns) == list(long.columns), fmt
        assert list(frame["case_id"]) == list(long["case_id"]), fmt
        for column in ("outer_code", "item_code", "r_weeks", "r_good"):
            expected = long[column].fillna(-99)
            if fmt == "dta":  # don't know and refused are tagged missing values in Stata
                expected = expected.where(expected >= 0, -99)
            assert list(frame[column].fillna(-99).astype(float)) == list(expected.astype(float)), (fmt, column)
        labels = {float(k): v for k, v in meta.variable_value_labels["outer_code"].items()}
        assert labels == {1.0: "Radio", 2.0: "Local paper", 3.0: "Website"}, labels


def codebook_section(text, name):
    return text.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]


def test_option_routing_in_markdown_and_html_codebooks(survey):
    md = run("codebook", "--data", str(survey["data"]), "--format", "md").stdout
    routed = "The head office team (2): shown only if q_site (Q1) is A branch (code 1)"
    helper = codebook_section(md, "q_help")
    assert f"- **Options offered only to some:** {routed}" in helper, helper
    assert "The site manager (1):" not in helper and "An agency (3):" not in helper
    paper = codebook_section(md, "q_media_paper")
    assert "- **Options offered only to some:** Local paper (2): shown only if q_site (Q1) is A branch (code 1) " \
           "(0 also where the option was not offered)" in paper, paper
    for name in ("q_media_radio", "q_media_web", "q_site", "a_cost_radio"):
        assert "Options offered only to some" not in codebook_section(md, name), name

    page = run("codebook", "--data", str(survey["data"]), "--format", "html").stdout
    helper_html = page.split('id="q_help"', 1)[1].split("</section>", 1)[0]
    assert f"<dt>Options offered only to some</dt><dd>{routed}</dd>" in helper_html, helper_html
    radio_html = page.split('id="q_media_radio"', 1)[1].split("</section>", 1)[0]
    assert "Options offered only to some" not in radio_html


DDI = "{ddi:codebook:2_5}"


def test_option_routing_in_the_ddi_codebook(survey, tmp_path):
    out = tmp_path / "campaigns.xml"
    run("codebook", "--data", str(survey["data"]), "--format", "ddi", "--out", str(out))
    root = ET.parse(out).getroot()
    variables = {v.get("name"): v for v in root.iter(DDI + "var")}
    notes = {}
    for category in variables["q_help"].iter(DDI + "catgry"):
        # DDI 2.5's catgry sequence: catValu, labl, txt, catStat.
        tags = [child.tag.removeprefix(DDI) for child in category]
        order = ["catValu", "labl", "txt", "catStat"]
        assert [order.index(t) for t in tags] == sorted(order.index(t) for t in tags), tags
        text = category.find(DDI + "txt")
        notes[category.find(DDI + "catValu").text] = None if text is None else text.text
    assert notes["2"] == "Offered only to some: shown only if q_site (Q1) is A branch (code 1)", notes
    assert notes["1"] is None and notes["3"] is None, notes
    paper_notes = [t.text for t in variables["q_media_paper"].findall(DDI + "txt")]
    assert any("Local paper (2): shown only if q_site (Q1) is A branch (code 1)" in t for t in paper_notes), paper_notes
    assert variables["q_media_radio"].find(DDI + "txt") is None
    # The counts stay the data's: the routed option is chosen only at branches.
    with open(survey["wide"], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    chosen = [r for r in rows if r["q_help"] == "2"]
    assert chosen and all(r["q_site"] == "1" for r in chosen)
    freq = {c.find(DDI + "catValu").text: int(c.find(f"{DDI}catStat[@type='freq']").text)
            for c in variables["q_help"].iter(DDI + "catgry")}
    assert freq["2"] == len(chosen)
