"""Benchmark of the constraint engine and of cases built through ``Case``: prints figures, asserts nothing.

Three measures, each size in its own subprocess so that its peak resident
memory (``ru_maxrss``) is its own:

1. ``network``: the engine alone.  Cases of 1,000 / 10,000 / 100,000 events
   shaped like a chronology: a hidden true day per event, mostly local
   relations between nearby events ("a week later", "after"), absolute bounds
   on some events, and 5% of events with two readings (a choice between the
   true period and one a year off); about four constraints per event.  Build
   and solve time, peak memory, and the time to add one constraint to the
   solved case (``add``: the incremental repair alone; ``add+solve``: also
   taking a new solution), median and p90 over 200 additions.
2. ``case``: the same sizes built through the public API (``Case.event`` with
   dates, months and phrases such as "the following day", ``Case.before`` /
   ``after`` / ``relate`` between neighbours) and solved with ``Case.solve``:
   build time, solve time, both together, peak memory, and the engine's work
   (edges scanned) per event.
3. ``relaxed``: a chain of events a known number of days apart, dated every
   tenth event, with 10 dates planted wrong by a year or more; ``solve(strict=False)``
   through ``Case``: time, work, and whether exactly the planted dates were set aside.
4. ``same`` (not run by default): ``chronology.read`` of a review repeated N times with
   the same people in every copy (``read(text * n)``), so each contradiction of the
   review between dates of one event is repeated N times on one point: CPU seconds,
   per 100,000 characters, and the engine's work.  The synthetic Child T review by
   default; ``--child-s`` reads the shared Child S review instead.

Then networkx's all-pairs Floyd–Warshall (numpy) at 1,000 events as the naive
reference, checked against the engine's bounds on the same choice-free case.
Times are wall-clock and CPU (``process_time``); on a shared machine the CPU
time is the steadier, and the work counts do not depend on the machine at all.

    python benchmarks/bench_solver.py                  # everything, all sizes
    python benchmarks/bench_solver.py case 1000 10000  # one measure, some sizes
    python benchmarks/bench_solver.py same 1 10 30     # Child T read 1, 10, 30 times, same people
    python benchmarks/bench_solver.py same 1 10 100 --child-s
"""

from __future__ import annotations

import gc
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chronology import Case, Interval  # noqa: E402
from chronology.engine import ORIGIN, Network  # noqa: E402

BASE_DAY = 733_000  # about 2007
SIZES = (1_000, 10_000, 100_000)
MEASURES = ("network", "case", "relaxed")
FLOORS = {
    "case": "100,000 events built and solved through Case in <= 3 s together, within 1 GB",
    "relaxed": "a 10,000-event chain with 10 contradictions solved relaxed in <= 2 s",
    "growth": "growth per 10x <= 12 everywhere",
}


# -- 1. the network ------------------------------------------------------------------


def make_case(n: int, seed: int = 1, choices: bool = True) -> tuple[list[tuple], list[tuple], list[int]]:
    """(constraints, choices, truth) for ``n`` events; every statement holds for ``truth``."""
    rng = random.Random(seed)
    truth = [0]
    day = BASE_DAY
    for _ in range(n):
        day += rng.choice((0, 0, 1, 1, 2, 3, 5, 8))
        truth.append(day)
    constraints: list[tuple] = []
    picks: list[tuple] = []
    for i in range(1, n + 1):
        for _ in range(3):  # local relations to nearby events
            j = min(n, i + rng.randint(1, 6))
            if j == i:
                continue
            diff = truth[j] - truth[i]
            kind = rng.random()
            if kind < 0.5:
                lo, hi = diff - rng.randint(0, 3), diff + rng.randint(0, 3)
            elif kind < 0.8:
                lo, hi = min(diff, 0), None  # "after" / "later"
            else:
                lo, hi = max(0, diff - 30), diff + rng.randint(0, 30)
            constraints.append((i, j, lo, hi, f"rel{i}-{j}-{len(constraints)}"))
        if choices and rng.random() < 0.05:
            r = rng.randint(0, 45)
            true = ((ORIGIN, i, truth[i] - r, truth[i] + r),)
            off = rng.choice((-365, 365))
            false = ((ORIGIN, i, truth[i] + off - r, truth[i] + off + r),)
            options = [true, false] if rng.random() < 0.5 else [false, true]
            picks.append((options, f"reading{i}"))
        elif rng.random() < 0.25:
            r = rng.randint(0, 90)
            constraints.append((ORIGIN, i, truth[i] - r, truth[i] + r, f"abs{i}"))
    constraints.append((ORIGIN, 1, truth[1] - 10, truth[1] + 10, "first"))
    return constraints, picks, truth


