"""Time against input size: ``parse_when`` (and ``read``, once the reader is in) on growing inputs.

Run: ``python benchmarks/bench_robustness.py [--quick] [--sizes 1K,100K,1M,10M] [--shapes a,b]``.

For each shape of input (random junk, real phrases repeated, and the adversarial shapes of
issue 10: long runs of ``/``, ``-`` and ``and``, a long run of digits, ``"2014000 "``
repeated before a season, repeated words mixed with slashes) and each size (1 KB, 100 KB,
1 MB, 10 MB), the script prints the seconds taken by:

- ``parse_when(text)``: the whole text as one phrase; the grammar caps a phrase at
  ``MAX_LENGTH`` characters, so this must be a quick, clear refusal whatever the size;
- ``parse_when`` over the text cut into phrase-sized pieces (at full stops and line ends, and
  every ``MAX_LENGTH`` characters within a longer run), as a reader feeding every clause would:
  this must grow linearly;
- the grammar's work over the pieces, counted rather than timed (lexemes, reading steps and
  the characters its regular expressions were given: ``chronology.phrases._grammar.work``),
  which no other process on the machine can move;
- ``chronology.read(text)`` where the package has ``read`` (the reader); ``--read-max`` bounds
  the sizes it is given (default 1 MB: read() takes 14-20 s of CPU on 1 MB of junk or of
  repeated real phrases, compiled; at 10 MB one call takes about 170-195 s on either, x10.4
  from 1 MB on junk and x11.5 on repeated real phrases, where the relaxed solve of the one
  part that a birth many ages count from joins still grows faster than the text, as its
  answer does (1,112 conflicts at 1 MB, 14,264 at 10 MB): ``--read-max 10M`` to measure it).

and the growth ratio per 10x of size between consecutive sizes:
``(t2 / t1) ** (1 / log10(n2 / n1))``.  Linear time gives about 10; the floor is 12.  Timing is
CPU time of this process (``time.process_time``), so that other processes on a shared machine
do not count, after a warm-up on the real phrases: the whole text, median of five calls; the
pieces, each read once, in chunks of 200 whose median time per piece is taken (a cost per
piece that grew with the input would slow every chunk); read(), each call timed in a fresh
process after the same warm-up, as the first large call of its process, the median of three
processes up to 1 MB, one above (see ``_read``).  Below 100 KB, the median over several
different texts of that size.
Nothing but ``ChronologyError`` may escape: anything else is reported and counts as a failure.
"""

from __future__ import annotations

import argparse
import functools
import math
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import chronology
from chronology import ChronologyError, parse_when
from chronology.phrases import MAX_LENGTH

HERE = Path(__file__).resolve().parent
FLOOR_GROWTH = 12.0
SIZES = {"1K": 1_000, "10K": 10_000, "100K": 100_000, "1M": 1_000_000, "10M": 10_000_000}


@functools.cache
def _real_phrases() -> tuple[str, ...]:
    """The phrases of both lists beside this file (the first column of each row)."""
    phrases: list[str] = []
    for name in ("phrases.tsv", "phrases_wild.tsv"):
        path = HERE / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#") and not line.startswith("phrase\t"):
                    phrases.append(line.split("\t", 1)[0])
    return tuple(phrases) or ("early summer 2011", "three months before his death", "w/c 4th March 2013")


