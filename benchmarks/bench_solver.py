"""Benchmark of the constraint engine: prints figures, asserts nothing.

Cases of 1,000 / 2,000 / 10,000 / 100,000 events shaped like a chronology: a
hidden true day per event, mostly local relations between nearby events
("a week later", "after"), absolute bounds on some events, and 5% of events
with two readings (a choice between the true period and one a year off).
About four constraints per event.  Each size runs in its own subprocess so
that its peak resident memory (``ru_maxrss``) is its own.

Prints per size: build and solve time, peak memory, and the time to add one
constraint to the solved case (``add``: the incremental repair alone;
``add+solve``: also taking a new solution), median and p90 over 200 additions.
Then networkx's all-pairs Floyd–Warshall (numpy) at 1,000 events as the naive
reference, checked against the engine's bounds on the same choice-free case.

    python benchmarks/bench_solver.py            # all sizes
    python benchmarks/bench_solver.py 1000 2000  # some sizes
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chronology.engine import ORIGIN, Network  # noqa: E402

BASE_DAY = 733_000  # about 2007
SIZES = (1_000, 2_000, 10_000, 100_000)


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


def one_size(n: int) -> dict[str, object]:
    constraints, picks, truth = make_case(n)
    start = time.perf_counter()
    net = build(n, constraints, picks)
    built = time.perf_counter() - start
    start = time.perf_counter()
    sol = net.solve()
    solved = time.perf_counter() - start
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
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "events": n,
        "constraints": len(constraints),
        "choices": len(picks),
        "build_s": built,
        "solve_s": solved,
        "exact": sol.exact,
        "search_nodes": sol.search_nodes,
        "truth_outside_bounds": bad,
        "add_median_ms": 1000 * statistics.median(adds),
        "add_p90_ms": 1000 * statistics.quantiles(adds, n=10)[-1],
        "add_solve_median_ms": 1000 * statistics.median(add_solves),
        "add_solve_p90_ms": 1000 * statistics.quantiles(add_solves, n=10)[-1],
        "peak_rss_mb": maxrss_mb,
    }


def _inside(value: int, bounds: tuple[int | None, int | None]) -> bool:
    lo, hi = bounds
    return (lo is None or lo <= value) and (hi is None or value <= hi)


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


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--one":
        print(json.dumps(one_size(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or list(SIZES)
    print(
        f"{'events':>8} {'constr':>7} {'choices':>7} {'solve s':>8} {'peak MB':>8} "
        f"{'add ms med/p90':>15} {'add+solve ms med/p90':>21} exact nodes outside"
    )
    for n in sizes:
        run = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(run.stdout.strip().splitlines()[-1])
        print(
            f"{r['events']:>8} {r['constraints']:>7} {r['choices']:>7} {r['solve_s']:>8.3f} "
            f"{r['peak_rss_mb']:>8.0f} {r['add_median_ms']:>7.3f}/{r['add_p90_ms']:<7.3f} "
            f"{r['add_solve_median_ms']:>10.3f}/{r['add_solve_p90_ms']:<10.3f} "
            f"{r['exact']!s:>5} {r['search_nodes']:>5} {r['truth_outside_bounds']:>7}"
        )
    ref = reference()
    print("reference:", ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in ref.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