def build(n: int, constraints: list[tuple], picks: list[tuple]) -> Network:
    net = Network()
    for _ in range(n):
        net.add_point()
    for a, b, lo, hi, tag in constraints:
        net.add(a, b, lo, hi, tag)
    for options, tag in picks:
        net.add_choice(options, tag)
    return net


def network_size(n: int) -> dict[str, object]:
    constraints, picks, truth = make_case(n)
    best = (float("inf"), float("inf"), float("inf"))
    for _ in range(3):  # the best of three fresh builds and solves (the machine is shared)
        start = time.perf_counter()
        net = build(n, constraints, picks)
        built = time.perf_counter() - start
        start, cpu = time.perf_counter(), time.process_time()
        sol = net.solve()
        solved, solved_cpu = time.perf_counter() - start, time.process_time() - cpu
        best = min(best, (solved_cpu, solved, built))
    solved_cpu, solved, built = best
    assert sol.consistent
    bad = sum(1 for p in range(1, n + 1) if not _inside(truth[p], sol.bounds(p)))
    rng = random.Random(7)
    adds: list[float] = []
    add_solves: list[float] = []
    for k in range(200):
        i = rng.randint(1, n - 1)
        j = min(n, i + rng.randint(1, 6))
        diff = truth[j] - truth[i]
        lo, hi = diff - rng.randint(0, 2), diff + rng.randint(0, 2)
        t0 = time.perf_counter()
        net.add(i, j, lo, hi, f"new{k}")
        t1 = time.perf_counter()
        sol = net.solve()
        t2 = time.perf_counter()
        adds.append(t1 - t0)
        add_solves.append(t2 - t0)
    assert sol.consistent
    return {
        "events": n,
        "constraints": len(constraints),
        "choices": len(picks),
        "build_s": built,
        "solve_s": solved,
        "solve_cpu_s": solved_cpu,
        "exact": sol.exact,
        "search_nodes": sol.search_nodes,
        "truth_outside_bounds": bad,
        "add_median_ms": 1000 * statistics.median(adds),
        "add_p90_ms": 1000 * statistics.quantiles(adds, n=10)[-1],
        "add_solve_median_ms": 1000 * statistics.median(add_solves),
        "add_solve_p90_ms": 1000 * statistics.quantiles(add_solves, n=10)[-1],
        "peak_rss_mb": _peak_mb(),
    }


# -- 2. a case through the public API ---------------------------------------------------------


def case_facts(n: int, seed: int = 3) -> list[tuple]:
    """What a long review says, event by event, true of a hidden timeline: each event
    either dated (a day or a month), or placed by a phrase from the one before ("the
    following day", "two weeks later"), or neither; most are related to the one before
    (before, after with a gap, or a window of days)."""
    rng = random.Random(seed)
    day = date(1990, 1, 1)
    facts: list[tuple] = []
    for i in range(n):
        step = rng.choice((0, 1, 1, 2, 3, 5, 8, 13))
        day += timedelta(days=step)
        pick = rng.random()
        if i and step == 1 and pick < 0.3:
            when: object = "the following day"
        elif i and step == 13 and pick < 0.3:
            when = "two weeks later"  # 11..17 days
        elif pick < 0.15:
            when = day
        elif pick < 0.25:
            when = Interval.month(day.year, day.month)
        else:
            when = None
        link = rng.random()
        if not i or isinstance(when, str):
            relation: tuple = ("none",)
        elif link < 0.4 and step > 0:
            relation = ("before", step if rng.random() < 0.5 else None)
        elif link < 0.7:
            relation = ("relate", step - rng.randint(0, 2), step + rng.randint(0, 5))
        else:
            relation = ("none",)
        agency = rng.choice(("police", "health visiting", "GP", "children's social care", "housing"))
        facts.append((f"event {i}", when, agency, relation, day))
    return facts


def build_case(facts: list[tuple]) -> tuple[Case, list]:
    case = Case()
    events = []
    for description, when, agency, relation, _ in facts:
        event = case.event(description, when, agency=agency)
        if relation[0] == "before":
            case.before(events[-1], event, gap=relation[1])
        elif relation[0] == "relate":
            case.relate(events[-1], event, relation[1], relation[2])
        events.append(event)
    return case, events


