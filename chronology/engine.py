"""The temporal constraint engine: a simple temporal network with choices.

A :class:`Network` holds integer points (point 0, :data:`ORIGIN`, is the
origin, whose value is 0; a day is ``date.toordinal()``) and constraints
``lo <= t_b - t_a <= hi`` (``None``: unbounded on that side), each carrying an
opaque hashable *tag*.  A *choice* is a set of options of which one holds,
each option a conjunction of constraints: the readings of ``winter 2010``.

The algorithms, all pure Python over integer arrays:

- a constraint is two weighted edges, ``a -> b`` of weight ``hi`` and
  ``b -> a`` of weight ``-lo``; the network is consistent iff the graph has no
  negative cycle (found by a label-correcting pass from a virtual source, with
  Tarjan-style parent-graph checks); that pass leaves a *potential* ``h``
  (a feasible solution) which makes every reduced edge weight non-negative;
- tight bounds are shortest paths from and to the origin (Dijkstra on the
  reduced weights); ``difference(a, b)`` runs one Dijkstra on demand;
- adding an edge repairs ``h`` and the two distance arrays incrementally, only
  from the new edge (Ramalingam–Reps style); the repair reaching the edge's
  own tail is a new negative cycle;
- choices: the network first holds each choice's *hull* (the weakest
  constraint every option implies); each option is tested against it and
  dropped if it cannot hold (singleton consistency, to a fixpoint); then a
  depth-first search over the surviving options of each connected component
  (of the graph without the origin: fixing the origin makes components
  independent) gives the consistent combinations; bounds are the union over
  them.  The search is limited to ``budget`` nodes per component; past it the
  solution says ``exact=False`` and gives the hull network's bounds, which are
  sound envelopes;
- conflicts are the tags of a negative cycle, or the union of the reasons why
  every combination failed, deletion-minimised so that dropping any one tag
  leaves a consistent set;
- ``solve(strict=False)`` sets aside a smallest set of tags hitting every
  conflict found (exact minimum hitting set when few tags are involved, greedy
  otherwise), re-solving until the rest is consistent.

>>> net = Network()
>>> birth, visit = net.add_point(), net.add_point()
>>> net.add(ORIGIN, birth, 734000, 734000, "born")
>>> net.add(birth, visit, 7, 14, "a week or two later")
>>> sol = net.solve()
>>> sol.bounds(visit), sol.difference(birth, visit)
((734007, 734014), (7, 14))
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import itertools
from collections import deque
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import Any, Literal

from chronology.errors import ChronologyError, Inconsistent, InvalidValue, UnknownEvent

__all__ = ["ORIGIN", "Tag", "Network", "Solution", "StaleSolution", "solve_or_raise"]

ORIGIN: int = 0
Tag = Hashable
Constraint = tuple[int, int, "int | None", "int | None"]

INF = float("inf")
_HARD, _HULL, _OPTION = 0, 1, 2
_FAR = 1 << 60  # the virtual source's distance to points the origin does not reach
_NEAR_FAR = 1 << 59
_UNKNOWN = object()
_EXACT_HITTING_SET_LIMIT = 20_000  # subsets tried before the hitting set turns greedy


class StaleSolution(ChronologyError, RuntimeError):
    """The network changed after this solution was made; solve again for on-demand queries."""


# -----------------------------------------------------------------------------
# The dynamic graph: potentials, distances from and to the origin, undo trail.
# -----------------------------------------------------------------------------


class _Graph:
    """Edges as parallel lists; adjacency as lists of ``(target, weight, edge)``.

    ``h`` is a feasible potential (``h[v] <= h[u] + w`` on every edge),
    ``d0[p]`` the shortest distance origin -> p, ``dt[p]`` p -> origin.
    While ``logging`` is on, every change is recorded on ``trail`` so that
    :meth:`undo` can restore a mark.
    """

    __slots__ = (
        "out",
        "inn",
        "src",
        "dst",
        "wt",
        "tag",
        "kind",
        "choice",
        "h",
        "d0",
        "dt",
        "p0",
        "pt",
        "trail",
        "logging",
    )

    def __init__(self, size: int) -> None:
        self.out: list[list[tuple[int, int, int]]] = [[] for _ in range(size)]
        self.inn: list[list[tuple[int, int, int]]] = [[] for _ in range(size)]
        self.src: list[int] = []
        self.dst: list[int] = []
        self.wt: list[int] = []
        self.tag: list[Tag] = []
        self.kind: list[int] = []
        self.choice: list[int] = []
        self.h: list[float] = [0] * size
        self.d0: list[float] = [INF] * size
        self.dt: list[float] = [INF] * size
        self.d0[0] = 0
        self.dt[0] = 0
        self.p0: list[int] = [-1] * size  # the last edge of a shortest path origin -> p
        self.pt: list[int] = [-1] * size  # the first edge of a shortest path p -> origin
        self.trail: list[tuple[int, int, float]] = []
        self.logging = False

    def grow(self) -> None:
        self.out.append([])
        self.inn.append([])
        self.h.append(0)
        self.d0.append(INF)
        self.dt.append(INF)
        self.p0.append(-1)
        self.pt.append(-1)

    def edge(self, u: int, v: int, w: int, tag: Tag, kind: int, choice: int) -> int:
        """Append an edge to the lists only (no repair)."""
        eid = len(self.src)
        self.src.append(u)
        self.dst.append(v)
        self.wt.append(w)
        self.tag.append(tag)
        self.kind.append(kind)
        self.choice.append(choice)
        self.out[u].append((v, w, eid))
        self.inn[v].append((u, w, eid))
        return eid

    def pop_edge(self) -> None:
        u = self.src.pop()
        v = self.dst.pop()
        self.wt.pop()
        self.tag.pop()
        self.kind.pop()
        self.choice.pop()
        self.out[u].pop()
        self.inn[v].pop()

    def mark(self) -> tuple[int, int]:
        return len(self.trail), len(self.src)

    def undo(self, mark: tuple[int, int]) -> None:
        trail_len, edges = mark
        trail = self.trail
        arrays: tuple[list[float], ...] = (self.h, self.d0, self.dt, self.p0, self.pt)  # type: ignore[assignment]
        while len(trail) > trail_len:
            which, i, old = trail.pop()
            arrays[which][i] = old
        while len(self.src) > edges:
            self.pop_edge()

    # -- bulk ----------------------------------------------------------------
    def initialise(self) -> list[int] | None:
        """Potential, then distances; a negative cycle's edges if there is one."""
        cycle = self._potential()
        if cycle is not None:
            return cycle
        self._to_origin()
        return None

    def _potential(self) -> list[int] | None:
        """Shortest paths from a virtual source with an edge of weight 0 to the origin and
        of weight ``_FAR`` to every other point: so ``h`` is the distance from the origin
        (each point at its latest day) wherever that is finite, and adding a statement
        moves only the points it tightens.  Phase one runs from the origin, phase two
        settles the points it cannot reach, among themselves."""
        n = len(self.out)
        h: list[float] = [_FAR] * n
        h[0] = 0
        parent = [-1] * n
        inq = [False] * n
        out = self.out
        check_at = 8 * n + 8  # parent-graph checks at doubling counts: linear overall
        relaxations = 0
        for queue in (deque([0]), None):
            if queue is None:
                queue = deque(v for v in range(n) if h[v] >= _NEAR_FAR)
            for v in queue:
                inq[v] = True
            popleft, append, appendleft = queue.popleft, queue.append, queue.appendleft
            while queue:
                u = popleft()
                inq[u] = False
                hu = h[u]
                for v, w, e in out[u]:
                    nv = hu + w
                    if nv < h[v]:
                        h[v] = nv
                        parent[v] = e
                        if not inq[v]:
                            inq[v] = True
                            if queue and nv < h[queue[0]]:  # small label first
                                appendleft(v)
                            else:
                                append(v)
                        relaxations += 1
                        if relaxations >= check_at:
                            check_at *= 2
                            cycle = self._parent_cycle(parent)
                            if cycle is not None:
                                return cycle
        self.h = h
        self.d0 = [x if x < _NEAR_FAR else INF for x in h]
        self.p0 = parent
        return None

    def _parent_cycle(self, parent: list[int]) -> list[int] | None:
        """A cycle of the parent graph (always negative), as edge ids in path order."""
        n = len(parent)
        state = [0] * n  # 0 unseen, else the walk's stamp
        src = self.src
        for start in range(n):
            if state[start]:
                continue
            stamp = start + 1
            x = start
            while x >= 0 and not state[x]:
                state[x] = stamp
                e = parent[x]
                x = src[e] if e >= 0 else -1
            if x >= 0 and state[x] == stamp:
                cycle = []
                y = x
                while True:
                    e = parent[y]
                    cycle.append(e)
                    y = src[e]
                    if y == x:
                        break
                cycle.reverse()
                return cycle
        return None

    def _to_origin(self) -> None:
        """Distances to the origin: label-correcting over the reversed edges (no negative
        cycle is left once the potential exists), small label first."""
        dt: list[float] = [INF] * len(self.out)
        dt[0] = 0
        pt = [-1] * len(self.out)
        inn = self.inn
        inq = [False] * len(self.out)
        queue = deque([0])
        popleft, append, appendleft = queue.popleft, queue.append, queue.appendleft
        while queue:
            v = popleft()
            inq[v] = False
            dv = dt[v]
            for u, w, e in inn[v]:
                nu = dv + w
                if nu < dt[u]:
                    dt[u] = nu
                    pt[u] = e
                    if not inq[u]:
                        inq[u] = True
                        if queue and nu < dt[queue[0]]:
                            appendleft(u)
                        else:
                            append(u)
        self.dt = dt
        self.pt = pt

    def strip(self, edges: Iterable[int]) -> None:
        """Take edges out of the adjacency (their ids stay, as tombstones)."""
        gone = set(edges)
        for e in gone:
            u, v = self.src[e], self.dst[e]
            self.out[u] = [x for x in self.out[u] if x[2] not in gone]
            self.inn[v] = [x for x in self.inn[v] if x[2] not in gone]
            self.kind[e] = -1

    # -- incremental -----------------------------------------------------------
    def insert(self, u: int, v: int, w: int, tag: Tag, kind: int, choice: int, bounds: bool = True) -> list[int] | None:
        """Add edge ``u -> v`` (weight ``w``) and repair.

        On a negative cycle, return its edge ids; the values are left as they were,
        but the edge stays listed: the caller undoes to a mark or drops the graph."""
        eid = self.edge(u, v, w, tag, kind, choice)
        h = self.h
        if h[u] + w < h[v]:
            cycle = self._repair(u, v, w, eid)
            if cycle is not None:
                return cycle  # the edge stays listed (its id names it) until the caller undoes
        if bounds:
            self._repair_d0(u, v, w, eid)
            self._repair_dt(u, v, w, eid)
        return None

    def _repair(self, u: int, v: int, w: int, eid: int) -> list[int] | None:
        if u == v:
            return [eid]
        h = self.h
        out = self.out
        start = h[u] + w
        best = {v: start}
        via = {v: eid}
        done: dict[int, float] = {}
        heap = [(start - h[v], v)]
        pop, push = heapq.heappop, heapq.heappush
        while heap:
            k, x = pop(heap)
            if x in done:
                continue
            cx = best[x]
            if cx - h[x] != k:
                continue
            done[x] = h[x]
            h[x] = cx
            for y, wy, e in out[x]:
                cy = cx + wy
                if y in done:
                    continue
                if cy < best.get(y, h[y]):
                    if y == u:
                        cycle = [e]
                        z = x
                        while z != v:
                            f = via[z]
                            cycle.append(f)
                            z = self.src[f]
                        cycle.append(eid)
                        cycle.reverse()
                        for node, old in done.items():
                            h[node] = old
                        return cycle
                    best[y] = cy
                    via[y] = e
                    push(heap, (cy - done.get(y, h[y]), y))
        if self.logging:
            self.trail.extend((0, node, old) for node, old in done.items())
        return None

    def _repair_d0(self, u: int, v: int, w: int, eid: int) -> None:
        d0, p0, h, out = self.d0, self.p0, self.h, self.out
        start = d0[u] + w
        if not start < d0[v]:
            return
        log = self.trail if self.logging else None
        if log is not None:
            log.append((1, v, d0[v]))
            log.append((3, v, p0[v]))
        d0[v] = start
        p0[v] = eid
        heap = [(start - h[v], v)]
        pop, push = heapq.heappop, heapq.heappush
        while heap:
            k, x = pop(heap)
            dx = k + h[x]
            if dx > d0[x]:
                continue
            for y, wy, e in out[x]:
                ny = dx + wy
                if ny < d0[y]:
                    if log is not None:
                        log.append((1, y, d0[y]))
                        log.append((3, y, p0[y]))
                    d0[y] = ny
                    p0[y] = e
                    push(heap, (ny - h[y], y))

    def _repair_dt(self, u: int, v: int, w: int, eid: int) -> None:
        dt, pt, h, inn = self.dt, self.pt, self.h, self.inn
        start = dt[v] + w
        if not start < dt[u]:
            return
        log = self.trail if self.logging else None
        if log is not None:
            log.append((2, u, dt[u]))
            log.append((4, u, pt[u]))
        dt[u] = start
        pt[u] = eid
        heap = [(start + h[u], u)]
        pop, push = heapq.heappop, heapq.heappush
        while heap:
            k, x = pop(heap)
            dx = k - h[x]
            if dx > dt[x]:
                continue
            for y, wy, e in inn[x]:
                ny = dx + wy
                if ny < dt[y]:
                    if log is not None:
                        log.append((2, y, dt[y]))
                        log.append((4, y, pt[y]))
                    dt[y] = ny
                    pt[y] = e
                    push(heap, (ny + h[y], y))

    def tree_path(self, p: int, side: int) -> list[int]:
        """The edges of the shortest path origin -> p (``side`` 0) or p -> origin
        (``side`` 1) from the parent pointers; falls back to a search if they are stale."""
        edges: list[int] = []
        x = p
        limit = len(self.out)
        while x != 0 and len(edges) <= limit:
            e = self.p0[x] if side == 0 else self.pt[x]
            if e < 0:
                break
            edges.append(e)
            x = self.src[e] if side == 0 else self.dst[e]
        if x == 0:
            return edges[::-1] if side == 0 else edges
        return self.path(0, p)[1] if side == 0 else self.path(p, 0)[1]

    # -- on demand -------------------------------------------------------------
    def path(self, a: int, b: int) -> tuple[float, list[int]]:
        """Shortest distance ``a -> b`` and its edges (Dijkstra with the potential)."""
        h, out = self.h, self.out
        dist: dict[int, float] = {a: 0}
        via: dict[int, int] = {}
        done: set[int] = set()
        heap: list[tuple[float, int]] = [(-h[a], a)]
        pop, push = heapq.heappop, heapq.heappush
        while heap:
            k, x = pop(heap)
            if x in done:
                continue
            done.add(x)
            if x == b:
                break
            dx = k + h[x]
            for y, wy, e in out[x]:
                ny = dx + wy
                if y not in done and ny < dist.get(y, INF):
                    dist[y] = ny
                    via[y] = e
                    push(heap, (ny - h[y], y))
        if b not in done:
            return INF, []
        edges = []
        z = b
        while z != a:
            e = via[z]
            edges.append(e)
            z = self.src[e]
        edges.reverse()
        return dist[b], edges


