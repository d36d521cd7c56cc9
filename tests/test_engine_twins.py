"""Statements stated again (twins: the same constraints, or a choice with the same options):
a relaxed solve against brute force, twins set aside whole, and work that grows linearly."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any
from unittest import mock

from engine_strategies import Spec, assert_cheapest, assert_relaxed_sound, assignments, holds, networks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology import engine
from chronology.engine import ORIGIN, Network

_EXAMPLES = int(os.environ.get("CHRONOLOGY_FUZZ_EXAMPLES", "0"))
SMALL = settings(max_examples=_EXAMPLES or 60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DOMAIN = 7


@st.composite
def repeated(draw: st.DrawFn, *, max_choices: int = 1) -> Spec:
    """A small network bounded to ``0..DOMAIN`` with one to three dates pinned (maybe wrongly),
    then some of its statements stated again under new tags (``"c1~2"``: c1's second repeat)."""
    spec = draw(networks(max_points=3, span=DOMAIN, max_constraints=4, max_choices=max_choices, slack=2, domain=True))
    pins = draw(st.lists(st.tuples(st.integers(1, 3), st.integers(0, DOMAIN)), min_size=1, max_size=3))
    hard = [*spec.hard, *((ORIGIN, min(p, spec.points), d, d, f"pin{i}") for i, (p, d) in enumerate(pins))]
    choices = list(spec.choices)
    stated = [h for h in hard if not str(h[4]).startswith("domain")]
    for a, b, lo, hi, tag in draw(st.lists(st.sampled_from(stated), max_size=4)):
        hard.append((a, b, lo, hi, f"{tag}~{len(hard)}"))
    if choices:
        for options, tag in draw(st.lists(st.sampled_from(choices), max_size=2)):
            choices.append((options, f"{tag}~{len(choices)}"))
    return Spec(spec.points, tuple(hard), tuple(choices), ())


def _twin_groups(spec: Spec) -> list[set[Any]]:
    """Tags grouped by what they state (the same constraints and the same options)."""
    groups: dict[Any, set[Any]] = {}
    for tag in spec.tags:
        said = (
            frozenset(h[:4] for h in spec.hard if h[4] == tag),
            frozenset(options for options, t in spec.choices if t == tag),
        )
        groups.setdefault(said, set()).add(tag)
    return [group for group in groups.values() if len(group) > 1]


@SMALL
@given(repeated(), st.dictionaries(st.sampled_from([f"c{i}" for i in range(4)] + ["pin0", "pin1"]), st.integers(1, 3)))
def test_relaxed_solve_with_repeated_statements_equals_brute_force(spec: Spec, costs: dict[str, int]) -> None:
    """Every subset of the tags, smallest first: none smaller restores consistency, none of the
    same size that does costs less; each conflict reported is minimal and each tag set aside
    is in every conflict it is said to resolve."""
    _equals_brute_force(spec, costs)


@SMALL
@given(repeated(), st.dictionaries(st.sampled_from([f"c{i}" for i in range(4)] + ["pin0", "pin1"]), st.integers(1, 3)))
def test_relaxed_solve_with_relations_kept_between_rounds_equals_brute_force(spec: Spec, costs: dict[str, int]) -> None:
    """The same, every part keeping its relations settled from one round to the next (as only
    parts of hundreds of points do) and skipping the check on hulls in later rounds."""
    with mock.patch.object(engine, "_MEMO_POINTS", 0):
        _equals_brute_force(spec, costs)


def _equals_brute_force(spec: Spec, costs: dict[str, int]) -> None:
    def cost(tag: object) -> float:
        return float(costs.get(str(tag).split("~")[0], 1))

    sol = spec.build().solve(strict=False, cost=cost)
    assert_relaxed_sound(spec, sol)
    assert_cheapest(spec, set(sol.set_aside), cost)


@SMALL
@given(repeated())
def test_twins_are_set_aside_whole(spec: Spec) -> None:
    aside = set(spec.build().solve(strict=False).set_aside)
    for group in _twin_groups(spec):
        assert group <= aside or not group & aside, (group, aside)


@SMALL
@given(repeated(max_choices=2))
def test_repeated_choices_decided_together_lose_no_combination(spec: Spec) -> None:
    """Bounds and surviving options equal brute force over every assignment, where the
    repeats of a choice may, on their own, take different options."""
    spec = Spec(spec.points, tuple(h for h in spec.hard if not str(h[4]).startswith("pin")), spec.choices, ())
    found = assignments(spec, DOMAIN)
    sol = spec.build().solve()
    assert sol.consistent == bool(found)
    if not found:
        return
    assert sol.exact
    for p in range(1, spec.points + 1):
        assert sol.bounds(p) == (min(t[p] for t in found), max(t[p] for t in found))
    for options, tag in spec.choices:
        possible = tuple(i for i, option in enumerate(options) if any(all(holds(t, *c) for c in option) for t in found))
        assert sol.options(tag) == possible


def test_a_contradiction_repeated_is_set_aside_whole_in_one_round() -> None:
    net = Network()
    p = net.add_point()
    for i in range(3):
        net.add(ORIGIN, p, 10, 10, f"police{i}")
        net.add(ORIGIN, p, 30, 30, f"typo{i}")
    net.add(ORIGIN, p, 9, 11, "GP")
    sol = net.solve(strict=False)
    assert sol.set_aside == ("typo0", "typo1", "typo2")
    assert sol.bounds(p) == (10, 10)
    for tag in sol.set_aside:
        assert all(tag in conflict for conflict in sol.resolves(tag))


def _chain_after(net: Network, start: int, copy: int, length: int) -> None:
    """A chain of ``length`` events after ``start``, each at least a day after the one before."""
    p = start
    for j in range(length):
        q = net.add_point()
        net.add(p, q, 1, None, f"after{copy}-{j}")
        p = q


def _copies(k: int) -> Network:
    """A review stated ``k`` times about one child: each copy dates the birth (the same
    statement each time), dates a new event and relates it to the birth by an age, and the
    date and the age contradict each other by way of the birth; a chain of events follows."""
    net = Network()
    birth = net.add_point()
    for i in range(k):
        net.add(ORIGIN, birth, 100, 130, f"birth{i}")
        nursery = net.add_point()
        net.add(ORIGIN, nursery, 900, 990, f"nursery date{i}")
        net.add(birth, nursery, 450, 490, f"nursery age{i}")
        _chain_after(net, nursery, i, 10)
    return net


def _relaxed_work_per_copy(
    build: Callable[[int], Network], sizes: tuple[int, ...], check: Callable[[Any, int], None]
) -> None:
    """The engine's work per copy, relaxed-solving ``build(k)`` for each ``k`` in ``sizes``
    (each answer checked by ``check``), less than doubles from the first size to the last."""
    per_copy: dict[int, float] = {}
    for k in sizes:
        sol = build(k).solve(strict=False)
        assert sol.consistent
        check(sol, k)
        per_copy[k] = sol.work / k
    assert per_copy[sizes[-1]] < 2 * per_copy[sizes[0]], per_copy


def test_relaxed_work_per_copy_of_a_shared_contradiction_does_not_grow() -> None:
    def check(sol: Any, k: int) -> None:
        assert sol.set_aside == tuple(f"nursery date{i}" for i in range(k))  # dates, the later of each clash

    _relaxed_work_per_copy(_copies, (50, 200, 800), check)


def test_repeated_choices_are_searched_as_one() -> None:
    """``k`` statements of the same two readings (overlapping, so that neither is pruned)
    about one event: searched one by one they make 2**k combinations; decided together, two."""
    nodes: dict[int, int] = {}
    per_copy: dict[int, float] = {}
    for k in (50, 200, 800):
        net = Network()
        p = net.add_point()
        for i in range(k):
            net.add_choice([[(ORIGIN, p, 1, 6)], [(ORIGIN, p, 4, 9)]], f"winter{i}")
            q = net.add_point()
            net.add(p, q, 2, 3, f"later{i}")
        sol = net.solve()
        assert sol.consistent and sol.exact
        assert sol.bounds(p) == (1, 9)
        assert all(sol.options(f"winter{i}") == (0, 1) for i in range(k))
        nodes[k] = sol.search_nodes
        per_copy[k] = sol.work / k
    assert nodes == {50: 2, 200: 2, 800: 2}
    assert per_copy[800] < 2 * per_copy[50], per_copy


def _rival_births(k: int) -> Network:
    """A review stated ``k`` times whose copies date one child's birth three different ways
    (each way a statement repeated), with an undated event counted from the birth by an age
    in every copy and a chain of events after it: one large set of points that only dates
    about the birth contradict, at a point every other rests on."""
    net = Network()
    birth = net.add_point()
    for i in range(k):
        net.add(ORIGIN, birth, 300 * (i % 3), 300 * (i % 3) + 30, f"birth {i % 3} #{i}")
        p = net.add_point()
        net.add(birth, p, 50, 60, f"age{i}")
        _chain_after(net, p, i, 5)
    return net


def test_relaxed_work_per_copy_of_rival_dates_at_a_hub_does_not_grow() -> None:
    def check(sol: Any, k: int) -> None:
        ways = {tag.split()[1] for tag in sol.set_aside}
        assert all(tag.startswith("birth") for tag in sol.set_aside)
        assert len(ways) == 2 and len(sol.set_aside) == 2 * k // 3  # two of the three ways, whole

    _relaxed_work_per_copy(_rival_births, (60, 240, 960), check)


@SMALL
@given(repeated(), st.dictionaries(st.sampled_from([f"c{i}" for i in range(4)] + ["pin0", "pin1"]), st.integers(1, 3)))
def test_relaxed_solve_adding_what_the_search_left_out_is_sound(spec: Spec, costs: dict[str, int]) -> None:
    """Past its rounds of choosing afresh (three, with over 64 conflicts; here none), a relaxed
    solve sets aside what each search left out: the rest is consistent, each conflict is
    minimal, each tag set aside is in a conflict it resolves, and twins go whole."""

    def cost(tag: object) -> float:
        return float(costs.get(str(tag).split("~")[0], 1))

    with mock.patch.object(engine, "_CHOSEN_ROUNDS", 0), mock.patch.object(engine, "_EXACT_HITTING_SET_CONFLICTS", 0):
        sol = spec.build().solve(strict=False, cost=cost)
    assert_relaxed_sound(spec, sol)
    aside = set(sol.set_aside)
    for group in _twin_groups(spec):
        assert group <= aside or not group & aside, group


def _hub_clashes(k: int) -> Network:
    """A review stated ``k`` times about one dated child: each copy counts two events from the
    birth by ages and puts the second a few days after the first, which the ages contradict
    (relations clashing among themselves, no date among them); a chain of events follows.
    Each clash lies in its own block around the birth, which every other point rests on."""
    net = Network()
    birth = net.add_point()
    net.add(ORIGIN, birth, 100, 130, "birth")
    for i in range(k):
        first, second = net.add_point(), net.add_point()
        net.add(birth, first, 50, 60, f"first age{i}")
        net.add(birth, second, 200, 210, f"second age{i}")
        net.add(first, second, 1, 3, f"days later{i}")
        _chain_after(net, second, i, 5)
    return net


def test_relaxed_work_per_copy_of_relations_clashing_at_a_hub_does_not_grow() -> None:
    """Each clash among relations had cost a settling of the whole part (every point rests on
    the birth): quadratic.  Searched block by block, the work per copy stays flat."""

    def check(sol: Any, k: int) -> None:
        assert len(sol.set_aside) == k
        assert all(any(str(t).endswith(f"age{i}") or t == f"days later{i}" for t in sol.set_aside) for i in range(k))
        assert "birth" not in sol.set_aside

    _relaxed_work_per_copy(_hub_clashes, (50, 200, 800), check)


def _relation(draw: st.DrawFn, truth: list[int], a: int, b: int, name: str) -> Any:
    """A relation ``a -> b`` around the truth, a day either way, and one time in three wrong by two
    or three days."""
    d = truth[b] - truth[a]
    if draw(st.integers(0, 2)) == 0:
        d += draw(st.sampled_from([-3, -2, 2, 3]))
    return (a, b, d - draw(st.integers(0, 1)), d + draw(st.integers(0, 1)), name)


@st.composite
def hub_triangles(draw: st.DrawFn) -> Spec:
    """A dated point (a birth) with two or three triangles of relations around it, each
    relation near the truth or (sometimes) wrong: clashes among relations only, each in its
    own block, found block by block, beside a date that may be wrong too."""
    triangles = draw(st.integers(2, 3))
    truth = [0, draw(st.integers(0, DOMAIN))]
    hard: list[Any] = []
    pin = truth[1] if draw(st.booleans()) else draw(st.integers(0, DOMAIN))
    hard.append((ORIGIN, 1, pin, pin, "pin0"))
    for i in range(triangles):
        a, b = len(truth), len(truth) + 1
        truth += [truth[1] + draw(st.integers(0, 4)), truth[1] + draw(st.integers(0, 4))]
        for x, y, name in ((1, a, "age"), (1, b, "age2"), (a, b, "gap")):
            hard.append(_relation(draw, truth, x, y, f"c{i}{name}"))
    return Spec(len(truth) - 1, tuple(hard), (), tuple(truth))


_TRIANGLE_COSTS = st.dictionaries(st.sampled_from(["c0age", "c0gap", "c1age2", "c2gap", "pin0"]), st.integers(1, 3))


@SMALL
@given(hub_triangles(), _TRIANGLE_COSTS)
def test_relaxed_solve_with_relations_clashing_in_blocks_equals_brute_force(spec: Spec, costs: dict[str, int]) -> None:
    """Clashes among relations found block by block: the fewest and cheapest set aside, each
    conflict minimal, as brute force over every subset says."""
    _equals_brute_force(spec, costs)


def _undated_hub(k: int) -> Network:
    """A birth dated only through one event's age (that event dated again by every copy, in
    words that agree), ``k`` events counted from the birth by ages, and each of those given an
    earliest day its age rules out: every clash's nearest path runs back through the birth,
    whose arcs (one per event) number ``k``."""
    net = Network()
    birth, first = net.add_point(), net.add_point()
    net.add(birth, first, 10, 20, "first age")
    for i in range(k):
        net.add(ORIGIN, first, 90 - i % 5, 100 + i % 7, f"first date{i}")
        p = net.add_point()
        net.add(birth, p, 50, 60, f"age{i}")
        net.add(ORIGIN, p, 200, None, f"too late{i}")
        _chain_after(net, p, i, 3)
    return net


def test_relaxed_work_per_copy_of_clashes_through_an_undated_hub_does_not_grow() -> None:
    """The nearest path of each clash is sought back through the birth; its arcs were scanned
    whole at every clash (quadratic) where the search's budget is a few dozen per edge."""

    def check(sol: Any, k: int) -> None:
        assert sol.set_aside == ("first age",)  # in every clash: the one statement to set aside

    _relaxed_work_per_copy(_undated_hub, (50, 200, 800), check)


@st.composite
def hub_fans(draw: st.DrawFn) -> Spec:
    """A dated birth and three or four events counted from it by ages, with relations between
    events next to each other and (sometimes) further apart, some of them wrong: clashes among
    relations that share statements, in one block, so that which one a round leaves out
    matters for the next."""
    events = draw(st.integers(3, 4))
    truth = [0, draw(st.integers(0, DOMAIN))]
    truth += [truth[1] + draw(st.integers(0, 6)) for _ in range(events)]
    pairs = [(1, p, f"age{p}") for p in range(2, events + 2)]
    pairs += [(p, p + 1, f"gap{p}") for p in range(2, events + 1)]
    if draw(st.booleans()):
        pairs.append((2, events + 1, "span"))
    hard: list[Any] = [(ORIGIN, 1, truth[1], truth[1], "pin0")]
    for a, b, name in pairs:
        hard.append(_relation(draw, truth, a, b, name))
    return Spec(len(truth) - 1, tuple(hard), (), tuple(truth))


_FAN_COSTS = st.dictionaries(st.sampled_from(["age2", "age3", "gap2", "gap3", "span", "pin0"]), st.integers(1, 3))


@SMALL
@given(hub_fans(), _FAN_COSTS)
def test_relaxed_solve_with_relations_clashing_around_a_birth_equals_brute_force(
    spec: Spec, costs: dict[str, int]
) -> None:
    """Clashes among relations sharing statements around one birth: the fewest and cheapest set
    aside, each conflict minimal, as brute force over every subset says."""
    _equals_brute_force(spec, costs)


@SMALL
@given(hub_fans(), _FAN_COSTS)
def test_relaxed_solve_with_relations_clashing_around_a_birth_kept_between_rounds_equals_brute_force(
    spec: Spec, costs: dict[str, int]
) -> None:
    """The same, every part keeping its relations settled from one round to the next (as parts
    of hundreds of points do)."""
    with mock.patch.object(engine, "_MEMO_POINTS", 0):
        _equals_brute_force(spec, costs)


def _restated_ages(k: int) -> Network:
    """A review about one dated child stated ``k`` times: each copy puts a second event a few
    days after a first, then gives each its age twice (in other words, agreeing), and the ages
    contradict the days between.  Every clash holds "days later" and an age of each event;
    the first round leaves out ages (stated last, so cheapest), the fewest to set aside is
    "days later" alone, and the next round brings the ages back."""
    net = Network()
    birth = net.add_point()
    net.add(ORIGIN, birth, 100, 130, "birth")
    for i in range(k):
        first, second = net.add_point(), net.add_point()
        net.add(first, second, 1, 3, f"days later{i}")
        net.add(birth, first, 50, 60, f"first age{i}")
        net.add(birth, first, 52, 58, f"first age again{i}")
        net.add(birth, second, 200, 210, f"second age{i}")
        net.add(birth, second, 201, 209, f"second age again{i}")
        _chain_after(net, second, i, 20)
    return net


def test_a_later_round_puts_back_what_came_back_rather_than_settling_the_part_again() -> None:
    """The ages left out in the first round come back in the second: they are put back into
    the part's graph as the first round left it (clashes sought only in their blocks) rather
    than the part being settled afresh.  The answer is the same either way, and that round's
    work is well under settling afresh (counted, not timed)."""
    k = 200

    def solved(memo_points: int) -> tuple[Any, list[int]]:
        works: list[int] = []
        search = Network._discover

        def spy(net: Network, key: Any, budget: int, tags: Any, edges: Any, size: int, *rest: Any) -> Any:
            before = net._counter[0]
            found = search(net, key, budget, tags, edges, size, *rest)
            if size > k:  # the part the birth joins
                works.append(net._counter[0] - before)
            return found

        with mock.patch.object(Network, "_discover", spy), mock.patch.object(engine, "_MEMO_POINTS", memo_points):
            return _restated_ages(k).solve(strict=False), works

    (kept, kept_work), (afresh, afresh_work) = solved(256), solved(10**9)
    assert kept.set_aside == afresh.set_aside == tuple(f"days later{i}" for i in range(k))
    assert set(kept.conflicts) == set(afresh.conflicts)  # found in another order
    assert len(kept_work) == len(afresh_work) >= 2
    assert kept_work[0] == afresh_work[0]  # the first round settles afresh either way
    assert kept_work[1] < 0.75 * afresh_work[1], (kept_work, afresh_work)
