"""The JSON Schema in Questionnaires/schema must agree with the Swift reader.

Every shipped questionnaire validates; corpus files that are broken in structure (unknown key, wrong
type, missing key, bad name) are rejected; corpus files that are broken only in meaning (a forward
reference, an unknown option name) are accepted, because a schema cannot know about them; and the
keys the reader allows (QuestionnaireReader.swift) are exactly the keys the schema allows.
"""
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "Questionnaires" / "schema" / "questionnaire.schema.json"
CORPUS = ROOT / "Tests" / "FieldworkCheckerTests" / "Corpus"
READER = ROOT / "Sources" / "Core" / "FieldworkModel" / "QuestionnaireReader.swift"
TOLERATED = {"$schema", "comment"}  # ObjectReader accepts these on every object


@pytest.fixture(scope="module")
def schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator, path):
    document = json.loads(path.read_text(encoding="utf-8"))
    return sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))


QUESTIONNAIRES = sorted((ROOT / "Questionnaires").glob("*.json"))


def test_there_are_questionnaires():
    names = {p.name for p in QUESTIONNAIRES}
    assert {"bas.json", "pas-online.json"} <= names


@pytest.mark.parametrize("path", QUESTIONNAIRES, ids=lambda p: p.name)
def test_questionnaire_matches_schema(validator, path):
    found = errors(validator, path)
    assert not found, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in found)


def structurally_broken():
    """Corpus cases whose problem a JSON Schema can see."""
    prefixes = ("FW101-", "FW102-", "FW103-", "FW112-", "FW104-unknown-item-type", "FW214-")
    return sorted(p for p in CORPUS.glob("*.json") if p.name.startswith(prefixes))


def semantically_broken():
    """Corpus cases that are well formed; only the checker can find their problem."""
    prefixes = ("FW200-", "FW201-", "FW202-", "FW203-", "FW204-", "FW205-", "FW206-", "FW207-", "FW208-",
                "FW209-", "FW215-", "FW219-", "FW310-", "FW320-", "FW324-", "FW331-", "FW340-", "FW350-",
                "FW352-", "FW353-")
    return sorted(p for p in CORPUS.glob("*.json") if p.name.startswith(prefixes))


def test_corpus_selection_is_not_empty():
    assert len(structurally_broken()) >= 10
    assert len(semantically_broken()) >= 15


@pytest.mark.parametrize("path", structurally_broken(), ids=lambda p: p.name)
def test_schema_rejects_structural_breakage(validator, path):
    assert errors(validator, path), f"{path.name} is structurally broken but the schema accepts it"


@pytest.mark.parametrize("path", semantically_broken(), ids=lambda p: p.name)
def test_schema_accepts_well_formed_files(validator, path):
    found = errors(validator, path)
    assert not found, f"{path.name} is well formed but the schema rejects it: {found[0].message[:300]}"


def test_invalid_json_is_not_json():
    for path in CORPUS.glob("FW100-*.json"):
        with pytest.raises(json.JSONDecodeError):
            json.loads(path.read_text(encoding="utf-8"))


# --- The reader's key lists against the schema ------------------------------------------------

def reader_lists():
    """`static let nameKeys = [...]` and the type lists from QuestionnaireReader.swift."""
    source = READER.read_text(encoding="utf-8")
    lists = {}
    for name, body in re.findall(r"static let (\w+) = \[([^\]]*)\]", source):
        lists[name] = re.findall(r'"([^"]+)"', body)
    return lists


SCHEMA_OBJECT_FOR_KEYS = {
    "rootKeys": None,  # the schema's top level
    "sectionKeys": "section",
    "questionKeys": "question",
    "loopKeys": "loop",
    "computedKeys": "computed",
    "endKeys": "end",
    "optionSetKeys": "optionSet",
    "optionKeys": "option",
    "checkKeys": "check",
    "sampleFieldKeys": "sampleField",
    "preloadFieldKeys": "preloadField",
    "gridItemKeys": "gridItem",
}


@pytest.mark.parametrize("list_name", sorted(SCHEMA_OBJECT_FOR_KEYS))
def test_schema_allows_exactly_the_reader_keys(schema, list_name):
    lists = reader_lists()
    assert list_name in lists, f"{list_name} not found in {READER.name}; update this test"
    definition = schema if SCHEMA_OBJECT_FOR_KEYS[list_name] is None else schema["$defs"][SCHEMA_OBJECT_FOR_KEYS[list_name]]
    assert definition.get("additionalProperties") is False
    assert set(definition["properties"]) == set(lists[list_name]) | TOLERATED


def test_schema_item_types_match_reader(schema):
    lists = reader_lists()
    question_types = lists["questionTypes"]
    assert schema["$defs"]["question"]["properties"]["type"]["enum"] == question_types
    assert schema["$defs"]["item"]["properties"]["type"]["enum"] == question_types + ["loop", "computed", "end"]


def test_schema_end_outcomes_match_the_engine(schema):
    """The outcomes an `end` item may name are the engine's InterviewEndOutcome raw values."""
    source = (READER.parent / "InterviewEndOutcome.swift").read_text(encoding="utf-8")
    outcomes = re.findall(r'case \w+ = "([^"]+)"', source)
    assert outcomes and schema["$defs"]["end"]["properties"]["outcome"]["enum"] == outcomes


def test_unknown_key_is_rejected_everywhere(validator):
    """A stray key on any kind of object is an error, as it is for the reader; "comment" is not."""
    base = json.loads((ROOT / "Questionnaires" / "pas-online.json").read_text(encoding="utf-8"))
    section = base["sections"][1]
    items = [item for s in base["sections"] for item in s["items"]]
    loop = next(item for item in items if item["type"] == "loop")
    checked = next(item for item in items + loop["items"] if item.get("checks"))
    targets = {
        "root": base,
        "section": section,
        "question": checked,
        "loop": loop,
        "option": next(item for item in loop["items"] if item.get("options"))["options"][0],
        "check": checked["checks"][0],
        "computed": next(item for item in items if item["type"] == "computed"),
        "sampleField": base["sampleFields"][0],
        "gridItem": next(item for item in items if item["type"] == "grid")["items"][0],
    }
    assert not list(validator.iter_errors(base))
    for what, target in targets.items():
        target["comment"] = "designer note"
        assert not list(validator.iter_errors(base)), f"comment should be allowed on {what}"
        target["colour"] = "blue"
        assert list(validator.iter_errors(base)), f"unknown key should be rejected on {what}"
        del target["colour"]
        del target["comment"]