# -----------------------------------------------------------------------------
# Choices
# -----------------------------------------------------------------------------


def _edges_of(a: int, b: int, lo: int | None, hi: int | None) -> list[tuple[int, int, int]]:
    found = []
    if hi is not None:
        found.append((a, b, hi))
    if lo is not None:
        found.append((b, a, -lo))
    return found


def _hull(options: Sequence[Sequence[Constraint]]) -> list[tuple[int, int, int]]:
    """Edges every option implies: per directed pair, the largest weight over options
    (a pair some option leaves free is left out)."""
    per_option: list[dict[tuple[int, int], int]] = []
    for option in options:
        tight: dict[tuple[int, int], int] = {}
        for a, b, lo, hi in option:
            for u, v, w in _edges_of(a, b, lo, hi):
                if w < tight.get((u, v), INF):
                    tight[(u, v)] = w
        per_option.append(tight)
    if not per_option:
        return []
    common = set(per_option[0])
    for tight in per_option[1:]:
        common &= set(tight)
    return [(u, v, max(t[(u, v)] for t in per_option)) for u, v in sorted(common)]


class _Choice:
    __slots__ = ("options", "tag", "alive", "reasons", "hull_edges", "hull_for")

    def __init__(self, options: tuple[tuple[Constraint, ...], ...], tag: Tag) -> None:
        self.options = options
        self.tag = tag
        self.alive: list[int] = list(range(len(options)))
        self.reasons: set[Tag] = set()  # why the dropped options cannot hold
        self.hull_edges: list[tuple[int, int, int]] = []
        self.hull_for: list[int] = list(self.alive)  # the options the hull in the graph covers


