"""`fieldwork doc`: the printable questionnaire, driven through the real binary. The HTML must be
one self-contained page that a headless browser draws; the routing must read in words."""
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from png_image import png_rows
from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = fieldwork_binary()
BAS = ROOT / "Questionnaires/bas.json"
PAS = ROOT / "Questionnaires/pas-online.json"


def run(*args, timeout=120):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=timeout)


def walk(items):
    for item in items:
        yield item
        if item["type"] == "loop":
            yield from walk(item["items"])


def all_items(questionnaire):
    for section in questionnaire["sections"]:
        yield from walk(section["items"])


def question_numbers(questionnaire):
    """Q-numbers as the document gives them: questions that record an answer, in file order."""
    numbers = {}
    for item in all_items(questionnaire):
        if item["type"] not in ("loop", "computed", "end", "statement"):
            numbers[item["id"]] = f"Q{len(numbers) + 1}"
    return numbers


def test_html_is_self_contained_and_has_every_question_and_its_routing(tmp_path):
    out = tmp_path / "bas.html"
    r = run("doc", str(BAS), "--format", "html", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert str(out) in r.stdout
    page = out.read_text(encoding="utf-8")
    lowered = page.lower()
    assert "<script" not in lowered
    for reference in ("src=", "href=", "url("):
        for scheme in ("http://", "https://", "//"):
            assert reference + scheme not in lowered.replace('"', "").replace("'", ""), reference + scheme
    assert "<link" not in lowered and "@import" not in lowered
    bas = json.loads(BAS.read_text())
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    missing = [i["id"] for i in all_items(bas) if i["type"] != "loop" and i["id"] not in text]
    assert not missing, missing
    numbers = question_numbers(bas)
    # The screener asks about every crime type; the victim forms follow only the types answered yes.
    assert f"ROUTING Ask if cl_recontact ({numbers['cl_recontact']}) is Yes (code 1)" in text
    assert f"ROUTING Ask if p_staff ({numbers['p_staff']}) was answered don't know" in text
    assert "For each option of crimetypes, whatever was answered (21 passes)" in text
    assert "Asked for each option of crimetypes (loop screen)" in text
    assert "Asked for each option of crimetypes, only where sc_yes for this pass's option is true (loop victim_forms)" in text
    assert "[option of crimetypes]" in text
    assert "too many to count (code -3)" in text
    assert "END THE INTERVIEW — outcome: ceased trading: not eligible (ceased-trading)" in text
    assert "[business name]" in text
    assert "Ask this section only if proceed is true" in text


def test_html_draws_in_a_headless_browser(tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (source scripts/lib/dependencies.sh; fieldwork_test_dependencies)")
    page = tmp_path / "bas.html"
    assert run("doc", str(BAS), "--format", "html", "--out", str(page)).returncode == 0
    shot = tmp_path / "shot.png"
    r = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600",
                        f"--screenshot={shot}", page.as_uri()],
                       capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert shot.exists(), r.stderr
    assert shot.stat().st_size > 10_000, shot.stat().st_size
    width, height, rows = png_rows(shot)
    assert (width, height) == (1280, 1600)
    # A blank page decodes to a handful of identical rows; text and boxes make many different ones.
    distinct_rows = len(set(rows))
    assert distinct_rows > height // 10, distinct_rows
    busy_rows = sum(1 for row in rows if len(set(row[1:])) > 2)
    assert busy_rows > height // 10, busy_rows
    assert len(set(b"".join(rows))) > 32


def test_markdown_of_pas_online_has_count_loop_and_routing():
    r = run("doc", str(PAS), "--format", "md")
    assert r.returncode == 0, r.stderr
    md = r.stdout
    numbers = question_numbers(json.loads(PAS.read_text()))
    amount = md.split("`oi_amount`", 1)[1].split("\n#### ", 1)[0]
    assert f"> **ROUTING:** Asked once for each of the number given at o_n ({numbers['o_n']})" in amount
    assert f"> **ROUTING:** Ask if oi_lost ({numbers['oi_lost']}) was answered and oi_lost ({numbers['oi_lost']}) is Yes (code 1)" in amount
    assert f"#### {numbers['oi_amount']} `oi_amount`: number" in md
    assert "### LOOP `incident`: Repeated once for each of the number given at o_n" in md
    assert "### END OF LOOP `incident`" in md
    assert "Ask if told_police is true" in md


def test_unknown_language_names_the_available_ones():
    r = run("doc", str(BAS), "--format", "md", "--language", "cy")
    assert r.returncode == 2
    assert "no language 'cy'" in r.stderr and "en" in r.stderr
    assert r.stdout == ""


def test_questionnaire_with_errors_prints_its_diagnostics_and_exits_1(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(BAS.read_text().replace('"askIf": "reached"', '"askIf": "reachd"', 1))
    out = tmp_path / "bad.html"
    r = run("doc", str(bad), "--format", "html", "--out", str(out))
    assert r.returncode == 1
    assert "FW" in r.stderr and "reachd" in r.stderr
    assert not out.exists()


def test_out_dash_is_standard_output_and_a_directory_is_refused(tmp_path):
    r = run("doc", str(PAS), "--format", "html", "--out", "-")
    assert r.returncode == 0 and r.stdout.startswith("<!DOCTYPE html>")
    r = run("doc", str(PAS), "--format", "html", "--out", str(tmp_path))
    assert r.returncode == 1
    assert "directory" in r.stderr
