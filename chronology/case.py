"""Cases: people, events and statements, solved into a chronology.

A :class:`Case` collects what a review says: people (each with a birth),
events (each with a start and an end point, one shared point for an instant)
and *statements* that relate them.  A temporal phrase given to an event does
not become a fixed date: it becomes statements between the event and what the
phrase counts from (a person's birth, another event, the narrative's reference
time, the document's date), so that when the anchor tightens the event does too.
:meth:`Case.solve` hands the statements to the engine
(:class:`chronology.engine.Network`) and returns a :class:`Chronology`: tight
bounds, surviving readings, order, explanations and conflicts.

>>> case = Case()
>>> child = case.person("Child S", born=When((Interval.month(2010, 12), Interval.month(2009, 12)), "winter"))
>>> visit = case.event("health visit", agency="health visiting")
>>> _ = case.relate(child.birth, visit, 70, 76, words="when he was ten weeks old")
>>> registered = case.event("pregnancy registered", When.of(Interval.month(2010, 6)))
>>> _ = case.before(registered, child.birth)
>>> print(case.solve().when(visit))
9 Feb 2011 – 17 Mar 2011

Everything keeps its provenance: a statement knows its words (or that code
added it), its source and the events it links; :meth:`Chronology.explain`
names the statements that fix each bound.
"""

from __future__ import annotations

import enum
import itertools
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from chronology import phrases
from chronology.errors import Inconsistent, InvalidValue, MissingAnchor, UnknownEvent
from chronology.model import Count, Excerpt, Interval, Kind, When
from chronology.phrases.syntax import (
    Aligned,
    Between,
    Birth,
    Bound,
    DocumentDate,
    Endpoint,
    Fixed,
    Hull,
    Length,
    Named,
    Node,
    Reference,
    Shift,
    anchors_of,
    apply_to,
)
from chronology.settings import DEFAULT, Settings

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from chronology.engine import Network, Solution
    from chronology.render.table import Table

__all__ = ["Case", "Person", "Event", "Statement", "Chronology", "Explanation", "Order"]

ORIGIN = 0
"""The engine's origin point: a day is ``t_p - t_origin = date.toordinal()``."""

Source = Excerpt | str | None
WhenLike = When | str | Excerpt | date | Interval | Node | None
GapLike = Count | str | int | timedelta | None
PointName = Literal["start", "end"]

_NODES = (Fixed, Reference, DocumentDate, Birth, Named, Shift, Aligned, Between, Endpoint, Bound, Hull, Length)

# How many combinations of readings `Chronology.when` spells out before it
# settles for the envelope (several ambiguous phrases on one event multiply).
_MAX_READINGS = 64


# -- value types ----------------------------------------------------------------


@attrs.frozen(eq=False, repr=False)
class Event:
    """Something that happened, as the case knows it.

    ``start`` and ``end`` are the engine's points (the same point for an
    instant).  ``words`` is the phrase that first placed it, if any; ``index``
    its place in the narrative (the order it was added).  Events compare by
    identity: two visits described alike are still two visits.

    ``kind`` says what sort of event it is where that is known (``birth``,
    ``death``, ``referral``, ``visit``, ...: named anchors such as "his death"
    find their event by it), and ``details`` holds what a record says of it
    beyond the description, as ``(field, text)`` pairs (``author``,
    ``recorded``, ``significance``, ``action``, ``outcome``...): only what the
    text or an agency's table says, never anything inferred.
    """

    description: str
    index: int
    start: int
    end: int
    words: Excerpt | None = None
    agency: str | None = None
    people: tuple[Person, ...] = ()
    source: Source = None
    kind: str | None = None
    details: tuple[tuple[str, str], ...] = ()

    def detail(self, field: str) -> str | None:
        """What the record says under ``field`` (``None`` where it says nothing).

        >>> case = Case()
        >>> e = case.event("home visit", details={"outcome": "no one at home"})
        >>> e.detail("outcome"), e.detail("action")
        ('no one at home', None)
        """
        return next((text for name, text in self.details if name == field), None)

    @property
    def is_instant(self) -> bool:
        """Whether the event is one day (one point) rather than a span."""
        return self.start == self.end

    def __repr__(self) -> str:
        return f"Event({self.description!r})"

    def __str__(self) -> str:
        return self.description


@attrs.frozen(eq=False, repr=False)
class Person:
    """Someone in the case; ages count from their ``birth`` event."""

    name: str
    birth: Event

    def __repr__(self) -> str:
        return f"Person({self.name!r})"

    def __str__(self) -> str:
        return self.name


@attrs.frozen(repr=False)
class Statement:
    """One thing the case asserts, in words, with where it came from.

    ``says`` is the assertion ("HV visit is 70..76 days after birth of Child S"),
    ``kind`` what sort it is (``date``, ``readings``, ``relative``, ``age``,
    ``length``, ``order``, ...), ``words`` the phrase it came from (``None``:
    added by code), ``source`` where those words stand, ``events`` the events
    it links.  ``number`` is its place in the case, which keeps two statements
    with the same words distinct.

    >>> s = Statement(3, "HV visit is 70..76 days after birth of Child S", "age", Excerpt("when he was ten weeks old"))
    >>> print(s)
    'when he was ten weeks old': HV visit is 70..76 days after birth of Child S
    >>> print(Statement(4, "visit is after referral", "order"))
    visit is after referral (added by code)
    """

    number: int
    says: str
    kind: str
    words: Excerpt | None = None
    events: tuple[Event, ...] = ()
    source: Source = None

    @property
    def origin(self) -> str:
        """The words the statement came from, or ``"added by code"``."""
        return self.words.text if self.words is not None else "added by code"

    def __str__(self) -> str:
        where = ""
        if isinstance(self.source, Excerpt):
            where = f" [{self.source.document or 'source'} {self.source.start}-{self.source.end}]"
        elif self.source:
            where = f" [{self.source}]"
        if self.words is None:
            return f"{self.says} (added by code){where}"
        return f"{self.words.text!r}: {self.says}{where}"

    def __repr__(self) -> str:
        return f"Statement({self.number}, {str(self)!r})"


