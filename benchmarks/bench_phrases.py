"""Speed and accuracy of ``parse_when`` over two phrase lists, beside ``dateparser``.

Run: ``python benchmarks/bench_phrases.py [--misses] [--repeats N] [--list NAME]``.

The lists, beside this file:

- ``phrases.tsv``: every kind of phrase the conventions cover, written by the team;
- ``phrases_wild.tsv``: phrases from public reviews, judgments and news reports of them,
  with readings worked out by hand from the conventions (``phrases_wild.md``), including
  the phrases that must be refused.

Each row has the readings the conventions give and the birth / anchor / reference /
document date it needs.  For each list the script prints, on one CPU core:

- ``parse_when`` phrases per second of CPU time, warm, best (and median) of several repeats, with any
  cache of whole phrases turned off; refusals are timed with the rest (a refusal must be as
  cheap as an answer), and the rates of the rows answered and of the rows refused are shown;
- ``dateparser.parse`` over the same list (DATE_ORDER=DMY, PREFER_DATES_FROM=past,
  RELATIVE_BASE = the reference or document date where the row gives one) and the ratio of
  the two rates: once told the text is English (``languages=["en"]``, as ours is; the floor
  is read against this), and once with its default language detection;
- how many rows each gets right, with the definition of "right" printed.

Floors (issue 9), read on the wild list with the compiled grammar: >= 97% right,
>= 100,000 phrases/s, >= 30x dateparser.  The team's own list stays at 100% right.
The machine is shared, so rates move with its load: the best pass is the figure, the median
is printed beside it, and the script prints how long a fixed loop takes now.  The work itself,
counted rather than timed, is ``chronology.phrases._grammar.work`` (tests/test_robustness.py).
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from chronology import ChronologyError, Interval, parse_when

HERE = Path(__file__).resolve().parent
DATA = HERE / "phrases.tsv"
WILD = HERE / "phrases_wild.tsv"
LISTS = {"phrases": DATA, "wild": WILD}
ANCHOR_COLUMNS = ("birth", "anchor", "reference", "document_date")

# Floors, per list: (right, phrases/s, times dateparser).  The rate floors hold for the compiled
# grammar (a non-editable install); the pure-Python one is about half as fast.
FLOORS = {"phrases": (1.0, 100_000, 30.0), "wild": (0.97, 100_000, 30.0)}


class Row(NamedTuple):
    phrase: str
    expected: tuple[Interval, ...] | None  # None: the phrase is not on the timeline
    anchors: dict[str, date | Interval]
    rule: str


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _interval(text: str) -> Interval:
    first, _, last = text.partition("..")
    return Interval(_day(first), _day(last))


def _anchor(text: str) -> date | Interval:
    return _interval(text) if ".." in text else date.fromisoformat(text)


def load(path: Path = DATA) -> list[Row]:
    """The phrase list: one :class:`Row` per data line."""
    rows: list[Row] = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    for number, line in enumerate(lines[1:], start=2):
        cells = dict(zip(header, line.split("\t"), strict=True))
        expected = (
            None if cells["expected"] == "REJECT" else tuple(_interval(r.strip()) for r in cells["expected"].split("|"))
        )
        anchors = {name: _anchor(cells[name]) for name in ANCHOR_COLUMNS if cells[name]}
        if not cells["phrase"]:
            raise ValueError(f"{path.name}: data line {number} has no phrase")
        rows.append(Row(cells["phrase"], expected, anchors, cells["rule"]))
    return rows


# -- ours -----------------------------------------------------------------------------


def _without_phrase_caches() -> list[str]:
    """Turn off caches keyed on whole phrases in the grammar; return their names.

    A ``functools`` cache on a function whose first parameter is the phrase is
    replaced by the function it wraps, so that every call does the work.
    Caches of vocabulary (a word, a number) stay: they are part of the design.
    """
    import inspect

    from chronology.phrases import _grammar as phrases

    turned_off = []
    for name, value in list(vars(phrases).items()):
        wrapped = getattr(value, "__wrapped__", None)
        if wrapped is None or not hasattr(value, "cache_clear"):
            continue
        try:
            first = next(iter(inspect.signature(wrapped).parameters))
        except (StopIteration, TypeError, ValueError):
            continue
        if first in {"phrase", "text", "words"}:
            setattr(phrases, name, wrapped)
            turned_off.append(name)
    return turned_off


def _ours(row: Row) -> tuple[Interval, ...] | None:
    try:
        when = parse_when(row.phrase, **row.anchors)  # type: ignore[arg-type]
    except ChronologyError:
        return None
    return when.readings


def _key(interval: Interval) -> tuple[date, date]:
    return (interval.earliest or date.min, interval.latest or date.max)


def ours_right(row: Row, got: tuple[Interval, ...] | None) -> bool:
    """Right: a phrase off the timeline raises; otherwise the readings equal the expected ones."""
    if row.expected is None or got is None:
        return row.expected is None and got is None
    return sorted(set(got), key=_key) == sorted(set(row.expected), key=_key)


def _ours_error(row: Row) -> str:
    try:
        return str(parse_when(row.phrase, **row.anchors))  # type: ignore[arg-type]
    except ChronologyError as error:
        return f"{type(error).__name__}: {error}"


# -- dateparser ------------------------------------------------------------------------


def _relative_base(row: Row) -> datetime | None:
    for name in ("reference", "document_date"):
        value = row.anchors.get(name)
        if isinstance(value, Interval):
            value = value.earliest
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
    return None


def _dateparser_calls(rows: list[Row], *, english_only: bool) -> list[Callable[[], Any]]:
    import dateparser

    calls: list[Callable[[], Any]] = []
    for row in rows:
        settings: dict[str, Any] = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"}
        base = _relative_base(row)
        if base is not None:
            settings["RELATIVE_BASE"] = base
        # English only, as ours is; by default dateparser first detects the language (much slower).
        languages = ["en"] if english_only else None
        calls.append(functools.partial(dateparser.parse, row.phrase, languages=languages, settings=settings))
    return calls


def dateparser_right(row: Row, got: datetime | None) -> bool:
    """Right: ``None`` for a phrase off the timeline; else the one day it returns is the
    single expected day.  A period can never be right: one datetime cannot say "June 2011"."""
    if row.expected is None or got is None:
        return row.expected is None and got is None
    if len(row.expected) != 1:
        return False
    only = row.expected[0]
    return only.earliest is not None and only.earliest == only.latest == got.date()


def dateparser_inside(row: Row, got: datetime | None) -> bool:
    """Lenient: the day it returns lies inside some expected reading."""
    if row.expected is None or got is None:
        return row.expected is None and got is None
    return any(r.contains(got.date()) for r in row.expected)


# -- timing --------------------------------------------------------------------------------


def best_rate(calls: list[Callable[[], Any]], repeats: int) -> float:
    """Calls per second: one warm-up pass, then the best of ``repeats`` timed passes."""
    return rates(calls, repeats)[0]


def rates(calls: list[Callable[[], Any]], repeats: int) -> tuple[float, float]:
    """Calls per second of CPU time, best and median of ``repeats`` timed passes after a warm-up
    pass (CPU time of this process: the time other processes on a shared machine take does not count)."""
    for call in calls:
        call()
    times = []
    for _ in range(repeats):
        start = time.process_time()
        for call in calls:
            call()
        times.append(time.process_time() - start)
    times.sort()
    return len(calls) / times[0], len(calls) / times[len(times) // 2]


def machine_speed() -> float:
    """Microseconds for ``sum(range(1000))``, best of many: how fast this machine is right now
    (a shared virtual machine's speed drifts; read the rates beside it)."""
    import timeit

    return min(timeit.repeat("sum(range(1000))", number=2000, repeat=15)) / 2000 * 1e6


def _guarded(row: Row) -> Callable[[], Any]:
    def call() -> Any:
        try:
            return parse_when(row.phrase, **row.anchors)  # type: ignore[arg-type]
        except ChronologyError:
            return None

    return call


def _one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU core {core}"
    return "one process, one thread (affinity not settable here)"


def _build() -> str:
    """Which grammar is timed: the mypyc-compiled one a wheel carries, or the pure-Python source."""
    from chronology.phrases import _grammar

    where = _grammar.__file__ or "?"
    if where.endswith((".so", ".pyd")):
        return f"grammar compiled by mypyc ({where})"
    return f"grammar in pure Python ({where}; a non-editable 'pip install .' compiles it)"


def _rates_by_outcome(rows: list[Row], repeats: int) -> tuple[float, float]:
    """Phrases per second over the rows ``parse_when`` answers, and over those it refuses."""
    answered = [_guarded(row) for row in rows if _ours(row) is not None]
    refused = [_guarded(row) for row in rows if _ours(row) is None]
    return (
        rates(answered, repeats)[0] if answered else float("nan"),
        rates(refused, repeats)[0] if refused else float("nan"),
    )


def report(name: str, path: Path, args: argparse.Namespace) -> bool:
    """Measure one list; print its figures; whether its floors are met."""
    rows = load(path)
    kinds = sorted({row.rule.split(":")[0] for row in rows})
    print(f"== {name}: {len(rows)} rows from {path.name} ({len(kinds)} families of rule)")

    # Accuracy.
    ours = [_ours(row) for row in rows]
    ours_ok = [ours_right(row, got) for row, got in zip(rows, ours, strict=True)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dp_calls = _dateparser_calls(rows, english_only=True)
        dp_any_calls = _dateparser_calls(rows, english_only=False)
        dp = [call() for call in dp_calls]
        dp_any = [call() for call in dp_any_calls] if not args.quick else []
    dp_ok = [dateparser_right(row, got) for row, got in zip(rows, dp, strict=True)]
    dp_inside = [dateparser_inside(row, got) for row, got in zip(rows, dp, strict=True)]

    # Speed.
    our_rate, our_median = rates([_guarded(row) for row in rows], args.repeats)
    answered_rate, refused_rate = _rates_by_outcome(rows, max(3, args.repeats // 3))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dp_rate = best_rate(dp_calls, args.dateparser_repeats)
        dp_any_rate = best_rate(dp_any_calls, 1) if not args.quick else float("nan")
    dp_any_ok = [dateparser_right(row, got) for row, got in zip(rows, dp_any, strict=True)] if dp_any else []

    n = len(rows)
    refused = sum(got is None for got in ours)
    print(f"machine: sum(range(1000)) takes {machine_speed():.1f} us now (about 8-10 on a quiet modern core)")
    print(f"parse_when   {our_rate:12,.0f} phrases/s   right {sum(ours_ok):4d}/{n} = {sum(ours_ok) / n:6.1%}", end="")
    print(f"   (median pass {our_median:,.0f}/s over {args.repeats} passes)")
    print(
        f"             {answered_rate:12,.0f} phrases/s over the {n - refused} rows it answers,"
        f" {refused_rate:,.0f}/s over the {refused} it refuses"
    )
    print(f"dateparser   {dp_rate:12,.0f} phrases/s   right {sum(dp_ok):4d}/{n} = {sum(dp_ok) / n:6.1%}", end="")
    print(f"   (lenient: {sum(dp_inside)}/{n} = {sum(dp_inside) / n:.1%})")
    print(f"ratio        {our_rate / dp_rate:12.1f} x   (the floor is read against this one)")
    if dp_any:
        print(
            f"dateparser, language detected: {dp_any_rate:,.0f} phrases/s, right {sum(dp_any_ok)}/{n};"
            f" ratio {our_rate / dp_any_rate:.1f} x"
        )
    right_floor, rate_floor, ratio_floor = FLOORS.get(name, (0.95, 50_000, 20.0))
    compiled = "pure Python" not in _build()
    verdicts = (
        (sum(ours_ok) / n >= right_floor, f"right >= {right_floor:.0%}"),
        (our_rate >= rate_floor, f"rate >= {rate_floor:,}/s" + ("" if compiled else " (compiled; this is pure)")),
        (our_rate / dp_rate >= ratio_floor, f"ratio >= {ratio_floor:.0f}x dateparser"),
    )
    for ok, floor in verdicts:
        print(f"floor {floor:42s} {'met' if ok else 'NOT met'}")

    misses = [(row, got) for row, got, ok in zip(rows, ours, ours_ok, strict=True) if not ok]
    by_rule: dict[str, int] = {}
    for row, _ in misses:
        by_rule[row.rule.split(":")[0]] = by_rule.get(row.rule.split(":")[0], 0) + 1
    if misses:
        print(f"parse_when misses by family ({len(misses)}):")
        for rule, count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
            print(f"  {count:3d}  {rule}")
    if args.misses and misses:
        for row, _ in misses:
            expected = "not on the timeline" if row.expected is None else " | ".join(str(r) for r in row.expected)
            anchors = ", ".join(f"{k}={v}" for k, v in row.anchors.items())
            print(f"  {row.phrase!r} [{anchors}]\n      expected {expected}\n      got      {_ours_error(row)}")
            print(f"      rule     {row.rule}")
    print()
    return all(ok for ok, _ in verdicts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every row parse_when gets wrong")
    parser.add_argument("--repeats", type=int, default=25, help="timed passes for parse_when (best is kept)")
    parser.add_argument("--dateparser-repeats", type=int, default=3)
    parser.add_argument("--list", choices=sorted(LISTS), action="append", help="the list(s) to measure (default: all)")
    parser.add_argument("--quick", action="store_true", help="skip dateparser with language detection (slow)")
    args = parser.parse_args(argv)

    loadavg = f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores" if hasattr(os, "getloadavg") else ""
    print(_one_core(), f"; Python {sys.version.split()[0]}{loadavg}")
    print(_build())
    caches = _without_phrase_caches()
    print(f"whole-phrase caches turned off: {', '.join(caches) if caches else 'none found'}", end="")
    print(" (caches keyed on a signature or a word stay)")
    print()
    print("right means:")
    print("  parse_when: its readings equal the expected readings exactly (every reading, both ends;")
    print("              open ends must be open); a phrase off the timeline must raise ChronologyError")
    print("  dateparser: it returns None for a phrase off the timeline, or the one datetime it returns")
    print("              falls on the expected day where the expectation is a single day; a period or")
    print("              a phrase with several readings cannot be right (one datetime cannot state bounds)")
    print("  (lenient, for information: dateparser's day lies inside some expected reading)")
    print()
    met = True
    for name in args.list or sorted(LISTS, key=lambda n: n != "phrases"):
        if not LISTS[name].exists():
            print(f"== {name}: {LISTS[name].name} is not here; skipped\n")
            continue
        met = report(name, LISTS[name], args) and met
    if "pure Python" in _build():
        print("(this timed the pure-Python grammar of an editable or compiler-less install; README's")
        print(" 'pip install .' compiles it, about twice as fast: docs/design.md, 'The build')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