def _warm_up() -> None:
    """Build and solve a small case first, so that what loads once (the grammar's vocabulary,
    the calendar's caches) is not counted against the smallest size."""
    case, _ = build_case(case_facts(300, seed=99))
    case.solve(strict=False)


def case_size(n: int, rounds: int = 3) -> dict[str, object]:
    """Build and solve ``rounds`` times (the best of them counts: the machine is shared), with the
    seconds the interpreter's cyclic garbage collector spent during the build beside them."""
    _warm_up()
    facts = case_facts(n)
    collected = [0.0, 0.0, 0.0]  # seconds in all collections, in full ones, and how many full ones
    started = [0.0]

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            spent = time.process_time() - started[0]
            collected[0] += spent
            if info["generation"] == 2:
                collected[1] += spent
                collected[2] += 1

    best: dict[str, object] | None = None
    for _ in range(rounds):
        gc.collect()
        collected[:] = [0.0, 0.0, 0.0]
        tracked = len(gc.get_objects())
        gc.callbacks.append(collector)
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            case, events = build_case(facts)
        finally:
            gc.callbacks.remove(collector)
        built, built_cpu = time.perf_counter() - wall, time.process_time() - cpu
        gc.collect()  # what the collector still walks once the build's short-lived tuples are untracked
        tracked = len(gc.get_objects()) - tracked - 1  # less the events' list
        before = case._network.work
        wall, cpu = time.perf_counter(), time.process_time()
        chronology = case.solve()
        solved, solved_cpu = time.perf_counter() - wall, time.process_time() - cpu
        work = case._network.work - before
        pairs = zip(events, facts, strict=True)
        bad = sum(1 for event, fact in pairs if not chronology.bounds(event).contains(fact[4]))
        figures: dict[str, object] = {
            "events": n,
            "statements": len(case.statements),
            "build_s": built,
            "build_cpu_s": built_cpu,
            "build_gc_s": collected[0],
            "build_full_gc_s": collected[1],
            "build_full_gcs": int(collected[2]),
            "tracked_per_event": tracked / n,
            "solve_s": solved,
            "solve_cpu_s": solved_cpu,
            "total_s": built + solved,
            "total_cpu_s": built_cpu + solved_cpu,
            "work_per_event": work / n,
            "truth_outside_bounds": bad,
        }
        if best is None or built_cpu + solved_cpu < best["total_cpu_s"]:  # type: ignore[operator]
            best = figures
        del case, events, chronology
    assert best is not None
    best["peak_rss_mb"] = _peak_mb()
    return best


# -- 3. relaxed solving of a chain with contradictions ----------------------------------------


def relaxed_size(n: int, wrong: int = 10, seed: int = 5) -> dict[str, object]:
    _warm_up()
    rng = random.Random(seed)
    case = Case()
    day = date(1990, 1, 1)
    planted = set(rng.sample([i for i in range(n) if i % 10 != 0], wrong))
    events = []
    wrong_dates = []
    for i in range(n):
        gap = rng.choice((0, 1, 1, 2, 3))
        day += timedelta(days=gap)
        event = case.event(f"event {i}")
        if events:
            case.relate(events[-1], event, gap, gap, words="days later")
        if i % 10 == 0:
            case.place(event, day)
        elif i in planted:
            off = rng.choice((-1, 1)) * rng.randint(366, 3 * 365)
            wrong_dates += case.place(event, day + timedelta(days=off))
        events.append(event)
    before = case._network.work
    wall, cpu = time.perf_counter(), time.process_time()
    chronology = case.solve(strict=False)
    solved, solved_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()  # one more event, and solve relaxed again
    extra = case.event("one more")
    case.relate(events[-1], extra, 1, 1, words="the next day")
    again = case.solve(strict=False)
    resolved, resolved_cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "events": n,
        "planted": wrong,
        "solve_s": solved,
        "solve_cpu_s": solved_cpu,
        "again_s": resolved,
        "again_cpu_s": resolved_cpu,
        "again_same": set(again.set_aside) == set(chronology.set_aside),
        "work_per_event": (case._network.work - before) / n,
        "conflicts": len(chronology.conflicts),
        "set_aside": len(chronology.set_aside),
        "set_aside_the_planted": set(chronology.set_aside) == set(wrong_dates),
        "peak_rss_mb": _peak_mb(),
    }


