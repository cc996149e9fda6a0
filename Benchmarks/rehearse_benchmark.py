#!/usr/bin/env python3
"""A wave rehearsed at full size: 5,000 BAS cases until 1,600 completes, through the real case store,
engine and journals (`fieldwork rehearse`). Prints one JSON object: the rehearsal's wall time with and
without fsync, and, as the same-run baseline, the time `fieldwork simulate --count 1600` takes for the
interviews alone on this machine now.

Usage: python3 Benchmarks/rehearse_benchmark.py [--bin .build-release/release/fieldwork]
Build first: swift build -c release --scratch-path .build-release --product fieldwork
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr}")
    return elapsed, result


def survey(binary: str, directory: Path, cases: int) -> None:
    subprocess.run([binary, "init", str(directory), "--questionnaire", str(ROOT / "Questionnaires" / "bas.json")], check=True,
                   capture_output=True)
    sample = directory.parent / f"{directory.name}.csv"
    with open(ROOT / "Questionnaires" / "samples" / "bas-sample.csv", encoding="utf-8") as source, \
            open(sample, "w", encoding="utf-8", newline="") as target:
        csv.writer(target).writerows(list(csv.reader(source))[:cases + 1])
    subprocess.run([binary, "cases", "import", str(sample), "--data", str(directory)], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=str(ROOT / ".build-release" / "release" / "fieldwork"))
    parser.add_argument("--interviewers", type=int, default=40)
    parser.add_argument("--days", type=int, default=20)
    args = parser.parse_args()
    out: dict[str, object] = {"cases": 5000, "target": 1600, "interviewers": args.interviewers}
    with tempfile.TemporaryDirectory() as tmp:
        for label, extra in [("no_fsync", ["--no-fsync"]), ("fsync", [])]:
            directory = Path(tmp) / label
            survey(args.bin, directory, 5000)
            seconds, result = timed([args.bin, "rehearse", "--data", str(directory), "--interviewers", str(args.interviewers),
                                     "--days", str(args.days), "--seed", "1", "--start", "2026-12-07", "--target", "1600",
                                     "--until-target", "--json", *extra])
            report = json.loads(result.stdout)
            out[label] = {"seconds": round(seconds, 2), "completes": report["completes"], "calls": report["calls"],
                          "days": len(report["days"]), "target_reached_on": report["targetReachedOn"]}
        seconds, _ = timed([args.bin, "simulate", str(ROOT / "Questionnaires" / "bas.json"), "--count", "1600", "--seed", "1",
                            "--json"])
        out["baseline_simulate_1600_seconds"] = round(seconds, 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
