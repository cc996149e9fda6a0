"""End-to-end test of the `*` key in `fieldwork interview` inside tmux: a question that allows an
extra missing code ("too many to count") announces it on its hint line, `*` opens the chooser,
Enter records it, and the journal holds `{"missing": "too_many"}` for that question.

Run with: FIELDWORK_BIN=.build/debug/fieldwork python3 -m pytest Tests/EndToEnd/test_interview_extra_missing.py
"""

from __future__ import annotations

import json

from test_interview_ui import _answer, _journal, _require_environment, _start, _survey, _wait_question

COUNTING = {
    "id": "counting", "version": "1", "title": "Counting Survey",
    "languages": ["en"], "defaultLanguage": "en",
    "missingCodes": {"dontKnow": -1, "refused": -2,
                     "extra": [{"name": "too_many", "code": -3, "label": "Too many to count"}]},
    "targetMinutes": 10,
    "sampleFields": [
        {"name": "business_name", "type": "text", "identifier": True, "label": "Business"},
        {"name": "phone", "type": "phone", "identifier": True, "label": "Phone"},
    ],
    "sections": [
        {"id": "count", "title": "Counting", "items": [
            {"id": "q_rooms", "type": "integer", "text": "How many rooms are there?", "min": 0, "max": 50, "label": "Rooms"},
            {"id": "q_visits", "type": "integer", "text": "How many customers came in last week?", "min": 0, "max": 5000,
             "label": "Visits", "allowMissing": ["too_many"]},
            {"id": "q_staff", "type": "integer", "text": "How many people work here?", "min": 1, "max": 1000, "label": "Staff"},
        ]},
    ],
}


def test_star_records_too_many_to_count(tmp_path) -> None:
    _require_environment()
    questionnaire = tmp_path / "counting.json"
    questionnaire.write_text(json.dumps(COUNTING), encoding="utf-8")
    directory = _survey(tmp_path, str(questionnaire))
    with _start(directory) as tmux:
        screen = _wait_question(tmux, "q_rooms")
        assert "(F2 don't know · F3 refused — do not read out)" in screen
        tmux.send_text("*")
        screen = tmux.wait_for("This question has no other non-answer codes")
        assert _wait_question(tmux, "q_rooms")
        screen = _answer(tmux, "4", expect_next="q_visits")
        assert "(F2 don't know · F3 refused · * too many to count — do not read out)" in screen
        tmux.send_text("*")
        screen = tmux.wait_for("Other non-answer — do not read out")
        assert "› 1. Too many to count" in screen
        tmux.send_keys("Escape")
        tmux.wait_for_absent("Other non-answer — do not read out")
        tmux.send_text("*")
        tmux.wait_for("Other non-answer — do not read out")
        tmux.send_keys("Enter")
        _wait_question(tmux, "q_staff")
        tmux.send_keys("F4")
        screen = _wait_question(tmux, "q_visits")
        assert "Current answer: Too many to count" in tmux.wait_for("Current answer:")
        tmux.send_keys("C-c")
        tmux.wait_for("Leave this interview?")
        tmux.send_text("y")
        tmux.wait_for("[exit=")
    answers = [r["data"] for r in _journal(directory) if r["kind"] == "interview.answer"]
    visits = [a for a in answers if "q_visits" in json.dumps(a)]
    assert len(visits) == 1, answers
    assert visits[0]["response"] == {"missing": "too_many"}
    rooms = [a for a in answers if "q_rooms" in json.dumps(a)]
    assert len(rooms) == 1 and rooms[0]["response"] != {"missing": "too_many"}
