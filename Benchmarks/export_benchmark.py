#!/usr/bin/env python3
"""Export benchmark: time and peak memory of `fieldwork export --format sav` at 10,000 and 100,000
simulated BAS interviews, against the pandas + pyreadstat pipeline on the same data (fieldwork's own
CSV export, then pandas.read_csv and pyreadstat.write_sav). Prints one JSON object per line.

Also times `export --format dta` and reports the .dta file's bytes a row. With $EXPORT_BENCH_BASELINE_BIN
(an older fieldwork release binary) the same .sav and .dta exports run with it too, in the same run, on
the same data: the figures to compare a change against.

Binary: $FIELDWORK_BIN (default .build-release/release/fieldwork, then .build/release/fieldwork).
Sizes: $EXPORT_BENCH_SIZES (default "10000,100000"). Work directory: $EXPORT_BENCH_DIR (default a temp dir).
"""
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
QUESTIONNAIRE = os.path.join(ROOT, "Questionnaires", "bas.json")


def binary():
    if os.environ.get("FIELDWORK_BIN"):
        return os.environ["FIELDWORK_BIN"]
    for candidate in (".build-release/release/fieldwork", ".build/release/fieldwork"):
        path = os.path.join(ROOT, candidate)
        if os.path.exists(path):
            return path
    sys.exit("no release binary; build with: swift build -c release --product fieldwork --scratch-path .build-release")


def measured(args):
    """Runs a command in a child process and returns (seconds, peak RSS in MB of that child)."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
        "s = time.perf_counter() - t\n"
        "if r.returncode: sys.stderr.write(r.stderr); sys.exit(r.returncode)\n"
        "print(s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{args[:3]} failed:\n{out.stderr}")
    seconds, peak = out.stdout.split()
    return float(seconds), float(peak)


BASELINE = """
import sys, pandas, pyreadstat
frame = pandas.read_csv(sys.argv[1], low_memory=False)
pyreadstat.write_sav(frame, sys.argv[2])
"""


def threshold(name):
    """The pass mark of `name` in Benchmarks/thresholds.json, beside this script ({} when none)."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "thresholds.json"), encoding="utf-8") as f:
        return json.load(f).get(name, {})


def dta_rows(path):
    """The observation count from the .dta 118 header (<N>, 8 bytes little-endian)."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    at = head.index(b"<N>") + 3
    return int.from_bytes(head[at:at + 8], "little")


def emit(**fields):
    print(json.dumps(fields), flush=True)


def main():
    fieldwork = binary()
    sizes = [int(x) for x in os.environ.get("EXPORT_BENCH_SIZES", "10000,100000").split(",")]
    work = os.environ.get("EXPORT_BENCH_DIR") or tempfile.mkdtemp(prefix="fw-export-bench-")
    peaks = {}
    try:
        for n in sizes:
            data = os.path.join(work, f"bas-{n}")
            if not os.path.exists(os.path.join(data, "cases.sqlite")):
                shutil.rmtree(data, ignore_errors=True)
                seconds, peak = measured([fieldwork, "simulate", QUESTIONNAIRE, "--count", str(n), "--write", data])
                emit(benchmark="generate", interviews=n, seconds=round(seconds, 2), peak_rss_mb=round(peak, 1))
            sav = os.path.join(work, f"fw-{n}.sav")
            seconds, peak = measured([fieldwork, "export", "--data", data, "--format", "sav", "--out", sav, "--force"])
            peaks[n] = peak
            sav_seconds = seconds
            emit(benchmark="fieldwork export sav", interviews=n, seconds=round(seconds, 2), peak_rss_mb=round(peak, 1),
                 bytes=os.path.getsize(sav))
            for label, program in (("fieldwork", fieldwork), ("baseline", os.environ.get("EXPORT_BENCH_BASELINE_BIN"))):
                if not program:
                    continue
                if label == "baseline":
                    seconds, peak = measured([program, "export", "--data", data, "--format", "sav", "--out", sav + ".base.sav", "--force"])
                    emit(benchmark="baseline export sav", interviews=n, seconds=round(seconds, 2), peak_rss_mb=round(peak, 1),
                         bytes=os.path.getsize(sav + ".base.sav"))
                dta = os.path.join(work, f"{label}-{n}.dta")
                seconds, peak = measured([program, "export", "--data", data, "--format", "dta", "--out", dta, "--force"])
                rows = dta_rows(dta)
                emit(benchmark=f"{label} export dta", interviews=n, rows=rows, seconds=round(seconds, 2),
                     peak_rss_mb=round(peak, 1), bytes=os.path.getsize(dta), bytes_per_row=round(os.path.getsize(dta) / max(1, rows)))
            csv = os.path.join(work, f"fw-{n}.csv")
            seconds, peak = measured([fieldwork, "export", "--data", data, "--format", "csv", "--out", csv, "--force"])
            emit(benchmark="fieldwork export csv", interviews=n, seconds=round(seconds, 2), peak_rss_mb=round(peak, 1))
            try:
                import pandas  # noqa: F401
                import pyreadstat  # noqa: F401
            except ImportError:
                emit(benchmark="pandas+pyreadstat", interviews=n, skipped="pandas or pyreadstat not installed")
                continue
            seconds, peak = measured([sys.executable, "-c", BASELINE, csv, os.path.join(work, f"pd-{n}.sav")])
            emit(benchmark="pandas read_csv + pyreadstat write_sav", interviews=n, seconds=round(seconds, 2),
                 peak_rss_mb=round(peak, 1))
            # Issue 17: at 100,000 interviews the .sav export is to be at least 5x as fast as this.
            speedup = seconds / sav_seconds
            mark = threshold("export.speedup_over_pandas")
            emit(benchmark="speed-up over pandas + pyreadstat", interviews=n, ratio=round(speedup, 2),
                 target_min_ratio=mark.get("atLeast"),
                 passed=speedup >= mark["atLeast"] if "atLeast" in mark and n >= 100000 else None)
        if len(peaks) >= 2:
            small, large = min(peaks), max(peaks)
            ratio = peaks[large] / peaks[small]
            mark = threshold("export.memory_growth_ratio")
            emit(benchmark="memory growth", ratio=round(ratio, 2), small=small, large=large,
                 target_max_ratio=mark.get("atMost"), passed=ratio <= mark["atMost"] if "atMost" in mark else None)
    finally:
        if not os.environ.get("EXPORT_BENCH_DIR"):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