# -- 4. a review repeated with the same people --------------------------------------------


def _review(child_s: bool) -> Path:
    if not child_s:
        return ROOT / "examples" / "review-child-t.txt"
    import os

    shared = Path(os.environ["CHRONOLOGY_SHARED"]) if os.environ.get("CHRONOLOGY_SHARED") else ROOT / ".." / "shared"
    return shared / "seeds" / "coventry-child-s-review.txt"


def same_people(n: int, child_s: bool = False) -> dict[str, object]:
    """``read(text * n)``: the review's contradictions repeated n times on the same points."""
    import chronology

    text = _review(child_s).read_text(encoding="utf-8")
    chronology.read(text[:2000])  # the blank pipeline and the grammar's caches, outside the timing
    document = text * n
    cpu = time.process_time()
    read = chronology.read(document)
    seconds = time.process_time() - cpu
    network = read.case._network
    return {
        "events": n,
        "chars": len(document),
        "cpu_s": seconds,
        "cpu_per_100k": seconds * 100_000 / len(document),
        "work": network.work,
        "work_per_100k": network.work * 100_000 / len(document),
        "conflicts": len(read.conflicts),
        "set_aside": len(read.set_aside),
    }


# -- the reference and the report ----------------------------------------------------------


def _inside(value: int, bounds: tuple[int | None, int | None]) -> bool:
    lo, hi = bounds
    return (lo is None or lo <= value) and (hi is None or value <= hi)


