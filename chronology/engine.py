"""The temporal constraint engine: a simple temporal network with choices.

A :class:`Network` holds integer points (point 0, :data:`ORIGIN`, is the
origin, whose value is 0; a day is ``date.toordinal()``) and constraints
``lo <= t_b - t_a <= hi`` (``None``: unbounded on that side), each carrying an
opaque hashable *tag*.  A *choice* is a set of options of which one holds,
each option a conjunction of constraints: the readings of ``winter 2010``.

Every point other than the origin lies in the network's *domain*
``[lo, hi]`` (for a case: the calendar, 1 Jan 1 to 31 Dec 9999).  The domain
is always in force, never a statement: a bound that only the domain gives is
reported as open (``None``), and numbers no point of the domain could meet are
refused.  So nothing the network is given can drive a distance towards
infinity, and every distance stays within a few domain widths.

The algorithms, all pure Python over integer arrays:

- a constraint is two weighted edges, ``a -> b`` of weight ``hi`` and
  ``b -> a`` of weight ``-lo``; the domain adds (implicitly) ``origin -> p``
  of weight ``hi`` and ``p -> origin`` of weight ``-lo``.  The network is
  consistent iff the graph has no negative cycle;
- the latest day of every point is its shortest distance from the origin,
  found by Goldberg and Radzik's label-correcting method (each pass scans, in
  topological order, the points reached by edges that would lower a label: a
  chain is settled in one pass whichever way it was stated) with parent-graph
  checks at doubling counts; a label below the domain, or a cycle among the
  lowering edges, is a negative cycle.  The labels are a *potential* (a
  feasible solution) that makes every reduced edge weight non-negative;
- the earliest day is the shortest distance to the origin, found the same way
  over the reversed edges; ``difference(a, b)`` runs one Dijkstra on demand;
- adding an edge repairs the labels incrementally, only from the new edge
  (Ramalingam–Reps style); the repair reaching the edge's own tail, the
  origin below zero, or a point below the domain, is a new negative cycle;
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
  leaves a consistent set (a cycle whose tags form a single cycle and nothing
  else is minimal as it stands, and needs no probe);
- ``solve(strict=False)`` sets aside a cheapest set of tags meeting every
  conflict (an implicit hitting set: fewest tags, then least ``cost``, then
  fewest points touched, then the latest stated), re-solving until the rest is
  consistent.  Conflicts are found many to a pass: the constraints between
  points are settled in bulk, then each tag about the origin alone is added in
  turn, and one that closes a negative cycle is recorded and left out.

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
import threading
from array import array
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

from chronology.errors import ChronologyError, Inconsistent, InvalidValue, UnknownEvent

__all__ = ["ORIGIN", "DEFAULT_DOMAIN", "Tag", "Cost", "Network", "Solution", "StaleSolution", "solve_or_raise"]

ORIGIN: int = 0
Tag = Hashable
Constraint = tuple[int, int, "int | None", "int | None"]
Cost = Callable[[Any], "float | None"]
"""What setting a tag aside costs a relaxed solve (``None``: only if nothing else resolves a conflict)."""

DEFAULT_DOMAIN: tuple[int, int] = (-(1 << 40), 1 << 40)
"""The domain of a network made without one: far wider than any calendar."""

INF = float("inf")
_HARD, _HULL, _OPTION = 0, 1, 2
_DOMAIN = -2  # a pseudo edge id: the domain's bound origin -> p (latest) or p -> origin (earliest)
_UNKNOWN = object()
_NEVER = 1e12  # the cost standing for None: set aside only when nothing else meets a conflict
_EXACT_HITTING_SET_CONFLICTS = 64  # more conflicts than this: the hitting set is greedy
_EXACT_HITTING_SET_NODES = 20_000  # branch-and-bound nodes before settling for the best found
_DOMINANCE_LIMIT = 3_000  # candidate groups compared pairwise for dominance
_RETRACT_CREDIT = 4  # a component is settled again after clashes of a quarter its points in edges
_CHOSEN_ROUNDS = 3  # rounds of a relaxed solve choosing afresh, in the greedy regime; then it adds
_MEMO_POINTS = 256  # a part this large keeps its relations settled from one round to the next
_NEAREST_CLASH_POINTS = 24  # points a repair known to clash may move looking for the nearest clash
_TIGHT_PATH_ARCS = 32  # arcs a nearest-path search scans per edge of the tree's path, at most


class StaleSolution(ChronologyError, RuntimeError):
    """The network changed after this solution was made; solve again for on-demand queries."""


# -----------------------------------------------------------------------------
# The dynamic graph: labels (latest days and earliest days), parents, undo trail.
# -----------------------------------------------------------------------------


def _arcs(flat: Sequence[int]) -> Iterator[tuple[int, int, int]]:
    """The arcs ``(target, weight, edge)`` of a flat adjacency list ``[t0, w0, e0, t1, w1, e1, ...]``."""
    it = iter(flat)
    return zip(it, it, it, strict=False)


class _Graph:
    """Edges as parallel lists; adjacency as one flat list per point, ``[target, weight, edge, ...]``.

    ``h[p]`` is the shortest distance origin -> p (the latest day of ``p``,
    at most the domain's ``hi``) and a feasible potential (``h[v] <= h[u] + w``
    on every edge); ``dt[p]`` is the shortest distance p -> origin (minus the
    earliest day, at most ``-lo``).  ``p0`` / ``pt`` hold the edge that gives
    each its value (:data:`_DOMAIN` where the domain does), and ``g0`` / ``gt`` a 1
    where that path starts at the domain (the bound is the domain's, reported as
    open) rather than at the origin.  While ``logging``
    is on, every change is recorded on ``trail`` so that :meth:`undo` can
    restore a mark.  ``counter[0]`` counts the edges scanned, the network's
    measure of work.
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
        "dt",
        "p0",
        "pt",
        "g0",
        "gt",
        "trail",
        "logging",
        "lo",
        "hi",
        "counter",
    )

    def __init__(self, size: int, lo: int, hi: int, counter: list[int]) -> None:
        self.out: list[list[int]] = [[] for _ in range(size)]
        self.inn: list[list[int]] = [[] for _ in range(size)]
        self.src: list[int] = []
        self.dst: list[int] = []
        self.wt: list[int] = []
        self.tag: list[Tag] = []
        self.kind: list[int] = []
        self.choice: list[int] = []
        self.lo, self.hi = lo, hi
        self.h: list[int] = [hi] * size
        self.dt: list[int] = [-lo] * size
        self.p0: list[int] = [_DOMAIN] * size
        self.pt: list[int] = [_DOMAIN] * size
        self.g0 = bytearray(b"\x01") * size
        self.gt = bytearray(b"\x01") * size
        self.h[0] = self.dt[0] = 0
        self.p0[0] = self.pt[0] = -1
        self.g0[0] = self.gt[0] = 0
        self.trail: list[tuple[int, int, int]] = []
        self.logging = False
        self.counter = counter

    def copy(self) -> _Graph:
        """An independent copy (its edges, labels and parents; the trail empty, not logging)."""
        twin = _Graph.__new__(_Graph)
        twin.out = [list(arcs) for arcs in self.out]
        twin.inn = [list(arcs) for arcs in self.inn]
        for name in ("src", "dst", "wt", "tag", "kind", "choice", "h", "dt", "p0", "pt"):
            setattr(twin, name, list(getattr(self, name)))
        twin.g0, twin.gt = bytearray(self.g0), bytearray(self.gt)
        twin.trail, twin.logging = [], False
        twin.lo, twin.hi, twin.counter = self.lo, self.hi, self.counter
        return twin

    def grow(self) -> None:
        self.out.append([])
        self.inn.append([])
        self.h.append(self.hi)
        self.dt.append(-self.lo)
        self.p0.append(_DOMAIN)
        self.pt.append(_DOMAIN)
        self.g0.append(1)
        self.gt.append(1)

    def shrink(self, size: int) -> None:
        """Take back the points from ``size`` on (no edge may touch them)."""
        for column in (self.out, self.inn, self.h, self.dt, self.p0, self.pt, self.g0, self.gt):
            del column[size:]

    def edge(self, u: int, v: int, w: int, tag: Tag, kind: int, choice: int) -> int:
        """Append an edge to the lists only (no repair)."""
        eid = len(self.src)
        self.src.append(u)
        self.dst.append(v)
        self.wt.append(w)
        self.tag.append(tag)
        self.kind.append(kind)
        self.choice.append(choice)
        self.out[u] += (v, w, eid)
        self.inn[v] += (u, w, eid)
        return eid

    def edges(self, edges: Iterable[tuple[int, int, int, Tag, int, int]]) -> None:
        """Append many edges ``(u, v, w, tag, kind, choice)`` to the lists (no repair)."""
        src, dst, wt, tag, kind, choice = self.src, self.dst, self.wt, self.tag, self.kind, self.choice
        out, inn = self.out, self.inn
        eid = len(src)
        for u, v, w, t, k, c in edges:
            src.append(u)
            dst.append(v)
            wt.append(w)
            tag.append(t)
            kind.append(k)
            choice.append(c)
            out[u] += (v, w, eid)
            inn[v] += (u, w, eid)
            eid += 1

    def pop_edge(self) -> None:
        u = self.src.pop()
        v = self.dst.pop()
        self.wt.pop()
        self.tag.pop()
        self.kind.pop()
        self.choice.pop()
        del self.out[u][-3:]
        del self.inn[v][-3:]

    def mark(self) -> tuple[int, int]:
        return len(self.trail), len(self.src)

    def undo(self, mark: tuple[int, int]) -> None:
        trail_len, edges = mark
        trail = self.trail
        arrays = (self.h, self.dt, self.p0, self.pt, self.g0, self.gt)
        while len(trail) > trail_len:
            which, i, old = trail.pop()
            arrays[which][i] = old
        while len(self.src) > edges:
            self.pop_edge()

    # -- bulk ----------------------------------------------------------------
    def initialise(self, bounds: bool = True) -> list[int] | None:
        """Latest days, then earliest days; a negative cycle's edges if there is one."""
        cycle = self._settle(forward=True)
        if cycle is not None or not bounds:
            return cycle
        self._settle(forward=False)
        return None

    def _settle(self, *, forward: bool) -> list[int] | None:
        """Shortest distances from the origin (``forward``) or to it, by Goldberg–Radzik.

        Every point starts at its domain bound.  Each pass takes the points whose
        label fell in the last one, finds by a depth-first search the points that
        edges of negative reduced weight reach from them (a cycle of such edges is
        a negative cycle), and scans those in topological order, so that a chain of
        any length, stated in any order, settles in one pass."""
        n = len(self.out)
        if forward:
            adj, floor = self.out, self.lo
            label = [self.hi] * n
        else:
            adj, floor = self.inn, -self.hi
            label = [-self.lo] * n
        label[0] = 0
        parent = [_DOMAIN] * n
        parent[0] = -1
        from_domain = bytearray(b"\x01") * n  # 1 while a point's path starts at the domain, not the origin
        from_domain[0] = 0
        seen = [0] * n  # the pass whose search reached a point
        busy = [0] * n  # the pass whose search found edges of negative reduced weight out of it
        lowered = [0] * n  # the pass whose scan lowered it
        scanned = [0] * n
        queued = [0] * n
        onstack = [False] * n
        via = [-1] * n  # the point the search came from
        stamp = 0
        relaxations = 0
        # A parent-graph check (n steps) once the relaxations since the last pay for it: a negative
        # cycle through a point many rest on relabels them all each pass, and waiting for doubling
        # counts let it do so eight times over before the first check.
        check_at = 2 * n + 8
        work = 0
        # Two sweeps in the points' own order, forwards and back, start the labels off: points
        # are numbered as the case tells them, so most shortest paths run along that order,
        # and a sweep reads memory in order.  What a sweep lowers after scanning it is left
        # for the passes.
        last = [0] * n
        labelled: list[int] = []
        for sweep, points in ((1, range(n)), (2, range(n - 1, -1, -1))):
            for u in points:
                last[u] = sweep
                lu = label[u]
                arcs = adj[u]
                work += len(arcs)
                for x, w, e in _arcs(arcs):
                    nx = lu + w
                    if nx < label[x]:
                        label[x] = nx
                        parent[x] = e
                        from_domain[x] = from_domain[u]
                        last[x] = -sweep  # lowered after (or without) its own scan this sweep
                        relaxations += 1
                        if forward and (nx < floor if x else nx < 0):
                            self.counter[0] += work // 3
                            return self._parent_walk(parent, x)
        labelled = [u for u in range(n) if last[u] == -2]
        if relaxations >= check_at and forward:
            check_at = relaxations + n + 8
            cycle = self._parent_cycle(parent)
            if cycle is not None:
                self.counter[0] += work // 3
                return cycle
        try:
            while labelled:
                stamp += 1
                order: list[int] = []
                for root in labelled:
                    if seen[root] == stamp:
                        continue
                    seen[root] = stamp
                    arcs = adj[root]
                    work += len(arcs)
                    lr = label[root]
                    # the heads of edges of negative reduced weight (labels hold still during the search)
                    kids = [x for x, w, _ in _arcs(arcs) if lr + w < label[x]]
                    if not kids:
                        order.append(root)
                        continue
                    busy[root] = stamp
                    onstack[root] = True
                    nodes = [root]
                    stack = [iter(kids)]
                    while stack:
                        for x in stack[-1]:
                            if seen[x] != stamp:
                                seen[x] = stamp
                                via[x] = nodes[-1]
                                arcs = adj[x]
                                work += len(arcs)
                                lx = label[x]
                                kids = [y for y, w, _ in _arcs(arcs) if lx + w < label[y]]
                                if kids:
                                    busy[x] = stamp
                                    onstack[x] = True
                                    nodes.append(x)
                                    stack.append(iter(kids))
                                    break
                                order.append(x)
                            elif onstack[x] and forward:
                                return self._dfs_cycle(adj, label, via, nodes[-1], x)
                        else:
                            stack.pop()
                            u = nodes.pop()
                            onstack[u] = False
                            order.append(u)
                nxt: list[int] = []
                for u in reversed(order):
                    scanned[u] = stamp
                    if busy[u] != stamp and lowered[u] != stamp:
                        continue  # nothing out of it lowers a label
                    lu = label[u]
                    arcs = adj[u]
                    work += len(arcs)
                    for x, w, e in _arcs(arcs):
                        nx = lu + w
                        if nx < label[x]:
                            label[x] = nx
                            parent[x] = e
                            from_domain[x] = from_domain[u]
                            lowered[x] = stamp
                            relaxations += 1
                            if forward and (nx < floor if x else nx < 0):
                                return self._parent_walk(parent, x)
                            if queued[x] != stamp and (seen[x] != stamp or scanned[x] == stamp):
                                queued[x] = stamp
                                nxt.append(x)
                if relaxations >= check_at and forward:
                    check_at = relaxations + n + 8
                    cycle = self._parent_cycle(parent)
                    if cycle is not None:
                        return cycle
                labelled = nxt
        finally:
            self.counter[0] += work // 3
        if forward:
            self.h, self.p0, self.g0 = label, parent, from_domain
        else:
            self.dt, self.pt, self.gt = label, parent, from_domain
        return None

    def _dfs_cycle(self, adj: list[list[int]], label: list[int], via: list[int], u: int, x: int) -> list[int]:
        """The cycle the search closed from ``u`` back to ``x`` on its stack, as edges: each
        step the edge of negative reduced weight between the two points (the lightest)."""
        points = [x]
        y = u
        while y != x:
            points.append(y)
            y = via[y]
        points.append(x)
        points.reverse()  # x -> ... -> u -> x
        cycle = []
        for a, b in zip(points, points[1:], strict=False):
            cycle.append(min((w, e) for y, w, e in _arcs(adj[a]) if y == b and label[a] + w < label[b])[1])
        return cycle

    def _parent_walk(self, parent: list[int], v: int) -> list[int]:
        """A negative cycle through ``v``, whose label fell below what it can be: the
        parents' cycle if the walk from ``v`` meets one, else origin -> ... -> v closed by
        the domain (a walk that ends at a point still at its domain bound starts there)."""
        src = self.src
        place: dict[int, int] = {}
        back: list[int] = []
        x = v
        while x not in place:
            place[x] = len(back)
            e = parent[x]
            if e < 0:
                path = back[::-1]
                if x != 0:
                    path.insert(0, _DOMAIN)
                if v != 0:
                    path.append(_DOMAIN)
                return path
            back.append(e)
            x = src[e]
        return back[place[x] :][::-1]

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

    def strip(self, edges: Iterable[int]) -> None:
        """Take edges out of the adjacency (their ids stay, as tombstones)."""
        gone = set(edges)
        for u in {self.src[e] for e in gone}:
            self.out[u] = [z for y, w, e in _arcs(self.out[u]) if e not in gone for z in (y, w, e)]
        for v in {self.dst[e] for e in gone}:
            self.inn[v] = [z for y, w, e in _arcs(self.inn[v]) if e not in gone for z in (y, w, e)]
        for e in gone:
            self.kind[e] = -1

    def remove(self, edges: list[int]) -> None:
        """Take ``edges`` out (:meth:`strip`) and settle again, both ways, only the points whose
        labels rested on them: the subtrees below them in each tree of shortest paths (every
        other point's path survives, and no label can fall).  The labels before are a feasible
        potential of the graph with fewer edges, so each side is one Dijkstra over those points
        in reduced weights, from the labels around them: work in proportion to their arcs."""
        pop, push = heapq.heappop, heapq.heappush
        work = 0
        sides = (
            (
                self.h,
                self.p0,
                self.g0,
                self.out,
                self.inn,
                self.hi,
                [self.dst[e] for e in edges if self.p0[self.dst[e]] == e],
            ),
            (
                self.dt,
                self.pt,
                self.gt,
                self.inn,
                self.out,
                -self.lo,
                [self.src[e] for e in edges if self.pt[self.src[e]] == e],
            ),
        )
        self.strip(edges)
        for label, parent, domain, adj, back, start, seeds in sides:
            inside = set(seeds)
            stack = list(inside)
            while stack:  # the subtrees: a point whose parent edge leaves one
                x = stack.pop()
                arcs = adj[x]
                work += len(arcs)
                for y, _, e in _arcs(arcs):
                    if parent[y] == e and y not in inside:
                        inside.add(y)
                        stack.append(y)
            old = {p: label[p] for p in inside}
            heap: list[tuple[int, int]] = []
            for p in inside:
                best, via, from_domain = start, _DOMAIN, 1
                arcs = back[p]
                work += len(arcs)
                for x, w, e in _arcs(arcs):
                    if x not in inside and label[x] + w < best:
                        best, via, from_domain = label[x] + w, e, domain[x]
                label[p], parent[p], domain[p] = best, via, from_domain
                push(heap, (best - old[p], p))
            while heap:
                k, x = pop(heap)
                lx = label[x]
                if lx - old[x] != k:
                    continue
                arcs = adj[x]
                work += len(arcs)
                for y, w, e in _arcs(arcs):
                    if y in inside and lx + w < label[y]:
                        label[y] = lx + w
                        parent[y] = e
                        domain[y] = domain[x]
                        push(heap, (lx + w - old[y], y))
        self.counter[0] += work // 3

    # -- incremental -----------------------------------------------------------
    def insert(self, u: int, v: int, w: int, tag: Tag, kind: int, choice: int, bounds: bool = True) -> list[int] | None:
        """Add edge ``u -> v`` (weight ``w``) and repair.

        On a negative cycle, return its edge ids; the labels are left as they were,
        but the edge stays listed: the caller undoes to a mark or drops the graph."""
        eid = self.edge(u, v, w, tag, kind, choice)
        if self.h[u] + w < self.h[v]:
            cycle = self._repair_h(u, v, w, eid)
            if cycle is not None:
                return cycle
        if bounds and self.dt[v] + w < self.dt[u]:
            self._repair_dt(u, v, w, eid)
        return None

    def _tight_path(self, u: int) -> list[int]:
        """A shortest path origin -> u with fewest edges: a breadth-first search back from
        ``u`` over the edges its label rests on (``h[x] + w == h[y]``).  A conflict closed at
        ``u`` then names the nearest statements that clash, not a long way round.  Where
        ``u``'s latest day is the domain's, or the search would scan more than
        :data:`_TIGHT_PATH_ARCS` arcs per edge of the tree's path, the path of the tree."""
        if u == 0:
            return []
        tree = self._tree(u, {})
        if self.g0[u]:
            return tree
        h, inn, p0, src, wt = self.h, self.inn, self.p0, self.src, self.wt
        via: dict[int, tuple[int, int]] = {u: (-1, -1)}
        queue = deque([u])
        work = 0
        # The search is worth a bounded number of arcs per edge of the tree's own path: past
        # that (a point many others rest on, scanned at every clash) the tree's path stands.
        budget = 3 * (_TIGHT_PATH_ARCS + _TIGHT_PATH_ARCS * len(tree))
        while queue:
            y = queue.popleft()
            hy = h[y]
            parent = p0[y]
            # A point dated by an edge from the origin itself: that edge ends the path (as near as
            # any), found without scanning the point's other edges (a point many events count
            # from, a birth, has one edge per event: scanning them at each clash was quadratic).
            dated = parent >= 0 and src[parent] == 0 and wt[parent] == hy
            arcs = [0, wt[parent], parent] if dated else inn[y]
            if work + len(arcs) > budget:  # checked before the scan: a birth's arcs alone would exceed it
                break
            work += len(arcs)
            for x, w, e in _arcs(arcs):
                if x not in via and h[x] + w == hy:
                    via[x] = (e, y)
                    if x == 0:
                        self.counter[0] += work // 3
                        path = []
                        z = 0
                        while z != u:
                            f, z = via[z]
                            path.append(f)
                        return path
                    queue.append(x)
        self.counter[0] += work // 3
        return tree

    def _tree(self, u: int, old: dict[int, tuple[int, int, int]]) -> list[int]:
        """The edges of the shortest-path tree origin -> u as it stood (``old`` holds the
        parents a repair has replaced); a path from the domain starts with :data:`_DOMAIN`."""
        edges: list[int] = []
        x = u
        p0, src = self.p0, self.src
        while x != 0:
            e = old[x][1] if x in old else p0[x]
            if e == _DOMAIN:
                edges.append(_DOMAIN)
                break
            edges.append(e)
            x = src[e]
        edges.reverse()
        return edges

    def _repair_h(self, u: int, v: int, w: int, eid: int, limit: int | None = None) -> list[int] | None:
        """Lower the latest days the new edge ``eid`` (u -> v, weight w) tightens, nearest
        first; a negative cycle's edges if it closes one (the labels then left as they were).
        With ``limit``, a repair that would move more points than that, or scan more than
        four times as many arcs, without closing a cycle is given up: the labels are
        restored and the answer is ``[]``."""
        if u == v:
            return [eid]
        h, p0, g0, out, lo, src = self.h, self.p0, self.g0, self.out, self.lo, self.src
        start = h[u] + w
        if start < 0 if v == 0 else start < lo:
            return self._tight_path(u) + [eid] + ([] if v == 0 else [_DOMAIN])
        best = {v: start}
        via = {v: eid}
        done: dict[int, tuple[int, int, int]] = {}  # point -> (old label, parent, root)
        heap = [(start - h[v], 0, v)]  # ties go to the fewest edges: the nearest clash is found first
        pop, push = heapq.heappop, heapq.heappush
        work = 0
        while heap:
            k, hops, x = pop(heap)
            if x in done:
                continue
            cx = best[x]
            if cx - h[x] != k:
                continue
            if limit is not None and (len(done) >= limit or work + len(out[x]) > 12 * limit):
                for node, (old_h, old_p, old_g) in done.items():
                    h[node] = old_h
                    p0[node] = old_p
                    g0[node] = old_g
                self.counter[0] += work // 3
                return []
            done[x] = (h[x], p0[x], g0[x])
            h[x] = cx
            e = p0[x] = via[x]
            g0[x] = g0[src[e]]
            arcs = out[x]
            work += len(arcs)
            for y, wy, e in _arcs(arcs):
                if y in done:
                    continue
                cy = cx + wy
                if cy < best.get(y, h[y]):
                    if y == u or (cy < 0 if y == 0 else cy < lo):
                        path = [e]
                        z = x
                        while z != v:
                            f = via[z]
                            path.append(f)
                            z = self.src[f]
                        path.append(eid)
                        path.reverse()
                        for node, (old_h, old_p, old_g) in done.items():
                            h[node] = old_h
                            p0[node] = old_p
                            g0[node] = old_g
                        self.counter[0] += work // 3
                        if y == u:
                            return path
                        return self._tight_path(u) + path + ([] if y == 0 else [_DOMAIN])
                    best[y] = cy
                    via[y] = e
                    push(heap, (cy - h[y], hops + 1, y))
        self.counter[0] += work // 3
        if self.logging:
            trail = self.trail
            for node, (old_h, old_p, old_g) in done.items():
                trail.append((0, node, old_h))
                trail.append((2, node, old_p))
                trail.append((4, node, old_g))
        return None

    def _repair_dt(self, u: int, v: int, w: int, eid: int) -> None:
        dt, pt, gt, h, inn = self.dt, self.pt, self.gt, self.h, self.inn
        start = dt[v] + w
        log = self.trail if self.logging else None
        if log is not None:
            log.append((1, u, dt[u]))
            log.append((3, u, pt[u]))
            log.append((5, u, gt[u]))
        dt[u] = start
        pt[u] = eid
        gt[u] = gt[v]
        heap = [(start + h[u], u)]
        pop, push = heapq.heappop, heapq.heappush
        work = 0
        while heap:
            k, x = pop(heap)
            dx = k - h[x]
            if dx > dt[x]:
                continue
            arcs = inn[x]
            work += len(arcs)
            for y, wy, e in _arcs(arcs):
                ny = dx + wy
                if ny < dt[y]:
                    if log is not None:
                        log.append((1, y, dt[y]))
                        log.append((3, y, pt[y]))
                        log.append((5, y, gt[y]))
                    dt[y] = ny
                    pt[y] = e
                    gt[y] = gt[x]
                    push(heap, (ny + h[y], y))
        self.counter[0] += work // 3

    def tree_path(self, p: int, side: int) -> list[int]:
        """The edges of the shortest path origin -> p (``side`` 0) or p -> origin
        (``side`` 1) from the parents; :data:`_DOMAIN` stands for the domain's edge."""
        edges: list[int] = []
        x = p
        limit = len(self.out)
        parents = self.p0 if side == 0 else self.pt
        ends = self.src if side == 0 else self.dst
        while x != 0 and len(edges) <= limit:
            e = parents[x]
            if e < 0:
                if e == _DOMAIN:
                    edges.append(_DOMAIN)
                break
            edges.append(e)
            x = ends[e]
        return edges[::-1] if side == 0 else edges

    # -- on demand -------------------------------------------------------------
    def reach(self, a: int, backward: bool = False) -> dict[int, int]:
        """Shortest distances over the edges (not the domain) from ``a`` to every point it
        reaches, or (``backward``) to ``a`` from every point that reaches it: one Dijkstra
        with the potential, the whole component at once."""
        h = self.h
        arcs_of = self.inn if backward else self.out
        sign = 1 if backward else -1  # the key is the reduced distance: d - h[x] forward, d + h[x] backward
        dist: dict[int, int] = {a: 0}
        done: set[int] = set()
        heap: list[tuple[int, int]] = [(sign * h[a], a)]
        pop, push = heapq.heappop, heapq.heappush
        work = 0
        while heap:
            k, x = pop(heap)
            if x in done:
                continue
            done.add(x)
            dx = k - sign * h[x]
            arcs = arcs_of[x]
            work += len(arcs)
            for y, wy, _ in _arcs(arcs):
                ny = dx + wy
                if y not in done and ny < dist.get(y, INF):
                    dist[y] = ny
                    push(heap, (ny + sign * h[y], y))
        self.counter[0] += work // 3
        return dist

    def within(self, a: int, b: int, limit: int, view: _LeafView | None = None) -> bool:
        """Whether the shortest distance ``a -> b`` over the edges is at most ``limit``: Dijkstra
        with the potential, stopped as soon as every point left is further than ``b`` may be (a
        question about two neighbours seldom searches past them).  With a ``view``, on the graph
        as one combination of readings makes it (its labels and its edges besides these)."""
        if a == b:
            return limit >= 0
        h, out = self.h, self.out
        over: dict[int, int] = {} if view is None else view.h
        extra: dict[int, list[int]] = {} if view is None else view.out
        stop = limit - over.get(b, h[b])  # b's key, distance less its potential, may be no more than this
        dist: dict[int, int] = {a: 0}
        done: set[int] = set()
        heap: list[tuple[int, int]] = [(-over.get(a, h[a]), a)]
        pop, push = heapq.heappop, heapq.heappush
        work = 0
        found = False
        while heap:
            k, x = pop(heap)
            if k > stop:
                break
            if x in done:
                continue
            if x == b:
                found = True
                break
            done.add(x)
            dx = k + over.get(x, h[x])
            for arcs in (out[x], extra.get(x, ())):
                work += len(arcs)
                for y, wy, _ in _arcs(arcs):
                    ny = dx + wy
                    if y not in done and ny < dist.get(y, INF):
                        dist[y] = ny
                        push(heap, (ny - over.get(y, h[y]), y))
        self.counter[0] += work // 3
        return found

    def path(self, a: int, b: int) -> tuple[float, list[int]]:
        """Shortest distance ``a -> b`` over the edges (not the domain) and its edges
        (Dijkstra with the potential)."""
        h, out = self.h, self.out
        dist: dict[int, int] = {a: 0}
        via: dict[int, int] = {}
        done: set[int] = set()
        heap: list[tuple[int, int]] = [(-h[a], a)]
        pop, push = heapq.heappop, heapq.heappush
        work = 0
        while heap:
            k, x = pop(heap)
            if x in done:
                continue
            done.add(x)
            if x == b:
                break
            dx = k + h[x]
            arcs = out[x]
            work += len(arcs)
            for y, wy, e in _arcs(arcs):
                ny = dx + wy
                if y not in done and ny < dist.get(y, INF):
                    dist[y] = ny
                    via[y] = e
                    push(heap, (ny - h[y], y))
        self.counter[0] += work // 3
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


