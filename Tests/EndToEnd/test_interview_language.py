"""End-to-end: switching the interview's language with F9 in `fieldwork interview` (tmux), options
offered in random order and numbered as shown, and both read back from the exports with pandas.

Run with: FIELDWORK_BIN=.build/debug/fieldwork python3 -m pytest Tests/EndToEnd/test_interview_language.py
"""

from __future__ import annotations

import csv
import json
import re
import subprocess

import pandas as pd
import pytest

from test_interview_ui import _answer, _journal, _kinds, _require_environment, _start, _wait_question
from tmux_harness import fieldwork_binary

SAMPLE = ["business_name=Sklep Kowalski", "phone=020 7946 0000"]

SHOPS = {
    "id": "shops", "version": "1", "title": {"en": "Shopping survey", "pl": "Badanie o zakupach"},
    "languages": ["en", "pl"],
    "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": True, "label": {"en": "Business", "pl": "Firma"}},
        {"name": "phone", "type": "phone", "identifier": True, "label": {"en": "Phone", "pl": "Telefon"}},
    ],
    "sections": [
        {"id": "main", "title": {"en": "Shopping", "pl": "Zakupy"}, "items": [
            {"id": "q_hello", "type": "statement", "text": {"en": "Thank you for taking part.", "pl": "Dziękujemy za udział."}},
            {"id": "q_shop", "type": "single", "order": "random",
             "text": {"en": "Where do you shop most often?", "pl": "Gdzie najczęściej robi Pan/Pani zakupy?"},
             "options": [
                 {"code": 11, "name": "market", "label": {"en": "A street market", "pl": "Na targu"}},
                 {"code": 22, "name": "corner", "label": {"en": "A corner shop", "pl": "W sklepie osiedlowym"}},
                 {"code": 33, "name": "super", "label": {"en": "A supermarket", "pl": "W supermarkecie"}},
                 {"code": 44, "name": "online", "label": {"en": "Online", "pl": "Przez internet"}},
                 {"code": 98, "name": "none", "label": {"en": "Nowhere", "pl": "Nigdzie"}, "exclusive": True},
             ]},
            {"id": "q_age", "type": "integer", "min": 16, "max": 120,
             "text": {"en": "How old are you?", "pl": "Ile ma Pan/Pani lat?"},
             "checks": [{"id": "old", "severity": "soft", "require": "q_age < 100",
                         "message": {"en": "Over 100: please check.", "pl": "Ponad 100 lat: proszę sprawdzić."}}]},
        ]},
    ],
}

LABELS_PL = {"Na targu": 11, "W sklepie osiedlowym": 22, "W supermarkecie": 33, "Przez internet": 44, "Nigdzie": 98}


def _survey(tmp_path) -> str:
    questionnaire = tmp_path / "shops.json"
    questionnaire.write_text(json.dumps(SHOPS), encoding="utf-8")
    directory = str(tmp_path / "survey")
    subprocess.run([fieldwork_binary(), "init", directory, "--questionnaire", str(questionnaire)],
                   check=True, capture_output=True, text=True)
    fields = dict(field.split("=", 1) for field in SAMPLE)
    sample = tmp_path / "sample.csv"
    with open(sample, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case_id", *fields])
        writer.writerow(["C1", *fields.values()])
    subprocess.run([fieldwork_binary(), "cases", "import", str(sample), "--data", directory],
                   check=True, capture_output=True, text=True)
    return directory


def test_switching_language_and_random_order_end_to_end(tmp_path) -> None:
    _require_environment()
    directory = _survey(tmp_path)
    with _start(directory, sample=SAMPLE, width=100, height=30) as tmux:
        screen = _wait_question(tmux, "q_hello")
        assert "Thank you for taking part." in screen
        tmux.send_keys("F9")
        screen = tmux.wait_for("Dziękujemy za udział.")
        assert "Thank you for taking part." not in screen
        _answer(tmux, "", expect_next="q_shop")
        screen = tmux.wait_for("Gdzie najczęściej")
        # The options are numbered 1–5 down the screen; "Nigdzie" (exclusive) stays last.
        shown = {}
        for line in screen.split("\n"):
            match = re.match(r"^\s+(?:› )?\[?(\d)[.\]] (.+?)(?: \[not read\])?\s*$", line)
            if match and match.group(2) in LABELS_PL:
                shown[int(match.group(1))] = LABELS_PL[match.group(2)]
        assert sorted(shown) == [1, 2, 3, 4, 5], screen
        assert shown[5] == 98
        _answer(tmux, "2", expect_next="q_age")
        # Check messages come in Polish too.
        tmux.send_text("101")
        tmux.send_keys("Enter")
        tmux.wait_for("Ponad 100 lat: proszę sprawdzić.")
        tmux.send_keys("Escape")
        tmux.send_keys("C-u")
        _answer(tmux, "40")
        tmux.wait_for("Enter to finish")
        tmux.send_keys("Enter")
        tmux.wait_for("[exit=0]")

    records = _journal(directory)
    kinds = _kinds(records)
    assert kinds.count("interview.seed") == 1
    assert [r["data"]["language"] for r in records if r["kind"] == "interview.language"] == ["pl"]
    answer = next(r["data"]["response"] for r in records if r["kind"] == "interview.answer" and r["data"]["question"] == "q_shop")
    assert answer == {"choice": shown[2]}, "typing the number shown records the option shown there"

    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("csv", "sav", "dta"):
        subprocess.run([fieldwork_binary(), "export", "--data", directory, "--format", fmt, "--out", str(out / f"shops.{fmt}")],
                       check=True, capture_output=True, text=True)
    frames = {
        "csv": pd.read_csv(out / "shops.csv", dtype=str, keep_default_na=False),
        "sav": pd.read_spss(out / "shops.sav", convert_categoricals=False),
        "dta": pd.read_stata(out / "shops.dta", convert_categoricals=False),
    }
    order = " ".join(str(shown[n]) for n in range(1, 6))
    for fmt, frame in frames.items():
        row = frame.iloc[0]
        assert row["language"] == "pl", fmt
        assert row["q_shop_order"] == order, fmt
        assert int(float(row["q_shop"])) == shown[2], fmt


def test_one_language_says_so(tmp_path) -> None:
    _require_environment()
    def english(node):
        """The questionnaire with only its English texts, as plain strings."""
        if isinstance(node, dict):
            if set(node) == {"en", "pl"}:
                return node["en"]
            return {k: english(v) for k, v in node.items()}
        if isinstance(node, list):
            return [english(v) for v in node]
        return node
    SINGLE = dict(english(SHOPS), languages=["en"])
    questionnaire = tmp_path / "single.json"
    questionnaire.write_text(json.dumps(SINGLE), encoding="utf-8")
    directory = str(tmp_path / "survey")
    subprocess.run([fieldwork_binary(), "init", directory, "--questionnaire", str(questionnaire)],
                   check=True, capture_output=True, text=True)
    sample = tmp_path / "sample.csv"
    sample.write_text("case_id,business_name,phone\nC1,Sklep Kowalski,020 7946 0000\n", encoding="utf-8")
    subprocess.run([fieldwork_binary(), "cases", "import", str(sample), "--data", directory],
                   check=True, capture_output=True, text=True)
    with _start(directory, sample=SAMPLE, width=100, height=30) as tmux:
        _wait_question(tmux, "q_hello")
        tmux.send_keys("F9")
        tmux.wait_for("This questionnaire has one language (en)")
        tmux.send_keys("C-c")
        tmux.wait_for("Leave")
        tmux.send_keys("y")
        tmux.wait_for("[exit=")
    assert "interview.language" not in _kinds(_journal(directory))
