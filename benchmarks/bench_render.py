"""Benchmark of the renderings and of merging agencies' tables: prints figures, asserts nothing.

Chronologies of 100 / 1,000 / 10,000 events shaped like a review's: a subject
whose birth is known to a month, events dated by a day, a month, a season (two
readings), the child's age, or "the following day" after the event before
(one in five), across six agencies.  For each size it times, after solving:

- ``table``: ``Chronology.table()`` (every column but the statements behind each
  date, which are asked of the solver only when read);
- ``csv all``: writing the table's CSV of every column, the statements behind each date included;
- ``plot`` and ``html``: ``Chronology.plot()`` drawn to pixels, and
  ``Chronology.to_html(path)``, the whole report written (``bench_plot.py``
  breaks these down: layout, drawing, SVG, report).

Then ``merge``: three agency tables of 5,000 rows each (CSV; dates as people
write them, one row in ten recorded by two agencies, some dated incompatibly,
some unreadable) merged with ``chronology.merge``.

Floors (issue 8): a 1,000-event plot in 2 s; merging 15,000 rows in 5 s; growth
no worse than n log n (the last column: time per event relative to the first
size, against log n relative to the first size).

    python benchmarks/bench_render.py               # everything
    python benchmarks/bench_render.py 100 1000      # some sizes, and the merge
"""

from __future__ import annotations

import csv
import math
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chronology import Case, Chronology, merge  # noqa: E402