def _hard_edges(constraints: Iterable[tuple[Constraint, Tag]]) -> Iterator[tuple[int, int, int, Tag, int, int]]:
    """The edges of hard constraints with their tags, as :meth:`_Graph.edges` takes them."""
    for (a, b, lo, hi), tag in constraints:
        if hi is not None:
            yield a, b, hi, tag, _HARD, -1
        if lo is not None:
            yield b, a, -lo, tag, _HARD, -1


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


_DOMAIN_LIMIT = 1 << 61  # a domain's ends lie within +-this, so every accepted number fits 64 bits
_OPEN = -(1 << 63)  # an unbounded side in _Constraints' columns (no accepted number comes near it)


class _Constraints:
    """The hard constraints ``lo <= t_b - t_a <= hi`` as columns of machine integers, their tags
    apart: a large case's constraints are four arrays and one list, nothing the cyclic collector
    walks object by object (a list of tuples would be 100,000 tuples for it to visit)."""

    __slots__ = ("a", "b", "lo", "hi", "tags")

    def __init__(self) -> None:
        self.a = array("q")
        self.b = array("q")
        self.lo = array("q")
        self.hi = array("q")
        self.tags: list[Tag] = []

    def __len__(self) -> int:
        return len(self.tags)

    def append(self, a: int, b: int, lo: int | None, hi: int | None, tag: Tag) -> None:
        self.a.append(a)
        self.b.append(b)
        self.lo.append(_OPEN if lo is None else lo)
        self.hi.append(_OPEN if hi is None else hi)
        self.tags.append(tag)

    def truncate(self, size: int) -> None:
        for column in (self.a, self.b, self.lo, self.hi):
            del column[size:]
        del self.tags[size:]

    def pairs(self) -> Iterator[tuple[Constraint, Tag]]:
        """Each constraint as ``(a, b, lo, hi)`` (``None`` for an open side) with its tag."""
        for a, b, lo, hi, tag in zip(self.a, self.b, self.lo, self.hi, self.tags, strict=True):
            yield (a, b, None if lo == _OPEN else lo, None if hi == _OPEN else hi), tag

    def without(self, dropped: set[Tag] | frozenset[Tag], keep: set[Tag] | None = None) -> _Constraints:
        """A copy without the constraints whose tags are ``dropped`` (and, with ``keep``, only those kept)."""
        copy = _Constraints()
        for i, tag in enumerate(self.tags):
            if tag not in dropped and (keep is None or tag in keep):
                copy.a.append(self.a[i])
                copy.b.append(self.b[i])
                copy.lo.append(self.lo[i])
                copy.hi.append(self.hi[i])
                copy.tags.append(tag)
        return copy


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


