#!/usr/bin/env python3
"""Export from PostgreSQL against export from a survey directory (issue 18: 10,000 interviews from
the server within 1.5x of the same export from a directory, same run, loopback).

The same simulated BAS wave (`simulate --write`, same seed) is written into a survey directory and
into a survey made with `fieldwork init --store` on the server; then `fieldwork export` runs on each,
alternating directory and server, REPEATS times per format. The medians are compared; the exported
files are checked to be byte-identical (CSV) so the two runs did the same work. Prints one JSON
object per line.

    source scripts/lib/postgres.sh; fieldwork_postgres_start      # or any server: FIELDWORK_TEST_POSTGRES_URL
    swift build -c release --scratch-path .build-release --product fieldwork
    python3 Benchmarks/postgres_export_benchmark.py

Binary: $FIELDWORK_BIN (default .build-release/release/fieldwork, then .build/release/fieldwork).
Size: $PG_EXPORT_BENCH_INTERVIEWS (default 10000). Repeats: $PG_EXPORT_BENCH_REPEATS (default 3).
Formats: $PG_EXPORT_BENCH_FORMATS (default "csv,sav").
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

# The release binary, the questionnaire, pass marks and the JSON lines are the export benchmark's own.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_benchmark import QUESTIONNAIRE, binary, emit, threshold  # noqa: E402


def timed(args):
    start = time.perf_counter()
    result = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"{' '.join(args[:4])} failed:\n{result.stderr}")
    return seconds


def psql(url, sql):
    subprocess.run([shutil.which("psql") or "/usr/bin/psql", "-X", "-q", "-d", url, "-c", sql],
                   check=True, capture_output=True, text=True)


def main():
    url = os.environ.get("FIELDWORK_TEST_POSTGRES_URL")
    if not url:
        emit(benchmark="postgres export", skipped="set FIELDWORK_TEST_POSTGRES_URL (scripts/lib/postgres.sh starts a server)")
        return
    fieldwork = binary()
    n = int(os.environ.get("PG_EXPORT_BENCH_INTERVIEWS", "10000"))
    repeats = int(os.environ.get("PG_EXPORT_BENCH_REPEATS", "3"))
    formats = os.environ.get("PG_EXPORT_BENCH_FORMATS", "csv,sav").split(",")
    work = tempfile.mkdtemp(prefix="fw-pg-export-bench-")
    schema = "bench" + uuid.uuid4().hex[:12]
    on_disk, on_server = os.path.join(work, "directory"), os.path.join(work, "server")
    try:
        subprocess.run([fieldwork, "init", on_disk, "--questionnaire", QUESTIONNAIRE], check=True, capture_output=True)
        subprocess.run([fieldwork, "init", on_server, "--questionnaire", QUESTIONNAIRE, "--store", url, "--survey", schema],
                       check=True, capture_output=True)
        for label, data in (("directory", on_disk), ("postgresql", on_server)):
            seconds = timed([fieldwork, "simulate", QUESTIONNAIRE, "--count", str(n), "--seed", "5", "--write", data])
            emit(benchmark="generate", store=label, interviews=n, seconds=round(seconds, 2))
        mark = threshold("export.postgres_to_directory_ratio")
        for fmt in formats:
            times = {"directory": [], "postgresql": []}
            for _ in range(repeats):
                for label, data in (("directory", on_disk), ("postgresql", on_server)):
                    out = os.path.join(work, f"{label}.{fmt}")
                    times[label].append(timed([fieldwork, "export", "--data", data, "--format", fmt, "--out", out, "--force"]))
            if fmt == "csv":
                with open(os.path.join(work, "directory.csv"), "rb") as a, open(os.path.join(work, "postgresql.csv"), "rb") as b:
                    identical = a.read() == b.read()
            else:
                identical = None
            directory, server = statistics.median(times["directory"]), statistics.median(times["postgresql"])
            ratio = server / directory
            emit(benchmark=f"export {fmt}", interviews=n, repeats=repeats,
                 directory_seconds=round(directory, 3), postgresql_seconds=round(server, 3),
                 ratio=round(ratio, 3), target_max_ratio=mark.get("atMost"),
                 passed=ratio <= mark["atMost"] if "atMost" in mark else None,
                 identical_output=identical)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        try:
            psql(url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        except subprocess.CalledProcessError:
            pass


if __name__ == "__main__":
    main()