class _UnionFind:
    __slots__ = ("parent",)

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
        return ra


class _Outcome:
    """What solving the choices of one component found."""

    __slots__ = ("exact", "leaves", "d0", "dt", "conflict", "nodes", "failures")

    def __init__(self) -> None:
        self.exact = True
        self.failures: set[Tag] = set()  # why the combinations left out fail
        self.nodes = 0
        self.leaves: list[dict[int, int]] = []
        self.d0: dict[int, float] = {}  # union overrides (points whose union is tighter than the hull's)
        self.dt: dict[int, float] = {}
        self.conflict: set[Tag] | None = None


# -----------------------------------------------------------------------------
# The network
# -----------------------------------------------------------------------------


class Network:
    """A simple temporal network with choices; see the module docstring.

    >>> net = Network()
    >>> p = net.add_point()
    >>> net.add_choice([[(ORIGIN, p, 10, 19)], [(ORIGIN, p, 30, 39)]], "winter")
    >>> net.add(ORIGIN, p, 15, None, "after day 15")
    >>> sol = net.solve()
    >>> sol.bounds(p), sol.options("winter")
    ((15, 39), (0, 1))
    """

    def __init__(self) -> None:
        self._points = 1
        self._constraints: list[tuple[int, int, int | None, int | None, Tag]] = []
        self._choices: list[_Choice] = []
        self._tags: dict[Tag, int] = {}  # tag -> first-seen order
        self._base = _Graph(1)  # the hard constraints' edges, kept as they are stated
        self._base_extra: list[int] = []  # hull edges the last solve put on the base
        self._base_uf = _UnionFind(1)
        self._graph: _Graph | None = None
        self._uf: _UnionFind | None = None
        self._excluded: frozenset[Tag] = frozenset()
        self._outcomes: dict[int, _Outcome] = {}
        self._dirty: set[int] = set()  # components whose choices must be searched again
        self._version = 0
        self._last: Solution | None = None
        self._conflicts: list[tuple[Tag, ...]] = []

    # -- building --------------------------------------------------------------
    @property
    def size(self) -> int:
        """Number of points, the origin included.

        >>> Network().size
        1
        """
        return self._points

    def add_point(self) -> int:
        """A new point; points are numbered 1, 2, ...

        >>> Network().add_point()
        1
        """
        p = self._points
        self._points += 1
        self._base.grow()
        self._base_uf.parent.append(p)
        if self._graph is not None and self._uf is not None:
            self._graph.grow()
            self._uf.parent.append(p)
        self._version += 1
        return p

    def _check(self, a: object, b: object, lo: object, hi: object) -> None:
        for name, p in (("a", a), ("b", b)):
            if not isinstance(p, int) or isinstance(p, bool):
                raise InvalidValue(f"point {name} must be an int, not {p!r}")
            if not 0 <= p < self._points:
                raise UnknownEvent(f"point {p} is not in this network (points are 0..{self._points - 1})")
        for name, x in (("lo", lo), ("hi", hi)):
            if x is not None and (not isinstance(x, int) or isinstance(x, bool)):
                raise InvalidValue(f"{name} must be an int or None, not {x!r}")

    def _note_tag(self, tag: Tag) -> None:
        try:
            hash(tag)
        except TypeError:
            raise InvalidValue(f"a tag must be hashable, not {type(tag).__name__}") from None
        self._tags.setdefault(tag, len(self._tags))

    def add(self, a: int, b: int, lo: int | None, hi: int | None, tag: Tag) -> None:
        """State ``lo <= t_b - t_a <= hi`` (``None``: unbounded on that side).

        On a solved network this updates the solution incrementally.

        >>> net = Network(); p = net.add_point()
        >>> net.add(ORIGIN, p, 5, 9, "s"); net.solve().bounds(p)
        (5, 9)
        >>> net.add(ORIGIN, p, 7, None, "t"); net.solve().bounds(p)
        (7, 9)
        """
        self._check(a, b, lo, hi)
        self._note_tag(tag)
        self._constraints.append((a, b, lo, hi, tag))
        self._version += 1
        graph, uf = self._graph, self._uf
        shared = graph is self._base and tag not in self._excluded
        if not shared:
            for u, v, w in _edges_of(a, b, lo, hi):
                self._base.edge(u, v, w, tag, _HARD, -1)
        if a and b:
            self._base_uf.union(a, b)
        if graph is None or uf is None or tag in self._excluded:
            return
        for u, v, w in _edges_of(a, b, lo, hi):
            if graph.insert(u, v, w, tag, _HARD, -1) is not None:
                self._graph = None  # a new conflict: the next solve starts afresh and explains it
                return
        if a and b:
            touched = {uf.find(a), uf.find(b)}
            root = uf.union(a, b)
        elif a or b:
            root = uf.find(a or b)
            touched = {root}
        else:
            return
        if touched & self._outcomes.keys():
            for r in touched:
                self._outcomes.pop(r, None)
            self._dirty.add(root)

    def add_choice(self, options: Sequence[Sequence[tuple[int, int, int | None, int | None]]], tag: Tag) -> None:
        """State that exactly one of ``options`` holds, each a list of ``(a, b, lo, hi)``.

        >>> net = Network(); p = net.add_point()
        >>> net.add_choice([[(0, p, 1, 2)], [(0, p, 8, 9)]], "either")
        >>> net.solve().bounds(p)
        (1, 9)
        """
        if isinstance(options, (str, bytes)) or not options:
            raise InvalidValue(f"a choice needs at least one option, not {options!r}")
        frozen: list[tuple[Constraint, ...]] = []
        for option in options:
            items = []
            for item in option:
                if not isinstance(item, (tuple, list)) or len(item) != 4:
                    raise InvalidValue(f"each constraint of an option is (a, b, lo, hi), not {item!r}")
                a, b, lo, hi = item
                self._check(a, b, lo, hi)
                items.append((a, b, lo, hi))
            frozen.append(tuple(items))
        self._note_tag(tag)
        choice = _Choice(tuple(frozen), tag)
        choice.hull_edges = _hull(choice.options)
        self._choices.append(choice)
        self._version += 1
        graph, uf = self._graph, self._uf
        if graph is None or uf is None or tag in self._excluded:
            return
        # On a solved network: its hull goes in with the incremental repair, and its
        # component is searched again at the next solve.
        ci = len(self._choices) - 1
        for u, v, w in choice.hull_edges:
            cycle = graph.insert(u, v, w, tag, _HULL, ci)
            if graph is self._base:
                self._base_extra.append(len(graph.src) - 1)
            if cycle is not None:
                self._graph = None
                return
        points = [p for option in choice.options for (a, b, _, _) in option for p in (a, b) if p]
        if not points:
            self._dirty.add(-1 - ci)
            return
        touched = {uf.find(p) for p in points}
        for p in points[1:]:
            uf.union(points[0], p)
        for r in touched:
            self._outcomes.pop(r, None)
        self._dirty.add(uf.find(points[0]))

    def remove(self, tag: Tag) -> None:
        """Drop every constraint and choice carrying ``tag``.

        >>> net = Network(); p = net.add_point()
        >>> net.add(0, p, 5, 5, "s"); net.remove("s"); net.solve().bounds(p)
        (None, None)
        """
        if tag not in self._tags:
            raise UnknownEvent(f"no constraint carries the tag {tag!r}")
        self._constraints = [c for c in self._constraints if c[4] != tag]
        self._choices = [c for c in self._choices if c.tag != tag]
        del self._tags[tag]
        self._base, self._base_uf = self._hard_graph(frozenset())
        self._base_extra = []
        self._graph = None
        self._version += 1

    # -- solving ---------------------------------------------------------------
    def solve(self, *, strict: bool = True, budget: int = 10_000) -> Solution:
        """Consistency, tight bounds, surviving options and conflicts.

        ``strict=False`` sets aside as few tags as it can to restore consistency.

        >>> net = Network(); p = net.add_point()
        >>> net.add(0, p, 5, 5, "five"); net.add(0, p, 7, 7, "seven")
        >>> net.solve().conflicts
        (('five', 'seven'),)
        >>> relaxed = net.solve(strict=False)
        >>> relaxed.consistent, relaxed.set_aside, relaxed.bounds(p)
        (True, ('seven',), (5, 5))
        """
        with _no_gc():
            return self._solve(strict, budget)

    def _solve(self, strict: bool, budget: int) -> Solution:
        """See :meth:`solve`."""
        if budget < 1:
            raise InvalidValue(f"budget must be at least 1, not {budget}")
        if strict and self._excluded:
            self._graph = None
        last = self._last
        current = (self._version, strict, budget)
        if self._graph is not None and last is not None and (last._version, last._strict, last._budget) == current:
            return last
        if self._graph is not None and self._dirty:
            conflict = self._search_dirty(budget)
            if conflict is not None:
                self._graph = None
        if self._graph is None:
            if strict:
                conflict = self._rebuild(frozenset(), budget)
                if conflict is not None:
                    self._last = Solution._inconsistent(self, conflict, budget)
                    return self._last
                self._conflicts = []
            else:
                self._relaxed_rebuild(budget)
        self._last = Solution._from(self, strict, budget)
        return self._last

    def _rebuild(self, excluded: frozenset[Tag], budget: int) -> tuple[Tag, ...] | None:
        """Build the graph afresh without ``excluded``; a minimal conflict if inconsistent."""
        self._graph = None
        self._excluded = excluded
        if self._base_extra:
            self._base.strip(self._base_extra)
            self._base_extra = []
        if excluded:
            graph, uf = self._hard_graph(excluded)
        else:  # solve on the base itself: no copy of a large adjacency
            graph, uf = self._base, _UnionFind(0)
            uf.parent = list(self._base_uf.parent)
        choices = [c for c in self._choices if c.tag not in excluded]
        for ci, choice in enumerate(self._choices):
            choice.alive = list(range(len(choice.options)))
            choice.reasons = set()
            choice.hull_edges = _hull(choice.options)
            choice.hull_for = list(choice.alive)
            if choice.tag in excluded:
                continue
            for u, v, w in choice.hull_edges:
                eid = graph.edge(u, v, w, choice.tag, _HULL, ci)
                if graph is self._base:
                    self._base_extra.append(eid)
            points = [p for option in choice.options for (a, b, _, _) in option for p in (a, b) if p]
            for p in points[1:]:
                uf.union(points[0], p)
        cycle = graph.initialise()
        if cycle is not None:
            return self._minimise(self._reasons(graph, cycle), budget)
        self._graph, self._uf = graph, uf
        self._outcomes = {}
        self._dirty = set()
        if choices:
            for ci, choice in enumerate(self._choices):
                if choice.tag not in excluded:
                    self._dirty.add(self._component(ci))
            conflict = self._search_dirty(budget)
            if conflict is not None:
                self._graph = None
                return conflict
        return None

    def _hard_graph(self, excluded: frozenset[Tag]) -> tuple[_Graph, _UnionFind]:
        graph = _Graph(self._points)
        uf = _UnionFind(self._points)
        for a, b, lo, hi, tag in self._constraints:
            if tag in excluded:
                continue
            for u, v, w in _edges_of(a, b, lo, hi):
                graph.edge(u, v, w, tag, _HARD, -1)
            if a and b:
                uf.union(a, b)
        return graph, uf

    def _component(self, ci: int) -> int:
        assert self._uf is not None
        for option in self._choices[ci].options:
            for a, b, _, _ in option:
                if a or b:
                    return self._uf.find(a or b)
        return -1 - ci  # a choice about the origin alone is its own component

    def _reasons(self, graph: _Graph, edges: Iterable[int]) -> set[Tag]:
        found: set[Tag] = set()
        for e in edges:
            found.add(graph.tag[e])
            if graph.kind[e] != _HARD:
                found |= self._choices[graph.choice[e]].reasons
        return found

    # -- choices ----------------------------------------------------------------
    def _search_dirty(self, budget: int) -> tuple[Tag, ...] | None:
        """Prune and search the choices of the dirty components; a conflict or None."""
        assert self._graph is not None
        by_component: dict[int, list[int]] = {}
        for ci, choice in enumerate(self._choices):
            if choice.tag not in self._excluded:
                by_component.setdefault(self._component(ci), []).append(ci)
        assert self._uf is not None
        dirty = {self._uf.find(d) if d >= 0 else d for d in self._dirty}
        self._dirty = set()
        for root in dirty:
            self._outcomes.pop(root, None)
        for root in sorted(dirty):
            members = by_component.get(root, [])
            if not members:
                continue
            reasons = self._prune(members)
            if reasons is not None:
                return self._minimise(reasons, budget)
            outcome = self._search(members, budget)
            if outcome.conflict is not None:
                return self._minimise(outcome.conflict, budget)
            for ci in members:  # the search may have narrowed some choices further
                failure = self._tighten_hull(ci)
                if failure is not None:
                    return self._minimise(failure, budget)
            if any(len(self._choices[ci].alive) > 1 for ci in members):
                self._outcomes[root] = outcome
        return None

    def _prune(self, members: list[int]) -> set[Tag] | None:
        """Drop options that fail against the hull network, to a fixpoint; tighten the hulls.

        Returns the reasons if some choice loses every option."""
        graph = self._graph
        assert graph is not None
        changed = True
        while changed:
            changed = False
            for ci in members:
                choice = self._choices[ci]
                if len(choice.alive) < 2:
                    continue
                keep = []
                failed: set[Tag] = set()
                for oi in choice.alive:
                    quick = self._quick_try(ci, oi)
                    reasons = self._try(ci, oi, bounds=False) if quick is _UNKNOWN else quick
                    if reasons is None:
                        keep.append(oi)
                    else:
                        failed |= reasons
                if not keep:
                    return failed | choice.reasons | {choice.tag}
                if keep != choice.alive:
                    choice.alive = keep
                    choice.reasons |= failed
                    changed = True
            failure = self._tighten_hulls(members)
            if failure is not None:
                return failure
        return None

    def _quick_try(self, ci: int, oi: int) -> Any:
        """Test a one-constraint option about the origin from the bounds alone: it holds
        iff its interval meets the current bounds (a simple temporal network's rule).
        Returns None (holds), the reasons (fails), or ``_UNKNOWN``."""
        option = self._choices[ci].options[oi]
        if len(option) != 1:
            return _UNKNOWN
        a, b, lo, hi = option[0]
        if a and b or a == b:
            return _UNKNOWN
        graph = self._graph
        assert graph is not None
        if a:  # about t_0 - t_a: flip to t_a - t_0
            b, lo, hi = a, (None if hi is None else -hi), (None if lo is None else -lo)
        earliest, latest = -graph.dt[b], graph.d0[b]
        if hi is not None and hi < earliest:  # the edge 0 -> b (hi) closes a cycle with b -> 0
            edges = graph.tree_path(b, 1)
        elif lo is not None and lo > latest:  # the edge b -> 0 (-lo) closes one with 0 -> b
            edges = graph.tree_path(b, 0)
        else:
            return None
        return self._reasons(graph, edges) | {self._choices[ci].tag}

    def _tighten_hulls(self, members: list[int]) -> set[Tag] | None:
        """Put tighter hulls of the surviving options in the graph, each with the
        incremental repair (a hull moves only the points it tightens: measured cheaper
        than a bulk re-solve even when thousands change)."""
        for ci in members:
            failure = self._tighten_hull(ci)
            if failure is not None:
                return failure
        return None

    def _tighten_hull(self, ci: int) -> set[Tag] | None:
        """Put the hull of the surviving options in the graph (for good) if it is tighter."""
        choice = self._choices[ci]
        if choice.hull_for == choice.alive:
            return None
        graph = self._graph
        assert graph is not None
        choice.hull_for = list(choice.alive)
        hull = _hull([choice.options[oi] for oi in choice.alive])
        if hull != choice.hull_edges:
            choice.hull_edges = hull
            for u, v, w in hull:
                cycle = graph.insert(u, v, w, choice.tag, _HULL, ci)
                if graph is self._base:
                    self._base_extra.append(len(graph.src) - 1)
                if cycle is not None:  # cannot happen while each surviving option holds
                    return self._reasons(graph, cycle) | {choice.tag}
        return None

    def _try(self, ci: int, oi: int, *, bounds: bool) -> set[Tag] | None:
        """Test option ``oi`` of choice ``ci`` on top of the graph, then undo it."""
        graph = self._graph
        assert graph is not None
        logging, graph.logging = graph.logging, True
        mark = graph.mark()
        try:
            for a, b, lo, hi in self._choices[ci].options[oi]:
                for u, v, w in _edges_of(a, b, lo, hi):
                    cycle = graph.insert(u, v, w, self._choices[ci].tag, _OPTION, ci, bounds=bounds)
                    if cycle is not None:
                        return self._reasons(graph, cycle)
            return None
        finally:
            graph.undo(mark)
            graph.logging = logging

    def _search(self, members: list[int], budget: int) -> _Outcome:
        """Depth-first search over the surviving options of one component's choices."""
        graph = self._graph
        assert graph is not None
        outcome = _Outcome()
        open_choices = [ci for ci in members if len(self._choices[ci].alive) > 1]
        if not open_choices:
            return outcome
        failures: set[Tag] = set()
        nodes = 0
        counts0: dict[int, int] = {}
        counts_t: dict[int, int] = {}
        worst0: dict[int, float] = {}
        worst_t: dict[int, float] = {}
        seen: dict[int, set[int]] = {ci: set() for ci in open_choices}
        assignment: dict[int, int] = {}
        logging, graph.logging = graph.logging, True
        root_mark = graph.mark()

        def leaf() -> None:
            outcome.leaves.append(dict(assignment))
            for ci, oi in assignment.items():
                seen[ci].add(oi)
            changed0: set[int] = set()
            changed_t: set[int] = set()
            for which, i, _ in graph.trail[root_mark[0] :]:
                if which == 1:
                    changed0.add(i)
                elif which == 2:
                    changed_t.add(i)
            for i in changed0:
                counts0[i] = counts0.get(i, 0) + 1
                worst0[i] = max(worst0.get(i, -INF), graph.d0[i])
            for i in changed_t:
                counts_t[i] = counts_t.get(i, 0) + 1
                worst_t[i] = max(worst_t.get(i, -INF), graph.dt[i])

        def dive(depth: int) -> bool:
            nonlocal nodes
            if depth == len(open_choices):
                leaf()
                return True
            ci = open_choices[depth]
            choice = self._choices[ci]
            for oi in choice.alive:
                if nodes >= budget:
                    return False
                nodes += 1
                mark = graph.mark()
                failed = None
                for a, b, lo, hi in choice.options[oi]:
                    for u, v, w in _edges_of(a, b, lo, hi):
                        cycle = graph.insert(u, v, w, choice.tag, _OPTION, ci)
                        if cycle is not None:
                            failed = cycle
                            break
                    if failed is not None:
                        break
                if failed is not None:
                    failures.update(self._reasons(graph, failed))
                else:
                    assignment[ci] = oi
                    finished = dive(depth + 1)
                    del assignment[ci]
                    if not finished:
                        graph.undo(mark)
                        return False
                graph.undo(mark)
            return True

        try:
            complete = dive(0)
        finally:
            graph.undo(root_mark)
            graph.logging = logging
        outcome.nodes = nodes
        outcome.failures = failures
        if not complete:
            outcome.exact = False
            outcome.leaves = []
            return outcome
        if not outcome.leaves:
            outcome.conflict = (
                failures
                | {self._choices[ci].tag for ci in members}
                | set().union(*(self._choices[ci].reasons for ci in members))
            )
            return outcome
        total = len(outcome.leaves)
        outcome.d0 = {i: v for i, v in worst0.items() if counts0[i] == total}
        outcome.dt = {i: v for i, v in worst_t.items() if counts_t[i] == total}
        searched = failures | {self._choices[ci].tag for ci in open_choices}
        for ci in open_choices:
            alive = sorted(seen[ci])
            if alive != self._choices[ci].alive:  # options no combination uses: the search is the reason
                self._choices[ci].alive = alive
                self._choices[ci].reasons |= searched - {self._choices[ci].tag}
        return outcome

    # -- conflicts ----------------------------------------------------------------
    def _rebuild_probe(self, budget: int) -> bool:
        """True when consistent (or not proven otherwise)."""
        n = self._points
        graph = _Graph(n)
        for a, b, lo, hi, tag in self._constraints:
            for u, v, w in _edges_of(a, b, lo, hi):
                graph.edge(u, v, w, tag, _HARD, -1)
        for ci, choice in enumerate(self._choices):
            for u, v, w in _hull(choice.options):
                graph.edge(u, v, w, choice.tag, _HULL, ci)
        if graph._potential() is not None:
            return False
        if not self._choices:
            return True
        # small sub-networks: search every choice as one component
        graph._to_origin()
        self._graph = graph
        members = list(range(len(self._choices)))
        if self._prune(members) is not None:
            return False
        return self._search(members, budget).conflict is None

    def _minimise(self, tags: set[Tag], budget: int) -> tuple[Tag, ...]:
        """Deletion-minimise an inconsistent set of tags (drop each in turn, keep it out
        if the rest is still inconsistent); ordered by first mention.  Each probe is a
        small network of just those statements, on their own points renumbered."""
        order = sorted(tags, key=lambda t: self._tags.get(t, -1))
        constraints = [c for c in self._constraints if c[4] in tags]
        choices = [c for c in self._choices if c.tag in tags]
        points = {0}
        for a, b, _, _, _ in constraints:
            points.update((a, b))
        for choice in choices:
            for option in choice.options:
                for a, b, _, _ in option:
                    points.update((a, b))
        index = {p: i for i, p in enumerate(sorted(points))}
        constraints = [(index[a], index[b], lo, hi, t) for a, b, lo, hi, t in constraints]
        renumbered = [
            _Choice(tuple(tuple((index[a], index[b], lo, hi) for a, b, lo, hi in o) for o in c.options), c.tag)
            for c in choices
        ]
        kept = list(order)
        for tag in order:
            trial = [t for t in kept if t != tag]
            wanted = set(trial)
            probe = Network()
            probe._points = len(index)
            probe._constraints = [c for c in constraints if c[4] in wanted]
            probe._choices = [_Choice(c.options, c.tag) for c in renumbered if c.tag in wanted]
            if not probe._rebuild_probe(budget):
                kept = trial
        return tuple(kept)

    def _relaxed_rebuild(self, budget: int) -> None:
        """Set aside few tags until the rest is consistent (implicit hitting sets)."""
        conflicts: list[tuple[Tag, ...]] = []
        aside: frozenset[Tag] = frozenset()
        while True:
            conflict = self._rebuild(aside, budget)
            if conflict is None:
                break
            conflicts.append(conflict)
            aside = frozenset(self._hitting_set(conflicts))
        self._conflicts = conflicts

    def _hitting_set(self, conflicts: list[tuple[Tag, ...]]) -> tuple[Tag, ...]:
        """A smallest set of tags meeting every conflict: exact when the search is small,
        else greedy (the tag in most conflicts; ties go to the latest-added tag)."""
        pool = sorted({t for c in conflicts for t in c}, key=lambda t: -self._tags.get(t, -1))
        sets = [set(c) for c in conflicts]
        tried = 0
        for size in range(1, len(pool) + 1):
            for combo in itertools.combinations(pool, size):
                tried += 1
                if tried > _EXACT_HITTING_SET_LIMIT:
                    return self._greedy_hitting_set(sets)
                chosen = set(combo)
                if all(s & chosen for s in sets):
                    return combo
        return tuple(pool)

    def _greedy_hitting_set(self, sets: list[set[Tag]]) -> tuple[Tag, ...]:
        chosen: list[Tag] = []
        left = list(sets)
        while left:
            counts: dict[Tag, int] = {}
            for s in left:
                for t in s:
                    counts[t] = counts.get(t, 0) + 1
            pick = max(counts, key=lambda t: (counts[t], self._tags.get(t, -1)))
            chosen.append(pick)
            left = [s for s in left if pick not in s]
        return tuple(chosen)

    # -- leaves, for on-demand queries ---------------------------------------------
    def _apply(self, assignment: dict[int, int]) -> tuple[int, int]:
        """Put one consistent combination on the graph (logged); the mark to undo to."""
        graph = self._graph
        assert graph is not None
        graph.logging = True
        mark = graph.mark()
        for ci, oi in assignment.items():
            choice = self._choices[ci]
            for a, b, lo, hi in choice.options[oi]:
                for u, v, w in _edges_of(a, b, lo, hi):
                    graph.insert(u, v, w, choice.tag, _OPTION, ci)
        return mark

    def _restore(self, mark: tuple[int, int]) -> None:
        graph = self._graph
        assert graph is not None
        graph.undo(mark)
        graph.logging = False


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: solving makes many small tuples and no cycles,
    and a full collection over a large graph's adjacency would cost more than the solve."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _bound(x: float) -> int | None:
    return None if x == INF else int(x)