class Order(str, enum.Enum):
    """How two events stand in time, as far as the statements settle it."""

    BEFORE = "before"
    AFTER = "after"
    SAME_DAY = "same day"
    OVERLAPPING = "overlapping"
    ON_OR_BEFORE = "on or before"
    ON_OR_AFTER = "on or after"
    UNDETERMINED = "undetermined"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Explanation:
    """Why an event's bounds are what they are: the statements fixing each.

    ``earliest_because`` is the chain of statements that fixes the earliest
    day (in the engine's order, from the calendar to the event), and
    ``latest_because`` likewise for the latest day.  An open bound has no chain.
    """

    event: Event
    earliest: date | None
    latest: date | None
    earliest_because: tuple[Statement, ...]
    latest_because: tuple[Statement, ...]

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement named, once, earliest chain first."""
        return tuple(dict.fromkeys(self.earliest_because + self.latest_because))

    def __str__(self) -> str:
        lines = [f"{self.event.description}: {Interval(self.earliest, self.latest)}"]
        for label, day, chain in (
            ("earliest", self.earliest, self.earliest_because),
            ("latest", self.latest, self.latest_because),
        ):
            if day is None:
                lines.append(f"  {label}: open (nothing bounds it)")
                continue
            lines.append(f"  {label} {_day(day)}, because:")
            lines += [f"    - {statement}" for statement in chain]
        return "\n".join(lines)


# -- the case ---------------------------------------------------------------------


@attrs.define(eq=False)
class _Placement:
    """How one phrase placed one event: the tree and what its leaves were bound to."""

    event: Event
    node: Node
    words: Excerpt | None
    anchors: dict[int, Event] = attrs.Factory(dict)  # id(leaf) -> the event it counts from
    endpoints: dict[int, int] = attrs.Factory(dict)  # id(Endpoint) -> the point it names
    choices: dict[int, Statement] = attrs.Factory(dict)  # id(Fixed) -> its choice statement
    hidden: dict[int, tuple[int, int]] = attrs.Factory(dict)  # id(node) -> helper points
    statements: list[Statement] = attrs.Factory(list)


# A pending engine call: ("add", a, b, lo, hi) or ("choice", options); applied only
# once a whole phrase has compiled, so that a phrase that fails adds nothing.
_Op = tuple[Any, ...]


class Case:
    """People, events and the statements relating them, ready to solve.

    ``document_date`` (a date, ``When``, phrase or ``None``) is what deictic
    phrases ("last year") count from; ``settings`` the reading conventions.

    The *reference time* of a phrase such as "the following day" is the
    ``reference=`` event, or by default the event last added to the case
    (births included): the narrative's reference time moves on as the text does.

    >>> case = Case()
    >>> a = case.event("referral", When.of(date(2011, 1, 10)))
    >>> b = case.event("visit")
    >>> _ = case.after(b, a, gap=4)
    >>> print(case.solve().when(b))
    14 Jan 2011
    """

    def __init__(self, document_date: WhenLike = None, settings: Settings | None = None) -> None:
        from chronology.engine import Network

        self.settings = settings if settings is not None else DEFAULT
        if not isinstance(self.settings, Settings):
            raise InvalidValue(f"settings must be a chronology.Settings, not {settings!r}")
        self._network: Network = Network()
        self._events: list[Event] = []
        self._people: list[Person] = []
        self._statements: list[Statement] = []
        self._placements: list[_Placement] = []
        self._removed: set[Statement] = set()
        self._names: dict[int, str] = {}  # point -> how statements name it
        self._subject: Person | None = None
        self.document: Event | None = None
        if document_date is not None:
            self.document = self._new_event("the document's date", words=None, span=False, listed=False)
            self.place(self.document, document_date)

    # -- building -------------------------------------------------------------------
    @property
    def events(self) -> tuple[Event, ...]:
        """The events, in narrative order (births included)."""
        return tuple(e for e in self._events if e is not self.document)

    @property
    def people(self) -> tuple[Person, ...]:
        """The people of the case, in the order added."""
        return tuple(self._people)

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement still in force, in the order added."""
        return tuple(s for s in self._statements if s not in self._removed)

    @property
    def subject(self) -> Person | None:
        """The person the review is about (ages in tables count from their birth).

        Set it to one of the case's people; by default it is the first person added.

        >>> case = Case()
        >>> mother, child = case.person("Mother S"), case.person("Child S")
        >>> case.subject.name
        'Mother S'
        >>> case.subject = child
        >>> case.subject.name
        'Child S'
        """
        if self._subject is not None:
            return self._subject
        return self._people[0] if self._people else None

    @subject.setter
    def subject(self, person: Person | None) -> None:
        if person is not None:
            self._check_person(person)
        self._subject = person

    def person(self, name: str, born: WhenLike = None, *, source: Source = None) -> Person:
        """Add a person; ``born`` (a When, phrase, date or ``None``) places their birth.

        >>> case = Case()
        >>> child = case.person("Child S", born=date(2010, 12, 3))
        >>> child.birth.description, str(case.solve().when(child.birth))
        ('birth of Child S', '3 Dec 2010')
        """
        if not isinstance(name, str) or not name.strip():
            raise InvalidValue(f"a person needs a name, not {name!r}")
        if any(p.name.casefold() == name.casefold() for p in self._people):
            raise InvalidValue(f"the case already has a person called {name!r}")
        birth = self._new_event(
            f"birth of {name}", words=_words_of(born, source), span=False, source=source, kind="birth"
        )
        person = Person(name, birth)
        self._people.append(person)
        if born is not None:
            self.place(birth, born, source=source)
        return person

    def event(
        self,
        description: str,
        when: WhenLike = None,
        *,
        agency: str | None = None,
        people: Iterable[Person] = (),
        person: Person | None = None,
        anchor: Event | Mapping[str, Event] | None = None,
        reference: Event | None = None,
        source: Source = None,
        span: bool = False,
        kind: str | None = None,
        details: Mapping[str, str] | None = None,
    ) -> Event:
        """Add an event, placed by ``when`` (a When, phrase, Excerpt, date or ``None``).

        A phrase becomes statements: an age counts from ``person``'s birth (or
        the only person's), a named event from ``anchor``, the narrative's
        reference from ``reference`` (default: the event last added).  The
        event has two points (start and end) when the phrase gives a length or
        a period between two points, or when ``span=True``.  ``kind`` and
        ``details`` are kept on the event (see :class:`Event`).

        >>> case = Case()
        >>> child = case.person("Child S", born=When.of(date(2010, 12, 1)))
        >>> visit = case.event("health visit", "when he was ten weeks old", agency="health visiting")
        >>> print(case.solve().when(visit))
        9 Feb 2011 – 15 Feb 2011 (when he was ten weeks old)
        """
        if not isinstance(description, str) or not description.strip():
            raise InvalidValue(f"an event needs a description, not {description!r}")
        people = tuple(people)
        for someone in people + ((person,) if person is not None else ()):
            self._check_person(someone)
        if reference is not None:
            self._check_event(reference)
        if kind is not None and (not isinstance(kind, str) or not kind.strip()):
            raise InvalidValue(f"an event's kind must be a word such as 'visit', not {kind!r}")
        pairs = _details(details)
        tree = self._tree(when, source) if when is not None else None
        needs_span = span or (tree is not None and isinstance(tree[0], (Length, Between)))
        if tree is not None:
            # Resolve every anchor before the event exists, so a missing one adds nothing.
            self._bind(tree[0], tree[1], person=person, anchor=anchor, reference=self._last_event(reference))
        event = self._new_event(
            description,
            words=tree[1] if tree else None,
            span=needs_span,
            agency=agency,
            people=people,
            source=source,
            kind=kind,
            details=pairs,
        )
        if tree is not None:
            ref = self._last_event(reference, event)
            self._compile(event, tree[0], tree[1], person=person, anchor=anchor, reference=ref, source=source)
        return event

    def place(
        self,
        event: Event,
        when: WhenLike,
        *,
        person: Person | None = None,
        anchor: Event | Mapping[str, Event] | None = None,
        reference: Event | None = None,
        source: Source = None,
    ) -> tuple[Statement, ...]:
        """Add another phrase placing ``event`` ("in early winter 2011 ... when he was less than two months old").

        Anchors resolve as in :meth:`event`; the default reference time is the
        event added before ``event``.

        >>> case = Case()
        >>> e = case.event("eviction", When((Interval.month(2011, 12), Interval.month(2010, 12))))
        >>> _ = case.place(e, Interval(date(2010, 11, 1), date(2011, 2, 28)))
        >>> print(case.solve().when(e))
        Dec 2010
        """
        self._check_event(event)
        tree = self._tree(when, source)
        ref = self._last_event(reference, event)
        self._bind(tree[0], tree[1], person=person, anchor=anchor, reference=ref)
        if isinstance(tree[0], (Length, Between)) and event.is_instant:
            raise InvalidValue(
                f"{tree[1].text if tree[1] else 'the phrase'!r} gives {event.description!r} a length, "
                "but it was added as one day (pass span=True)"
            )
        return self._compile(event, tree[0], tree[1], person=person, anchor=anchor, reference=ref, source=source)

    # -- relations ------------------------------------------------------------------
    def relate(
        self,
        a: Event,
        b: Event,
        lo: int | None,
        hi: int | None,
        *,
        a_point: PointName = "start",
        b_point: PointName = "start",
        words: str | Excerpt | None = None,
        source: Source = None,
        kind: str = "relative",
    ) -> Statement:
        """State ``lo <= b[b_point] - a[a_point] <= hi`` in days (``None``: unbounded).

        >>> case = Case()
        >>> a, b = case.event("a", date(2011, 1, 1)), case.event("b")
        >>> print(case.relate(a, b, 2, 5, words="a few days later"))
        'a few days later': b is 2..5 days after a
        """
        self._check_event(a)
        self._check_event(b)
        if lo is not None and hi is not None and lo > hi:
            raise InvalidValue(f"relate({a.description!r}, {b.description!r}): lo {lo} is more than hi {hi}")
        if lo is None and hi is None:
            raise InvalidValue(f"relate({a.description!r}, {b.description!r}) needs at least one bound")
        pa, pb = _point(a, a_point), _point(b, b_point)
        says = f"{self._names[pb]} {_relation(lo, hi)} {self._names[pa]}"
        return self._state(says, kind, _excerpt(words), (a, b), source, [("add", pa, pb, lo, hi)])

    def before(
        self, a: Event, b: Event, gap: GapLike = None, *, words: str | Excerpt | None = None, source: Source = None
    ) -> Statement:
        """``a`` ends before ``b`` starts: on an earlier day, or ``gap`` earlier.

        ``gap`` is a :class:`Count`, a phrase ("two weeks", "a four day gap"),
        a number of days or a ``timedelta``.  Events that may share a day are
        related with :meth:`relate` (``lo=0``) instead.

        >>> case = Case()
        >>> a, b = case.event("a", date(2011, 1, 1)), case.event("b")
        >>> print(case.before(a, b, gap=3))
        b is 3 days after a (added by code)
        """
        lo, hi, said = self._gap(gap)
        return self.relate(
            a, b, lo, hi, a_point="end", b_point="start", words=_excerpt(words) or said, source=source, kind="order"
        )

    def after(
        self, a: Event, b: Event, gap: GapLike = None, *, words: str | Excerpt | None = None, source: Source = None
    ) -> Statement:
        """``a`` starts after ``b`` ends (on a later day, or ``gap`` later).

        >>> case = Case()
        >>> a, b = case.event("a"), case.event("b", date(2011, 1, 1))
        >>> print(case.after(a, b, gap="a four day gap"))
        'a four day gap': a is 4 days after b
        """
        return self.before(b, a, gap, words=words, source=source)

    def same_day(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``a`` and ``b`` happen on the same day (for spans: start and end on the same days)."""
        self._check_event(a)
        self._check_event(b)
        ops: list[_Op] = [("add", a.start, b.start, 0, 0)]
        if not (a.is_instant and b.is_instant):
            ops.append(("add", a.end, b.end, 0, 0))
        says = f"{b.description} is on the same day as {a.description}"
        return self._state(says, "order", _excerpt(words), (a, b), source, ops)

    def during(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``a`` happens within ``b``: it starts no earlier and ends no later."""
        self._check_event(a)
        self._check_event(b)
        ops: list[_Op] = [("add", b.start, a.start, 0, None), ("add", b.end, a.end, None, 0)]
        return self._state(f"{a.description} is during {b.description}", "order", _excerpt(words), (a, b), source, ops)

    def overlaps(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``a`` and ``b`` share at least one day."""
        self._check_event(a)
        self._check_event(b)
        ops: list[_Op] = [("add", a.start, b.end, 0, None), ("add", b.start, a.end, 0, None)]
        says = f"{a.description} shares a day with {b.description}"
        return self._state(says, "order", _excerpt(words), (a, b), source, ops)

    def starts(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``a`` starts on the day ``b`` starts."""
        return self.relate(b, a, 0, 0, a_point="start", b_point="start", words=words, source=source, kind="order")

    def finishes(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``a`` ends on the day ``b`` ends."""
        return self.relate(b, a, 0, 0, a_point="end", b_point="end", words=words, source=source, kind="order")

    def meets(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``b`` follows ``a`` with no day between: it starts on ``a``'s last day or the next."""
        return self.relate(a, b, 0, 1, a_point="end", b_point="start", words=words, source=source, kind="order")

    def within(
        self, a: Event, b: Event, count: GapLike, *, words: str | Excerpt | None = None, source: Source = None
    ) -> Statement:
        """``b`` starts within ``count`` after ``a`` ends ("within two weeks", "within 3 days").

        >>> case = Case()
        >>> a, b = case.event("a", date(2011, 1, 1)), case.event("b")
        >>> print(case.within(a, b, 3))
        b is at most 3 days after a (added by code)
        """
        if count is None:
            raise InvalidValue("within(...) needs a count")
        _, hi, said = self._gap(count)
        return self.relate(
            a, b, 0, hi, a_point="end", b_point="start", words=_excerpt(words) or said, source=source, kind="order"
        )

    def remove(self, statement: Statement) -> None:
        """Withdraw ``statement``; the next solve no longer uses it."""
        if statement not in self._statements or statement in self._removed:
            raise UnknownEvent(f"{statement} is not a statement in force in this case")
        self._network.remove(statement)
        self._removed.add(statement)

    # -- solving ----------------------------------------------------------------------
    def solve(self, strict: bool = True, *, budget: int = 10_000) -> Chronology:
        """Resolve the statements into a :class:`Chronology`.

        Strict solving raises :class:`~chronology.Inconsistent` when the
        statements cannot all hold; its ``conflict`` is a minimal tuple of
        statements.  ``strict=False`` sets aside few statements instead and
        reports them.  Solving again after adding statements is incremental.

        >>> case = Case()
        >>> a = case.event("a", date(2011, 1, 5))
        >>> b = case.event("b", date(2011, 1, 1))
        >>> _ = case.before(a, b)
        >>> case.solve()
        Traceback (most recent call last):
        ...
        chronology.errors.Inconsistent: these 3 statements cannot all be true:
          - a is on 5 Jan 2011 (added by code)
          - b is on 1 Jan 2011 (added by code)
          - b is after a (added by code)
        >>> relaxed = case.solve(strict=False)
        >>> len(relaxed.set_aside)
        1
        """
        solution = self._network.solve(strict=strict, budget=budget)
        if strict and not solution.consistent:
            conflict = solution.conflicts[0] if solution.conflicts else ()
            raise Inconsistent(_statements(conflict))
        return Chronology(self, solution)

    # -- what a saved chronology needs to rebuild the case (chronology.render.export) ---------
    def placements(self) -> tuple[tuple[Event, Node, Excerpt | None, tuple[Event, ...], tuple[Statement, ...]], ...]:
        """Every phrase or value that placed an event, in the order given.

        Each is ``(event, tree, words, anchors, statements)``: the syntax tree,
        its words, the events its leaves count from (in ``anchors_of(tree)``
        order) and the statements it made.  Saving a chronology replays these.

        >>> case = Case()
        >>> visit = case.event("visit", "June 2011")
        >>> ((event, tree, words, anchors, statements),) = case.placements()
        >>> event is visit, words.text, anchors, len(statements)
        (True, 'June 2011', (), 1)
        """
        return tuple(
            (p.event, p.node, p.words, tuple(p.anchors[id(leaf)] for leaf in anchors_of(p.node)), tuple(p.statements))
            for p in self._placements
        )

    def constraints(
        self, statement: Statement
    ) -> tuple[tuple[Event, PointName, Event, PointName, int | None, int | None], ...]:
        """What ``statement`` asserts between events' points: ``(a, a_point, b, b_point, lo, hi)``, each
        ``lo <= b[b_point] - a[a_point] <= hi`` days (the origin or a phrase's helper points are left out).

        >>> case = Case()
        >>> a, b = case.event("a"), case.event("b")
        >>> case.constraints(case.before(a, b, gap=3))
        ((Event('a'), 'start', Event('b'), 'start', 3, 3),)
        """
        if statement not in self._statements:
            raise UnknownEvent(f"{statement} is not a statement of this case")
        points: dict[int, tuple[Event, PointName]] = {}
        for event in self._events:
            points[event.end] = (event, "end")
            points[event.start] = (event, "start")
        found = []
        for a, b, lo, hi, tag in self._network._constraints:
            if tag is statement and a in points and b in points:
                found.append((*points[a], *points[b], lo, hi))
        return tuple(found)

    # -- internals ----------------------------------------------------------------------
    def _new_event(
        self,
        description: str,
        *,
        words: Excerpt | None,
        span: bool,
        agency: str | None = None,
        people: tuple[Person, ...] = (),
        source: Source = None,
        listed: bool = True,
        kind: str | None = None,
        details: tuple[tuple[str, str], ...] = (),
    ) -> Event:
        start = self._network.add_point()
        end = self._network.add_point() if span else start
        event = Event(description, len(self._events), start, end, words, agency, people, source, kind, details)
        self._events.append(event)
        if span:
            self._names[start] = f"{description} (start)"
            self._names[end] = f"{description} (end)"
            self._state(
                f"{description} starts no later than it ends",
                "span",
                None,
                (event,),
                None,
                [("add", start, end, 0, None)],
            )
        else:
            self._names[start] = description
        return event

    def _check_event(self, event: object) -> None:
        if not isinstance(event, Event) or event.index >= len(self._events) or self._events[event.index] is not event:
            raise UnknownEvent(f"{event!r} is not an event of this case")

    def _check_person(self, person: object) -> None:
        if not isinstance(person, Person) or not any(p is person for p in self._people):
            raise UnknownEvent(f"{person!r} is not a person of this case")

    def _last_event(self, reference: Event | None, before: Event | None = None) -> Event | None:
        """The reference time: ``reference`` if given, else the event added last (before ``before``)."""
        if reference is not None:
            return reference
        listed = [e for e in self._events if e is not self.document]
        if before is not None:
            listed = [e for e in listed if e.index < before.index]
        return listed[-1] if listed else None

    def _tree(self, when: WhenLike, source: Source) -> tuple[Node, Excerpt | None]:
        """The syntax tree of ``when`` and its words (``None``: a value given by code)."""
        words = _words_of(when, source)
        if isinstance(when, (str, Excerpt)):
            assert words is not None
            if not words.text.strip():
                raise InvalidValue("an empty phrase places nothing")
            return phrases.parse(words.text), words
        if isinstance(when, _NODES):
            return when, words
        if isinstance(when, When):
            label = words or Excerpt(str(when))
            return _fixed(when.readings, when.kind, label, when.notes), words
        if isinstance(when, Interval):
            return _fixed((when,), "range", Excerpt(str(when))), None
        if isinstance(when, date) and not hasattr(when, "hour"):
            return _fixed((Interval.on(when),), "day", Excerpt(_day(when))), None
        raise InvalidValue(f"when must be a When, phrase, Excerpt, date, Interval or syntax tree, not {when!r}")

    def _bind(
        self,
        node: Node,
        words: Excerpt | None,
        *,
        person: Person | None,
        anchor: Event | Mapping[str, Event] | None,
        reference: Event | None,
    ) -> dict[int, Event]:
        """Which event each leaf of ``node`` counts from; raises MissingAnchor naming what is missing."""
        bound: dict[int, Event] = {}
        phrase = words.text if words is not None else ""
        for leaf in anchors_of(node):
            if isinstance(leaf, Birth):
                bound[id(leaf)] = self._birth_for(leaf, phrase, person).birth
            elif isinstance(leaf, Named):
                bound[id(leaf)] = self._anchor_for(leaf, phrase, anchor)
            elif isinstance(leaf, Reference):
                if reference is None:
                    raise MissingAnchor(phrase, "reference")
                bound[id(leaf)] = reference
            elif isinstance(leaf, DocumentDate):
                if self.document is None:
                    raise MissingAnchor(phrase, "document_date")
                bound[id(leaf)] = self.document
        return bound

    def _birth_for(self, leaf: Birth, phrase: str, person: Person | None) -> Person:
        if person is not None:
            self._check_person(person)
            return person
        if leaf.person:
            named = [p for p in self._people if p.name.casefold() == leaf.person.casefold()]
            if named:
                return named[0]
        if len(self._people) == 1:
            return self._people[0]
        said = leaf.words.text if leaf.words is not None else leaf.person
        raise MissingAnchor(phrase, "person", said)

    def _anchor_for(self, leaf: Named, phrase: str, anchor: Event | Mapping[str, Event] | None) -> Event:
        if isinstance(anchor, Event):
            self._check_event(anchor)
            return anchor
        if isinstance(anchor, Mapping):
            wanted = " ".join(leaf.words.text.casefold().split())
            for key, event in anchor.items():
                said = " ".join(key.casefold().split())
                # "his death" names the same event as "death", and as "the death".
                if said == wanted or said.endswith(" " + wanted) or wanted.endswith(" " + said):
                    self._check_event(event)
                    return event
        raise MissingAnchor(phrase, "anchor", leaf.words.text)

    def _compile(
        self,
        event: Event,
        node: Node,
        words: Excerpt | None,
        *,
        person: Person | None,
        anchor: Event | Mapping[str, Event] | None,
        reference: Event | None,
        source: Source = None,
    ) -> tuple[Statement, ...]:
        placement = _Placement(event, node, words)
        placement.anchors = self._bind(node, words, person=person, anchor=anchor, reference=reference)
        pending: list[tuple[str, str, Excerpt | None, tuple[Event, ...], list[_Op], int | None]] = []
        _Compiler(self, placement, pending).place(node, event.start, event.end)
        made = []
        for says, kind, part, linked, ops, fixed_id in pending:
            statement = self._state(says, kind, part, linked, source if source is not None else event.source, ops)
            placement.statements.append(statement)
            if fixed_id is not None:
                placement.choices[fixed_id] = statement
            made.append(statement)
        self._placements.append(placement)
        return tuple(made)

    def _state(
        self, says: str, kind: str, words: Excerpt | None, events: tuple[Event, ...], source: Source, ops: Sequence[_Op]
    ) -> Statement:
        statement = Statement(len(self._statements), says, kind, words, events, source)
        for op in ops:
            if op[0] == "add":
                self._network.add(op[1], op[2], op[3], op[4], statement)
            else:
                self._network.add_choice(op[1], statement)
        self._statements.append(statement)
        return statement

    def _gap(self, gap: GapLike) -> tuple[int | None, int | None, Excerpt | None]:
        """Day bounds of a gap, and its words when it was a phrase."""
        if gap is None:
            return 1, None, None
        if isinstance(gap, bool):
            raise InvalidValue(f"a gap must be a Count, phrase or number of days, not {gap!r}")
        if isinstance(gap, int):
            if gap < 0:
                raise InvalidValue(f"a gap of {gap} days is negative: swap the events instead")
            return gap, gap, None
        if isinstance(gap, timedelta):
            return self._gap(gap.days)
        if isinstance(gap, Count):
            low, high = gap.day_range()
            return low, high, Excerpt(gap.text) if gap.text else None
        if isinstance(gap, str):
            node = phrases.parse(gap)
            count = _count_of(node)
            if count is None:
                raise InvalidValue(f"{gap!r} is not a length of time (expected e.g. 'two weeks' or 'a four day gap')")
            low, high = count.day_range()
            return low, high, Excerpt(gap)
        raise InvalidValue(f"a gap must be a Count, phrase or number of days, not {gap!r}")


class _Compiler:
    """Turns one phrase's tree into pending statements about ``[start, end]`` points."""

    def __init__(self, case: Case, placement: _Placement, pending: list[Any]) -> None:
        self.case = case
        self.placement = placement
        self.pending = pending
        self.offset = placement.words
        self.phrase = placement.words.text if placement.words is not None else "the date given"
        self.settings = case.settings

    # what to call things in a statement
    def name(self, start: int, end: int) -> str:
        name = self.case._names[start]
        return name if start == end else name.removesuffix(" (start)")

    def words(self, node: Node) -> Excerpt | None:
        part = getattr(node, "words", None)
        if self.offset is None or not isinstance(part, Excerpt) or part.text == self.offset.text:
            return self.offset
        return part.shifted(self.offset.start, self.offset.document)

    def emit(self, says: str, kind: str, node: Node, ops: list[_Op], fixed: Fixed | None = None) -> None:
        ops = [op for op in ops if op[0] != "add" or op[3] is not None or op[4] is not None]
        if not ops:
            return
        linked = tuple(dict.fromkeys([self.placement.event, *self.placement.anchors.values()]))
        self.pending.append((says, kind, self.words(node), linked, ops, None if fixed is None else id(fixed)))

    # placing a node: the days [s, e] lie within what the node denotes
    def place(self, node: Node, s: int, e: int) -> None:
        target = self.name(s, e)
        if isinstance(node, Fixed):
            self.place_fixed(node, s, e, target)
        elif isinstance(node, (Shift, Aligned)):
            lo, hi = node.day_range(self.settings)
            bs, be = self.base(node.base)
            kind = "age" if isinstance(node.base, Birth) else node.kind
            says = f"{target} {_relation(lo, hi)} {self.name(bs, be)}"
            self.emit(says, kind, node, _within(bs, be, s, e, lo, hi))
        elif isinstance(node, Bound):
            bs, be = self.base(node.base)
            if node.side == "until":
                self.emit(f"{target} is no later than {self.name(bs, be)}", node.kind, node, [("add", be, e, None, 0)])
            else:
                self.emit(
                    f"{target} is no earlier than {self.name(bs, be)}", node.kind, node, [("add", bs, s, 0, None)]
                )
        elif isinstance(node, Between):
            ss, se = self.base(node.start)
            es, ee = self.base(node.end)
            self.emit(
                f"{target} starts no earlier than {self.name(ss, ss)}", node.kind, node, [("add", ss, s, 0, None)]
            )
            self.emit(f"{target} ends no later than {self.name(ee, ee)}", node.kind, node, [("add", ee, e, None, 0)])
            if node.fills and s != e:
                # "from A to B" of something with a length: it started in A and ended in B
                self.emit(
                    f"{target} starts no later than {self.name(se, se)}", node.kind, node, [("add", s, se, 0, None)]
                )
                self.emit(
                    f"{target} ends no earlier than {self.name(es, es)}", node.kind, node, [("add", es, e, 0, None)]
                )
        elif isinstance(node, Hull):
            fixed = _fixed_hull(node)
            if fixed is not None:
                self.place_fixed(fixed, s, e, target)
            else:
                first, last = self.base(node.parts[0]), self.base(node.parts[-1])
                says = f"{target} is between {self.name(*first)} and {self.name(*last)}"
                self.emit(says, node.kind, node, [("add", first[0], s, 0, None), ("add", last[1], e, None, 0)])
        elif isinstance(node, Length):
            lo, hi = node.count.day_range()
            if s == e:
                raise InvalidValue(f"{self.phrase!r} gives a length, but {target!r} is one day (pass span=True)")
            self.emit(f"{target} lasts {_days_range(lo, hi)}", "duration", node, [("add", s, e, lo, hi)])
        else:  # a leaf or an endpoint: the event is at / during what it names
            bs, be = self.base(node)
            if bs == be and s == e:
                self.emit(
                    f"{target} is on the same day as {self.name(bs, be)}", "relative", node, [("add", bs, s, 0, 0)]
                )
            else:
                ops: list[_Op] = [("add", bs, s, 0, None), ("add", be, e, None, 0)]
                self.emit(f"{target} is during {self.name(bs, be)}", "relative", node, ops)

    def place_fixed(self, node: Fixed, s: int, e: int, target: str) -> None:
        options = [_inside(s, e, reading) for reading in node.readings]
        if len(options) == 1:
            self.emit(f"{target} {_in(node.readings[0])}", "date", node, [("add", *c) for c in options[0]])
        else:
            shown = " or ".join(str(r) for r in node.readings)
            self.emit(f"{target} is in {shown}", "readings", node, [("choice", options)], fixed=node)

    def base(self, node: Node) -> tuple[int, int]:
        """The points a base node stands for: an anchor's, or helper points placed by the node."""
        if isinstance(node, (Birth, Named, Reference, DocumentDate)):
            event = self.placement.anchors[id(node)]
            return event.start, event.end
        if isinstance(node, Endpoint):
            s, e = self.base(node.base)
            point = s if node.which == "start" else e
            self.placement.endpoints[id(node)] = point
            return point, point
        if isinstance(node, Length):
            raise InvalidValue(f"{self.phrase!r}: a length ({node.words.text!r}) cannot be counted from")
        known = self.placement.hidden.get(id(node))
        if known is not None:
            return known
        net = self.case._network
        said = getattr(node, "words", None)
        label = repr(said.text) if isinstance(said, Excerpt) else "part of the phrase"
        h1 = net.add_point()
        h2 = net.add_point() if isinstance(node, (Between, Hull)) else h1
        self.case._names[h1] = label if h1 == h2 else f"{label} (start)"
        if h2 != h1:
            self.case._names[h2] = f"{label} (end)"
        self.placement.hidden[id(node)] = (h1, h2)
        self.place(node, h1, h2)
        return h1, h2


# -- the solved chronology --------------------------------------------------------


class Chronology:
    """A solved case: tight bounds, surviving readings, order and explanations.

    Built by :meth:`Case.solve`; it keeps the events and statements as they
    were at that solve, so adding to the case later does not change it.

    A chronology read from a review (``chronology.read``) also holds what was
    read: ``text`` (the text as given), ``source`` (its name), ``mentions``
    (every temporal phrase found, with offsets into ``text``) and ``agencies``
    (the agencies it names).  For a case built by hand they are empty.
    """

    def __init__(
        self,
        case: Case,
        solution: Solution,
        *,
        text: str | None = None,
        source: str | None = None,
        mentions: tuple[Any, ...] = (),
        agencies: tuple[str, ...] = (),
    ) -> None:
        self._case = case
        self._solution = solution
        self.text = text
        self.source = source
        self.mentions = tuple(mentions)
        self.agencies = tuple(agencies)
        self.people: tuple[Person, ...] = case.people
        self.subject: Person | None = case.subject
        self._events = case.events
        self._known = frozenset(id(e) for e in case._events)
        self._placements = tuple(case._placements)
        self._placed: dict[int, list[_Placement]] = {}  # id(event) -> its placements, so when() is not O(n)
        for placement in self._placements:
            self._placed.setdefault(id(placement.event), []).append(placement)
        self._removed = frozenset(case._removed)
        self._whens: dict[int, When] = {}
        self.settings = case.settings

    @property
    def case(self) -> Case:
        """The case this chronology solves: add statements to it and solve again."""
        return self._case

    # -- facts of the solve -----------------------------------------------------------
    @property
    def exact(self) -> bool:
        """Whether the bounds are exact (the engine's search finished within its budget)."""
        return bool(self._solution.exact)

    @property
    def consistent(self) -> bool:
        """Whether every statement used holds together (after setting aside, when relaxed)."""
        return bool(self._solution.consistent)

    @property
    def conflicts(self) -> tuple[tuple[Statement, ...], ...]:
        """Minimal sets of statements that cannot all hold (each sorted in case order)."""
        return tuple(_statements(c) for c in self._solution.conflicts)

    @property
    def set_aside(self) -> tuple[Statement, ...]:
        """Statements a relaxed solve did not use, to restore consistency."""
        return _statements(self._solution.set_aside)

    @property
    def events(self) -> tuple[Event, ...]:
        """Events in resolved order: by earliest day, then latest, ties in narrative order."""

        def key(event: Event) -> tuple[int, int]:
            lo, _ = self._solution.bounds(event.start)
            _, hi = self._solution.bounds(event.end)
            return (-(10**9) if lo is None else lo, 10**9 if hi is None else hi)

        return tuple(sorted(self._events, key=key))

    # -- per event ------------------------------------------------------------------
    def bounds(self, event: Event) -> Interval:
        """The envelope: earliest start to latest end."""
        self._check(event)
        return Interval(_date(self._solution.bounds(event.start)[0]), _date(self._solution.bounds(event.end)[1]))

    def start(self, event: Event) -> Interval:
        """The days the event can start on."""
        self._check(event)
        return _interval(self._solution.bounds(event.start))

    def end(self, event: Event) -> Interval:
        """The days the event can end on."""
        self._check(event)
        return _interval(self._solution.bounds(event.end))

    def when(self, event: Event) -> When:
        """The event's surviving readings, each intersected with its bounds.

        A reading of the event's own phrase(s) that the other statements rule
        out is gone; an event placed only by relations has one reading, its
        bounds.  The When keeps the event's words.
        """
        self._check(event)
        cached = self._whens.get(id(event))
        if cached is not None:
            return cached
        envelope = self.bounds(event)
        readings: list[Interval] = [envelope]
        ignored = self._ignored
        placements = self._placed.get(id(event), [])
        for placement in placements:
            if any(s in self._removed or s in ignored for s in placement.statements):
                continue
            own = self._readings(placement, placement.node)
            combined = [c for r in readings for o in own if (c := r.intersect(o)) is not None]
            if len(combined) > _MAX_READINGS:
                combined = [Interval.hull_of(combined)]
            readings = _merge(combined) if combined else readings
        words = event.words
        first = placements[0] if placements else None
        kind: Kind = getattr(first.node, "kind", "date") if first is not None else "date"
        when = When(tuple(readings), words.text if words is not None else "", kind, words)
        self._whens[id(event)] = when
        return when

    def order(self, a: Event, b: Event) -> Order:
        """How ``a`` stands to ``b``: before, after, same day, overlapping, or undetermined.

        ``on or before`` / ``on or after`` say that one cannot be later, where
        the statements allow the same day.
        """
        self._check(a)
        self._check(b)
        diff = self._solution.difference
        if _at_least(diff(a.end, b.start), 1):
            return Order.BEFORE
        if _at_least(diff(b.end, a.start), 1):
            return Order.AFTER
        if diff(a.start, b.start) == (0, 0) and diff(a.end, b.end) == (0, 0) and a.is_instant and b.is_instant:
            return Order.SAME_DAY
        if _at_least(diff(a.start, b.end), 0) and _at_least(diff(b.start, a.end), 0):
            return Order.OVERLAPPING
        if _at_least(diff(a.end, b.start), 0):
            return Order.ON_OR_BEFORE
        if _at_least(diff(b.end, a.start), 0):
            return Order.ON_OR_AFTER
        return Order.UNDETERMINED

    def ambiguous(self) -> tuple[Event, ...]:
        """Events with more than one surviving reading (in resolved order).

        Order is a separate question (see :meth:`unordered`): nearly every
        vaguely dated event is unordered with something, so mixing the two
        would hide the few events whose words themselves are still ambiguous.
        """
        return tuple(e for e in self.events if self.when(e).is_ambiguous)

    def unordered(self) -> tuple[tuple[Event, Event], ...]:
        """Neighbours in :attr:`events` whose order the statements do not settle.

        If every neighbouring pair is settled the whole listing is, so these
        pairs are where a reviewer should look for more facts.
        """
        listed = self.events
        settled = (Order.BEFORE, Order.AFTER, Order.SAME_DAY)
        return tuple((a, b) for a, b in itertools.pairwise(listed) if self.order(a, b) not in settled)

    def explain(self, event: Event) -> Explanation:
        """The chains of statements that fix the event's earliest and latest days.

        >>> case = Case()
        >>> a = case.event("referral", When.of(date(2011, 1, 10)))
        >>> b = case.event("visit")
        >>> _ = case.after(b, a, gap=4)
        >>> print(case.solve().explain(b))
        visit: 14 Jan 2011
          earliest 14 Jan 2011, because:
            - referral is on 10 Jan 2011 (added by code)
            - visit is 4 days after referral (added by code)
          latest 14 Jan 2011, because:
            - referral is on 10 Jan 2011 (added by code)
            - visit is 4 days after referral (added by code)
        """
        bounds = self.bounds(event)
        early = self._solution.explain(event.start, "earliest") if bounds.earliest is not None else ()
        late = self._solution.explain(event.end, "latest") if bounds.latest is not None else ()
        return Explanation(
            event,
            bounds.earliest,
            bounds.latest,
            _statements(early, keep_order=True),
            _statements(late, keep_order=True),
        )

    # -- display --------------------------------------------------------------------
    def __str__(self) -> str:
        rows = [(" | ".join(map(str, self.when(e).readings)), e.agency or "", e.description) for e in self.events]
        width = max([len("when")] + [len(r[0]) for r in rows])
        agency = max([len("agency")] + [len(r[1]) for r in rows])
        lines = [f"{'when':<{width}}  {'agency':<{agency}}  event"]
        lines += [f"{w:<{width}}  {a:<{agency}}  {d}" for w, a, d in rows]
        if self.set_aside:
            lines.append("set aside:")
            lines += [f"  - {s}" for s in self.set_aside]
        if not self.exact:
            lines.append("(bounds are sound but not tight: the search ran out of budget)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Chronology of {len(self._events)} events>"

    # -- internals --------------------------------------------------------------------
    @property
    def _ignored(self) -> frozenset[Statement]:
        return frozenset(_statements(self._solution.set_aside))

    def _check(self, event: object) -> None:
        if not isinstance(event, Event) or id(event) not in self._known:
            raise UnknownEvent(f"{event!r} is not an event of this chronology")

    def _readings(self, placement: _Placement, node: Node) -> list[Interval]:
        """What ``node`` allows, given the solved readings of what it counts from."""
        found = self._node_readings(placement, node)
        hidden = placement.hidden.get(id(node))
        if hidden is not None:
            box = Interval(_date(self._solution.bounds(hidden[0])[0]), _date(self._solution.bounds(hidden[1])[1]))
            found = [c for r in found if (c := r.intersect(box)) is not None] or [box]
        return found

    def _node_readings(self, placement: _Placement, node: Node) -> list[Interval]:
        if isinstance(node, Fixed):
            choice = placement.choices.get(id(node))
            if choice is None:
                return list(node.readings)
            return [node.readings[i] for i in self._solution.options(choice)]
        if isinstance(node, (Birth, Named, Reference, DocumentDate)):
            return list(self.when(placement.anchors[id(node)]).readings)
        if isinstance(node, Endpoint):
            return [_interval(self._solution.bounds(placement.endpoints[id(node)]))]
        if isinstance(node, (Shift, Aligned)):
            return [apply_to(node, r, self.settings) for r in self._readings(placement, node.base)]
        if isinstance(node, Bound):
            base = self._readings(placement, node.base)
            if node.side == "until":
                return [Interval(None, r.latest) for r in base]
            return [Interval(r.earliest, None) for r in base]
        if isinstance(node, Between):
            first = Interval.hull_of(self._readings(placement, node.start))
            last = Interval.hull_of(self._readings(placement, node.end))
            return [
                Interval(first.earliest, last.latest) if _ordered(first.earliest, last.latest) else first.hull(last)
            ]
        if isinstance(node, Hull):
            return [Interval.hull_of(r for part in node.parts for r in self._readings(placement, part))]
        return [Interval(None, None)]  # a Length locates nothing

    # -- renderings (chronology.render, imported only when used) ------------------------
    def plot(
        self,
        ax: Axes | None = None,
        *,
        person: Person | str | None = None,
        agencies: Iterable[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        gap: int | timedelta | str | Count | None = 90,
        labels: Literal["auto", "text", "numbers", "none"] = "auto",
    ) -> Axes:
        """Draw the timeline (one lane per agency) with matplotlib and return the Axes.

        See :func:`chronology.render.plot.plot` for what is drawn and the options.
        """
        from chronology.render.plot import plot

        return plot(self, ax, person=person, agencies=agencies, since=since, until=until, gap=gap, labels=labels)

    def to_html(self, path: str | os.PathLike[str]) -> Path:
        """Write the report (timeline, table, conflicts, explanations) as one self-contained HTML file.

        See :mod:`chronology.render.report`.  Returns the path written.
        """
        from chronology.render.report import write

        return write(self, path)

    def _repr_html_(self) -> str:
        from chronology.render.report import fragment

        return fragment(self)

    # -- renderings and accessors used by them (chronology.render imports inside each method) ----------
    def difference(
        self, a: Event, b: Event, *, a_point: PointName = "start", b_point: PointName = "start"
    ) -> tuple[int | None, int | None]:
        """Tight bounds in days on ``b``'s point minus ``a``'s (``None``: unbounded that way).

        Ages come from it: the days from a birth to an event, which the
        statements may fix more tightly than either date alone.

        >>> case = Case()
        >>> child = case.person("Child S", born="December 2010")
        >>> visit = case.event("health visit", "when he was ten weeks old")
        >>> case.solve().difference(child.birth, visit)
        (70, 76)
        """
        self._check(a)
        self._check(b)
        return self._solution.difference(_point(a, a_point), _point(b, b_point))

    def placed_by(self, event: Event) -> tuple[Excerpt, ...]:
        """The words of every phrase that placed ``event`` (those of its own description first), once each.

        >>> case = Case()
        >>> visit = case.event("visit", "early summer 2011")
        >>> _ = case.place(visit, "June 2011")
        >>> [words.text for words in case.solve().placed_by(visit)]
        ['early summer 2011', 'June 2011']
        """
        self._check(event)
        found = [p.words for p in self._placed.get(id(event), []) if p.words is not None]
        return tuple(dict.fromkeys(found))

    def to_json(self) -> str:
        """The chronology as JSON: its case, call for call, and how it was solved (:meth:`from_json` reads it).

        >>> case = Case()
        >>> child = case.person("Child S", born="December 2010")
        >>> _ = case.event("health visit", "when he was ten weeks old")
        >>> again = Chronology.from_json(case.solve().to_json())
        >>> print(again.when(again.events[1]))
        9 Feb 2011 – 17 Mar 2011 (when he was ten weeks old)
        """
        from chronology.render.export import chronology_json

        return chronology_json(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> Chronology:
        """A chronology saved by :meth:`to_json`: its case rebuilt and solved again."""
        from chronology.render.export import chronology_from_json

        return chronology_from_json(text)

    def table(self) -> Table:
        """The chronology as a :class:`chronology.render.Table`: one row per event, in resolved order.

        >>> case = Case()
        >>> _ = case.event("referral", "early summer 2011", agency="police")
        >>> print(case.solve().table().to_markdown(columns=("display", "agency", "event", "certainty")))
        | Date | Agency | Event | Certainty |
        | --- | --- | --- | --- |
        | Jun 2011 | police | referral | bounded |
        """
        from chronology.render.table import build_table

        return build_table(self)


# -- helpers ------------------------------------------------------------------------


def _details(details: object) -> tuple[tuple[str, str], ...]:
    if details is None:
        return ()
    if not isinstance(details, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in details.items()
    ):
        raise InvalidValue(f"an event's details must map field names to text, not {details!r}")
    return tuple((k, v) for k, v in details.items() if v.strip())


def _number(statement: Statement) -> int:
    return statement.number


def _statements(tags: Iterable[object], *, keep_order: bool = False) -> tuple[Statement, ...]:
    """The engine's tags as statements (every tag this module adds is one), in case order unless kept."""
    found = [tag for tag in tags if isinstance(tag, Statement)]
    return tuple(found if keep_order else sorted(found, key=_number))


def _fixed(readings: tuple[Interval, ...], kind: Kind, words: Excerpt, notes: tuple[str, ...] = ()) -> Fixed:
    """A Fixed leaf for a value given by code (a When, Interval or date)."""
    return Fixed(readings, kind, words, notes)


def _point(event: Event, which: str) -> int:
    if which == "start":
        return event.start
    if which == "end":
        return event.end
    raise InvalidValue(f"a point of an event is 'start' or 'end', not {which!r}")


def _excerpt(words: str | Excerpt | None) -> Excerpt | None:
    if words is None or isinstance(words, Excerpt):
        return words
    if isinstance(words, str):
        return Excerpt(words)
    raise InvalidValue(f"words must be a string or an Excerpt, not {words!r}")


def _words_of(when: WhenLike, source: Source) -> Excerpt | None:
    """The words a ``when`` came from; ``None`` for a value made by code (a date, or a When without words)."""
    document = source.document if isinstance(source, Excerpt) else None
    if isinstance(when, Excerpt):
        return when
    if isinstance(when, str):
        return Excerpt(when, document=document)
    if isinstance(when, _NODES):
        found = getattr(when, "words", None)
        return found if isinstance(found, Excerpt) else None
    if isinstance(when, When):
        if when.source is not None:
            return when.source
        shown = " | ".join(str(r) for r in when.readings)
        if when.text and when.text != shown:
            return Excerpt(when.text, document=document)
    return None


def _count_of(node: Node) -> Count | None:
    if isinstance(node, (Length, Shift)):
        return node.count
    return None


def _fixed_hull(node: Hull) -> Fixed | None:
    """A hull of calendar periods is one calendar period."""
    readings: list[Interval] = []
    for part in node.parts:
        if isinstance(part, Hull):
            inner = _fixed_hull(part)
            if inner is None:
                return None
            readings += inner.readings
        elif isinstance(part, Fixed):
            readings += part.readings
        else:
            return None
    words = node.words if node.words is not None else Excerpt(" and ".join(str(r) for r in readings))
    return _fixed((Interval.hull_of(readings),), node.kind, words)


def _inside(s: int, e: int, reading: Interval) -> tuple[tuple[int, int, int | None, int | None], ...]:
    """Constraints putting the days ``[s, e]`` inside ``reading``."""
    lo = None if reading.earliest is None else reading.earliest.toordinal()
    hi = None if reading.latest is None else reading.latest.toordinal()
    if s == e:
        return ((ORIGIN, s, lo, hi),)
    return tuple(c for c in ((ORIGIN, s, lo, None), (ORIGIN, e, None, hi)) if c[2] is not None or c[3] is not None)


def _within(bs: int, be: int, s: int, e: int, lo: int | None, hi: int | None) -> list[_Op]:
    """``[s, e]`` inside ``[bs + lo, be + hi]``: the image of the base days under the offsets."""
    if bs == be and s == e:
        return [("add", bs, s, lo, hi)]
    return [("add", bs, s, lo, None), ("add", be, e, None, hi)]


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _days_range(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return _days(lo) if lo == hi else f"{lo}..{hi} days"
    if lo is not None:
        return f"at least {_days(lo)}"
    if hi is not None:
        return f"at most {_days(hi)}"
    return "any length of time"


def _relation(lo: int | None, hi: int | None) -> str:
    """``lo <= b - a <= hi`` in words, as "b <relation> a"."""
    if lo is not None and hi is not None and lo == hi:
        if lo == 0:
            return "is on the same day as"
        return f"is {_days(lo)} after" if lo > 0 else f"is {_days(-lo)} before"
    if lo is not None and lo >= 0:
        if hi is None:
            return {0: "is on or after", 1: "is after"}.get(lo, f"is at least {_days(lo)} after")
        return f"is at most {_days(hi)} after" if lo == 0 else f"is {lo}..{hi} days after"
    if hi is not None and hi <= 0:
        if lo is None:
            return {0: "is on or before", -1: "is before"}.get(hi, f"is at least {_days(-hi)} before")
        return f"is at most {_days(-lo)} before" if hi == 0 else f"is {-hi}..{-lo} days before"
    if lo is None:
        return f"is no more than {_days(hi or 0)} after"
    if hi is None:
        return f"is no more than {_days(-lo)} before"
    return f"is between {_days(-lo)} before and {_days(hi)} after"


def _in(reading: Interval) -> str:
    if reading.earliest is not None and reading.earliest == reading.latest:
        return f"is on {reading}"
    if reading.earliest is None or reading.latest is None:
        return f"is {reading}"
    return f"is in {reading}"


def _day(day: date) -> str:
    return str(Interval.on(day))


def _date(ordinal: int | None) -> date | None:
    if ordinal is None:
        return None
    if ordinal < 1:
        return date.min
    if ordinal > date.max.toordinal():
        return date.max
    return date.fromordinal(ordinal)


def _interval(bounds: tuple[int | None, int | None]) -> Interval:
    return Interval(_date(bounds[0]), _date(bounds[1]))


def _at_least(bounds: tuple[int | None, int | None], n: int) -> bool:
    return bounds[0] is not None and bounds[0] >= n


def _ordered(a: date | None, b: date | None) -> bool:
    return a is None or b is None or a <= b


def _merge(readings: list[Interval]) -> list[Interval]:
    """Drop repeats and join readings that overlap, keeping the first one's place."""
    merged: list[Interval] = []
    for reading in readings:
        for i, kept in enumerate(merged):
            if kept.intersect(reading) is not None:
                merged[i] = kept.hull(reading)
                break
        else:
            merged.append(reading)
    return merged