def _blocks(size: int, pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    """The blocks (biconnected components) of the undirected multigraph on ``size`` points whose
    edges are ``pairs``: lists of the pairs' indices, by Tarjan's depth-first search, without
    recursion.  A cycle of the graph, so a negative cycle of the directed edges, lies in one
    block: blocks can be searched for clashes one by one.  A loop ``(p, p)`` is in no block.

    >>> sorted(sorted(b) for b in _blocks(5, [(1, 2), (2, 3), (3, 1), (3, 4), (4, 3)]))
    [[0, 1, 2], [3, 4]]
    """
    adjacent: list[list[tuple[int, int]]] = [[] for _ in range(size)]
    for i, (u, v) in enumerate(pairs):
        if u != v:
            adjacent[u].append((v, i))
            adjacent[v].append((u, i))
    found: list[list[int]] = []
    order = [0] * size  # 1 + the step the search reached a point at (0: not yet)
    low = [0] * size
    step = 0
    for root in range(size):
        if order[root] or not adjacent[root]:
            continue
        step += 1
        order[root] = low[root] = step
        path: list[int] = []  # the pairs' indices since the blocks cut off
        stack = [(root, -1, iter(adjacent[root]))]
        while stack:
            v, into, arcs = stack[-1]
            for w, i in arcs:
                if i == into:
                    continue
                if not order[w]:
                    path.append(i)
                    step += 1
                    order[w] = low[w] = step
                    stack.append((w, i, iter(adjacent[w])))
                    break
                if order[w] < order[v]:  # back to an ancestor (each such pair met once, from below)
                    path.append(i)
                    low[v] = min(low[v], order[w])
            else:
                stack.pop()
                if stack:
                    u = stack[-1][0]
                    low[u] = min(low[u], low[v])
                    if low[v] >= order[u]:  # u cuts v's side off: a block ends with the pair into v
                        block = []
                        while True:
                            i = path.pop()
                            block.append(i)
                            if i == into:
                                break
                        found.append(block)
    return found


class _Parts:
    """A network cut where no constraint joins: the tags, in the order stated, of each set of
    points that constraints (and choices) join, the origin apart.  A negative cycle passes the
    origin at most once, so it lies in one part and the origin; a relaxed solve looks for
    conflicts part by part, and in a later round only in the parts whose tags set aside have
    changed (the others would find again what they found)."""

    __slots__ = ("tags", "edges", "sizes", "choices", "part_of", "searched", "memos", "left_out")

    def __init__(self, net: Network) -> None:
        by_tag, choice_of = net._index()
        order = sorted(net._tags, key=net._tags.__getitem__)
        points: dict[Tag, set[int]] = {}
        uf = _UnionFind(net._points)
        for tag in order:
            mine = {p for a, b, _, _ in by_tag.get(tag, ()) for p in (a, b) if p}
            for ci in choice_of.get(tag, ()):
                mine.update(p for option in net._choices[ci].options for a, b, _, _ in option for p in (a, b) if p)
            points[tag] = mine
            first = next(iter(mine), 0)
            for p in mine:
                uf.union(first, p)
        index: dict[int, int] = {}  # a root point -> its part
        self.tags: list[list[Tag]] = []
        self.edges: list[dict[Tag, list[tuple[int, int, int, int, int]]]] = []
        self.sizes: list[int] = []
        self.choices: list[list[tuple[int, dict[int, int]]]] = []
        self.part_of: dict[Tag, int] = {}
        renumbering: list[dict[int, int]] = []
        for tag in order:
            mine = points[tag]
            root = uf.find(next(iter(mine))) if mine else 0
            part = index.get(root)
            if part is None:
                part = index[root] = len(self.tags)
                self.tags.append([])
                self.edges.append({})
                renumbering.append({0: 0})
            self.part_of[tag] = part
            self.tags[part].append(tag)
            renumber = renumbering[part]
            for p in sorted(mine):
                renumber.setdefault(p, len(renumber))
            self.edges[part][tag] = [
                (renumber[u], renumber[v], w, kind, ci) for u, v, w, kind, ci in net._edges_with(tag)
            ]
        self.sizes = [len(renumber) for renumber in renumbering]
        self.choices = [[] for _ in self.tags]
        for tag, part in self.part_of.items():
            self.choices[part].extend((ci, renumbering[part]) for ci in choice_of.get(tag, ()))
        self.searched: frozenset[Tag] | None = None  # the tags set aside at the last search
        # per part, its relations as the last search settled them: each tag's edge ids, and the graph
        self.memos: dict[int, list[tuple[dict[Tag, range], _Graph]]] = {}
        self.left_out: list[Tag] = []  # the tags the last search left out of the parts it searched

    def discover(
        self,
        net: Network,
        key: Callable[[Tag], tuple[float, int, int]],
        budget: int,
        excluded: frozenset[Tag],
        twins: Mapping[Tag, tuple[Tag, ...]],
    ) -> list[tuple[Tag, ...]]:
        """Conflicts among the tags not ``excluded``, from the parts that changed since the
        last call (every part at the first); ``twins`` as :meth:`Network._twins` gives them."""
        if self.searched is None:
            parts: Iterable[int] = range(len(self.tags))
        else:
            parts = sorted({self.part_of[t] for t in excluded ^ self.searched if t in self.part_of})
        self.searched = excluded
        self.left_out = []
        found: list[tuple[Tag, ...]] = []
        for part in parts:
            tags = [t for t in self.tags[part] if t not in excluded]
            choices = [(ci, renumber) for ci, renumber in self.choices[part] if net._choices[ci].tag not in excluded]
            memo = self.memos.setdefault(part, [])
            found += net._discover(
                key, budget, tags, self.edges[part], self.sizes[part], choices, twins, memo, self.left_out
            )
        return found


class _Outcome:
    """What solving the choices of one component found."""

    __slots__ = ("exact", "leaves", "d0", "dt", "conflict", "nodes", "failures")

    def __init__(self) -> None:
        self.exact = True
        self.failures: set[Tag] = set()  # why the combinations left out fail
        self.nodes = 0
        self.leaves: list[dict[int, int]] = []
        # union overrides (points whose union is tighter than the hull's): (bound, 1 if the
        # combination attaining it reaches it from the domain, i.e. the bound is open)
        self.d0: dict[int, tuple[int, int]] = {}
        self.dt: dict[int, tuple[int, int]] = {}
        self.conflict: set[Tag] | None = None


# -----------------------------------------------------------------------------
# The network
# -----------------------------------------------------------------------------


def _check_domain(domain: object) -> tuple[int, int]:
    if (
        not isinstance(domain, tuple)
        or len(domain) != 2
        or not all(isinstance(x, int) and not isinstance(x, bool) for x in domain)
        or domain[0] > domain[1]
    ):
        raise InvalidValue(f"a domain is a pair of whole numbers (lo, hi) with lo <= hi, not {domain!r}")
    if not -_DOMAIN_LIMIT <= domain[0] <= domain[1] <= _DOMAIN_LIMIT:
        raise InvalidValue(
            f"a domain lies within -2**61..2**61 (numbers the engine keeps as machine integers), not {domain!r}"
        )
    return domain


class Network:
    """A simple temporal network with choices; see the module docstring.

    ``domain`` is where every point but the origin lies (default
    :data:`DEFAULT_DOMAIN`); a constraint's numbers must be ones the domain
    could meet (at most its width, or its furthest end, from zero).

    >>> net = Network()
    >>> p = net.add_point()
    >>> net.add_choice([[(ORIGIN, p, 10, 19)], [(ORIGIN, p, 30, 39)]], "winter")
    >>> net.add(ORIGIN, p, 15, None, "after day 15")
    >>> sol = net.solve()
    >>> sol.bounds(p), sol.options("winter")
    ((15, 39), (0, 1))
    """

    def __init__(self, *, domain: tuple[int, int] | None = None) -> None:
        lo, hi = DEFAULT_DOMAIN if domain is None else _check_domain(domain)
        self._lo, self._hi = lo, hi
        self._limit = max(hi - lo, abs(lo), abs(hi))  # the largest number a constraint may hold
        self._counter = [0]
        self._points = 1
        self._constraints = _Constraints()
        self._choices: list[_Choice] = []
        self._indexed: tuple[dict[Tag, list[Constraint]], dict[Tag, list[int]]] | None = None  # see _index
        self._tags: dict[Tag, int] = {}  # tag -> first-seen order
        self._tag_count = 0
        self._dropped: set[Tag] = set()  # removed tags whose constraints are still listed
        # The hard constraints' edges, built in bulk at the first solve (None until then, and
        # after a removal), then kept as they are stated.
        self._base: _Graph | None = None
        self._base_extra: list[int] = []  # hull edges the last solve put on the base
        self._base_uf: _UnionFind | None = None
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

    @property
    def domain(self) -> tuple[int, int]:
        """Where every point but the origin lies.

        >>> Network(domain=(1, 100)).domain
        (1, 100)
        """
        return self._lo, self._hi

    @property
    def work(self) -> int:
        """Edges scanned since the network was made: a measure of work that a machine's
        speed does not change (tests use it to check that solving grows linearly).

        >>> net = Network(); p = net.add_point(); net.add(0, p, 1, 2, "s"); _ = net.solve()
        >>> net.work > 0
        True
        """
        return self._counter[0]

    def add_point(self) -> int:
        """A new point; points are numbered 1, 2, ...

        >>> Network().add_point()
        1
        """
        p = self._points
        self._points += 1
        if self._base is not None and self._base_uf is not None:
            self._base.grow()
            self._base_uf.parent.append(p)
        if self._graph is not None and self._uf is not None:
            if self._graph is not self._base:
                self._graph.grow()
            self._uf.parent.append(p)
        self._version += 1
        return p

    def _check(self, a: object, b: object, lo: object, hi: object) -> None:
        points, limit = self._points, self._limit
        if (
            type(a) is int
            and type(b) is int
            and 0 <= a < points
            and 0 <= b < points
            and (lo is None or type(lo) is int and -limit <= lo <= limit)
            and (hi is None or type(hi) is int and -limit <= hi <= limit)
        ):
            return
        for name, p in (("a", a), ("b", b)):
            if not isinstance(p, int) or isinstance(p, bool):
                raise InvalidValue(f"point {name} must be an int, not {_shown(p)}")
            if not 0 <= p < self._points:
                raise UnknownEvent(f"point {p} is not in this network (points are 0..{self._points - 1})")
        for name, x in (("lo", lo), ("hi", hi)):
            if x is None:
                continue
            if not isinstance(x, int) or isinstance(x, bool):
                raise InvalidValue(f"{name} must be an int or None, not {_shown(x)}")
            if abs(x) > self._limit:
                raise InvalidValue(
                    f"{name} = {x} is beyond the network's domain {self._lo}..{self._hi}: "
                    f"no two of its points are more than {self._limit} apart"
                )

    def _note_tag(self, tag: Tag) -> None:
        count = self._tag_count
        try:
            first = self._tags.setdefault(tag, count) == count
        except Exception:
            raise InvalidValue(f"a tag must be hashable, not {type(tag).__name__}") from None
        if first:
            self._tag_count += 1
            if self._dropped and tag in self._dropped:
                self._compact()  # a removed tag used again: its old constraints go first

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
        self._constraints.append(a, b, lo, hi, tag)
        self._indexed = None
        self._version += 1
        base, base_uf = self._base, self._base_uf
        if base is None or base_uf is None:
            return  # nothing is solved: the next solve builds the graph in bulk
        graph, uf = self._graph, self._uf
        shared = graph is base and tag not in self._excluded
        if not shared:
            for u, v, w in _edges_of(a, b, lo, hi):
                base.edge(u, v, w, tag, _HARD, -1)
        if a and b:
            base_uf.union(a, b)
        if graph is None or uf is None or tag in self._excluded:
            return
        for u, v, w in _edges_of(a, b, lo, hi):
            if graph.insert(u, v, w, tag, _HARD, -1) is not None:
                self._graph = None  # a new conflict: the next solve starts afresh and explains it
                if shared:
                    self._base = None  # the base holds a partial repair: rebuilt at the next solve
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
        if not isinstance(options, (list, tuple)) or not options:
            raise InvalidValue(f"a choice needs a list of at least one option, not {_shown(options)}")
        frozen: list[tuple[Constraint, ...]] = []
        for option in options:
            if not isinstance(option, (list, tuple)):
                raise InvalidValue(f"each option of a choice is a list of (a, b, lo, hi), not {_shown(option)}")
            items = []
            for item in option:
                if not isinstance(item, (tuple, list)) or len(item) != 4:
                    raise InvalidValue(f"each constraint of an option is (a, b, lo, hi), not {_shown(item)}")
                a, b, lo, hi = item
                self._check(a, b, lo, hi)
                items.append((a, b, lo, hi))
            frozen.append(tuple(items))
        self._note_tag(tag)
        choice = _Choice(tuple(frozen), tag)
        choice.hull_edges = _hull(choice.options)
        self._choices.append(choice)
        ci = len(self._choices) - 1
        self._indexed = None
        self._version += 1
        graph, uf = self._graph, self._uf
        if graph is None or uf is None or tag in self._excluded:
            return
        # On a solved network: its hull goes in with the incremental repair, and its
        # component is searched again at the next solve.
        for u, v, w in choice.hull_edges:
            cycle = graph.insert(u, v, w, tag, _HULL, ci)
            if graph is self._base:
                self._base_extra.append(len(graph.src) - 1)
            if cycle is not None:
                self._graph = None
                if graph is self._base:
                    self._base = None
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
        """Drop every constraint and choice carrying ``tag`` (the next solve starts afresh).

        >>> net = Network(); p = net.add_point()
        >>> net.add(0, p, 5, 5, "s"); net.remove("s"); net.solve().bounds(p)
        (None, None)
        """
        try:
            known = tag in self._tags
        except Exception:
            known = False
        if not known:
            raise UnknownEvent(f"no constraint carries the tag {_shown(tag)}")
        del self._tags[tag]
        self._dropped.add(tag)
        self._base = None
        self._graph = None
        self._version += 1

    def _compact(self) -> None:
        """Forget the constraints of removed tags and rebuild the base graph."""
        dropped = self._dropped
        if dropped:
            self._constraints = self._constraints.without(dropped)
            self._choices = [c for c in self._choices if c.tag not in dropped]
            self._indexed = None
            self._dropped = set()
            self._graph = None
        self._base, self._base_uf = self._hard_graph(frozenset())
        self._base_extra = []

    def _checkpoint(self) -> tuple[int, int, int, int, int]:
        """A mark :meth:`_rollback` returns to (for a caller whose operation failed)."""
        return self._points, len(self._constraints), len(self._choices), self._version, self._tag_count

    def _rollback(self, mark: tuple[int, int, int, int, int]) -> None:
        """Take back what was added since ``mark``: points alone exactly (a solution made
        before stays usable); constraints or choices by dropping them and solving afresh."""
        points, constraints, choices, version, tags = mark
        if len(self._constraints) == constraints and len(self._choices) == choices and not self._dropped:
            if self._points > points:
                self._points = points
                if self._base is not None and self._base_uf is not None:
                    self._base.shrink(points)
                    del self._base_uf.parent[points:]
                if self._graph is not None and self._uf is not None:
                    if self._graph is not self._base:
                        self._graph.shrink(points)
                    del self._uf.parent[points:]
            self._version = version
            return
        self._constraints.truncate(constraints)
        del self._choices[choices:]
        for tag in [t for t, order in self._tags.items() if order >= tags]:
            del self._tags[tag]
        self._tag_count = tags
        self._points = min(self._points, points)
        self._indexed = None
        self._base = self._base_uf = None
        self._graph = None
        self._last = None
        self._version += 1

    def _index(self) -> tuple[dict[Tag, list[Constraint]], dict[Tag, list[int]]]:
        """The hard constraints of each tag, and the choices each tag carries (made when first
        asked for after a change: building a case should not pay for what only conflicts need)."""
        if self._indexed is None:
            by_tag: dict[Tag, list[Constraint]] = {}
            choice_of: dict[Tag, list[int]] = {}
            for constraint, tag in self._constraints.pairs():
                by_tag.setdefault(tag, []).append(constraint)
            for ci, choice in enumerate(self._choices):
                choice_of.setdefault(choice.tag, []).append(ci)
            self._indexed = (by_tag, choice_of)
        return self._indexed

    def needs_domain(self, tags: Iterable[Tag]) -> bool:
        """Whether the constraints of ``tags`` clash only because every point lies in the domain.

        >>> net = Network(domain=(0, 100)); p, q = net.add_point(), net.add_point()
        >>> net.add(p, q, 80, None, "q long after p"); net.add(0, p, 50, None, "p late")
        >>> net.solve().consistent, net.needs_domain(["q long after p", "p late"])
        (False, True)
        """
        wanted = set(tags)
        probe = Network()
        probe._points = self._points
        probe._constraints = self._constraints.without(self._dropped, keep=wanted)
        probe._choices = [_Choice(c.options, c.tag) for c in self._choices if c.tag in wanted]
        return bool(probe._rebuild_probe(10_000))

    # -- solving ---------------------------------------------------------------
    def solve(self, *, strict: bool = True, budget: int = 10_000, cost: Cost | None = None) -> Solution:
        """Consistency, tight bounds, surviving options and conflicts.

        ``strict=False`` sets aside as few tags as it can to restore consistency;
        among sets of one size it sets aside the cheapest by ``cost`` (a function of
        the tag; ``None`` from it: set aside only if nothing else will do), then
        the one touching fewest points, then the latest stated.

        >>> net = Network(); p = net.add_point()
        >>> net.add(0, p, 5, 5, "five"); net.add(0, p, 7, 7, "seven")
        >>> net.solve().conflicts
        (('five', 'seven'),)
        >>> relaxed = net.solve(strict=False)
        >>> relaxed.consistent, relaxed.set_aside, relaxed.bounds(p)
        (True, ('seven',), (5, 5))
        >>> net.solve(strict=False, cost=lambda tag: 2 if tag == "seven" else 1).set_aside
        ('five',)
        """
        if not isinstance(strict, bool):
            raise InvalidValue(f"strict must be True or False, not {_shown(strict)}")
        if not isinstance(budget, int) or isinstance(budget, bool) or budget < 1:
            raise InvalidValue(f"budget must be a whole number of at least 1, not {_shown(budget)}")
        if cost is not None and not callable(cost):
            raise InvalidValue(f"cost must be a function of a tag, not {_shown(cost)}")
        before = self._counter[0]
        with collector_paused():
            solution = self._solve(strict, budget, cost)
        solution.work = self._counter[0] - before
        return solution

    def _solve(self, strict: bool, budget: int, cost: Cost | None) -> Solution:
        """See :meth:`solve`."""
        if self._base is None:
            self._compact()
        if strict and self._excluded:
            self._graph = None
        last = self._last
        current = (self._version, strict, budget, cost)
        if (
            self._graph is not None
            and last is not None
            and (last._version, last._strict, last._budget, last._cost) == current
        ):
            return last
        if self._graph is not None and not strict and last is not None and last._cost is not cost:
            self._graph = None  # another cost may set aside other tags
        if self._graph is not None and self._dirty:
            conflict = self._search_dirty(budget)
            if conflict is not None:
                self._graph = None
        aside: dict[Tag, tuple[int, ...]] = {}
        if self._graph is None:
            if strict:
                conflict = self._rebuild(frozenset(), budget)
                if conflict is not None:
                    self._last = Solution._inconsistent(self, conflict, budget)
                    return self._last
                self._conflicts = []
            else:
                aside = self._relaxed_rebuild(budget, cost)
        elif not strict and last is not None and not last._strict:
            aside = dict(last._resolves)
        self._last = Solution._from(self, strict, budget, cost, aside)
        return self._last

    def _rebuild(self, excluded: frozenset[Tag], budget: int) -> tuple[Tag, ...] | None:
        """Build the graph afresh without ``excluded``; a minimal conflict if inconsistent."""
        self._graph = None
        self._excluded = excluded
        if self._base is None:
            self._compact()
        base, base_uf = self._base, self._base_uf
        assert base is not None and base_uf is not None
        if self._base_extra:
            base.strip(self._base_extra)
            self._base_extra = []
        if excluded:
            graph, uf = self._hard_graph(excluded)
        else:  # solve on the base itself: no copy of a large adjacency
            graph, uf = base, _UnionFind(0)
            uf.parent = list(base_uf.parent)
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
                if graph is base:
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

    def _hard_graph(self, excluded: frozenset[Tag] | set[Tag]) -> tuple[_Graph, _UnionFind]:
        graph = _Graph(self._points, self._lo, self._hi, self._counter)
        uf = _UnionFind(self._points)
        union = uf.union
        kept = self._constraints.without(excluded) if excluded else self._constraints
        graph.edges(_hard_edges(kept.pairs()))
        for a, b in zip(kept.a, kept.b, strict=True):
            if a and b:
                union(a, b)
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
            if e < 0:  # the domain: always in force, never a statement
                continue
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
            tested: dict[tuple[tuple[tuple[Constraint, ...], ...], tuple[int, ...]], tuple[list[int], set[Tag]]] = {}
            for ci in members:
                choice = self._choices[ci]
                if len(choice.alive) < 2:
                    continue
                # A choice with the same options still open as one tested in this pass (the
                # graph is the same until the hulls tighten) keeps the same ones, for the same
                # reasons: the twin's cycle with this choice's tag in its place, held by them
                # once this tag is added (which every use of a choice's reasons does).
                twin = (choice.options, tuple(choice.alive))
                found = tested.get(twin)
                if found is None:
                    keep = []
                    failed: set[Tag] = set()
                    for oi in choice.alive:
                        quick = self._quick_try(ci, oi)
                        reasons = self._try(ci, oi, bounds=False) if quick is _UNKNOWN else quick
                        if reasons is None:
                            keep.append(oi)
                        else:
                            failed |= reasons
                    tested[twin] = (keep, failed)
                else:
                    keep, failed = list(found[0]), found[1]
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
        earliest, latest = -graph.dt[b], graph.h[b]
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
        # Choices with the same options still open (one reading stated again) are decided
        # together: the first is searched and the others take its option.  This loses no
        # combination: one where two of them differ, taking options i and j, holds both
        # readings, so the combinations taking i for both and j for both hold too, and
        # every bound of it lies within theirs.
        leaders: list[int] = []
        followers: dict[int, list[int]] = {}
        first: dict[tuple[tuple[tuple[Constraint, ...], ...], tuple[int, ...]], int] = {}
        for ci in open_choices:
            choice = self._choices[ci]
            leader = first.setdefault((choice.options, tuple(choice.alive)), ci)
            if leader == ci:
                leaders.append(ci)
            else:
                followers.setdefault(leader, []).append(ci)
        failures: set[Tag] = set()
        nodes = 0
        counts0: dict[int, int] = {}
        counts_t: dict[int, int] = {}
        worst0: dict[int, tuple[int, int]] = {}  # point -> (the worst bound over the combinations, open?)
        worst_t: dict[int, tuple[int, int]] = {}
        seen: dict[int, set[int]] = {ci: set() for ci in open_choices}
        assignment: dict[int, int] = {}
        logging, graph.logging = graph.logging, True
        root_mark = graph.mark()

        def leaf() -> None:
            outcome.leaves.append(dict(assignment))  # the leaders' options: their followers' are the same
            for ci, oi in assignment.items():
                seen[ci].add(oi)
                for follower in followers.get(ci, ()):
                    seen[follower].add(oi)
            changed0: set[int] = set()
            changed_t: set[int] = set()
            for which, i, _ in graph.trail[root_mark[0] :]:
                if which == 0:
                    changed0.add(i)
                elif which == 1:
                    changed_t.add(i)
            for i in changed0:
                counts0[i] = counts0.get(i, 0) + 1
                worst0[i] = max(worst0.get(i, (graph.h[i], 0)), (graph.h[i], graph.g0[i]))
            for i in changed_t:
                counts_t[i] = counts_t.get(i, 0) + 1
                worst_t[i] = max(worst_t.get(i, (graph.dt[i], 0)), (graph.dt[i], graph.gt[i]))

        def dive(depth: int) -> bool:
            nonlocal nodes
            if depth == len(leaders):
                leaf()
                return True
            ci = leaders[depth]
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
        graph = _Graph(self._points, self._lo, self._hi, self._counter)
        graph.edges(_hard_edges(self._constraints.pairs()))
        for ci, choice in enumerate(self._choices):
            for u, v, w in _hull(choice.options):
                graph.edge(u, v, w, choice.tag, _HULL, ci)
        if graph.initialise(bounds=bool(self._choices)) is not None:
            return False
        if not self._choices:
            return True
        # small sub-networks: search every choice as one component
        self._graph = graph
        members = list(range(len(self._choices)))
        if self._prune(members) is not None:
            return False
        return self._search(members, budget).conflict is None

    def _minimise(self, tags: set[Tag], budget: int) -> tuple[Tag, ...]:
        """A minimal conflict within the inconsistent ``tags``, ordered by first mention.

        Tags whose constraints form one cycle and nothing else (a chain of relations
        closed by two dates, say) are minimal as they stand.  Otherwise each tag is
        dropped in turn and kept out if the rest is still inconsistent, each probe a
        small network of just those statements on their own points, renumbered."""
        order = sorted(tags, key=lambda t: self._tags.get(t, -1))
        if self._minimal_as_cycle(order):
            return tuple(order)
        by_tag, choice_of = self._index()
        constraints = [(a, b, lo, hi, t) for t in order for a, b, lo, hi in by_tag.get(t, ())]
        choices = [self._choices[ci] for t in order for ci in choice_of.get(t, ())]
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
            probe = Network(domain=(self._lo, self._hi))
            probe._counter = self._counter
            probe._points = len(index)
            for a, b, lo, hi, t in constraints:
                if t in wanted:
                    probe._constraints.append(a, b, lo, hi, t)
            probe._choices = [_Choice(c.options, c.tag) for c in renumbered if c.tag in wanted]
            if not probe._rebuild_probe(budget):
                kept = trial
        return tuple(kept)

    def _minimal_as_cycle(self, tags: list[Tag]) -> bool:
        """Whether an inconsistent set of tags is minimal by its shape alone.

        Take each tag's constraints as undirected links between points (one link
        per tag and pair of points; a choice whose every option is one constraint on
        one pair is a link with alternatives).  If the links form exactly one cycle
        and every tag owns a link on it, dropping any tag leaves a forest, and a
        forest of links each satisfiable on its own is consistent, so long as the
        domain leaves room: every link about the origin must allow a day inside the
        domain narrowed, at each end, by the sum of the other links' shortest steps."""
        by_tag, choice_of = self._index()
        links: list[tuple[int, int, Tag, list[tuple[int | None, int | None]]]] = []
        for tag in tags:
            per_pair: dict[tuple[int, int], tuple[int | None, int | None]] = {}
            for a, b, lo, hi in by_tag.get(tag, ()):
                if a == b:
                    return False
                pair, (lo, hi) = ((a, b), (lo, hi)) if a < b else ((b, a), _flip(lo, hi))
                per_pair[pair] = _meet(per_pair.get(pair, (None, None)), (lo, hi))
            for pair, interval in per_pair.items():
                if not _fits(*interval):
                    return False
                links.append((pair[0], pair[1], tag, [interval]))
            for ci in choice_of.get(tag, ()):
                options = self._choices[ci].options
                if any(len(o) != 1 for o in options):
                    return False
                pairs = {(min(o[0][0], o[0][1]), max(o[0][0], o[0][1])) for o in options}
                if len(pairs) != 1 or pairs <= per_pair.keys():
                    return False
                (a, b), alternatives = pairs.pop(), []
                for ((x, y, lo, hi),) in options:
                    if x == y:
                        return False
                    interval = (lo, hi) if x < y else _flip(lo, hi)
                    if _fits(*interval):
                        alternatives.append(interval)
                if not alternatives:
                    return False
                links.append((a, b, tag, alternatives))
        points = {p for a, b, _, _ in links for p in (a, b)}
        degree = dict.fromkeys(points, 0)
        for a, b, _, _ in links:
            degree[a] += 1
            degree[b] += 1
        # strip leaves: what is left of a graph with one cycle is the cycle
        alive = [True] * len(links)
        touching: dict[int, list[int]] = {p: [] for p in points}
        for i, (a, b, _, _) in enumerate(links):
            touching[a].append(i)
            touching[b].append(i)
        leaves = [p for p, d in degree.items() if d == 1]
        while leaves:
            p = leaves.pop()
            if degree[p] != 1:
                continue
            degree[p] = 0
            for i in touching[p]:
                if alive[i]:
                    alive[i] = False
                    a, b, _, _ = links[i]
                    other = b if a == p else a
                    degree[other] -= 1
                    if degree[other] == 1:
                        leaves.append(other)
        on_cycle = [i for i in range(len(links)) if alive[i]]
        cycle_points = {p for i in on_cycle for p in links[i][:2]}
        if not on_cycle or len(on_cycle) != len(cycle_points) or any(degree[p] != 2 for p in cycle_points):
            return False
        first = next(iter(cycle_points))
        reached, stack = {first}, [first]
        while stack:
            for i in touching[stack.pop()]:
                if alive[i]:
                    for q in links[i][:2]:
                        if q not in reached:
                            reached.add(q)
                            stack.append(q)
        if reached != cycle_points:
            return False  # more than one cycle
        if {links[i][2] for i in on_cycle} != set(tags):
            return False
        reach = 0
        for a, _, _, alternatives in links:
            if a != 0:
                reach += min(_least(lo, hi) for lo, hi in alternatives)
        low, high = self._lo + reach, self._hi - reach
        if low > high:
            return False
        return all(
            any((lo is None or lo <= high) and (hi is None or hi >= low) for lo, hi in alternatives)
            for a, _, _, alternatives in links
            if a == 0
        )

    def _relaxed_rebuild(self, budget: int, cost: Cost | None) -> dict[Tag, tuple[int, ...]]:
        """Set aside a cheapest set of tags meeting every conflict (an implicit hitting set):
        find conflicts (many to a pass, see :meth:`_discover`), choose the tags to set
        aside, look for conflicts among the rest, and repeat until a full solve without
        them is consistent.  The set is cheapest for the conflicts found, and the rest is
        consistent, so it is cheapest of all (where the hitting set is exact).  Returns,
        for each tag set aside, the indices of the conflicts it resolves."""
        conflict = self._rebuild(frozenset(), budget)
        if conflict is None:
            self._conflicts = []
            return {}
        key = self._key(cost)
        parts = _Parts(self)
        twins = self._twins()
        conflicts: list[tuple[Tag, ...]] = [conflict]
        known = {frozenset(conflict)}
        new = parts.discover(self, key, budget, frozenset(), twins)
        aside: tuple[Tag, ...] = ()
        rounds = 0
        while True:
            for found in new:
                if frozenset(found) not in known:
                    known.add(frozenset(found))
                    conflicts.append(found)
            rounds += 1
            if rounds <= _CHOSEN_ROUNDS or len(conflicts) <= _EXACT_HITTING_SET_CONFLICTS:
                aside = self._hitting_set(conflicts, key, twins)
            else:
                aside += self._left_out(parts.left_out, conflicts, aside, key, twins)
            new = [c for c in parts.discover(self, key, budget, frozenset(aside), twins) if frozenset(c) not in known]
            if new:
                continue
            last = self._rebuild(frozenset(aside), budget)
            if last is None:
                break
            if frozenset(last) in known:  # cannot happen: every conflict found is met
                raise AssertionError("a conflict survived the tags set aside to resolve it")
            new = [last]
        self._conflicts = conflicts
        return self._met_by(aside, conflicts, twins)

    def _left_out(
        self,
        out: list[Tag],
        conflicts: list[tuple[Tag, ...]],
        aside: tuple[Tag, ...],
        key: Callable[[Tag], tuple[float, int, int]],
        twins: dict[Tag, tuple[Tag, ...]],
    ) -> tuple[Tag, ...]:
        """What to set aside besides ``aside`` once the greedy choice has been made
        :data:`_CHOSEN_ROUNDS` times: the tags the last search left out (``out``: the rest
        of each part it searched is consistent on hulls, so no part needs another round
        for them), the cheapest tag of any conflict found that none of these meets (one
        the searches on hulls cannot see, found by a full solve), and the twins of all
        (set aside whole).  Each is in a conflict found."""
        held = set(aside)
        extra = [t for t in dict.fromkeys(out) if t not in held]
        held.update(extra)
        for found in conflicts:
            if held.isdisjoint(found):
                extra.append(min(found, key=key))
                held.add(extra[-1])
        for tag in list(extra):
            for twin in twins.get(tag, ()):
                if twin not in held:
                    held.add(twin)
                    extra.append(twin)
        return tuple(extra)

    def _met_by(
        self, aside: tuple[Tag, ...], conflicts: list[tuple[Tag, ...]], twins: dict[Tag, tuple[Tag, ...]]
    ) -> dict[Tag, tuple[int, ...]]:
        """For each tag set aside, the indices of the conflicts holding it (an index of them,
        so the report is linear in their total size).  A twin set aside with its kind that
        no conflict found holds gets one: the first found with a twin of it, that twin
        replaced by it (twins state the same constraints, so it is as minimal), appended
        to ``conflicts``."""
        where: dict[Tag, list[int]] = {}
        for i, found in enumerate(conflicts):
            for tag in found:
                where.setdefault(tag, []).append(i)
        met: dict[Tag, tuple[int, ...]] = {}
        for tag in aside:
            if tag not in where:
                kind = twins.get(tag, ())
                twin = next((t for t in kind if t in where), None)
                if twin is None:  # cannot happen: a tag is set aside only to meet a conflict
                    raise AssertionError("a tag set aside meets no conflict")
                found = conflicts[where[twin][0]]
                conflicts.append(tuple(sorted((tag if t == twin else t for t in found), key=self._tags.__getitem__)))
                for t in conflicts[-1]:
                    where.setdefault(t, []).append(len(conflicts) - 1)
            met[tag] = tuple(where[tag])
        return met

    def _twins(self) -> dict[Tag, tuple[Tag, ...]]:
        """Tags stated more than once with the very same constraints and choices, each mapped to
        all of its kind, in the order stated (tags stated once are absent).  Twins are one
        statement repeated: a minimal conflict holds at most one of them (the others add no
        constraint), and holds with any other in its place.  So a set meeting every conflict
        that sets aside one twin but not another also meets, without the first, every conflict
        holding it (through the conflict with the other in its place): a minimal set, and so a
        cheapest one (fewest tags first), sets aside a statement's every twin or none of them.
        The hitting set weighs them as one candidate, so k repeats of a contradiction are met
        in one round rather than one twin a round."""
        by_tag, choice_of = self._index()
        kinds: dict[tuple[frozenset[Constraint], frozenset[tuple[tuple[Constraint, ...], ...]]], list[Tag]] = {}
        for tag in sorted(self._tags, key=self._tags.__getitem__):
            signature = (
                frozenset(by_tag.get(tag, ())),
                frozenset(self._choices[ci].options for ci in choice_of.get(tag, ())),
            )
            kinds.setdefault(signature, []).append(tag)
        return {tag: tuple(group) for group in kinds.values() if len(group) > 1 for tag in group}

    def _key(self, cost: Cost | None) -> Callable[[Tag], tuple[float, int, int]]:
        """What leaving one tag out weighs, compared after the count of tags: its cost,
        the points it touches, and how early it was stated (later ones go first)."""
        total = self._tag_count
        by_tag, choice_of = self._index()
        cache: dict[Tag, tuple[float, int, int]] = {}

        def key(tag: Tag) -> tuple[float, int, int]:
            found = cache.get(tag)
            if found is None:
                value = 1.0 if cost is None else cost(tag)
                if value is None:
                    value = _NEVER
                elif not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value < _NEVER:
                    raise InvalidValue(f"cost({_shown(tag)}) must be a number from 0 up, or None, not {_shown(value)}")
                points = {p for a, b, _, _ in by_tag.get(tag, ()) for p in (a, b) if p}
                for ci in choice_of.get(tag, ()):
                    points.update(p for o in self._choices[ci].options for a, b, _, _ in o for p in (a, b) if p)
                found = (float(value), len(points), total - self._tags.get(tag, total))
                cache[tag] = found
            return found

        return key

    def _discover(
        self,
        key: Callable[[Tag], tuple[float, int, int]],
        budget: int,
        tags: list[Tag],
        edges: dict[Tag, list[tuple[int, int, int, int, int]]],
        size: int,
        choices: list[tuple[int, dict[int, int]]],
        twins: Mapping[Tag, tuple[Tag, ...]],
        memo: list[tuple[dict[Tag, range], _Graph]],
        left_out: list[Tag],
    ) -> list[tuple[Tag, ...]]:
        """Many conflicts in one pass among ``tags`` (in the order stated), the tags of one
        part of the network (see :class:`_Parts`): ``edges`` holds each tag's edges on the
        part's ``size`` points, renumbered, the choices' hulls standing for the choices, and
        ``choices`` the part's choices with the renumbering of their points.

        The constraints between points are settled in bulk (if they clash among
        themselves, the cheapest tag of each clash is left out and they are settled
        again; after the first clash the others are sought block by block, see
        :meth:`_block_clashes`, so that the part is settled again about once);
        ``memo`` keeps them so settled for the part's later rounds, which copy
        them, take out those set aside since and put back those come back in
        (:meth:`_put_back`).  Then
        every tag about the origin alone (a date, the readings of one event) is added
        in turn, in the order stated; one that closes a negative cycle is recorded
        with the cycle (the nearest one: see :meth:`_Graph._tight_path`) and left out.
        A tag already in that more tags have clashed with than agree with it (tags
        added in the same connected part) is taken back out, the points whose labels
        rested on it settled again (:meth:`_Graph.remove`), and the tags it kept out
        tried again: a wrong date stated first would otherwise clash with every date
        after it.  Its twins in the graph (``twins``: the same statement repeated) go out
        with it: a minimal conflict holds one twin, so each would otherwise be blamed, and
        taken out, in turn.  Within the points the relations join, a tag is taken out
        only once the clashes found there since the last was have cost, in edges, a
        quarter of their number (the first is paid by the first settling).

        A latest day before a point's earliest is a clash for sure: the nearest is looked
        for by a repair of at most :data:`_NEAREST_CLASH_POINTS` points, else read off the
        earliest day's path (a repair would move, then restore, every point resting on a
        birth).  The repair after each addition moves only the labels it tightens, so a
        long chain with a few wrong dates costs about one settling, however many dates it
        holds.  If no tag clashed, all are in, and the conflicts are those the hulls hide
        (:meth:`_unary_choice_conflicts`); else the tags left out are added to
        ``left_out``."""
        if not memo:  # a first search (or a small part): if the tags settle together, on hulls
            hulls = self._tag_graph(tags, edges, size)
            if hulls.initialise(bounds=False) is None:
                return self._unary_choice_conflicts(hulls, choices, budget)
        local: list[Tag] = []
        between: list[Tag] = []
        for tag in tags:
            (local if all(u == 0 or v == 0 for u, v, *_ in edges[tag]) else between).append(tag)
        now = set(between)
        # the relations as the last round settled them, brought up to this round's (else afresh)
        settled = self._put_back(memo, between, now, edges, size, key, budget) if memo else None
        if settled is not None:
            graph, skipped, found = settled
        else:
            found = []
            skipped = set()
            while True:
                graph = self._tag_graph([t for t in between if t not in skipped], edges, size)
                cycle = graph.initialise(bounds=False)
                if cycle is None:
                    break
                conflict = self._minimise(self._reasons(graph, cycle), budget)
                found.append(conflict)
                skipped.add(min(conflict, key=key))
                if len(found) == 1:  # the others, block by block: then the part is settled once more
                    self._block_clashes(between, edges, size, key, budget, skipped, found)
            graph._settle(forward=False)  # earliest days too: a latest day from the origin is checked against them
            if size >= _MEMO_POINTS:
                inside, eid = {}, 0
                for tag in between:
                    if tag not in skipped:
                        inside[tag] = range(eid, eid + len(edges[tag]))
                        eid += len(edges[tag])
                memo[:] = [(inside, graph.copy())]
        between = [t for t in between if t not in skipped]
        components = _UnionFind(size)
        for tag in between:
            for u, v, *_ in edges[tag]:
                if u and v:
                    components.union(u, v)
        home = {tag: components.find(next((p for edge in edges[tag] for p in edge[:2] if p), 0)) for tag in local}
        points: dict[int, int] = {}  # a component's points, counted, the origin apart
        for p in range(1, size):
            root = components.find(p)
            points[root] = points.get(root, 0) + 1
        placed: dict[Tag, range] = {}  # an accepted tag -> its edges' ids in the graph
        # Per component: the work that pays for settling it again, its size for the first time (the
        # first settling paid), then the edges of the clashes found there since: what settling
        # components again costs in all is bounded by what the rest of the search costs.
        credit = dict(points)
        accepted: dict[Tag, None] = {}  # in the graph, in the order added
        support: dict[int, int] = {}  # accepted tags per component
        blamed: dict[Tag, int] = {}
        kept_out: dict[Tag, list[Tag]] = {}  # a tag in the graph -> the tags left out for clashing with it
        retracted: set[Tag] = set()
        pending = deque(local)
        graph.logging = True
        while pending:
            tag = pending.popleft()
            if tag in accepted:
                continue  # tried again twice (kept out by two tags taken back out), and in already
            mark = graph.mark()
            cycle = None
            for u, v, w, kind, ci in edges[tag]:
                if u == 0 and v and w >= graph.lo and w + graph.dt[v] < 0:
                    # A latest day before the earliest the point can be: a clash for sure.  The nearest
                    # one is sought by a repair of at most a few points (a chain's next date); past
                    # that (a birth every age rests on) the cycle is the new edge and the path that
                    # earliest day rests on, without moving, then restoring, every point on the birth.
                    eid = graph.edge(u, v, w, tag, kind, ci)
                    cycle = graph._repair_h(u, v, w, eid, _NEAREST_CLASH_POINTS) or [eid, *graph.tree_path(v, 1)]
                    break
                cycle = graph.insert(u, v, w, tag, kind, ci)
                if cycle is not None:
                    break
            if cycle is None:
                accepted[tag] = None
                placed[tag] = range(mark[1], len(graph.src))
                support[home[tag]] = support.get(home[tag], 0) + 1
                del graph.trail[mark[0] :]
                continue
            reasons = self._reasons(graph, cycle)
            graph.undo(mark)
            conflict = self._minimise(reasons, budget)
            found.append(conflict)
            partners = [t for t in conflict if t in accepted]
            for t in partners:
                blamed[t] = blamed.get(t, 0) + 1
                kept_out.setdefault(t, []).append(tag)
                if home[t] in credit:
                    credit[home[t]] += len(cycle)
            # Taken back out: a tag that more tags clash with than agree with it where it stands,
            # once the clashes found there have cost as much as settling its component again.
            worst = max(partners, key=lambda t: (blamed[t] - support[home[t]], -self._tags[t]), default=None)
            if (
                worst is None
                or blamed[worst] <= support[home[worst]]
                or credit.get(home[worst], 0) * _RETRACT_CREDIT < points.get(home[worst], 0)
            ):
                continue
            again = []
            gone: list[int] = []
            for out in [t for t in twins.get(worst, (worst,)) if t in accepted]:
                support[home[out]] -= 1
                retracted.add(out)
                del accepted[out]
                gone += placed.pop(out)
                again += kept_out.pop(out, [])
            # Only the points whose labels rested on its edges are settled again, not the part.
            roots = {components.find(p) for e in gone for p in (graph.src[e], graph.dst[e]) if p}
            for root in roots:
                credit[root] = 0
            graph.remove(gone)
            again = [t for t in dict.fromkeys(again) if t not in retracted and t not in accepted and t != tag]
            pending.extendleft(reversed([tag, *again]))
        graph.logging = False
        if not found:  # every tag is in: the graph is the part's, on hulls
            return self._unary_choice_conflicts(graph, choices, budget)
        in_graph = set(between)
        left_out.extend(t for t in tags if t not in accepted and t not in in_graph)
        return found

    def _put_back(
        self,
        memo: list[tuple[dict[Tag, range], _Graph]],
        between: list[Tag],
        now: set[Tag],
        edges: dict[Tag, list[tuple[int, int, int, int, int]]],
        size: int,
        key: Callable[[Tag], tuple[float, int, int]],
        budget: int,
    ) -> tuple[_Graph, set[Tag], list[tuple[Tag, ...]]] | None:
        """The relations among points (``between``, in the order stated) settled from the
        part's last round (``memo``) rather than afresh.  Between rounds a few tags come and
        go: those back in (set aside, or left out for a clash, last round) can close cycles
        only in the blocks they are in, so the clashes are sought there
        (:meth:`_block_clashes`), the cheapest tag of each left out as settling afresh
        leaves it; then the tags out since (and those just left out) are taken out of the
        last round's graph (:meth:`_Graph.remove`: only the points resting on them settle
        again) and the rest of those back put in (:meth:`_Graph.insert`: only the labels
        they tighten move).  A part that a birth joins is settled again only where they
        reach, not once more for each round.

        Returns the graph, the tags left out for clashes and the clashes (the memo brought
        up to date), or ``None`` to settle afresh: where a tag put back still closes a cycle
        (one the domain's bounds close, which no block holds), or the work passes what
        settling afresh costs at least (its first sweeps scan every edge twice, each way)."""
        inside, settled = memo[0]
        allowance = self._counter[0] + 4 * (len(settled.src) + size)
        back = [t for t in between if t not in inside]
        skipped: set[Tag] = set()
        found: list[tuple[Tag, ...]] = []
        if back:
            self._block_clashes(between, edges, size, key, budget, skipped, found, among=set(back))
        graph = settled.copy()
        ids = {tag: span for tag, span in inside.items() if tag in now and tag not in skipped}
        dropped = [e for tag, span in inside.items() if tag not in ids for e in span]
        if dropped:
            graph.remove(dropped)
        for tag in back:
            if tag in skipped:
                continue
            if self._counter[0] > allowance:
                return None
            start = len(graph.src)
            for u, v, w, kind, ci in edges[tag]:
                if graph.insert(u, v, w, tag, kind, ci) is not None:
                    return None
            ids[tag] = range(start, len(graph.src))
        memo[:] = [(ids, graph.copy())]
        return graph, skipped, found

    def _block_clashes(
        self,
        tags: list[Tag],
        edges: dict[Tag, list[tuple[int, int, int, int, int]]],
        size: int,
        key: Callable[[Tag], tuple[float, int, int]],
        budget: int,
        skipped: set[Tag],
        found: list[tuple[Tag, ...]],
        among: set[Tag] | None = None,
    ) -> None:
        """The clashes among relations, block by block (:func:`_blocks`): a negative cycle lies
        in one block, so each block of two tags or more (and, given ``among``, holding one of
        those) is settled on its own points, and again
        without the cheapest tag of each clash found there (added to ``skipped``, the clash to
        ``found``).  Settling the whole part once per clash had cost a settling of every point
        resting on a birth for each; this costs about one in all.  A clash that only the
        domain's bounds close (a span longer than the calendar) is left to the part's own
        settling, as is a tag that clashes with itself."""
        flat = [(u, v, w, tag, kind, ci) for tag in tags if tag not in skipped for u, v, w, kind, ci in edges[tag]]
        self._counter[0] += len(flat) + size  # the search for blocks
        for block in _blocks(size, [(e[0], e[1]) for e in flat]):
            inside = {flat[i][3] for i in block}
            if len(inside) < 2 or (among is not None and inside.isdisjoint(among)):
                continue
            number = {0: 0}  # the block's points, renumbered (the origin stays 0)
            own: dict[Tag, list[tuple[int, int, int, int, int]]] = {}  # the block's edges, by tag
            for u, v, w, tag, kind, ci in (flat[i] for i in block):
                a, b = number.setdefault(u, len(number)), number.setdefault(v, len(number))
                own.setdefault(tag, []).append((a, b, w, kind, ci))
            while True:
                graph = self._tag_graph([t for t in own if t not in skipped], own, len(number))
                cycle = graph.initialise(bounds=False)
                if cycle is None:
                    break
                conflict = self._minimise(self._reasons(graph, cycle), budget)
                cheapest = min((t for t in conflict if t in inside and t not in skipped), key=key, default=None)
                if cheapest is None:  # not the block's own doing: the part's settling finds it
                    break
                found.append(conflict)
                skipped.add(cheapest)

    def _unary_choice_conflicts(
        self, graph: _Graph, choices: list[tuple[int, dict[int, int]]], budget: int
    ) -> list[tuple[Tag, ...]]:
        """Conflicts the hulls hide, all in one pass: a choice between dates of one point
        ("winter 2010": Dec 2010 - Feb 2011 or Dec 2009 - Feb 2010) none of whose options
        meets that point's bounds in ``graph`` (settled on hulls; a hull is implied by its
        choice, so each conflict found is real).  ``choices`` are the choices to check, each
        with the renumbering of the network's points to the graph's.  Without this, each such conflict cost a
        full rebuild, and a long text with one per part grew quadratically."""
        graph._settle(forward=False)
        found: list[tuple[Tag, ...]] = []
        for ci, renumber in choices:
            choice = self._choices[ci]
            if not choice.options:
                continue
            points = set()
            unary = True
            for option in choice.options:
                if len(option) != 1 or (option[0][0] and option[0][1]) or option[0][0] == option[0][1]:
                    unary = False
                    break
                points.add(option[0][0] or option[0][1])
            if not unary or len(points) != 1:
                continue
            reasons: set[Tag] = {choice.tag}
            for a, b, lo, hi in (option[0] for option in choice.options):
                if a:  # about t_0 - t_a: flip to t_a - t_0
                    b, lo, hi = a, (None if hi is None else -hi), (None if lo is None else -lo)
                b = renumber[b]
                earliest, latest = -graph.dt[b], graph.h[b]
                if hi is not None and hi < earliest:
                    reasons |= self._reasons(graph, graph.tree_path(b, 1))
                elif lo is not None and lo > latest:
                    reasons |= self._reasons(graph, graph.tree_path(b, 0))
                else:
                    break  # this option holds: no conflict here
            else:
                found.append(self._minimise(reasons, budget))
        return found

    def _edges_with(self, tag: Tag) -> list[tuple[int, int, int, int, int]]:
        """The edges of a tag's constraints and of its choices' hulls: (u, v, w, kind, choice)."""
        by_tag, choice_of = self._index()
        edges = [(u, v, w, _HARD, -1) for a, b, lo, hi in by_tag.get(tag, ()) for u, v, w in _edges_of(a, b, lo, hi)]
        for ci in choice_of.get(tag, ()):
            edges += [(u, v, w, _HULL, ci) for u, v, w in _hull(self._choices[ci].options)]
        return edges

    def _tag_graph(self, tags: list[Tag], edges: dict[Tag, list[tuple[int, int, int, int, int]]], size: int) -> _Graph:
        graph = _Graph(size, self._lo, self._hi, self._counter)
        graph.edges((u, v, w, tag, kind, ci) for tag in tags for u, v, w, kind, ci in edges[tag])
        return graph

    def _hitting_set(
        self,
        conflicts: list[tuple[Tag, ...]],
        key: Callable[[Tag], tuple[float, int, int]],
        twins: dict[Tag, tuple[Tag, ...]] | None = None,
    ) -> tuple[Tag, ...]:
        """A cheapest set of tags meeting every conflict: fewest tags, then the least
        summed key.  A tag's ``twins`` (see :meth:`_twins`) go with it, weighed together
        (a conflict found with one twin stands for the same conflict with each other).
        Tags that meet the same conflicts are one candidate (the cheapest of them), and
        a candidate whose conflicts another as cheap also meets is dropped; then branch
        and bound, exact for up to 64 conflicts and 20,000 nodes, else (and as its first
        bound) greedy: the candidate meeting most conflicts per tag it sets aside."""
        twins = twins or {}
        meets: dict[Tag, set[int]] = {}
        for i, conflict in enumerate(conflicts):
            for tag in conflict:
                meets.setdefault(twins.get(tag, (tag,))[0], set()).add(i)
        weight_of: dict[Tag, Weight] = {}
        for tag in meets:
            weight: Weight = (0, 0.0, 0, 0)
            for twin in twins.get(tag, (tag,)):
                weight = _add(weight, (1, *key(twin)))
            weight_of[tag] = weight
        groups: dict[frozenset[int], Tag] = {}
        for tag, where in meets.items():
            signature = frozenset(where)
            held = groups.get(signature)
            if held is None or weight_of[tag] < weight_of[held]:
                groups[signature] = tag
        candidates = sorted(groups.items(), key=lambda item: (-len(item[0]), weight_of[item[1]]))
        if len(candidates) <= _DOMINANCE_LIMIT:
            kept: list[tuple[frozenset[int], Tag]] = []
            for signature, tag in candidates:
                if not any(signature <= other and weight_of[held] <= weight_of[tag] for other, held in kept):
                    kept.append((signature, tag))
            candidates = kept
        sets = [signature for signature, _ in candidates]
        weights = [weight_of[tag] for _, tag in candidates]
        chosen = _greedy_cover(sets, weights, len(conflicts))
        if len(conflicts) <= _EXACT_HITTING_SET_CONFLICTS:
            chosen = _exact_cover(sets, weights, len(conflicts), chosen)
        return tuple(twin for i in chosen for twin in twins.get(candidates[i][1], (candidates[i][1],)))

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


Weight = tuple[float, ...]  # compared in order, summed place by place


def _add(a: Weight, b: Weight) -> Weight:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _greedy_cover(sets: list[frozenset[int]], weights: Sequence[Weight], total: int) -> list[int]:
    """Greedy set cover: most new conflicts met per tag set aside (a weight's first place), then
    the lightest; then drop picks not needed, heaviest first.  Lazy: a candidate's score only
    falls as conflicts are met, so one popped whose score is still true is the best (each set is
    scored again at most once per conflict in it: near-linear, where rescanning every candidate
    at each pick was quadratic in the conflicts)."""
    left = set(range(total))
    chosen: list[int] = []
    heap = [(-len(sets[i]) / weights[i][0], weights[i], i) for i in range(len(sets)) if sets[i]]
    heapq.heapify(heap)
    while left and heap:
        score, weight, i = heapq.heappop(heap)
        new = len(sets[i] & left)
        if not new:
            continue
        fresh = -new / weights[i][0]
        if fresh != score:
            heapq.heappush(heap, (fresh, weight, i))
            continue
        chosen.append(i)
        left -= sets[i]
    met = [0] * total
    for i in chosen:
        for c in sets[i]:
            met[c] += 1
    kept = set(chosen)
    for i in sorted(chosen, key=lambda i: weights[i], reverse=True):
        if all(met[c] > 1 for c in sets[i]):
            kept.discard(i)
            for c in sets[i]:
                met[c] -= 1
    return sorted(kept)


def _exact_cover(sets: list[frozenset[int]], weights: Sequence[Weight], total: int, start: list[int]) -> list[int]:
    """Branch and bound for the lightest cover (summed weights compared in order): branch on
    the uncovered conflict with fewest candidates; bound by the current weight plus one tag
    for each of a greedy packing of disjoint uncovered conflicts.  Depth at most ``total``."""
    zero: Weight = tuple(0 for _ in weights[0]) if weights else ()
    best = list(start)
    best_weight = zero
    for i in best:
        best_weight = _add(best_weight, weights[i])
    holders = [[i for i in range(len(sets)) if c in sets[i]] for c in range(total)]
    for row in holders:
        row.sort(key=lambda i: weights[i])
    nodes = 0

    def bound(weight: Weight, covered: set[int]) -> Weight:
        packed = 0
        used: set[int] = set()
        for c in range(total):
            if c in covered:
                continue
            row = set(holders[c])
            if not row & used:
                packed += 1
                used |= row
        return (weight[0] + packed, *weight[1:])

    def dive(chosen: list[int], weight: Weight, covered: set[int]) -> None:
        nonlocal best, best_weight, nodes
        nodes += 1
        if nodes > _EXACT_HITTING_SET_NODES:
            return
        if len(covered) == total:
            if weight < best_weight:
                best, best_weight = list(chosen), weight
            return
        if bound(weight, covered) >= best_weight:
            return
        target = min((c for c in range(total) if c not in covered), key=lambda c: len(holders[c]))
        for i in holders[target]:
            chosen.append(i)
            dive(chosen, _add(weight, weights[i]), covered | sets[i])
            chosen.pop()

    dive([], zero, set())
    return sorted(best)


def _fits(lo: int | None, hi: int | None) -> bool:
    return lo is None or hi is None or lo <= hi


def _flip(lo: int | None, hi: int | None) -> tuple[int | None, int | None]:
    """``lo <= b - a <= hi`` as bounds on ``a - b``."""
    return (None if hi is None else -hi), (None if lo is None else -lo)


def _meet(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> tuple[int | None, int | None]:
    lows = [x for x in (a[0], b[0]) if x is not None]
    highs = [x for x in (a[1], b[1]) if x is not None]
    return (max(lows) if lows else None), (min(highs) if highs else None)


def _least(lo: int | None, hi: int | None) -> int:
    """The smallest distance from zero of a number in ``[lo, hi]``."""
    if lo is not None and lo > 0:
        return lo
    if hi is not None and hi < 0:
        return -hi
    return 0


# Solves running in any thread, and whether the collector was on when the first of them began.
_PAUSED = [0, False]
_PAUSED_LOCK = threading.Lock()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: solving makes many small tuples and no cycles,
    and a full collection over a large graph's adjacency would cost more than the solve
    (two full collections, 0.18 s, in a 100,000-event case's solve).  The reader pauses it
    too, for the same reason (``chronology.read``: 20 objects in cycles over 1 MB of text,
    and full collections walking all it has kept, 4.4 s of 26).

    The collector is process-wide, so the pause is counted: it begins with the first solve
    running and ends with the last, in whatever order solves in other threads finish, and
    the collector is switched back on only if it was on when the pause began.  Nothing is
    left changed after the last solve returns or raises.
    """
    with _PAUSED_LOCK:
        if _PAUSED[0] == 0:
            _PAUSED[1] = gc.isenabled()
            gc.disable()
        _PAUSED[0] += 1
    try:
        yield
    finally:
        with _PAUSED_LOCK:
            _PAUSED[0] -= 1
            if _PAUSED[0] == 0 and _PAUSED[1]:
                gc.enable()


def _shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` for a message, clipped, and safe against a repr that raises."""
    try:
        text = repr(value)
    except Exception:
        text = f"<a {type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


# The most labels and edges a solution keeps for questions where readings stay open (beyond, each
# question puts every combination on the graph in turn: slower, but no memory grows with it).
_VIEW_CAP = 2_000_000


class _LeafView:
    """One consistent combination of readings as it changes the graph: the latest (``h``) and
    earliest (``dt``) labels it moves, and the edges of its options by the point they leave."""

    __slots__ = ("h", "dt", "out")

    def __init__(self) -> None:
        self.h: dict[int, int] = {}
        self.dt: dict[int, int] = {}
        self.out: dict[int, list[int]] = {}


class Solution:
    """The result of :meth:`Network.solve`.

    ``consistent``; ``exact`` (False when a choice search hit its budget: then
    bounds and options are sound envelopes, and a search cut off before finding
    any consistent combination has not proven consistency either: ``consistent``
    then only says that no conflict was found); ``search_nodes`` (options tried
    by the searches; the budget applies per connected component); ``conflicts`` (each a minimal set
    of tags that cannot all hold); ``set_aside`` (``strict=False``: the tags
    left out to restore consistency, each meeting the conflicts :meth:`resolves`
    names); ``work`` (edges the solve scanned).

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
        "search_nodes",
        "work",
        "_net",
        "_version",
        "_strict",
        "_budget",
        "_cost",
        "_d0",
        "_dt",
        "_lo",
        "_hi",
        "_options",
        "_outcomes",
        "_resolves",
        "_open0",
        "_open_t",
        "_views",
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
        self.work = 0
        self._views: dict[int, list[_LeafView] | None] = {}  # id(outcome) -> each combination's view (see _leaf_views)
        self._net: Network | None = None
        self._version = -1
        self._strict = True
        self._budget = 0
        self._cost: Cost | None = None
        self._d0: list[int] = []
        self._dt: list[int] = []
        self._lo, self._hi = DEFAULT_DOMAIN
        self._options: dict[Tag, tuple[int, ...]] = {}
        self._outcomes: dict[int, _Outcome] = {}
        self._resolves: dict[Tag, tuple[int, ...]] = {}
        self._open0 = bytearray()  # 1 where only the domain bounds the latest day
        self._open_t = bytearray()  # 1 where only the domain bounds the earliest day

    @classmethod
    def _inconsistent(cls, net: Network, conflict: tuple[Tag, ...], budget: int) -> Solution:
        sol = cls()
        sol.consistent = False
        sol.conflicts = (conflict,)
        sol._net, sol._version, sol._strict, sol._budget = net, net._version, True, budget
        sol._lo, sol._hi = net._lo, net._hi
        return sol

    @classmethod
    def _from(
        cls, net: Network, strict: bool, budget: int, cost: Cost | None, aside: dict[Tag, tuple[int, ...]]
    ) -> Solution:
        graph = net._graph
        assert graph is not None
        sol = cls()
        sol._net, sol._version, sol._strict, sol._budget = net, net._version, strict, budget
        sol._cost = None if strict else cost
        sol._lo, sol._hi = net._lo, net._hi
        sol._d0 = list(graph.h)
        sol._dt = list(graph.dt)
        sol._open0 = bytearray(graph.g0)
        sol._open_t = bytearray(graph.gt)
        sol._outcomes = dict(net._outcomes)
        for outcome in sol._outcomes.values():
            for i, (value, opened) in outcome.d0.items():
                sol._d0[i] = value
                sol._open0[i] = opened
            for i, (value, opened) in outcome.dt.items():
                sol._dt[i] = value
                sol._open_t[i] = opened
            sol.search_nodes += outcome.nodes
            if not outcome.exact:
                sol.exact = False
        for choice in net._choices:
            if choice.tag not in sol._options:
                sol._options[choice.tag] = () if choice.tag in net._excluded else tuple(choice.alive)
        sol.conflicts = tuple(net._conflicts)
        sol.set_aside = tuple(sorted(net._excluded, key=lambda t: net._tags.get(t, -1)))
        sol._resolves = aside
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
            raise UnknownEvent(f"point {_shown(p)} is not in this solution")
        return p

    def bounds(self, p: int) -> tuple[int | None, int | None]:
        """Tight bounds on ``t_p - t_origin``; ``None`` where only the domain bounds it.

        >>> net = Network(); p = net.add_point(); net.add(0, p, None, 4, "s")
        >>> net.solve().bounds(p)
        (None, 4)
        """
        self._usable()
        p = self._point(p)
        return (None if self._open_t[p] else -self._dt[p]), (None if self._open0[p] else self._d0[p])

    def resolves(self, tag: Tag) -> tuple[tuple[Tag, ...], ...]:
        """The conflicts a tag set aside meets (those found: setting it aside resolves them).

        >>> net = Network(); p = net.add_point()
        >>> net.add(0, p, 5, 5, "five"); net.add(0, p, 7, 7, "seven")
        >>> net.solve(strict=False).resolves("seven")
        (('five', 'seven'),)
        """
        self._usable()
        try:
            found = self._resolves.get(tag)
        except TypeError:
            found = None
        if found is None:
            raise UnknownEvent(f"{_shown(tag)} was not set aside")
        return tuple(self.conflicts[i] for i in found)

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
            raise UnknownEvent(f"no choice carries the tag {_shown(tag)}") from None

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
        """Tight bounds on ``t_b - t_a``, computed on demand (``None``: only the domain bounds it).

        >>> net = Network(); p, q = net.add_point(), net.add_point()
        >>> net.add(0, p, 0, 10, "p"); net.add(0, q, 0, 10, "q"); net.add(p, q, 2, None, "p before q")
        >>> net.solve().difference(p, q)
        (2, 10)
        """
        net = self._live()
        a, b = self._point(a), self._point(b)
        if a == b:
            return 0, 0
        graph = net._graph
        assert graph is not None
        high = self._via(a, b, self._dt, self._d0)
        back = self._via(b, a, self._dt, self._d0)
        uf = net._uf
        assert uf is not None
        if a and b and uf.find(a) == uf.find(b):
            outcome = self._open(net, a, b)
            if outcome is None:
                high = min(high, graph.path(a, b)[0])
                back = min(back, graph.path(b, a)[0])
            else:  # the worst over the consistent combinations of readings
                highs: list[float] = []
                backs: list[float] = []
                for leaf in outcome.leaves:
                    mark = net._apply(leaf)
                    try:
                        highs.append(min(graph.path(a, b)[0], self._via(a, b, graph.dt, graph.h)))
                        backs.append(min(graph.path(b, a)[0], self._via(b, a, graph.dt, graph.h)))
                    finally:
                        net._restore(mark)
                high, back = min(high, max(highs)), min(back, max(backs))
        return (None if back == INF else int(-back)), (None if high == INF else int(high))

    def entails(self, a: int, b: int, n: int) -> bool:
        """Whether the statements entail ``t_b - t_a >= n``: :meth:`difference`'s lower bound
        is at least ``n``, found by a search that stops once the answer is known.

        >>> net = Network(); p, q = net.add_point(), net.add_point()
        >>> net.add(0, p, 0, 10, "p"); net.add(p, q, 2, 5, "q after p")
        >>> sol = net.solve(); sol.entails(p, q, 2), sol.entails(p, q, 3)
        (True, False)
        """
        net = self._live()
        a, b = self._point(a), self._point(b)
        if not isinstance(n, int) or isinstance(n, bool):
            raise InvalidValue(f"n must be a whole number of days, not {_shown(n)}")
        if a == b:
            return n <= 0
        if self._via(b, a, self._dt, self._d0) <= -n:
            return True
        graph, uf = net._graph, net._uf
        assert graph is not None and uf is not None
        if not (a and b and uf.find(a) == uf.find(b)):
            return False
        outcome = self._open(net, a, b)
        if outcome is None:
            return graph.within(b, a, -n)
        views = self._leaf_views(net, graph, outcome)
        if views is None:  # too many to keep: put each combination on the graph in turn
            for leaf in outcome.leaves:
                mark = net._apply(leaf)
                try:
                    holds = self._via(b, a, graph.dt, graph.h) <= -n or graph.within(b, a, -n)
                finally:
                    net._restore(mark)
                if not holds:
                    return False
            return True
        for view in views:  # it must hold in every consistent combination of readings
            via = self._via_of(b, a, view.dt.get(b, graph.dt[b]), view.h.get(a, graph.h[a]))
            if not (via <= -n or graph.within(b, a, -n, view)):
                return False
        return True

    def _leaf_views(self, net: Network, graph: _Graph, outcome: _Outcome) -> list[_LeafView] | None:
        """Each consistent combination of readings of ``outcome`` as the labels and edges it
        changes, read once from the graph (put on, read, taken off) and kept: questions about
        pairs of points then search without putting combinations on the graph each time.
        ``None`` (and nothing kept) where they would hold more than :data:`_VIEW_CAP` entries."""
        key = id(outcome)
        if key in self._views:
            return self._views[key]
        views: list[_LeafView] = []
        held = 0
        for leaf in outcome.leaves:
            mark = net._apply(leaf)
            try:
                view = _LeafView()
                for which, i, _ in graph.trail[mark[0] :]:
                    if which == 0:
                        view.h[i] = graph.h[i]
                    elif which == 1:
                        view.dt[i] = graph.dt[i]
                for e in range(mark[1], len(graph.src)):
                    view.out.setdefault(graph.src[e], []).extend((graph.dst[e], graph.wt[e], e))
            finally:
                net._restore(mark)
            held += len(view.h) + len(view.dt) + len(graph.src) - mark[1]
            if held > _VIEW_CAP:
                self._views[key] = None
                return None
            views.append(view)
        self._views[key] = views
        return views

    def differences(self, a: int, points: Iterable[int]) -> list[tuple[int | None, int | None]]:
        """:meth:`difference` from ``a`` to each of ``points`` at once: one search forward
        from ``a`` and one back to it (per consistent combination of readings where
        choices remain open), not two per point.

        >>> net = Network(); p, q, r = net.add_point(), net.add_point(), net.add_point()
        >>> net.add(0, p, 0, 10, "p"); net.add(p, q, 2, 3, "q after p"); net.add(q, r, 1, None, "r after q")
        >>> net.solve().differences(p, [q, r, p])
        [(2, 3), (3, None), (0, 0)]
        """
        net = self._live()
        a = self._point(a)
        targets = [self._point(b) for b in points]
        graph = net._graph
        uf = net._uf
        assert graph is not None and uf is not None
        home = uf.find(a) if a else None
        linked = [b for b in targets if b != a and a and b and uf.find(b) == home]
        highs: dict[int, float] = {}
        backs: dict[int, float] = {}
        if linked:
            outcome = self._open(net, a)
            if outcome is None:
                forward, backward = graph.reach(a), graph.reach(a, backward=True)
                for b in linked:
                    highs[b] = forward.get(b, INF)
                    backs[b] = backward.get(b, INF)
            else:  # the worst over the consistent combinations of readings
                worst_high: dict[int, float] = {}
                worst_back: dict[int, float] = {}
                for leaf in outcome.leaves:
                    mark = net._apply(leaf)
                    try:
                        forward, backward = graph.reach(a), graph.reach(a, backward=True)
                        for b in linked:
                            high = min(forward.get(b, INF), self._via(a, b, graph.dt, graph.h))
                            back = min(backward.get(b, INF), self._via(b, a, graph.dt, graph.h))
                            worst_high[b] = max(worst_high.get(b, -INF), high)
                            worst_back[b] = max(worst_back.get(b, -INF), back)
                    finally:
                        net._restore(mark)
                highs, backs = worst_high, worst_back
        found: list[tuple[int | None, int | None]] = []
        for b in targets:
            if b == a:
                found.append((0, 0))
                continue
            high = min(self._via(a, b, self._dt, self._d0), highs.get(b, INF))
            back = min(self._via(b, a, self._dt, self._d0), backs.get(b, INF))
            found.append(((None if back == INF else int(-back)), (None if high == INF else int(high))))
        return found

    def _via(self, a: int, b: int, dt: list[int], d0: list[int]) -> float:
        """The shortest distance a -> b through the origin on bounds the statements give
        (infinite where a bound is the domain's alone)."""
        return self._via_of(a, b, dt[a], d0[b])

    def _via_of(self, a: int, b: int, back: int, ahead: int) -> float:
        """:meth:`_via` from ``a``'s distance to the origin and ``b``'s from it."""
        if a and back >= -self._lo or b and ahead >= self._hi or self._open_t[a] or self._open0[b]:
            return INF
        return back + ahead

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
            raise InvalidValue(f"side must be 'earliest' or 'latest', not {_shown(side)}")
        return self.explanations([(p, side)])[0]

    def explanations(self, asked: Iterable[tuple[int, Literal["earliest", "latest"]]]) -> list[tuple[Tag, ...]]:
        """:meth:`explain` for many (point, side) pairs at once: where choices remain open,
        each consistent combination of readings is put on the graph once for all the
        points of its component, not once per point.

        >>> net = Network(); p, q = net.add_point(), net.add_point()
        >>> net.add(0, p, 10, 20, "p in 10..20"); net.add(p, q, 1, 2, "q just after p")
        >>> net.solve().explanations([(q, "latest"), (p, "earliest")])
        [('p in 10..20', 'q just after p'), ('p in 10..20',)]
        """
        net = self._live()
        pairs = []
        for p, side in asked:
            if side not in ("earliest", "latest"):
                raise InvalidValue(f"side must be 'earliest' or 'latest', not {_shown(side)}")
            pairs.append((self._point(p), side))
        graph = net._graph
        assert graph is not None
        found: list[tuple[Tag, ...]] = [()] * len(pairs)
        grouped: dict[int, list[int]] = {}  # id(outcome) -> the pairs (by index) in its component
        outcomes: dict[int, _Outcome] = {}
        for i, (p, side) in enumerate(pairs):
            if p == 0 or self.bounds(p)[0 if side == "earliest" else 1] is None:
                continue
            outcome = self._open(net, p)
            if outcome is None:
                found[i] = self._tags_along(net, graph, p, side)
            else:
                outcomes[id(outcome)] = outcome
                grouped.setdefault(id(outcome), []).append(i)
        for key, members in grouped.items():
            outcome = outcomes[key]
            # A bound over several readings holds because it holds in each: the path of a
            # reading that attains it comes first, then what the other readings add.
            attaining: dict[int, list[Tag]] = {i: [] for i in members}
            others: dict[int, list[Tag]] = {i: [] for i in members}
            for leaf in outcome.leaves:
                mark = net._apply(leaf)
                try:
                    for i in members:
                        p, side = pairs[i]
                        value = graph.h[p] if side == "latest" else graph.dt[p]
                        want = self._d0[p] if side == "latest" else self._dt[p]
                        tags = self._tags_along(net, graph, p, side)
                        target = attaining[i] if value == want and not attaining[i] else others[i]
                        target.extend(t for t in tags if t not in target)
                finally:
                    net._restore(mark)
            failures = sorted(outcome.failures, key=lambda t: net._tags.get(t, -1))
            for i in members:
                found[i] = tuple(dict.fromkeys(attaining[i] + others[i] + failures))
        return found

    @staticmethod
    def _tags_along(net: Network, graph: _Graph, p: int, side: str) -> tuple[Tag, ...]:
        edges = graph.tree_path(p, 0 if side == "latest" else 1)
        if side == "earliest":
            edges.reverse()
        tags: list[Tag] = []
        for e in edges:
            if e < 0:
                continue
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
    if not isinstance(network, Network):
        raise InvalidValue(f"solve_or_raise needs a Network, not {_shown(network)}")
    solution = network.solve(strict=True, budget=budget)
    if not solution.consistent:
        raise Inconsistent(solution.conflicts[0])
    return solution
