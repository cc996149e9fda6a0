#!/usr/bin/env python3
"""Two builds side by side, in the same run: `fieldwork export --format sav` on simulated BAS
interviews and `fieldwork-bench resume`, alternating base and candidate each round so both see the
same machine conditions. For changes that could cost speed (the journal's read side, for example):
build the base commit and the candidate into two folders, then

    python3 Benchmarks/compare_builds.py BASE_BIN_DIR CANDIDATE_BIN_DIR [--interviews 10000] [--rounds 5]

Each folder needs `fieldwork` and `fieldwork-bench` (release builds). The interviews are generated
once, with the base build, so both exports read the very same journals. Prints one JSON object per
measurement and a summary line per benchmark (median of the rounds, candidate / base).
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
QUESTIONNAIRE = os.path.join(ROOT, "Questionnaires", "bas.json")


def timed(args):
    """Wall-clock seconds and CPU seconds (user + system) of one run of `args`. On a shared, busy
    machine the CPU time is the steadier figure; the wall clock is what a user waits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"{args[:3]} failed:\n{result.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def resume_ms(bench):
    out = subprocess.run([bench, "resume"], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    for line in out.splitlines():
        record = json.loads(line)
        if record["name"] == "journal.resume_2000_event_case":
            return record["value"]
    raise SystemExit(f"{bench} resume printed no resume figure:\n{out}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("candidate")
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    builds = {"base": args.base, "candidate": args.candidate}
    work = tempfile.mkdtemp(prefix="fw-compare-")
    try:
        data = os.path.join(work, "bas")
        seconds, _ = timed([os.path.join(args.base, "fieldwork"), "simulate", QUESTIONNAIRE, "--count", str(args.interviews), "--write", data])
        print(json.dumps({"generate": args.interviews, "seconds": round(seconds, 2)}), flush=True)
        figures = {(benchmark, name): [] for benchmark in ("export", "export_cpu", "resume") for name in builds}
        for round_number in range(args.rounds):
            order = list(builds.items()) if round_number % 2 == 0 else list(reversed(builds.items()))
            for name, folder in order:
                sav = os.path.join(work, f"{name}.sav")
                export, cpu = timed([os.path.join(folder, "fieldwork"), "export", "--data", data, "--format", "sav", "--out", sav, "--force"])
                resume = resume_ms(os.path.join(folder, "fieldwork-bench"))
                figures[("export", name)].append(export)
                figures[("export_cpu", name)].append(cpu)
                figures[("resume", name)].append(resume)
                print(json.dumps({"round": round_number + 1, "build": name, "export_s": round(export, 3), "export_cpu_s": round(cpu, 3),
                                  "resume_ms": round(resume, 2)}), flush=True)
        for benchmark, unit in (("export", "s wall"), ("export_cpu", "s cpu"), ("resume", "ms")):
            base = statistics.median(figures[(benchmark, "base")])
            candidate = statistics.median(figures[(benchmark, "candidate")])
            size = {"interviews": args.interviews} if benchmark.startswith("export") else {"events": 2000}
            print(json.dumps({"benchmark": benchmark, **size, "unit": unit, "base_median": round(base, 3),
                              "candidate_median": round(candidate, 3), "ratio": round(candidate / base, 3)}), flush=True)
        # The same answers out of both: their CSV exports (which carry no timestamp) must be identical.
        for name, folder in builds.items():
            _ = timed([os.path.join(folder, "fieldwork"), "export", "--data", data, "--format", "csv", "--out",
                   os.path.join(work, f"{name}.csv"), "--force"])
        with open(os.path.join(work, "base.csv"), "rb") as a, open(os.path.join(work, "candidate.csv"), "rb") as b:
            print(json.dumps({"same_csv_bytes": a.read() == b.read()}), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
