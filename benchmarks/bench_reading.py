"""Speed of ``chronology.read``: the Child S review end to end, and repeated 10 and 100 times.

Run: ``python benchmarks/bench_reading.py [--quick] [--junk]``.

Times are wall-clock seconds on one core with the blank spaCy pipeline:

- the one-off costs of a process: importing spaCy and building the blank pipeline,
  and the first read (which also fills the grammar's caches);
- a warm read of the review (median of five), stage by stage;
- the review's text repeated 10 and 100 times as one document (each a fresh
  process, so caches are cold as for a user's first large file): growth must be
  linear, so seconds per 100,000 characters should stay flat;
- ``--junk``: 1, 5 and 50 MB of random bytes read as Latin-1 text, with each
  process's peak memory (the reader keeps pieces of at most 100,000 characters).

It says whether the grammar it timed is compiled (mypyc, a non-editable
``pip install .``) or pure Python (an editable install, or ``CHRONOLOGY_PURE=1``).
The review is read from ``../shared/seeds/`` (or ``$CHRONOLOGY_SHARED``); nothing of
it is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR_SECONDS = 0.5


def _shared() -> Path:
    if os.environ.get("CHRONOLOGY_SHARED"):
        return Path(os.environ["CHRONOLOGY_SHARED"])
    for candidate in (ROOT / ".." / "shared", ROOT / ".." / ".." / "shared"):
        if candidate.exists():
            return candidate
    return ROOT / ".." / "shared"


REVIEW = _shared() / "seeds" / "coventry-child-s-review.txt"

# Run in a fresh process: read a text (the review repeated, or junk) once; print JSON.
_CHILD = r"""
import json, os, random, resource, sys, time
times = int(sys.argv[1]); junk_mb = float(sys.argv[2]); path = sys.argv[3]; renamed = sys.argv[4] == "1"
import re
t0 = time.perf_counter()
import chronology
from chronology.reading import _blank, _read, _segments
from chronology.settings import DEFAULT
_blank()
setup = time.perf_counter() - t0
if junk_mb:
    rng = random.Random(1)
    text = rng.randbytes(int(junk_mb * 1_000_000)).decode("latin-1")
else:
    review = open(path, encoding="utf-8").read()
    copies = []
    for i in range(times):
        if renamed and i:
            tag = chr(65 + i // 26) + chr(65 + i % 26)
            copies.append(re.sub(r"\b(Child|Mother|Male) ([A-Z])\b", lambda m: f"{m.group(1)} {tag}", review))
        else:
            copies.append(review)
    text = "\n\n".join(copies)
stages = {}
t0, c0 = time.perf_counter(), time.process_time()
c = _read(text, None, None, DEFAULT, lambda page: _segments(page, None), stages)
seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"chars": len(text), "seconds": seconds, "cpu": cpu, "setup": setup, "stages": stages,
                  "mentions": len(c.mentions), "events": len(c.events), "peak_mb": peak}))
"""


def _fresh(times: int, junk_mb: float = 0.0, renamed: bool = False) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(times), str(junk_mb), str(REVIEW), "1" if renamed else "0"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),  # not the repository: the child imports the installed chronology
    ).stdout
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


def _mode() -> str:
    from chronology.phrases import _grammar

    compiled = not str(_grammar.__file__).endswith(".py")
    return "compiled (mypyc)" if compiled else "pure Python"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100-times document")
    parser.add_argument("--junk", action="store_true", help="also read 1, 5 and 50 MB of junk")
    args = parser.parse_args(argv)
    if not REVIEW.exists():
        print(f"skipped: the Child S review is not at {REVIEW}")
        return 0
    print(f"grammar: {_mode()}; Python {sys.version.split()[0]}; one process, one core")

    from chronology.reading import _blank, _read, _segments
    from chronology.settings import DEFAULT

    t0 = time.perf_counter()
    _blank()
    pipeline = time.perf_counter() - t0
    text = REVIEW.read_text("utf-8")

    def once(stages: dict[str, float] | None = None) -> tuple[float, float]:
        started, cpu = time.perf_counter(), time.process_time()
        _read(text, None, None, DEFAULT, lambda page: _segments(page, None), stages)
        return time.perf_counter() - started, time.process_time() - cpu

    first, first_cpu = once()
    warm, warm_cpu = [], []
    stages: dict[str, float] = {}
    for _ in range(5):
        wall, cpu = once(stages)
        warm.append(wall)
        warm_cpu.append(cpu)
    median, median_cpu = statistics.median(warm), statistics.median(warm_cpu)
    setup = _fresh(0, 0.001)["setup"]
    print(f"a fresh process: import chronology and build the blank pipeline {setup:.2f} s (spaCy's import most)")
    print(f"  (here, building the pipeline alone took {pipeline:.2f} s)")
    print(
        f"Child S review ({len(text):,} characters): first read {first:.2f} s, {first_cpu:.2f} s of CPU "
        "(fills the grammar's caches)"
    )
    verdict = "meets" if median_cpu <= FLOOR_SECONDS else "MISSES"
    print(
        f"  warm read and solve: {median:.3f} s wall, {median_cpu:.3f} s of CPU (median of 5) -- "
        f"{verdict} the {FLOOR_SECONDS} s floor on one core"
    )
    print("  stages (mean of 5): " + ", ".join(f"{k} {v / 5:.3f}" for k, v in stages.items()))
    print()
    head = f"{'document':34s} {'characters':>12s} {'seconds':>8s} {'CPU s':>7s} {'CPU s / 100k':>13s} {'mentions':>9s}"
    print(head + f" {'events':>7s}")
    runs = [(1, True), (10, True)] if args.quick else [(1, True), (10, True), (100, True), (10, False)]
    for times, renamed in runs:
        r = _fresh(times, renamed=renamed)
        per = r["cpu"] / (r["chars"] / 100_000)  # type: ignore[operator]
        name = f"Child S x{times}" + (" (own people per copy)" if renamed and times > 1 else "")
        if not renamed:
            name += " (the same people)"
        print(
            f"{name:34s} {r['chars']:12,d} {r['seconds']:8.2f} {r['cpu']:7.2f} {per:13.3f} "
            f"{r['mentions']:9,d} {r['events']:7,d}"
        )
        print("    " + ", ".join(f"{k} {v:.2f}" for k, v in r["stages"].items()))  # type: ignore[attr-defined]
    print()
    print("Each document is read in a fresh process (cold caches, as a user's first file).  'Own people")
    print("per copy' renames the copies' labels (Child S -> Child AB...), so copies are independent cases")
    print("in one long document; 'the same people' keeps them, so every copy's contradictions about the")
    print("same birth meet every other's: the engine's relaxed solve then finds them one rebuild at a time.")
    if args.junk:
        print()
        print(f"{'random bytes (latin-1)':28s} {'characters':>12s} {'seconds':>8s} {'CPU s / MB':>11s} {'peak MB':>9s}")
        for mb in (1, 5, 50):
            r = _fresh(0, mb)
            per = r["cpu"] / (r["chars"] / 1_000_000)  # type: ignore[operator]
            print(f"{f'{mb} MB':28s} {r['chars']:12,d} {r['seconds']:8.2f} {per:11.3f} {r['peak_mb']:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
