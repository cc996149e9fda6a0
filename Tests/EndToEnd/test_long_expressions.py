"""`fieldwork check` on conditions and fills with very long operator chains: a diagnostic, never a crash.

Run with: FIELDWORK_BIN=.build/debug/fieldwork pytest Tests/EndToEnd/test_long_expressions.py
"""
import json
import subprocess
from pathlib import Path

import pytest

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(fieldwork_binary())


def questionnaire(ask_if: str, text: str = "How many staff?") -> dict:
    return {"id": "long", "version": "1", "title": "Long chains", "languages": ["en"],
            "missingCodes": {"dontKnow": -1, "refused": -2}, "targetMinutes": 5,
            "sections": [{"id": "main", "title": "Main", "items": [
                {"id": "staff", "type": "integer", "text": "Staff?", "min": 0, "max": 999},
                {"id": "more", "type": "integer", "text": text, "min": 0, "max": 999, "askIf": ask_if}]}]}


@pytest.mark.parametrize("terms,op,term", [(2_000, "and", "staff > 1"), (5_000, "+", "staff"), (200_000, "or", "true")])
def test_long_conditions_are_a_diagnostic_not_a_crash(tmp_path: Path, terms: int, op: str, term: str) -> None:
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    condition = f" {op} ".join([term] * terms) + (" > 3" if op == "+" else "")
    path = tmp_path / "long.json"
    path.write_text(json.dumps(questionnaire(condition)))
    result = subprocess.run([str(BIN), "check", str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "more than 256 operators" in result.stdout + result.stderr


def test_long_chain_in_a_fill_and_a_trailing_syntax_error(tmp_path: Path) -> None:
    if not BIN.exists():
        pytest.skip(f"fieldwork binary not built at {BIN}")
    fill = "{" + " + ".join(["staff"] * 4_000) + "}"
    path = tmp_path / "fill.json"
    path.write_text(json.dumps(questionnaire("true", text=f"So {fill} staff?")))
    result = subprocess.run([str(BIN), "check", str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "more than 256 operators" in result.stdout + result.stderr
    path.write_text(json.dumps(questionnaire(" and ".join(["true"] * 200_000) + " and")))
    result = subprocess.run([str(BIN), "check", str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
