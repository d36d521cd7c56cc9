"""Benchmark of the timeline and the report: prints figures, asserts nothing.

Chronologies of 100 / 1,000 / 10,000 events over some years and eight
agencies (a tenth with a length, one in twenty with two readings, a birth and
a death), solved; then, each timed alone (best of a few runs for the small
sizes):

- ``when``: ``Chronology.when`` for every event (the chronology's own cost,
  which the timeline needs to find the readings);
- ``layout``: what the timeline shows, as values (includes ``when``);
- ``plot``: ``Chronology.plot()`` and drawing the figure to PNG pixels;
- ``svg``: the timeline as SVG text (what the report embeds);
- ``report``: the whole HTML page (timeline, table, explanations).

The floor is a 1,000-event plot in 2 s, growing no worse than n log n.

    python benchmarks/bench_plot.py            # all sizes
    python benchmarks/bench_plot.py 100 1000   # some sizes
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from chronology import Case, Chronology, Interval, When  # noqa: E402
from chronology.render.plot import layout  # noqa: E402
from chronology.render.report import render, svg  # noqa: E402

SIZES = (100, 1_000, 10_000)


def make(n: int, seed: int = 1) -> Chronology:
    rng = random.Random(seed)
    case = Case()
    child = case.person("Child C", born=date(2010, 3, 1))
    case.subject = child
    day = date(2010, 3, 1)
    for i in range(n):
        day += timedelta(days=rng.choice((0, 1, 1, 2, 3, 5)) * max(1, 1000 // n))
        width = rng.choice((0, 0, 0, 6, 30, 90))
        agency = f"agency {i % 8}"
        roll = rng.random()
        if roll < 0.05:
            other = Interval(day - timedelta(days=365), day - timedelta(days=365 - width))
            case.event(f"event {i}", When((Interval(day, day + timedelta(days=width)), other), "winter"), agency=agency)
        elif roll < 0.15:
            event = case.event(f"event {i}", agency=agency, span=True)
            case.place(event, Interval(day, day + timedelta(days=width + 20)))
        else:
            case.event(f"event {i}", Interval(day, day + timedelta(days=width)), agency=agency)
    case.event("death of Child C", day + timedelta(days=30), agency="police", kind="death")
    return case.solve(strict=False)


def timed(task: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        task()
        best = min(best, time.perf_counter() - start)
    return best


def measure(n: int) -> tuple[float, ...]:
    """Seconds for when / layout / plot / svg / report on ``n`` events.

    Each run takes a new solve of the same case, so that none reuses another's cached readings.
    """
    case = make(n).case
    repeat = 3 if n <= 1_000 else 1

    def again() -> Chronology:
        return case.solve(strict=False)

    def whens() -> None:
        chronology = again()
        for event in chronology.events:
            chronology.when(event)

    def drawn() -> None:
        ax = again().plot()
        ax.figure.canvas.draw()
        plt.close(ax.figure)

    return (
        timed(whens, repeat),
        timed(lambda: layout(again()), repeat),
        timed(drawn, repeat),
        timed(lambda: svg(again()), repeat),
        timed(lambda: render(again()), repeat),
    )


def main(sizes: tuple[int, ...]) -> None:
    print(f"{'events':>7} {'when':>7} {'layout':>7} {'plot':>7} {'svg':>7} {'report':>7}  (seconds)")
    for n in sizes:
        print(f"{n:>7} " + " ".join(f"{f:>7.2f}" for f in measure(n)), flush=True)


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES)
