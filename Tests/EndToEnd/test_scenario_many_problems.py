"""`fieldwork test` on a scenario with thousands of broken lines prints the first problems and a
count of the rest, not one line per problem (issue 19)."""
import subprocess
from pathlib import Path

from tmux_harness import fieldwork_binary

ROOT = Path(__file__).resolve().parents[2]
BIN = fieldwork_binary()
QUESTIONNAIRE = str(ROOT / "Tests/EndToEnd/fixtures/call_room.json")


def test_many_unknown_questions_print_the_first_hundred_and_a_count(tmp_path):
    scenario = tmp_path / "many.scenario"
    count = 50_000
    scenario.write_text("".join(f"answer no_such_question_{i} 1\n" for i in range(count)))
    r = subprocess.run([BIN, "test", QUESTIONNAIRE, str(scenario)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    problems = [line for line in lines if ": error: [FW401]" in line]
    assert len(problems) == 100, lines[:3]
    # The first hundred, in file order, each naming its own line and question.
    for i, line in enumerate(problems):
        assert line.startswith(f"{scenario}:{i + 1}:1: error: [FW401]"), line
        assert f'"no_such_question_{i}"' in line, line
    summary = [line for line in lines if "more problems not shown" in line]
    assert summary == [f"{scenario}: … and {count - 100} more problems not shown ({count - 100} errors); fix the ones above first"]
    assert f"FAIL {scenario}" in r.stdout
    assert len(lines) < 110