def _fill(unit: str, size: int) -> str:
    return (unit * (size // max(1, len(unit)) + 1))[:size]


def _junk(size: int, seed: int = 0) -> str:
    rng = random.Random(size * 100 + seed)
    alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789 /-.,:;()?'\n\t\u00a0é–"
    words = ["the", "and", "of", "March", "2013", "early", "before", "week", "/", "-", "1st", "ago"]
    parts: list[str] = []
    length = 0
    while length < size:
        piece = rng.choice(words) if rng.random() < 0.5 else "".join(rng.choices(alphabet, k=rng.randint(1, 12)))
        parts.append(piece)
        length += len(piece) + 1
    return " ".join(parts)[:size]


def _repeated_real(size: int, seed: int = 0) -> str:
    phrases = _real_phrases()
    rng = random.Random(size * 100 + seed)
    parts: list[str] = []
    length = 0
    while length < size:
        phrase = rng.choice(phrases)
        parts.append(phrase)
        length += len(phrase) + 2
    return ". ".join(parts)[:size]


SHAPES: dict[str, Callable[[int, int], str]] = {
    "junk": _junk,
    "real phrases": _repeated_real,
    "slashes": lambda n, seed=0: _fill("/", n),
    "dashes": lambda n, seed=0: _fill("-", n),
    "and and": lambda n, seed=0: _fill("and ", n),
    "digits": lambda n, seed=0: _fill("9", n - 2) + " x",
    "2014000 Autumn": lambda n, seed=0: _fill("2014000 ", n - 6) + "Autumn",
    "words and slashes": lambda n, seed=0: _fill("early / the / 2011 / and / of / week - ", n),
    "no spaces": lambda n, seed=0: _fill("early2011summerthe", n),
}


def pieces(text: str) -> list[str]:
    """``text`` cut at full stops and line ends, and into ``MAX_LENGTH``-character runs within longer pieces."""
    out: list[str] = []
    for line in text.replace(". ", "\n").splitlines():
        for start in range(0, len(line), MAX_LENGTH):
            piece = line[start : start + MAX_LENGTH]
            if piece.strip():
                out.append(piece)
    return out


class Foreign(Exception):
    """An exception other than ChronologyError escaped."""


def _guard(call: Callable[[], object]) -> None:
    try:
        call()
    except ChronologyError:
        pass
    except Exception as error:  # the point of the script: anything else is a failure to report
        raise Foreign(f"{type(error).__name__}: {str(error)[:120]}") from error


def seconds(timer: Callable[[str], float], shape: str, size: int) -> float:
    """Seconds ``timer`` reports for a text of ``size`` characters of ``shape``: below 100 KB, the
    median over several different texts of that size, so that timer noise does not dominate."""
    return statistics.median(timer(SHAPES[shape](size, seed)) for seed in range(max(1, min(15, 100_000 // size))))


def warm_up() -> None:
    """Load the grammar's tables and fill its per-word caches with ordinary words, as in use."""
    for phrase in _real_phrases():
        _guard(lambda phrase=phrase: parse_when(phrase))  # type: ignore[misc]


def _timed(work: Callable[[], object]) -> float:
    """The CPU seconds ``work`` took in this process: the time other processes on a shared machine
    take from it does not count (wall-clock time on a loaded machine moved growth ratios by 3x)."""
    start = time.process_time()
    work()
    return time.process_time() - start


def _median_of(repeats: int, work: Callable[[], object]) -> float:
    return statistics.median(_timed(work) for _ in range(repeats))


def _whole(text: str) -> float:
    """One call on the whole text: the median of five (it is refused at the cap, in constant time)."""
    return _median_of(5, lambda: _guard(lambda: parse_when(text)))


CHUNK = 200  # pieces timed together


def _pieces(text: str) -> float:
    """Every piece of the text, read once, in chunks of ``CHUNK`` pieces: the median chunk's time
    per piece times the number of pieces.  A chunk slowed by another process on the shared
    machine does not count; a cost per piece that grew with the input would show in every chunk.
    """
    cut = pieces(text)
    chunks = [cut[at : at + CHUNK] for at in range(0, len(cut), CHUNK)]

    def run(chunk: list[str]) -> None:
        for piece in chunk:
            _guard(lambda piece=piece: parse_when(piece))  # type: ignore[misc]

    took = [_timed(lambda chunk=chunk: run(chunk)) for chunk in chunks]  # type: ignore[misc]
    if len(chunks) <= 2:
        return sum(took)
    return statistics.median(t / len(chunk) for t, chunk in zip(took, chunks, strict=True)) * len(cut)


def _work(text: str) -> float:
    """Not a time: the grammar's work over every piece, counted (lexemes + reading steps + the
    characters its regular expressions were given), which the machine's load cannot move."""
    from chronology.phrases import _grammar
    from chronology.settings import DEFAULT

    return float(sum(sum(_grammar.work(piece, DEFAULT)) for piece in pieces(text)))


def _read_here(shape: str, size: int) -> float:
    """In a fresh process: load the package and read 20 KB of real phrases (the pipeline loaded,
    the caches filled), then time ``read()`` once on each different text of ``shape`` and
    ``size`` (below 100 KB, several texts where the shape's texts differ), and give the median.
    A text read again is faster (the tokenizer and the grammar keep what they have seen), so
    only first reads of a text are timed, at every size alike."""
    warm_up()
    chronology.read(_repeated_real(20_000, 7))
    texts = dict.fromkeys(SHAPES[shape](size, seed) for seed in range(max(1, min(15, 100_000 // size))))
    return statistics.median(_timed(lambda text=text: _guard(lambda: chronology.read(text))) for text in texts)  # type: ignore[misc]


def _read(shape: str, size: int) -> float:
    """``read()`` timed in fresh processes (:func:`_read_here`): the median of three up to 1 MB, one
    above (a 10 MB call takes minutes).  Every size is then timed alike, as the first large call of
    its process.  In one process, calls after the first reuse the memory it freed (three calls on
    1 MB of junk in a row: 22.0, 17.6, 19.5 s), and a median of three such at 1 MB against one
    first call at 10 MB had put x12.4-13.8 on a reader that grows x10.4 call for call."""
    runs = 3 if size <= 1_000_000 else 1
    took: list[float] = []
    for _ in range(runs):
        child = subprocess.run(
            [sys.executable, __file__, "--read-here", shape, str(size)], capture_output=True, text=True, check=False
        )
        last = (child.stdout.strip().splitlines() or [""])[-1]
        if last.startswith("foreign: "):
            raise Foreign(last.removeprefix("foreign: "))
        try:
            took.append(float(last))
        except ValueError:
            raise SystemExit(f"read() in a fresh process failed ({shape}, {size:,}):\n{child.stderr[-2000:]}") from None
    return statistics.median(took)


def growth(t1: float, n1: int, t2: float, n2: int) -> float:
    """The growth of time per 10x of size between (n1, t1) and (n2, t2)."""
    return (max(t2, 1e-9) / max(t1, 1e-9)) ** (1 / math.log10(n2 / n1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1K,100K,1M,10M", help="comma-separated sizes among " + ",".join(SIZES))
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes among: " + ",".join(SHAPES))
    parser.add_argument("--quick", action="store_true", help="sizes 1K,100K,1M and three shapes")
    parser.add_argument("--no-work", action="store_true", help="skip counting the grammar's work (slow at 10 MB)")
    parser.add_argument("--read-max", default="1M", help="the largest size given to read() (default 1M)")
    parser.add_argument("--read-here", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.read_here:  # a fresh process timing read() for the parent (see _read)
        try:
            print(_read_here(args.read_here[0], int(args.read_here[1])))
        except Foreign as error:
            print(f"foreign: {error}")
        return 0
    sizes = [SIZES[s] for s in ("1K,100K,1M" if args.quick else args.sizes).split(",")]
    shapes = ["junk", "real phrases", "words and slashes"] if args.quick else args.shapes.split(",")
    read_max = SIZES[args.read_max]
    has_read = hasattr(chronology, "read")
    where = Path(chronology.phrases._grammar.__file__).name
    build = "compiled" if where.endswith((".so", ".pyd")) else "pure Python"
    print(f"chronology from {Path(chronology.__file__).parent} (grammar {build}); Python {sys.version.split()[0]}")
    reader = "present" if has_read else "absent (the reader is not merged): skipped"
    print(f"MAX_LENGTH = {MAX_LENGTH}; read() {reader}")
    print(f"growth = (t2/t1) ** (1/log10(n2/n1)) per 10x of size; linear ~ 10; floor <= {FLOOR_GROWTH:.0f}")
    print()
    warm_up()
    worst = 0.0
    failures: list[str] = []
    entries: list[tuple[str, Callable[[str, int], float], int]] = [
        ("parse_when(text)", functools.partial(seconds, _whole), max(sizes)),
        ("parse_when(pieces)", functools.partial(seconds, _pieces), max(sizes)),
    ]
    if hasattr(chronology.phrases._grammar, "work") and not args.no_work:
        entries.append(("work(pieces), count", functools.partial(seconds, _work), max(sizes)))
    if has_read:
        entries.append(("read(text)", _read, read_max))
    header = f"{'shape':18s} {'entry':19s}" + "".join(f"{label:>10s}" for label in SIZES if SIZES[label] in sizes)
    print(header + "   growth per 10x")
    for shape in shapes:
        for label, measure, limit in entries:
            times: list[tuple[int, float]] = []
            for size in sizes:
                if size > limit:
                    continue
                try:
                    times.append((size, measure(shape, size)))
                except Foreign as error:
                    failures.append(f"{shape} / {label} / {size:,}: {error}")
                    times.append((size, float("nan")))
            ratios = [growth(t1, n1, t2, n2) for (n1, t1), (n2, t2) in zip(times, times[1:], strict=False)]
            worst = max([worst, *(r for r in ratios if not math.isnan(r))])
            form = "{:10.4g}" if label.startswith("work") else "{:10.6f}"
            cells = "".join(form.format(t) for _, t in times) + " " * 10 * (len(sizes) - len(times))
            overall = growth(times[0][1], times[0][0], times[-1][1], times[-1][0]) if len(times) > 1 else math.nan
            steps = " ".join(f"{r:5.1f}" for r in ratios)
            print(f"{shape:18s} {label:19s}{cells}   {steps}   (first to last: {overall:4.1f})")
    print()
    verdict = "met" if worst <= FLOOR_GROWTH else "NOT met"
    print(f"worst growth per 10x: {worst:.1f} (floor <= {FLOOR_GROWTH:.0f}): {verdict}")
    if failures:
        print(f"foreign exceptions ({len(failures)}):")
        for failure in failures:
            print("  " + failure)
    return 0 if worst <= FLOOR_GROWTH and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