SIZES = (100, 1_000, 10_000)
AGENCIES = ("police", "health visiting", "GP", "children's social care", "hospital", "housing")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def review_case(n: int, seed: int = 1) -> Chronology:
    """A solved chronology of ``n`` events (plus the subject's birth) over the child's first six years."""
    rng = random.Random(seed)
    case = Case()
    child = case.person("Child B", born="March 2010")
    last = child.birth
    for i in range(n):
        day = date(2010, 3, 1) + timedelta(days=i * 2200 // n + rng.randint(0, 3))
        agency = rng.choice(AGENCIES)
        form = rng.random()
        if form < 0.2 and i:
            event = case.event(f"event {i}: follow-up", "the following day", agency=agency, reference=last)
        elif form < 0.5:
            event = case.event(f"event {i}: visit", f"{day.day} {MONTHS[day.month - 1]} {day.year}", agency=agency)
        elif form < 0.7:
            event = case.event(f"event {i}: contact", f"{MONTHS[day.month - 1]} {day.year}", agency=agency)
        elif form < 0.8:
            event = case.event(f"event {i}: winter contact", f"early winter {day.year}", agency=agency)
        else:
            weeks = max(0, (day - date(2010, 3, 15)).days // 7)
            event = case.event(f"event {i}: check", f"when he was {weeks} weeks old", person=child, agency=agency)
        last = event
    return case.solve(strict=False)


def timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def render_figures(sizes: tuple[int, ...]) -> None:
    print("renderings (seconds; per event relative to the first size, beside log n relative)")
    print(f"{'events':>7}  {'table':>7}  {'csv all':>8}  {'plot':>7}  {'html':>7}  {'table/n':>8}  {'log n':>6}")
    first: tuple[int, float] | None = None
    for n in sizes:
        chronology = review_case(n)
        table = timed(chronology.table)
        csv_all = timed(chronology.table().to_csv) if n <= 1_000 else float("nan")
        plot = _optional(chronology, "plot", n)
        page = _optional(chronology, "to_html", n)
        if first is None:
            first = (n, table)
        per_event = (table / n) / (first[1] / first[0])
        growth = math.log(n) / math.log(first[0])
        print(
            f"{n:>7}  {table:>7.2f}  {csv_all:>8.2f}  {_show(plot)}  {_show(page)}  {per_event:>8.2f}  {growth:>6.2f}"
        )
    print("  csv all is timed up to 1,000 events: the statements behind each date are the solver's explain(),")
    print("  asked once per event that statements link to others")


def _optional(chronology: Chronology, name: str, n: int) -> float | None:
    method = getattr(chronology, name, None)
    if method is None:
        return None
    if name == "plot":
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        spent = timed(lambda: method().figure.canvas.draw())  # built and drawn to pixels
        plt.close("all")
        return spent
    with tempfile.TemporaryDirectory() as folder:  # the report is written to a file
        return timed(lambda: method(Path(folder) / "chronology.html"))


def _show(value: float | None) -> str:
    return f"{'n/a':>7}" if value is None else f"{value:>7.2f}"


ACTIONS = (
    "home visit",
    "strategy discussion",
    "police attended after a call",
    "missed appointment",
    "referral received",
    "school reported a concern",
    "hospital attendance",
    "case conference",
    "telephone call",
    "letter sent",
    "clinic appointment",
    "core group meeting",
)
DETAILS = (
    "bruise seen on arm",
    "mother low in mood",
    "partner present",
    "house cold and untidy",
    "child unwell",
    "no one at home",
    "argument overheard",
    "weight checked",
    "injury explained as a fall",
    "cannabis smell",
    "child quiet and withdrawn",
    "rent arrears",
    "new partner named",
    "nursery place offered",
    "cot unsafe",
    "school absence",
    "disclosure of violence",
    "missed immunisations",
    "food bank voucher",
    "no gas",
)
WORKERS = ("PC 4411", "HV1", "HV2", "SW1", "SW2", "duty worker", "GP1", "nurse 7", "teacher", "housing officer")
# Free text around the details: a record's own words, so that two records share few by chance.
_WORDS = (
    "kitchen stairs landing garden pram buggy bottle nappy formula sleeping crying feeding bath bedroom sofa "
    "window door neighbour grandmother aunt uncle cousin brother sister friend landlord heating damp mould "
    "clothes shoes coat rash cough fever vomiting diarrhoea weight height head eyes teeth ear nose mouth "
    "hand arm leg knee foot back chest stomach bruise mark scratch burn scald cut graze swelling redness "
    "alcohol drugs cannabis methadone police probation court order bail licence tag curfew arrest caution "
    "benefits debt rent eviction hostel refuge shelter school nursery childminder playgroup library park "
    "bus taxi car phone text message email letter report plan meeting review assessment referral visit "
    "morning afternoon evening night weekend holiday birthday christmas easter summer winter spring autumn "
    "tired angry upset calm quiet loud happy sad anxious worried scared confused cooperative hostile"
)
VOCABULARY = tuple(_WORDS.split())


def agency_tables(folder: Path, rows: int = 5_000, seed: int = 2) -> list[Path]:
    """Three agencies' CSV chronologies of ``rows`` rows each, over five years.

    One event in ten is recorded by a second agency in its own words (a word or
    two differ); one in thirty of those is dated three days off, a conflict.
    """
    rng = random.Random(seed)
    names = ("police", "health-visiting", "social-care")
    tables: dict[str, list[list[str]]] = {name: [] for name in names}
    while min(len(t) for t in tables.values()) < rows:
        day = date(2010, 1, 1) + timedelta(days=rng.randrange(5 * 365))
        details = rng.sample(DETAILS, 2)
        note = " ".join(rng.sample(VOCABULARY, 10))
        words = f"{rng.choice(ACTIONS)}: {details[0]}; {details[1]}; {note} ({rng.choice(WORKERS)})"
        owner = rng.choice(names)
        tables[owner].append([_written(day, rng), words, rng.choice(("Child B", "Child B; Mother B", "Mother B"))])
        if rng.random() < 0.1:
            other = rng.choice([n for n in names if n != owner])
            shifted = day + timedelta(days=3 if rng.random() < 1 / 30 else 0)
            tables[other].append([shifted.strftime("%d/%m/%Y"), f"{words}, noted", "Child B; Mother B"])
    paths = []
    for name, body in tables.items():
        path = folder / f"agency-{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Date", "Event", "People"])
            writer.writerows(body[:rows])
        paths.append(path)
    return paths


def _written(day: date, rng: random.Random) -> str:
    form = rng.random()
    if form < 0.6:
        return day.strftime("%d/%m/%Y")
    if form < 0.75:
        return day.strftime("%d/%m/%y")
    if form < 0.9:
        return f"{MONTHS[day.month - 1]} {day.year}"
    if form < 0.97:
        return f"early {day.year}" if day.month < 5 else f"late {day.year}"
    return rng.choice(("unknown", "31/06/2013", "see previous entry"))


def merge_figures() -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = agency_tables(Path(folder))
        start = time.perf_counter()
        merged = merge(*paths)
        spent = time.perf_counter() - start
    print(f"merge: 3 tables of 5,000 rows in {spent:.2f} s (floor 5 s)")
    print(f"  {merged.summary().splitlines()[0]}")


def main(argv: list[str]) -> None:
    sizes = tuple(int(a) for a in argv) or SIZES
    render_figures(sizes)
    merge_figures()


if __name__ == "__main__":
    main(sys.argv[1:])
