"""Hypothesis strategies for the engine: networks built around a hidden true assignment."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from chronology.engine import ORIGIN, Network

Hard = tuple[int, int, "int | None", "int | None", Any]
Option = tuple[tuple[int, int, "int | None", "int | None"], ...]


@attrs.frozen
class Spec:
    """A network as plain data, so that it can be rebuilt from any subset of its tags."""

    points: int  # excluding the origin
    hard: tuple[Hard, ...]
    choices: tuple[tuple[tuple[Option, ...], Any], ...]
    truth: tuple[int, ...]  # truth[0] == 0 is the origin; () when there is none
    true_options: tuple[int, ...] = ()

    def build(self, keep: set[Any] | None = None) -> Network:
        net = Network()
        for _ in range(self.points):
            net.add_point()
        for a, b, lo, hi, tag in self.hard:
            if keep is None or tag in keep:
                net.add(a, b, lo, hi, tag)
        for options, tag in self.choices:
            if keep is None or tag in keep:
                net.add_choice(options, tag)
        return net

    @property
    def tags(self) -> list[Any]:
        seen: list[Any] = []
        for tag in [h[4] for h in self.hard] + [c[1] for c in self.choices]:
            if tag not in seen:
                seen.append(tag)
        return seen


def holds(t: Sequence[int], a: int, b: int, lo: int | None, hi: int | None) -> bool:
    d = t[b] - t[a]
    return (lo is None or lo <= d) and (hi is None or d <= hi)


def satisfies(spec: Spec, t: Sequence[int], keep: set[Any] | None = None) -> bool:
    """Whether the assignment ``t`` (t[0] == 0) meets the hard constraints and some option of each choice."""
    for a, b, lo, hi, tag in spec.hard:
        if (keep is None or tag in keep) and not holds(t, a, b, lo, hi):
            return False
    for options, tag in spec.choices:
        if (keep is None or tag in keep) and not any(all(holds(t, *c) for c in option) for option in options):
            return False
    return True


def assignments(spec: Spec, domain: int) -> list[tuple[int, ...]]:
    """Every assignment with each point in ``0..domain`` that satisfies ``spec``."""
    found = []
    for values in itertools.product(range(domain + 1), repeat=spec.points):
        t = (0, *values)
        if satisfies(spec, t):
            found.append(t)
    return found


def _around(draw: st.DrawFn, diff: int, slack: int, open_sides: bool) -> tuple[int | None, int | None]:
    lo: int | None = diff - draw(st.integers(0, slack))
    hi: int | None = diff + draw(st.integers(0, slack))
    if open_sides and draw(st.integers(0, 4)) == 0:
        lo = None
    if open_sides and draw(st.integers(0, 4)) == 0:
        hi = None
    return lo, hi


@st.composite
def networks(
    draw: st.DrawFn,
    *,
    max_points: int = 12,
    span: int = 60,
    max_constraints: int = 24,
    max_choices: int = 4,
    slack: int = 6,
    domain: bool = False,
    open_sides: bool = True,
) -> Spec:
    """A network whose every constraint holds for a hidden truth; each choice has the
    true option and some false ones.  ``domain=True`` bounds every point in ``0..span``."""
    n = draw(st.integers(1, max_points))
    truth = (0, *draw(st.lists(st.integers(0, span), min_size=n, max_size=n)))
    hard: list[Hard] = []
    if domain:
        hard += [(ORIGIN, p, 0, span, f"domain {p}") for p in range(1, n + 1)]
    for i in range(draw(st.integers(0, max_constraints))):
        a = draw(st.integers(0, n))
        b = draw(st.integers(0, n))
        lo, hi = _around(draw, truth[b] - truth[a], slack, open_sides)
        hard.append((a, b, lo, hi, f"c{i}"))
    choices = []
    true_options = []
    for j in range(draw(st.integers(0, max_choices))):
        options: list[Option] = []
        width = draw(st.integers(1, 3))
        for _ in range(width):
            parts = []
            for _ in range(draw(st.integers(1, 2))):
                a = draw(st.integers(0, n))
                b = draw(st.integers(0, n))
                centre = draw(st.integers(-span, span))
                lo, hi = _around(draw, centre, slack, False)
                parts.append((a, b, lo, hi))
            options.append(tuple(parts))
        a = draw(st.integers(0, n))
        b = draw(st.integers(0, n))
        lo, hi = _around(draw, truth[b] - truth[a], slack, open_sides)
        true_index = draw(st.integers(0, width))
        options.insert(true_index, ((a, b, lo, hi),))
        true_options.append(true_index)
        choices.append((tuple(options), f"choice{j}"))
    return Spec(n, tuple(hard), tuple(choices), truth, tuple(true_options))


def bellman_ford_consistent(points: int, constraints: Sequence[tuple[int, int, int | None, int | None]]) -> bool:
    """An independent check (plain Bellman-Ford from a virtual source, n passes): whether the
    constraints ``lo <= t_b - t_a <= hi`` over points ``0..points`` have a solution."""
    edges = []
    for a, b, lo, hi in constraints:
        if hi is not None:
            edges.append((a, b, hi))
        if lo is not None:
            edges.append((b, a, -lo))
    dist = [0] * (points + 1)
    for _ in range(points + 1):
        changed = False
        for u, v, w in edges:
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
                changed = True
        if not changed:
            return True
    return False


def reference_consistent(spec: Spec, keep: set[Any] | None = None) -> bool:
    """Consistency by brute force over the choices' options, each combination by Bellman-Ford."""
    hard = [(a, b, lo, hi) for a, b, lo, hi, tag in spec.hard if keep is None or tag in keep]
    choices = [options for options, tag in spec.choices if keep is None or tag in keep]
    for picked in itertools.product(*choices):
        if bellman_ford_consistent(spec.points, hard + [c for option in picked for c in option]):
            return True
    return False


def assert_cheapest(spec: Spec, aside: set[Any], cost: Any) -> None:
    """Brute force over every set of tags, smallest first: none smaller than ``aside`` leaves
    the rest consistent, and none of its size that does costs less."""
    tags = spec.tags
    assert reference_consistent(spec, set(tags) - aside)
    best = sum(cost(t) for t in aside)
    for size in range(len(aside) + 1):
        for combo in itertools.combinations(tags, size):
            if reference_consistent(spec, set(tags) - set(combo)):
                assert size == len(aside), (combo, aside)
                assert sum(cost(t) for t in combo) >= best, (combo, aside)


def assert_relaxed_sound(spec: Spec, solution: Any) -> None:
    """A relaxed solution's promises: the rest is consistent, each conflict is minimal (drop any
    tag and the others hold), and each tag set aside is in every conflict it resolves."""
    aside = set(solution.set_aside)
    assert solution.consistent
    assert reference_consistent(spec, set(spec.tags) - aside)
    for conflict in solution.conflicts:
        assert not reference_consistent(spec, set(conflict)), conflict
        for tag in conflict:
            assert reference_consistent(spec, set(conflict) - {tag}), (conflict, tag)
    for tag in aside:
        assert solution.resolves(tag) and all(tag in c for c in solution.resolves(tag))
