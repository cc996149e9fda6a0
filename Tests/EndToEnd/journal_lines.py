"""Reads and rewrites Fieldwork case journals independently of the Swift code, for tests that need
answers or notes the simulator never writes.

A journal line is `{"v":1,"seq":N,"case":"C","at":"…","kind":"K","data":{…},"crc":"xxxxxxxx"}`:
the header fields in that order, then the 18-byte trailer whose CRC-32 (Python's zlib.crc32)
covers every byte before it (Sources/Shells/FieldworkJournal/RecordLine.swift).
"""
import json
import zlib
from pathlib import Path

TRAILER = 18  # ,"crc":"xxxxxxxx"}


def journals(directory: Path) -> list[Path]:
    return sorted((directory / "journals").glob("*/*.jsonl"))


def read_records(path: Path) -> list[dict]:
    records = []
    for line in path.read_bytes().split(b"\n")[:-1]:
        body, trailer = line[:-TRAILER], line[-TRAILER:]
        assert trailer[8:16].decode("ascii") == format(zlib.crc32(body), "08x"), f"{path}: bad checksum"
        records.append(json.loads(line))
    return records


def encode(record: dict) -> bytes:
    data = json.dumps(record["data"], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    body = ('{"v":1,"seq":%d,"case":"%s","at":"%s","kind":"%s","data":%s'
            % (record["seq"], record["case"], record["at"], record["kind"], data)).encode()
    return body + b',"crc":"' + format(zlib.crc32(body), "08x").encode() + b'"}\n'


def write_records(path: Path, records: list[dict]) -> None:
    """Rewrites the journal with `records`, renumbered 1, 2, … so the sequence stays unbroken."""
    lines = []
    for number, record in enumerate(records, start=1):
        lines.append(encode({**record, "seq": number}))
    path.write_bytes(b"".join(lines))


def is_completed(records: list[dict]) -> bool:
    return any(r["kind"] == "interview.complete" for r in records)


def text_answers(records: list[dict]) -> list[dict]:
    return [r for r in records
            if r["kind"] == "interview.answer" and isinstance(r["data"].get("response"), dict)
            and "text" in r["data"]["response"]]