class Solution:
    """The result of :meth:`Network.solve`.

    ``consistent``; ``exact`` (False when a choice search hit its budget: then
    bounds and options are sound envelopes, and a search cut off before finding
    any consistent combination has not proven consistency either: ``consistent``
    then only says that no conflict was found); ``search_nodes`` (options tried
    by the searches; the budget applies per connected component); ``conflicts`` (each a minimal set
    of tags that cannot all hold); ``set_aside`` (``strict=False``: the tags
    left out to restore consistency).

    >>> net = Network(); p = net.add_point()
    >>> net.add(0, p, 3, 8, "s")
    >>> sol = net.solve()
    >>> sol.consistent, sol.exact, sol.bounds(p), sol.explain(p, "latest")
    (True, True, (3, 8), ('s',))
    """

    __slots__ = (
        "consistent",
        "exact",
        "conflicts",
        "set_aside",
        "_net",
        "_version",
        "_strict",
        "_budget",
        "_d0",
        "_dt",
        "_options",
        "_outcomes",
        "search_nodes",
    )

    consistent: bool
    exact: bool
    conflicts: tuple[tuple[Tag, ...], ...]
    set_aside: tuple[Tag, ...]

    def __init__(self) -> None:
        self.consistent = True
        self.exact = True
        self.conflicts = ()
        self.set_aside = ()
        self.search_nodes = 0  # options tried by the choice searches behind this solution
        self._net: Network | None = None
        self._version = -1
        self._strict = True
        self._budget = 0
        self._d0: list[float] = []
        self._dt: list[float] = []
        self._options: dict[Tag, tuple[int, ...]] = {}
        self._outcomes: dict[int, _Outcome] = {}

    @classmethod
    def _inconsistent(cls, net: Network, conflict: tuple[Tag, ...], budget: int) -> Solution:
        sol = cls()
        sol.consistent = False
        sol.conflicts = (conflict,)
        sol._net, sol._version, sol._strict, sol._budget = net, net._version, True, budget
        return sol

    @classmethod
    def _from(cls, net: Network, strict: bool, budget: int) -> Solution:
        graph = net._graph
        assert graph is not None
        sol = cls()
        sol._net, sol._version, sol._strict, sol._budget = net, net._version, strict, budget
        sol._d0 = list(graph.d0)
        sol._dt = list(graph.dt)
        sol._outcomes = dict(net._outcomes)
        for outcome in sol._outcomes.values():
            for i, value in outcome.d0.items():
                sol._d0[i] = value
            for i, value in outcome.dt.items():
                sol._dt[i] = value
            sol.search_nodes += outcome.nodes
            if not outcome.exact:
                sol.exact = False
        for choice in net._choices:
            if choice.tag not in sol._options:
                sol._options[choice.tag] = () if choice.tag in net._excluded else tuple(choice.alive)
        sol.conflicts = tuple(net._conflicts)
        sol.set_aside = tuple(sorted(net._excluded, key=lambda t: net._tags.get(t, -1)))
        return sol

    def __repr__(self) -> str:
        return (
            f"Solution(consistent={self.consistent}, exact={self.exact}, "
            f"conflicts={len(self.conflicts)}, set_aside={len(self.set_aside)})"
        )

    def _usable(self) -> None:
        if not self.consistent:
            raise Inconsistent(self.conflicts[0] if self.conflicts else ())

    def _live(self) -> Network:
        self._usable()
        net = self._net
        if net is None or net._version != self._version or net._graph is None:
            raise StaleSolution("the network changed after this solution was made: solve it again")
        return net

    def _point(self, p: object) -> int:
        if not isinstance(p, int) or isinstance(p, bool) or not 0 <= p < len(self._d0):
            raise UnknownEvent(f"point {p!r} is not in this solution")
        return p

    def bounds(self, p: int) -> tuple[int | None, int | None]:
        """Tight bounds on ``t_p - t_origin``; ``None`` where unbounded.

        >>> net = Network(); p = net.add_point(); net.add(0, p, None, 4, "s")
        >>> net.solve().bounds(p)
        (None, 4)
        """
        self._usable()
        p = self._point(p)
        dt = self._dt[p]
        return (None if dt == INF else int(-dt)), _bound(self._d0[p])

    def options(self, tag: Tag) -> tuple[int, ...]:
        """Indices of the options of the choice ``tag`` that some consistent combination uses.

        >>> net = Network(); p = net.add_point()
        >>> net.add_choice([[(0, p, 1, 2)], [(0, p, 8, 9)]], "c"); net.add(0, p, 5, None, "after")
        >>> net.solve().options("c")
        (1,)
        """
        self._usable()
        try:
            return self._options[tag]
        except (KeyError, TypeError):
            raise UnknownEvent(f"no choice carries the tag {tag!r}") from None

    def _open(self, net: Network, *points: int) -> _Outcome | None:
        """The exact search outcome of the component holding ``points``, if it has one."""
        uf = net._uf
        assert uf is not None
        roots = {uf.find(p) for p in points if p}
        if len(roots) != 1:
            return None
        outcome = self._outcomes.get(roots.pop())
        return outcome if outcome is not None and outcome.exact and outcome.leaves else None

    def difference(self, a: int, b: int) -> tuple[int | None, int | None]:
        """Tight bounds on ``t_b - t_a``, computed on demand.

        >>> net = Network(); p, q = net.add_point(), net.add_point()
        >>> net.add(0, p, 0, 10, "p"); net.add(0, q, 0, 10, "q"); net.add(p, q, 2, None, "p before q")
        >>> net.solve().difference(p, q)
        (2, 10)
        """
        net = self._live()
        a, b = self._point(a), self._point(b)
        if a == b:
            return 0, 0
        uf = net._uf
        assert uf is not None
        if not a or not b or uf.find(a) != uf.find(b):
            ea, la = self.bounds(a)
            eb, lb = self.bounds(b)
            lo = None if eb is None or la is None else eb - la
            hi = None if lb is None or ea is None else lb - ea
            return lo, hi
        graph = net._graph
        assert graph is not None
        outcome = self._open(net, a, b)
        if outcome is None:
            return self._difference_on(graph, a, b)
        lows: list[float] = []
        highs: list[float] = []
        for leaf in outcome.leaves:
            mark = net._apply(leaf)
            try:
                lo, hi = self._difference_on(graph, a, b)
            finally:
                net._restore(mark)
            lows.append(-INF if lo is None else lo)
            highs.append(INF if hi is None else hi)
        low, high = min(lows), max(highs)
        return (None if low == -INF else int(low)), (None if high == INF else int(high))

    @staticmethod
    def _difference_on(graph: _Graph, a: int, b: int) -> tuple[int | None, int | None]:
        back = graph.path(b, a)[0]
        forward = graph.path(a, b)[0]
        return (None if back == INF else int(-back)), _bound(forward)

    def explain(self, p: int, side: Literal["earliest", "latest"]) -> tuple[Tag, ...]:
        """Tags of the constraints along the shortest path fixing that bound, origin first.

        Where open choices remain, the bound holds in each consistent combination of
        readings: the path of one that attains it comes first, then the tags the
        others' paths add, then why the combinations left out fail.  A choice brings the reasons it lost options.

        >>> net = Network(); p, q = net.add_point(), net.add_point()
        >>> net.add(0, p, 10, 20, "p in 10..20"); net.add(p, q, 1, 2, "q just after p")
        >>> sol = net.solve()
        >>> sol.explain(q, "latest"), sol.explain(q, "earliest")
        (('p in 10..20', 'q just after p'), ('p in 10..20', 'q just after p'))
        """
        if side not in ("earliest", "latest"):
            raise InvalidValue(f"side must be 'earliest' or 'latest', not {side!r}")
        net = self._live()
        p = self._point(p)
        graph = net._graph
        assert graph is not None
        if p == 0:
            return ()
        want = self._d0[p] if side == "latest" else self._dt[p]
        if want == INF:
            return ()
        outcome = self._open(net, p)
        if outcome is None:
            return self._tags_along(net, graph, p, side)
        # A bound over several readings holds because it holds in each: the path of a
        # reading that attains it comes first, then what the other readings add.
        attaining: list[Tag] = []
        others: list[Tag] = []
        for leaf in outcome.leaves:
            mark = net._apply(leaf)
            try:
                value = graph.d0[p] if side == "latest" else graph.dt[p]
                tags = self._tags_along(net, graph, p, side)
            finally:
                net._restore(mark)
            target = attaining if value == want and not attaining else others
            target.extend(t for t in tags if t not in target)
        failures = sorted(outcome.failures, key=lambda t: net._tags.get(t, -1))
        return tuple(dict.fromkeys(attaining + others + failures))

    @staticmethod
    def _tags_along(net: Network, graph: _Graph, p: int, side: str) -> tuple[Tag, ...]:
        edges = graph.path(0, p)[1] if side == "latest" else list(reversed(graph.path(p, 0)[1]))
        tags: list[Tag] = []
        for e in edges:
            extra = net._choices[graph.choice[e]].reasons if graph.kind[e] != _HARD else ()
            for tag in (graph.tag[e], *sorted(extra, key=lambda t: net._tags.get(t, -1))):
                if tag not in tags:
                    tags.append(tag)
        return tuple(tags)


def solve_or_raise(network: Network, *, budget: int = 10_000) -> Solution:
    """Solve strictly; raise :class:`~chronology.errors.Inconsistent` with a minimal conflict.

    >>> net = Network(); p = net.add_point()
    >>> net.add(0, p, 1, 1, "one"); net.add(0, p, 2, 2, "two")
    >>> solve_or_raise(net)
    Traceback (most recent call last):
    ...
    chronology.errors.Inconsistent: these 2 statements cannot all be true:
      - one
      - two
    """
    solution = network.solve(strict=True, budget=budget)
    if not solution.consistent:
        raise Inconsistent(solution.conflicts[0])
    return solution
