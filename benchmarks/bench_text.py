"""Speed and memory of the reader's foundations: clean, find_people, find_agencies, document_date.

Prints, for the shared Child S review and for texts of 1, 10 and 50 MB made of it with PDF
noise put in (page numbers, running headers, words hyphenated at line ends, a blank line
between lines, footnote marks), the seconds each step takes and the peak memory of a fresh
process that runs them (each size in its own process, so that peaks do not mix).

    python benchmarks/bench_text.py            # Child S, 1 MB, 10 MB
    python benchmarks/bench_text.py 1 10 50    # sizes in MB (0 = the Child S review alone)

The review is read from ``../shared/seeds/`` (or ``$CHRONOLOGY_SHARED``); nothing of it is
printed.  Figures from a shared machine drift: read them as orders of magnitude.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    if os.environ.get("CHRONOLOGY_SHARED"):
        return Path(os.environ["CHRONOLOGY_SHARED"])
    for candidate in (ROOT / ".." / "shared", ROOT / ".." / ".." / "shared"):
        if candidate.exists():
            return candidate
    return ROOT / ".." / "shared"


def noisy(text: str, size: int) -> str:
    """``text`` repeated to ``size`` characters, laid out as a PDF extraction lays it out."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        words = paragraph.split()
        line = ""
        for word in words:
            if len(line) + len(word) > 85:
                if len(word) > 7 and word.isalpha() and word.islower():
                    lines.append(line + word[:4] + "-")
                    line = word[4:] + " "
                    continue
                lines.append(line.rstrip())
                line = ""
            line += word + " "
        lines.append(line.rstrip())
    out: list[str] = []
    total = page = 0
    while total < size:
        for k, line in enumerate(lines):
            if k % 45 == 44:
                page += 1
                piece = f"\n\n{page}\n\nSerious Case Review Child S Final\n\n"
            else:
                piece = line + ("¹" if k % 97 == 0 else "") + "\n\n"
            out.append(piece)
            total += len(piece)
            if total >= size:
                break
    return "".join(out)[:size]


def measure(size_mb: float) -> None:
    from chronology.reading.agencies import find_agencies
    from chronology.reading.document import document_date
    from chronology.reading.people import find_people
    from chronology.reading.text import clean

    seed = (shared_dir() / "seeds" / "coventry-child-s-review.txt").read_text("utf-8")
    text = seed if size_mb == 0 else noisy(seed, int(size_mb * 1_000_000))
    label = "Child S review" if size_mb == 0 else f"{size_mb:g} MB"
    times = {}
    start = time.perf_counter()
    page = clean(text)
    times["clean"] = time.perf_counter() - start
    start = time.perf_counter()
    people = find_people(page)
    times["people"] = time.perf_counter() - start
    start = time.perf_counter()
    agencies = find_agencies(page)
    times["agencies"] = time.perf_counter() - start
    start = time.perf_counter()
    document_date(page)
    times["date"] = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    steps = "  ".join(f"{name} {seconds:6.2f}s" for name, seconds in times.items())
    print(
        f"{label:>15}: {len(text) / 1e6:6.2f} M chars  {steps}  "
        f"| {len(page.blocks)} blocks, {len(people.persons)} people, {len(agencies)} agency mentions "
        f"| peak {peak:,.0f} MiB"
    )


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "--one":
        measure(float(argv[1]))
        return
    sizes = argv or ["0", "1", "10"]
    if not (shared_dir() / "seeds" / "coventry-child-s-review.txt").exists():
        sys.exit(f"the shared Child S review is not under {shared_dir()}")
    for size in sizes:
        if not re.fullmatch(r"\d+(?:\.\d+)?", size):
            sys.exit(f"sizes are numbers of MB, not {size!r}")
        subprocess.run([sys.executable, __file__, "--one", size], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