def _peak_mb() -> float:
    """Peak resident memory of this process: VmHWM where Linux gives it (``ru_maxrss`` keeps the
    parent's peak across fork and exec, so a small size run from a large parent would show that)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reference(n: int = 1_000) -> dict[str, object]:
    """networkx all-pairs Floyd–Warshall on the choice-free case, against the engine."""
    try:
        import networkx as nx
    except ImportError:
        return {"skipped": "networkx is not installed"}
    constraints, _, _ = make_case(n, choices=False)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n + 1))
    for a, b, lo, hi, _ in constraints:
        for u, v, w in ((a, b, hi), (b, a, None if lo is None else -lo)):
            if w is not None and (not graph.has_edge(u, v) or graph[u][v]["weight"] > w):
                graph.add_edge(u, v, weight=w)
    start = time.perf_counter()
    dist = nx.floyd_warshall_numpy(graph, nodelist=list(range(n + 1)))
    fw = time.perf_counter() - start
    start = time.perf_counter()
    sol = build(n, constraints, []).solve()
    ours = time.perf_counter() - start
    agree = all(sol.bounds(p) == (_finite(-dist[p, 0]), _finite(dist[0, p])) for p in range(1, n + 1))
    return {"events": n, "floyd_warshall_s": fw, "engine_s": ours, "bounds_agree": agree}


def _finite(x: float) -> int | None:
    return None if abs(x) == float("inf") else int(x)


def _run(measure: str, n: int) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--one", measure, str(n)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _growth(rows: list[dict[str, object]], key: str) -> str:
    """The factor by which ``key`` grew per tenfold size."""
    parts = []
    for small, large in zip(rows, rows[1:], strict=False):
        ratio = float(large["events"]) / float(small["events"])  # type: ignore[arg-type]
        if ratio == 10 and float(small[key]) > 0:  # type: ignore[arg-type]
            parts.append(f"x{float(large[key]) / float(small[key]):.1f}")  # type: ignore[arg-type]
    return " ".join(parts) or "-"


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--one":
        if argv[1].startswith("same"):
            print(json.dumps(same_people(int(argv[2]), child_s=argv[1] == "same-s")))
            return
        run = {"network": network_size, "case": case_size, "relaxed": relaxed_size}[argv[1]]
        print(json.dumps(run(int(argv[2]))))
        return
    if "same" in argv:
        which = "same-s" if "--child-s" in argv else "same"
        sizes = [int(a) for a in argv if a.isdigit()] or [1, 10, 30]
        print(f"read(text * n), same people: {_review(which == 'same-s').name}")
        print(f"{'copies':>7} {'chars':>9} {'cpu s':>8} {'cpu/100k':>9} {'work':>11} {'work/100k':>10} conflicts aside")
        for n in sizes:
            r = _run(which, n)
            print(
                f"{r['events']:>7} {r['chars']:>9} {r['cpu_s']:>8.3f} {r['cpu_per_100k']:>9.3f} {r['work']:>11} "
                f"{r['work_per_100k']:>10.0f} {r['conflicts']:>9} {r['set_aside']:>5}"
            )
        return
    measures = [a for a in argv if a in MEASURES] or list(MEASURES)
    sizes = [int(a) for a in argv if a.isdigit()] or list(SIZES)
    if "network" in measures:
        print("network (engine alone)")
        print(
            f"{'events':>8} {'constr':>7} {'choices':>7} {'solve s':>8} {'cpu s':>7} {'peak MB':>8} "
            f"{'add ms med/p90':>15} {'add+solve ms med/p90':>21} exact nodes outside"
        )
        rows = [_run("network", n) for n in sizes]
        for r in rows:
            print(
                f"{r['events']:>8} {r['constraints']:>7} {r['choices']:>7} {r['solve_s']:>8.3f} "
                f"{r['solve_cpu_s']:>7.3f} {r['peak_rss_mb']:>8.0f} {r['add_median_ms']:>7.3f}/{r['add_p90_ms']:<7.3f} "
                f"{r['add_solve_median_ms']:>10.3f}/{r['add_solve_p90_ms']:<10.3f} "
                f"{r['exact']!s:>5} {r['search_nodes']:>5} {r['truth_outside_bounds']:>7}"
            )
        print(f"  growth per 10x: solve cpu {_growth(rows, 'solve_cpu_s')}")
        ref = reference()
        print(
            "  reference:",
            ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in ref.items()),
        )
    if "case" in measures:
        print(f"case (through the public API; floor: {FLOORS['case']})")
        print(
            f"{'events':>8} {'stmts':>7} {'build s':>8} {'(gc s)':>7} {'full':>4} {'(s)':>6} {'solve s':>8} "
            f"{'total s':>8} {'total cpu':>9} {'peak MB':>8} {'work/event':>10} {'tracked/event':>13} outside"
        )
        rows = [_run("case", n) for n in sizes]
        for r in rows:
            print(
                f"{r['events']:>8} {r['statements']:>7} {r['build_s']:>8.3f} {r['build_gc_s']:>7.3f} "
                f"{r['build_full_gcs']:>4} {r['build_full_gc_s']:>6.3f} "
                f"{r['solve_s']:>8.3f} {r['total_s']:>8.3f} {r['total_cpu_s']:>9.3f} {r['peak_rss_mb']:>8.0f} "
                f"{r['work_per_event']:>10.1f} {r['tracked_per_event']:>13.2f} {r['truth_outside_bounds']:>7}"
            )
        print(
            f"  growth per 10x: build cpu {_growth(rows, 'build_cpu_s')}; solve cpu {_growth(rows, 'solve_cpu_s')}; "
            f"total cpu {_growth(rows, 'total_cpu_s')}; work {_growth(rows, 'work_per_event')} per event"
        )
        print(
            "  best of 3 rounds; gc s: the interpreter's cyclic collector during the build (in build s); full (s):\n"
            "  its full (generation 2) collections and their seconds; tracked/event: objects the collector\n"
            "  still walks after the build, per event"
        )
    if "relaxed" in measures:
        print(f"relaxed (chain, 10 planted wrong dates; floor: {FLOORS['relaxed']})")
        print(
            f"{'events':>8} {'solve s':>8} {'cpu s':>7} {'peak MB':>8} {'work/event':>10} conflicts aside planted "
            f"{'again s':>8} {'cpu s':>7} same"
        )
        rows = [_run("relaxed", n) for n in sizes]
        for r in rows:
            print(
                f"{r['events']:>8} {r['solve_s']:>8.3f} {r['solve_cpu_s']:>7.3f} {r['peak_rss_mb']:>8.0f} "
                f"{r['work_per_event']:>10.1f} {r['conflicts']:>9} {r['set_aside']:>5} "
                f"{r['set_aside_the_planted']!s:>7} {r['again_s']:>8.3f} {r['again_cpu_s']:>7.3f} {r['again_same']!s}"
            )
        print(f"  growth per 10x: solve cpu {_growth(rows, 'solve_cpu_s')}; again cpu {_growth(rows, 'again_cpu_s')}")
        print("  again: one more event related to the last, and the chain solved relaxed again")


if __name__ == "__main__":
    main(sys.argv[1:])
