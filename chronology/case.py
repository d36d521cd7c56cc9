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
import functools
import itertools
import os
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, Literal, ParamSpec, TypeVar

import attrs

from chronology import phrases
from chronology.errors import (
    ChronologyError,
    Inconsistent,
    InternalError,
    InvalidValue,
    MissingAnchor,
    UnknownEvent,
    UnrecognisedPhrase,
)
from chronology.model import Count, Excerpt, Interval, Kind, When, _slot_setters
from chronology.phrases import _make
from chronology.phrases.syntax import (
    RULES,
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

__all__ = ["Case", "Person", "Event", "Statement", "Chronology", "Explanation", "Order", "SetAside"]

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

# The most phrase and period trees a case remembers for reuse (see Case._keep).
_TREES_KEPT = 4096


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


def _links_of(value: Iterable[Any] | int) -> tuple[Any, ...] | int:
    """Statement's events as given (a tuple), or as a case keeps them (see Statement._links)."""
    return value if isinstance(value, int) else tuple(value)


@attrs.frozen(repr=False, eq=False)
class Statement:
    """One thing the case asserts, in words, with where it came from.

    ``says`` is the assertion ("HV visit is 70..76 days after birth of Child S"),
    ``kind`` what sort it is (``date``, ``readings``, ``relative``, ``age``,
    ``length``, ``order``, ...), ``words`` the phrase it came from (``None``:
    added by code), ``source`` where those words stand, ``events`` the events
    it links.  ``number`` is its place in the case, which keeps two statements
    with the same words distinct.  Statements compare by all of these.

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
    # The events: as given, or (for a statement a case makes) their places in the case's list of
    # events, ``_pool``: one integer for one or two events (see _link), else a tuple of integers.
    # Neither is an object the cyclic collector tracks, where a tuple of events would be one more
    # per statement for it to walk on every full collection.
    _links: tuple[Any, ...] | int = attrs.field(default=(), alias="events", converter=_links_of)
    source: Source = None
    _pool: list[Event] | None = attrs.field(default=None, kw_only=True, alias="_pool")  # so attrs.evolve keeps it

    def __attrs_post_init__(self) -> None:
        if self._pool is None and not isinstance(self._links, tuple):
            raise InvalidValue(f"a Statement's events are a list of Events, not {_shown(self._links)}")

    @classmethod
    def _made(
        cls,
        number: int,
        says: str,
        kind: str,
        words: Excerpt | None,
        links: tuple[int, ...] | int,
        source: Source,
        pool: list[Event],
    ) -> Statement:
        """A statement of a case: ``links`` index ``pool`` (the case's events, which only grow)."""
        self = _new(cls)
        _statement_slots[0](self, number)
        _statement_slots[1](self, says)
        _statement_slots[2](self, kind)
        _statement_slots[3](self, words)
        _statement_slots[4](self, links)
        _statement_slots[5](self, source)
        _statement_slots[6](self, pool)
        return self

    @property
    def events(self) -> tuple[Event, ...]:
        """The events the statement links, in the order given."""
        pool, links = self._pool, self._links
        if pool is None:
            assert isinstance(links, tuple)
            return links
        if isinstance(links, int):
            second = links >> _LINK_BITS
            first = pool[links & _LINK_MASK]
            return (first, pool[second - 1]) if second else (first,)
        return tuple([pool[i] for i in links])

    def _key(self) -> tuple[Any, ...]:
        return (self.number, self.says, self.kind, self.words, self.events, self.source)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Statement)
        return self is other or self._key() == other._key()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        # Equal statements have equal numbers and words; hashed on every engine look-up.
        return hash((self.number, self.says))

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


# A statement of a case links one or two events as one integer: the first's index, plus the
# second's index + 1 shifted past it (no case holds 2**40 events).
_LINK_BITS = 40
_LINK_MASK = (1 << _LINK_BITS) - 1


def _link(events: tuple[Event, ...]) -> tuple[int, ...] | int:
    """How a statement of a case keeps ``events``: see :attr:`Statement._links`."""
    if len(events) == 2:
        return events[0].index | (events[1].index + 1) << _LINK_BITS
    if len(events) == 1:
        return events[0].index
    return tuple([event.index for event in events])


# Slot setters for Statement._made (quicker than attrs' frozen __init__ for the statements a case makes).
_new = object.__new__
_statement_slots = _slot_setters(Statement, "number", "says", "kind", "words", "_links", "source", "_pool")


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
    kept: _Kept = None  # what the case keeps in place of ``node``, which it rebuilds (see _Placements)


# What a placement keeps in place of the tree of a date or period given by code: the date, or the
# period's (earliest, latest); ``None``: the tree itself is kept.
_Kept = date | tuple[date | None, date | None] | None
# A phrase or value given to place an event: its tree, its words, and what a placement keeps of it.
_Tree = tuple[Node, Excerpt | None, _Kept]


class _Placements:
    """Every placement of a case, one row each across columns of plain values.

    A long case then keeps no object per placement for the cyclic garbage collector to walk: a
    :class:`_Placement` is rebuilt from its row when a chronology asks for it.  A row holds the
    event's index, the tree (or, for a date or period given by code, the value it is rebuilt
    from), the words, the first of its statements (a placement's statements are consecutive)
    and how many, the indices of the events its leaves count from (in ``anchors_of(tree)``
    order) and the points and choices keyed by its nodes (``None`` where there are none; a
    choice by its statement's number).
    """

    __slots__ = ("event", "node", "words", "first", "count", "anchored", "anchors_end", "keyed")

    def __init__(self) -> None:
        self.event = array("q")
        self.node: list[Node | date | tuple[date | None, date | None]] = []
        self.words: list[Excerpt | None] = []
        self.first = array("q")
        self.count = array("q")
        self.anchored = array("q")  # every row's anchors, one after another
        self.anchors_end = array("q")  # where each row's anchors end in ``anchored``
        self.keyed: list[tuple[dict[int, int], dict[int, tuple[int, int]], dict[int, int]] | None] = []

    def __len__(self) -> int:
        return len(self.event)

    def append(self, placement: _Placement, first: int, count: int) -> None:
        node = placement.node
        keyed_by_node = placement.anchors or placement.endpoints or placement.hidden or placement.choices
        self.event.append(placement.event.index)
        self.node.append(node if placement.kept is None or keyed_by_node else placement.kept)
        self.words.append(placement.words)
        self.first.append(first)
        self.count.append(count)
        bound = placement.anchors
        if bound:
            self.anchored.extend([bound[id(leaf)].index for leaf in anchors_of(node)])
        self.anchors_end.append(len(self.anchored))
        keyed = None
        if placement.endpoints or placement.hidden or placement.choices:
            choices = {key: statement.number for key, statement in placement.choices.items()}
            keyed = (placement.endpoints, placement.hidden, choices)
        self.keyed.append(keyed)

    def truncate(self, length: int) -> None:
        del self.anchored[self.anchors_end[length - 1] if length else 0 :]
        for column in (self.event, self.node, self.words, self.first, self.count, self.anchors_end, self.keyed):
            del column[length:]

    def row(self, i: int, events: Sequence[Event], statements: Sequence[Statement]) -> _Placement:
        """The placement of row ``i``, its events and statements found in the case's lists."""
        kept = self.node[i]
        node = _rebuilt(kept) if isinstance(kept, (date, tuple)) else kept
        placement = _Placement(events[self.event[i]], node, self.words[i])
        anchors = self.anchored[self.anchors_end[i - 1] if i else 0 : self.anchors_end[i]]
        if anchors:
            leaves = anchors_of(node)
            placement.anchors = {id(leaf): events[k] for leaf, k in zip(leaves, anchors, strict=True)}
        keyed = self.keyed[i]
        if keyed is not None:
            endpoints, hidden, choices = keyed
            placement.endpoints = dict(endpoints)
            placement.hidden = dict(hidden)
            placement.choices = {key: statements[number] for key, number in choices.items()}
        first = self.first[i]
        placement.statements = list(statements[first : first + self.count[i]])
        return placement


# A pending engine call: ("add", a, b, lo, hi) or ("choice", options); applied only
# once a whole phrase has compiled, so that a phrase that fails adds nothing.
_Op = tuple[Any, ...]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _atomic(method: Callable[Concatenate[Case, _P], _R]) -> Callable[Concatenate[Case, _P], _R]:
    """A method that changes the case either wholly or not at all.

    If it raises, the case is put back as it was (events, people, statements,
    placements, the engine's points and constraints), and anything but a
    :class:`~chronology.ChronologyError` comes out as an
    :class:`~chronology.errors.InternalError` with the original as its cause."""

    @functools.wraps(method)
    def atomic(self: Case, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        mark = self._mark()
        try:
            return method(self, *args, **kwargs)
        except ChronologyError:
            self._undo(mark)
            raise
        except Exception as exc:
            self._undo(mark)
            traceback = exc.__traceback__
            if isinstance(exc, MemoryError) or isinstance(exc, TypeError) and traceback and traceback.tb_next is None:
                raise  # out of memory, or a call of the wrong shape (Python's own error, as for any function)
            raise InternalError(
                f"Case.{method.__name__} failed unexpectedly ({type(exc).__name__}: {_clip(str(exc))}); "
                "the case is as it was before the call. This is a bug in chronology: please report it."
            ) from exc

    return atomic


class Case:
    """People, events and the statements relating them, ready to solve.

    ``document_date`` (a date, ``When``, phrase or ``None``) is what deictic
    phrases ("last year") count from; ``settings`` the reading conventions.

    The *reference time* of a phrase such as "the following day" is the
    ``reference=`` event, or by default the event last added to the case
    (births included): the narrative's reference time moves on as the text does.

    Every method checks its arguments and raises only
    :class:`~chronology.ChronologyError` (a wrong type is
    :class:`~chronology.InvalidValue` naming the argument); a call that raises
    leaves the case as it was.  Adding an event or a statement costs the same
    however large the case is.

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
            raise InvalidValue(f"settings must be a chronology.Settings, not {_shown(settings)}")
        self._network: Network = Network(domain=CALENDAR)
        self._events: list[Event] = []
        self._people: list[Person] = []
        self._statements: list[Statement] = []
        self._placements = _Placements()
        self._removed: set[Statement] = set()
        self._worded_later: set[int] = set()  # events given their words by a later placement (ids)
        self._names: dict[int, str] = {}  # point -> how statements name it
        self._subject: Person | None = None
        self._named: dict[str, Person] = {}  # casefolded name -> person
        self._members: set[int] = set()  # id() of each person
        self._ends: tuple[int, dict[int, tuple[Event, PointName]]] = (0, {})  # see constraints()
        self._trees: dict[object, tuple[Node, Excerpt | None]] = {}  # see _tree
        self._said: dict[str, Excerpt] = {}  # see _excerpt
        self.document: Event | None = None
        if document_date is not None:
            _check_when("document_date", document_date)
            self.document = self._add_event("the document's date", None, words=None, span=False)
            self.place(self.document, document_date)

    # -- building -------------------------------------------------------------------
    @property
    def events(self) -> tuple[Event, ...]:
        """The events, in narrative order (births included)."""
        return tuple(self._events) if self.document is None else tuple(self._events[1:])

    @property
    def people(self) -> tuple[Person, ...]:
        """The people of the case, in the order added."""
        return tuple(self._people)

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement still in force, in the order added."""
        removed = self._removed
        return tuple(s for s in self._statements if s not in removed) if removed else tuple(self._statements)

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
            self._check_person(person, "subject")
        self._subject = person

    @_atomic
    def person(self, name: str, born: WhenLike = None, *, source: Source = None) -> Person:
        """Add a person; ``born`` (a When, phrase, date or ``None``) places their birth.

        >>> case = Case()
        >>> child = case.person("Child S", born=date(2010, 12, 3))
        >>> child.birth.description, str(case.solve().when(child.birth))
        ('birth of Child S', '3 Dec 2010')
        """
        _check_text("name", name, "a person needs a name")
        _check_when("born", born)
        _check_source(source)
        if name.casefold() in self._named:
            raise InvalidValue(f"the case already has a person called {_clip(name)!r}")
        tree = self._tree(born, source) if born is not None else None
        birth = self._add_event(
            f"birth of {name}", None, words=tree[1] if tree else None, span=False, source=source, kind="birth"
        )
        person = Person(name, birth)
        self._people.append(person)
        self._named[name.casefold()] = person
        self._members.add(id(person))
        if tree is not None:
            self._place(birth, tree, person=None, anchor=None, reference=None, source=source)
        return person

    @_atomic
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
        _check_text("description", description, "an event needs a description")
        if when is not None:
            _check_when("when", when)
        if agency is not None:
            _check_text("agency", agency, "an agency is a name such as 'police'")
        members = self._check_people(people) if people != () else ()
        if person is not None:
            self._check_person(person, "person")
        if anchor is not None:
            self._check_anchor(anchor)
        if reference is not None:
            self._check_event(reference, "reference")
        if source is not None:
            _check_source(source)
        if span is not False:
            _check_flag("span", span)
        if kind is not None:
            _check_text("kind", kind, "an event's kind is a word such as 'visit'")
        pairs = _details(details) if details is not None else ()
        tree = self._tree(when, source) if when is not None else None
        needs_span = span or (tree is not None and isinstance(tree[0], (Length, Between)))
        event = self._add_event(
            description,
            tree,
            words=tree[1] if tree else None,
            span=needs_span,
            agency=agency,
            people=members,
            source=source,
            kind=kind,
            details=pairs,
            person=person,
            anchor=anchor,
            reference=reference,
        )
        return event

    @_atomic
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
        self._check_event(event, "event")
        if when is None:
            raise InvalidValue("place(event, when): when is None, and None places nothing")
        _check_when("when", when)
        if person is not None:
            self._check_person(person, "person")
        self._check_anchor(anchor)
        if reference is not None:
            self._check_event(reference, "reference")
        _check_source(source)
        tree = self._tree(when, source)
        if isinstance(tree[0], (Length, Between)) and event.is_instant:
            raise InvalidValue(
                f"{_clip(tree[1].text) if tree[1] else 'the phrase'!r} gives {_clip(event.description)!r} a length, "
                "but it was added as one day (pass span=True)"
            )
        return self._place(event, tree, person=person, anchor=anchor, reference=reference, source=source)

    # -- relations ------------------------------------------------------------------
    @_atomic
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

        A number of days longer than the calendar (1 Jan 1 to 31 Dec 9999) is
        refused: no two days are that far apart.

        >>> case = Case()
        >>> a, b = case.event("a", date(2011, 1, 1)), case.event("b")
        >>> print(case.relate(a, b, 2, 5, words="a few days later"))
        'a few days later': b is 2..5 days after a
        """
        return self._relate(a, b, lo, hi, a_point=a_point, b_point=b_point, words=words, source=source, kind=kind)

    def _relate(
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
        """:meth:`relate` inside another change (one undo mark for the whole call)."""
        self._check_event(a, "a")
        self._check_event(b, "b")
        _check_days("lo", lo)
        _check_days("hi", hi)
        pa, pb = _point(a, a_point, "a_point"), _point(b, b_point, "b_point")
        said = self._excerpt(words)
        _check_source(source)
        _check_text("kind", kind, "a statement's kind is a word such as 'order'")
        return self._relation(a, b, pa, pb, lo, hi, said, source, kind)

    def _relation(
        self,
        a: Event,
        b: Event,
        pa: int,
        pb: int,
        lo: int | None,
        hi: int | None,
        said: Excerpt | None,
        source: Source,
        kind: str,
    ) -> Statement:
        """State ``lo <= pb - pa <= hi`` between the points of ``a`` and ``b`` (all checked)."""
        if lo is not None and hi is not None and lo > hi:
            raise InvalidValue(
                f"relate({_clip(a.description)!r}, {_clip(b.description)!r}): lo {lo} is more than hi {hi}"
            )
        if lo is None and hi is None:
            raise InvalidValue(f"relate({_clip(a.description)!r}, {_clip(b.description)!r}) needs at least one bound")
        says = f"{self._names[pb]} {_relation(lo, hi)} {self._names[pa]}"
        return self._state(says, kind, said, (a, b), source, [("add", pa, pb, lo, hi)])

    @_atomic
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
        self._check_event(a, "a")
        self._check_event(b, "b")
        said = self._excerpt(words)
        if source is not None:
            _check_source(source)
        lo, hi, gap_words = self._gap(gap, "gap")
        return self._relation(a, b, a.end, b.start, lo, hi, said or gap_words, source, "order")

    def after(
        self, a: Event, b: Event, gap: GapLike = None, *, words: str | Excerpt | None = None, source: Source = None
    ) -> Statement:
        """``a`` starts after ``b`` ends (on a later day, or ``gap`` later).

        >>> case = Case()
        >>> a, b = case.event("a"), case.event("b", date(2011, 1, 1))
        >>> print(case.after(a, b, gap="a four day gap"))
        'a four day gap': a is 4 days after b
        """
        self._check_event(a, "a")
        self._check_event(b, "b")
        return self.before(b, a, gap, words=words, source=source)

    @_atomic
    def same_day(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``a`` and ``b`` happen on the same day (for spans: start and end on the same days)."""
        self._check_event(a, "a")
        self._check_event(b, "b")
        said = self._excerpt(words)
        _check_source(source)
        ops: list[_Op] = [("add", a.start, b.start, 0, 0)]
        if not (a.is_instant and b.is_instant):
            ops.append(("add", a.end, b.end, 0, 0))
        says = f"{b.description} is on the same day as {a.description}"
        return self._state(says, "order", said, (a, b), source, ops)

    @_atomic
    def during(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``a`` happens within ``b``: it starts no earlier and ends no later."""
        self._check_event(a, "a")
        self._check_event(b, "b")
        said = self._excerpt(words)
        _check_source(source)
        ops: list[_Op] = [("add", b.start, a.start, 0, None), ("add", b.end, a.end, None, 0)]
        return self._state(f"{a.description} is during {b.description}", "order", said, (a, b), source, ops)

    @_atomic
    def overlaps(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``a`` and ``b`` share at least one day."""
        self._check_event(a, "a")
        self._check_event(b, "b")
        said = self._excerpt(words)
        _check_source(source)
        ops: list[_Op] = [("add", a.start, b.end, 0, None), ("add", b.start, a.end, 0, None)]
        says = f"{a.description} shares a day with {b.description}"
        return self._state(says, "order", said, (a, b), source, ops)

    def starts(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``a`` starts on the day ``b`` starts."""
        return self.relate(b, a, 0, 0, a_point="start", b_point="start", words=words, source=source, kind="order")

    def finishes(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``a`` ends on the day ``b`` ends."""
        return self.relate(b, a, 0, 0, a_point="end", b_point="end", words=words, source=source, kind="order")

    def meets(self, a: Event, b: Event, *, words: str | Excerpt | None = None, source: Source = None) -> Statement:
        """``b`` follows ``a`` with no day between: it starts on ``a``'s last day or the next."""
        return self.relate(a, b, 0, 1, a_point="end", b_point="start", words=words, source=source, kind="order")

    @_atomic
    def within(
        self, a: Event, b: Event, count: GapLike, *, words: str | Excerpt | None = None, source: Source = None
    ) -> Statement:
        """``b`` starts within ``count`` after ``a`` ends ("within two weeks", "within 3 days").

        >>> case = Case()
        >>> a, b = case.event("a", date(2011, 1, 1)), case.event("b")
        >>> print(case.within(a, b, 3))
        b is at most 3 days after a (added by code)
        """
        self._check_event(a, "a")
        self._check_event(b, "b")
        said = self._excerpt(words)
        if count is None:
            raise InvalidValue("within(...) needs a count")
        if source is not None:
            _check_source(source)
        _, hi, count_words = self._gap(count, "count")
        return self._relation(a, b, a.end, b.start, 0, hi, said or count_words, source, "order")

    @_atomic
    def remove(self, statement: Statement) -> None:
        """Withdraw ``statement``; the next solve no longer uses it (and starts afresh).

        >>> case = Case()
        >>> visit = case.event("visit", date(2011, 1, 10))
        >>> case.remove(case.statements[0])
        >>> case.statements
        ()
        """
        if (
            not isinstance(statement, Statement)
            or not 0 <= statement.number < len(self._statements)
            or self._statements[statement.number] is not statement
            or statement in self._removed
        ):
            raise UnknownEvent(f"{_shown(statement)} is not a statement in force in this case")
        self._network.remove(statement)
        self._removed.add(statement)

    # -- solving ----------------------------------------------------------------------
    def solve(self, strict: bool = True, *, budget: int = 10_000) -> Chronology:
        """Resolve the statements into a :class:`Chronology`.

        Strict solving raises :class:`~chronology.Inconsistent` when the
        statements cannot all hold; its ``conflict`` is a minimal tuple of
        statements.  ``strict=False`` sets aside a cheapest set of statements
        instead (fewest; then dates rather than the relations that contradict
        them; see :attr:`Chronology.set_aside_reasons`) and reports them.
        Solving again after adding statements is incremental.

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
        >>> [str(s) for s in relaxed.set_aside]
        ['b is on 1 Jan 2011 (added by code)']
        """
        _check_flag("strict", strict)
        if not isinstance(budget, int) or isinstance(budget, bool) or budget < 1:
            raise InvalidValue(f"budget must be a whole number of at least 1, not {_shown(budget)}")
        try:
            solution = self._network.solve(strict=strict, budget=budget, cost=_cost)
        except ChronologyError:
            raise
        except Exception as exc:
            self._network._graph = None  # start afresh next time
            if isinstance(exc, MemoryError):
                raise
            raise InternalError(
                f"Case.solve failed unexpectedly ({type(exc).__name__}: {_clip(str(exc))}). "
                "This is a bug in chronology: please report it."
            ) from exc
        if strict and not solution.consistent:
            conflict = solution.conflicts[0] if solution.conflicts else ()
            raise _inconsistent(_statements(conflict), self._network.needs_domain(conflict))
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
        rows = self._placements
        found = []
        for i in range(len(rows)):
            p = rows.row(i, self._events, self._statements)
            anchors = tuple(p.anchors[id(leaf)] for leaf in anchors_of(p.node))
            found.append((p.event, p.node, p.words, anchors, tuple(p.statements)))
        return tuple(found)

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
        if (
            not isinstance(statement, Statement)
            or not 0 <= statement.number < len(self._statements)
            or self._statements[statement.number] is not statement
        ):
            raise UnknownEvent(f"{_shown(statement)} is not a statement of this case")
        counted, ends = self._ends
        if counted != len(self._events):  # made once for a case that has stopped growing
            ends = {}
            for event in self._events:
                ends[event.end] = (event, "end")
                ends[event.start] = (event, "start")
            self._ends = (len(self._events), ends)
        found = []
        for a, b, lo, hi in self._network._index()[0].get(statement, ()):
            if a in ends and b in ends:
                found.append((*ends[a], *ends[b], lo, hi))
        return tuple(found)

    # -- internals ----------------------------------------------------------------------
    def _mark(self) -> tuple[Any, ...]:
        return (
            len(self._events),
            len(self._people),
            len(self._statements),
            len(self._placements),
            self._subject,
            self._network._checkpoint(),
        )

    def _undo(self, mark: tuple[Any, ...]) -> None:
        """Put the case back to ``mark`` (see :func:`_atomic`)."""
        events, people, statements, placements, subject, checkpoint = mark
        for person in self._people[people:]:
            self._named.pop(person.name.casefold(), None)
            self._members.discard(id(person))
        del self._events[events:]
        del self._people[people:]
        for statement in self._statements[statements:]:
            self._removed.discard(statement)
        del self._statements[statements:]
        self._placements.truncate(placements)
        self._subject = subject
        self._network._rollback(checkpoint)
        points = self._network.size
        names = self._names
        while names and next(reversed(names)) >= points:
            names.popitem()

    def _add_event(
        self,
        description: str,
        tree: _Tree | None,
        *,
        words: Excerpt | None,
        span: bool,
        agency: str | None = None,
        people: tuple[Person, ...] = (),
        source: Source = None,
        kind: str | None = None,
        details: tuple[tuple[str, str], ...] = (),
        person: Person | None = None,
        anchor: Event | Mapping[str, Event] | None = None,
        reference: Event | None = None,
    ) -> Event:
        """Make an event, compile ``tree`` about it (which may fail), then add both."""
        start = self._network.add_point()
        end = self._network.add_point() if span else start
        event = Event(description, len(self._events), start, end, words, agency, people, source, kind, details)
        if span:
            self._names[start] = f"{description} (start)"
            self._names[end] = f"{description} (end)"
        else:
            self._names[start] = description
        compiled = None
        if tree is not None:
            ref = self._reference(reference, event)
            compiled = self._compile(event, tree[0], tree[1], person=person, anchor=anchor, reference=ref, kept=tree[2])
        self._events.append(event)
        if span:
            says = f"{description} starts no later than it ends"
            self._state(says, "span", None, (event,), None, [("add", start, end, 0, None)])
        if compiled is not None:
            self._commit(compiled, source)
        return event

    def _place(
        self,
        event: Event,
        tree: _Tree,
        *,
        person: Person | None,
        anchor: Event | Mapping[str, Event] | None,
        reference: Event | None,
        source: Source,
    ) -> tuple[Statement, ...]:
        ref = self._reference(reference, event)
        compiled = self._compile(event, tree[0], tree[1], person=person, anchor=anchor, reference=ref, kept=tree[2])
        made = self._commit(compiled, source)
        if event.words is None and tree[1] is not None:
            # an event added without a phrase keeps the one that first placed it, as if given at once
            # (set once, only after the placement held: the value is otherwise frozen)
            object.__setattr__(event, "words", tree[1])
            self._worded_later.add(id(event))
        return made

    def _check_event(self, event: object, name: str = "event") -> None:
        if not isinstance(event, Event):
            raise InvalidValue(f"{name} must be an Event of this case, not {_shown(event)}")
        if not (0 <= event.index < len(self._events) and self._events[event.index] is event):
            raise UnknownEvent(f"{name}: {_shown(event)} is not an event of this case")

    def _check_person(self, person: object, name: str = "person") -> None:
        if not isinstance(person, Person):
            raise InvalidValue(f"{name} must be a Person of this case, not {_shown(person)}")
        if id(person) not in self._members:
            raise UnknownEvent(f"{name}: {_shown(person)} is not a person of this case")

    def _check_people(self, people: object) -> tuple[Person, ...]:
        if isinstance(people, (str, bytes, Person)) or not isinstance(people, Iterable):
            raise InvalidValue(f"people must be a list of the case's Persons, not {_shown(people)}")
        try:
            members = tuple(people)
        except ChronologyError:
            raise
        except Exception as exc:
            raise InvalidValue(f"people could not be read as a list of Persons ({type(exc).__name__})") from exc
        for someone in members:
            self._check_person(someone, "people")
        return members

    def _check_anchor(self, anchor: object) -> None:
        if anchor is None:
            return
        if isinstance(anchor, Event):
            self._check_event(anchor, "anchor")
            return
        if not isinstance(anchor, Mapping):
            raise InvalidValue(f"anchor must be an Event or a mapping from words to Events, not {_shown(anchor)}")
        try:
            items = list(anchor.items())
        except Exception as exc:
            raise InvalidValue(f"anchor could not be read as a mapping ({type(exc).__name__})") from exc
        for key, event in items:
            if not isinstance(key, str):
                raise InvalidValue(f"anchor maps words (str) to Events, not {_shown(key)}")
            self._check_event(event, f"anchor[{_clip(key)!r}]")

    def _reference(self, reference: Event | None, event: Event) -> Event | None:
        """The reference time for a phrase about ``event``: ``reference`` if given, else the
        event added just before it (the document's date is not in the narrative)."""
        if reference is not None:
            return reference
        index = event.index - 1
        if index >= 0 and self._events[index] is self.document:
            index -= 1
        return self._events[index] if index >= 0 else None

    def _tree(self, when: WhenLike, source: Source) -> _Tree:
        """The syntax tree of ``when``, its words (``None``: a value given by code), and what a
        placement keeps in place of the tree (see :class:`_Placements`)."""
        if isinstance(when, (str, Excerpt)):
            text = when if isinstance(when, str) else when.text
            if not text.strip():
                raise InvalidValue("an empty phrase places nothing")
            # a phrase given as a string shares its words (the same Excerpt) as well as its tree
            document = source.document if isinstance(source, Excerpt) and isinstance(when, str) else None
            key: object = (text, document, self.settings)
            known = self._trees.get(key)
            if known is None:
                known = self._keep(key, (_shallow(_parse(text, self.settings)), Excerpt(text, document=document)))
            return known[0], known[1] if isinstance(when, str) else when, None
        words = _words_of(when, source)
        if isinstance(when, _NODES):
            return _checked_tree(when), words, None
        if isinstance(when, When):
            label = words or Excerpt(str(when))
            return _fixed(when.readings, when.kind, label, when.notes), words, None
        if isinstance(when, Interval):
            days = (when.earliest, when.latest)
            return _rebuilt(days), None, days
        if isinstance(when, date) and not hasattr(when, "hour"):
            return _rebuilt(when), None, when
        raise InvalidValue(f"when must be a When, phrase, Excerpt, date, Interval or syntax tree, not {_shown(when)}")

    def _keep(self, key: object, known: tuple[Node, Excerpt | None]) -> tuple[Node, Excerpt | None]:
        """Remember the tree (and words) of a phrase or period: both are immutable, and the events a
        long review places by the same words ("the following day", "June 2011") share them, which
        spares the grammar's work and the objects the cyclic collector would walk."""
        if len(self._trees) >= _TREES_KEPT:
            self._trees.clear()
        self._trees[key] = known
        return known

    def _excerpt(self, words: object) -> Excerpt | None:
        """``words`` as an Excerpt: a string's is shared by every statement given the same words
        ("days later"), as a phrase's is (see :meth:`_keep`)."""
        if not isinstance(words, str):
            return _excerpt(words)
        said = self._said.get(words)
        if said is None:
            if len(self._said) >= _TREES_KEPT:
                self._said.clear()
            said = self._said[words] = Excerpt(words)
        return said

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
            return person
        if leaf.person:
            named = self._named.get(leaf.person.casefold())
            if named is not None:
                return named
        if len(self._people) == 1:
            return self._people[0]
        said = leaf.words.text if leaf.words is not None else leaf.person
        raise MissingAnchor(phrase, "person", said)

    def _anchor_for(self, leaf: Named, phrase: str, anchor: Event | Mapping[str, Event] | None) -> Event:
        if isinstance(anchor, Event):
            return anchor
        if isinstance(anchor, Mapping):
            wanted = " ".join(leaf.words.text.casefold().split())
            for key, event in anchor.items():
                said = " ".join(key.casefold().split())
                # "his death" names the same event as "death", and as "the death".
                if said == wanted or said.endswith(" " + wanted) or wanted.endswith(" " + said):
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
        kept: _Kept = None,
    ) -> tuple[_Placement, list[_Pending]]:
        """The statements a phrase makes about ``event``, not yet added (this may fail)."""
        placement = _Placement(event, node, words, kept=kept)
        placement.anchors = self._bind(node, words, person=person, anchor=anchor, reference=reference)
        pending: list[_Pending] = []
        _Compiler(self, placement, pending).place(node, event.start, event.end)
        return placement, pending

    def _commit(self, compiled: tuple[_Placement, list[_Pending]], source: Source) -> tuple[Statement, ...]:
        """Add the statements :meth:`_compile` made (their numbers were checked there)."""
        placement, pending = compiled
        made = []
        first = len(self._statements)
        for says, kind, part, linked, ops, fixed_id in pending:
            where = source if source is not None else placement.event.source
            statement = self._state(says, kind, part, linked, where, ops)
            if fixed_id is not None:
                placement.choices[fixed_id] = statement
            made.append(statement)
        self._placements.append(placement, first, len(made))
        return tuple(made)

    def _state(
        self, says: str, kind: str, words: Excerpt | None, events: tuple[Event, ...], source: Source, ops: Sequence[_Op]
    ) -> Statement:
        links = _link(events)
        statement = Statement._made(len(self._statements), says, kind, words, links, source, self._events)
        self._statements.append(statement)
        for op in ops:
            if op[0] == "add":
                self._network.add(op[1], op[2], op[3], op[4], statement)
            else:
                self._network.add_choice(op[1], statement)
        return statement

    def _gap(self, gap: GapLike, name: str) -> tuple[int | None, int | None, Excerpt | None]:
        """Day bounds of a gap, and its words when it was a phrase."""
        if gap is None:
            return 1, None, None
        if isinstance(gap, bool):
            raise InvalidValue(f"{name} must be a Count, phrase or number of days, not {gap!r}")
        if isinstance(gap, int):
            if gap < 0:
                raise InvalidValue(f"a {name} of {gap} days is negative: swap the events instead")
            _check_days(name, gap)
            return gap, gap, None
        if isinstance(gap, timedelta):
            return self._gap(gap.days, name)
        if isinstance(gap, Count):
            low, high = _count_days(gap, name)
            return low, high, self._excerpt(gap.text) if gap.text else None
        if isinstance(gap, str):
            if not gap.strip():
                raise InvalidValue(f"{name} is an empty phrase: expected e.g. 'two weeks' or 'a four day gap'")
            node = _parse(gap, self.settings)
            count = _count_of(node)
            if count is None:
                raise InvalidValue(
                    f"{_clip(gap)!r} is not a length of time (expected e.g. 'two weeks' or 'a four day gap')"
                )
            low, high = _count_days(count, name)
            return low, high, self._excerpt(gap)
        raise InvalidValue(f"{name} must be a Count, phrase or number of days, not {_shown(gap)}")


# A statement a phrase makes, not yet added: (says, kind, words, events, ops, id of its Fixed leaf).
_Pending = tuple[str, str, "Excerpt | None", "tuple[Event, ...]", "list[_Op]", "int | None"]


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
        offset = self.offset
        if offset is None or not isinstance(part, Excerpt) or part.text == offset.text:
            return offset
        if offset.start == 0 and offset.document in (None, part.document):
            return part  # the tree's own words, shared with every event the phrase places
        return part.shifted(offset.start, offset.document)

    def emit(self, says: str, kind: str, node: Node, ops: list[_Op], fixed: Fixed | None = None) -> None:
        ops = [op for op in ops if op[0] != "add" or op[3] is not None or op[4] is not None]
        if not ops:
            return
        for op in ops:
            if op[0] == "add" and op[1] != ORIGIN and op[2] != ORIGIN:  # days about the origin come from dates
                for value in op[3:5]:
                    if value is not None and abs(value) > _SPAN_DAYS:
                        raise InvalidValue(
                            f"{_clip(self.phrase)!r} counts {abs(value):,} days, more than the calendar holds "
                            f"(1 Jan 1 to 31 Dec 9999 is {_SPAN_DAYS:,} days)"
                        )
        linked = tuple(dict.fromkeys([self.placement.event, *self.placement.anchors.values()]))
        self.pending.append((says, kind, self.words(node), linked, ops, None if fixed is None else id(fixed)))

    # placing a node: the days [s, e] lie within what the node denotes
    def place(self, node: Node, s: int, e: int) -> None:
        target = self.name(s, e)
        if isinstance(node, Fixed):
            self.place_fixed(node, s, e, target)
        elif isinstance(node, (Shift, Aligned)):
            lo, hi = self.day_range(node)
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
            lo, hi = _count_days(node.count, "the phrase's length")
            if s == e:
                raise InvalidValue(
                    f"{_clip(self.phrase)!r} gives a length, but {_clip(target)!r} is one day (pass span=True)"
                )
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

    def day_range(self, node: Shift | Aligned) -> tuple[int | None, int | None]:
        """Bounds on how far the node moves its base, in days (a tree given by code may hold
        a count or a rule that cannot be read: that is refused, naming the phrase)."""
        if isinstance(node, Shift):
            return _count_days(node.count, repr(_clip(self.phrase)), direction=node.direction)
        try:
            return node.day_range(self.settings)
        except ChronologyError:
            raise
        except Exception as exc:
            raise InvalidValue(
                f"{_clip(self.phrase)!r}: the calendar rule {node.rule!r} cannot be applied to {_shown(node.arg)}"
            ) from exc

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
            raise InvalidValue(f"{_clip(self.phrase)!r}: a length ({_clip(node.words.text)!r}) cannot be counted from")
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
        if h2 != h1:  # a span starts no later than it ends (else a span read from junk was no conflict)
            self.emit(f"{self.case._names[h1]} is no later than its end", node.kind, node, [("add", h1, h2, 0, None)])
        self.place(node, h1, h2)
        return h1, h2


# -- the solved chronology --------------------------------------------------------


@attrs.frozen
class SetAside:
    """A statement a relaxed solve left out, and why.

    ``conflicts`` are the minimal conflicts it belongs to that leaving it out
    resolves; ``reason`` says, in words, why it was chosen over the other
    statements of those conflicts.
    """

    statement: Statement
    reason: str
    conflicts: tuple[tuple[Statement, ...], ...]

    def __str__(self) -> str:
        return f"{self.statement}\n    because {self.reason}"


class Chronology:
    """A solved case: tight bounds, surviving readings, order and explanations.

    Built by :meth:`Case.solve`; it keeps the events and statements as they
    were at that solve, so adding to the case later does not change it.

    A chronology read from a review (``chronology.read``) also holds what was
    read: ``text`` (the text as given), ``source`` (its name), ``mentions``
    (every temporal phrase found, with offsets into ``text``) and ``agencies``
    (the agencies it names).  For a case built by hand they are empty.

    Every method raises only :class:`~chronology.ChronologyError`, and each
    answers in time linear in the size of the case at most (``when`` works
    through the phrases an event counts from without recursion).
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
        self._all = tuple(case._events)  # the document's date too: an event is known by its place here
        self._placement_count = len(case._placements)  # the placements at this solve (rows only grow)
        self._by_event: dict[int, list[_Placement]] | None = None  # see _placed
        self._aside: frozenset[Statement] | None = None  # see _ignored
        self._removed = frozenset(case._removed)
        self._whens: dict[int, When] = {}
        self.settings = case.settings
        self._ordered: tuple[Event, ...] | None = None
        self._cyclic: frozenset[int] = frozenset()  # events whose readings count from each other

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
    def set_aside_reasons(self) -> tuple[SetAside, ...]:
        """Each statement set aside, the conflicts it resolves, and why it was the one chosen.

        A relaxed solve leaves out as few statements as resolve every conflict;
        among sets of that size, it leaves out dates (which place one event)
        rather than the relations between events that contradict them, then
        statements touching fewer events, then those stated later.

        >>> case = Case()
        >>> first = case.event("referral", date(2011, 1, 10))
        >>> visit = case.event("visit", date(2011, 1, 12))
        >>> _ = case.after(visit, first, gap="a four day gap")
        >>> (aside,) = case.solve(strict=False).set_aside_reasons
        >>> print(aside.statement)
        visit is on 12 Jan 2011 (added by code)
        >>> for part in aside.reason.split("; "):
        ...     print(part)
        it is a date, and dates are set aside before relations between events (it clashes with 1 relation)
        of the 2 dates in the clash it was stated last
        """
        found = []
        for statement in self.set_aside:
            conflicts = tuple(_statements(c) for c in self._solution.resolves(statement))
            found.append(SetAside(statement, _reason(statement, conflicts), conflicts))
        return tuple(found)

    @property
    def events(self) -> tuple[Event, ...]:
        """Events in resolved order: by earliest day, then latest, ties in narrative order."""
        if self._ordered is None:
            bounds = self._solution.bounds

            def key(event: Event) -> tuple[int, int]:
                lo, _ = bounds(event.start)
                _, hi = bounds(event.end)
                return (-(10**9) if lo is None else lo, 10**9 if hi is None else hi)

            self._ordered = tuple(sorted(self._events, key=key))
        return self._ordered

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
        bounds.  The When keeps the event's words.  Where events count from
        each other in a circle (a birth placed by an age), each counts from the
        others' bounds, not their readings.
        """
        self._check(event)
        cached = self._whens.get(id(event))
        if cached is None:
            self._resolve(event)
            cached = self._whens[id(event)]
        return cached

    def order(self, a: Event, b: Event) -> Order:
        """How ``a`` stands to ``b``: before, after, same day, overlapping, or undetermined.

        ``on or before`` / ``on or after`` say that one cannot be later, where
        the statements allow the same day.
        """
        self._check(a)
        self._check(b)
        apart = self._apart
        if apart(a.end, b.start, 1):
            return Order.BEFORE
        if apart(b.end, a.start, 1):
            return Order.AFTER
        if a.is_instant and b.is_instant and apart(a.start, b.start, 0) and apart(b.start, a.start, 0):
            return Order.SAME_DAY
        if apart(a.start, b.end, 0) and apart(b.start, a.end, 0):
            return Order.OVERLAPPING
        if apart(a.end, b.start, 0):
            return Order.ON_OR_BEFORE
        if apart(b.end, a.start, 0):
            return Order.ON_OR_AFTER
        return Order.UNDETERMINED

    def mentions_of(self, event: Event) -> tuple[Any, ...]:
        """The mentions read from the text that date ``event`` (none for a case built by hand).

        >>> from chronology import read
        >>> chronology = read("In April 2013 Male B was released. He moved in two weeks later.")
        >>> released = next(e for e in chronology.events if e.kind == "release")
        >>> [m.text for m in chronology.mentions_of(released)]
        ['In April 2013']
        """
        self._check(event)
        return tuple(m for m in self.mentions if getattr(m, "event", None) is event)

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
        return self.explanations([event])[0]

    def explanations(self, events: Iterable[Event] | None = None) -> tuple[Explanation, ...]:
        """:meth:`explain` for each of ``events`` (by default every event, in resolved order) at
        once: the solver puts each combination of readings on its graph once for all of them.

        >>> case = Case()
        >>> a = case.event("referral", When.of(date(2011, 1, 10)))
        >>> b = case.event("visit")
        >>> _ = case.after(b, a, gap=4)
        >>> [len(x.earliest_because) for x in case.solve().explanations([a, b])]
        [1, 2]
        """
        if events is None:
            listed = list(self.events)
        elif isinstance(events, (str, bytes)) or not isinstance(events, Iterable):
            raise InvalidValue(f"explanations(...) needs a list of events, not {_shown(events)}")
        else:
            listed = _listed(events, "explanations(...): events")
        everything = [(event, self.bounds(event)) for event in listed]  # checks each event
        asked: list[tuple[int, Literal["earliest", "latest"]]] = []
        for event, bounds in everything:
            if bounds.earliest is not None:
                asked.append((event.start, "earliest"))
            if bounds.latest is not None:
                asked.append((event.end, "latest"))
        chains = iter(self._solution.explanations(asked))
        found = []
        for event, bounds in everything:
            early = next(chains) if bounds.earliest is not None else ()
            late = next(chains) if bounds.latest is not None else ()
            found.append(
                Explanation(
                    event,
                    bounds.earliest,
                    bounds.latest,
                    _statements(early, keep_order=True),
                    _statements(late, keep_order=True),
                )
            )
        return tuple(found)

    # -- display --------------------------------------------------------------------
    def __str__(self) -> str:
        rows = [(" | ".join(map(str, self.when(e).readings)), e.agency or "", e.description) for e in self.events]
        width = max([len("when")] + [len(r[0]) for r in rows])
        agency = max([len("agency")] + [len(r[1]) for r in rows])
        lines = [f"{'when':<{width}}  {'agency':<{agency}}  event"]
        lines += [f"{w:<{width}}  {a:<{agency}}  {d}" for w, a, d in rows]
        if self.set_aside:
            lines.append("set aside:")
            lines += [f"  - {aside}" for aside in self.set_aside_reasons]
        if not self.exact:
            lines.append("(bounds are sound but not tight: the search ran out of budget)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Chronology of {len(self._events)} events>"

    # -- internals --------------------------------------------------------------------
    @property
    def _ignored(self) -> frozenset[Statement]:
        if self._aside is None:
            self._aside = frozenset(_statements(self._solution.set_aside))
        return self._aside

    def _check(self, event: object) -> None:
        if not isinstance(event, Event) or not (0 <= event.index < len(self._all) and self._all[event.index] is event):
            raise UnknownEvent(f"{_shown(event)} is not an event of this chronology")

    @property
    def _placed(self) -> dict[int, list[_Placement]]:
        """id(event) -> its placements (made when first needed), so that when() is not O(n)."""
        if self._by_event is None:
            self._by_event = {}
            rows, events, statements = self._case._placements, self._case._events, self._case._statements
            for i in range(self._placement_count):
                placement = rows.row(i, events, statements)
                self._by_event.setdefault(id(placement.event), []).append(placement)
        return self._by_event

    def _apart(self, x: int, y: int, n: int) -> bool:
        """Whether the statements entail ``t_y - t_x >= n``: from the bounds alone where
        they settle it either way, else from the solver's difference."""
        bounds = self._solution.bounds
        x_earliest, x_latest = bounds(x)
        y_earliest, y_latest = bounds(y)
        if x_latest is not None and y_earliest is not None and y_earliest - x_latest >= n:
            return True
        if x_earliest is not None and y_latest is not None and y_latest - x_earliest < n:
            return False
        return self._solution.entails(x, y, n)

    def _resolve(self, event: Event) -> None:
        """Fill :attr:`_whens` for ``event`` and every event its phrases count from, those
        counted from first (Tarjan's strongly connected components, without recursion)."""
        index: dict[int, int] = {}
        low: dict[int, int] = {}
        stack: list[Event] = []
        on_stack: set[int] = set()
        work: list[tuple[Event, Iterator[Event]]] = [(event, iter(self._anchors(event)))]
        index[id(event)] = low[id(event)] = 0
        stack.append(event)
        on_stack.add(id(event))
        while work:
            node, children = work[-1]
            for child in children:
                key = id(child)
                if key in self._whens:
                    continue
                if key not in index:
                    index[key] = low[key] = len(index)
                    stack.append(child)
                    on_stack.add(key)
                    work.append((child, iter(self._anchors(child))))
                    break
                if key in on_stack:
                    low[id(node)] = min(low[id(node)], index[key])
            else:
                work.pop()
                if work:
                    parent = id(work[-1][0])
                    low[parent] = min(low[parent], low[id(node)])
                if low[id(node)] == index[id(node)]:
                    members: list[Event] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(id(member))
                        members.append(member)
                        if member is node:
                            break
                    circle = len(members) > 1 or any(a is node for a in self._anchors(node))
                    self._cyclic = frozenset(id(m) for m in members) if circle else frozenset()
                    try:
                        for member in members:
                            self._whens[id(member)] = self._when_of(member)
                    finally:
                        self._cyclic = frozenset()

    def _anchors(self, event: Event) -> list[Event]:
        """The events the phrases placing ``event`` count from."""
        return [a for p in self._live_placements(event) for a in p.anchors.values()]

    def _live_placements(self, event: Event) -> list[_Placement]:
        removed, ignored = self._removed, self._ignored
        return [
            p for p in self._placed.get(id(event), ()) if not any(s in removed or s in ignored for s in p.statements)
        ]

    def _when_of(self, event: Event) -> When:
        """The event's When, its anchors' Whens being known (or in :attr:`_cyclic`)."""
        envelope = self.bounds(event)
        readings: list[Interval] = [envelope]
        for placement in self._live_placements(event):
            own = self._readings(placement, placement.node)
            combined = [c for r in readings for o in own if (c := r.intersect(o)) is not None]
            if len(combined) > _MAX_READINGS:
                combined = [Interval.hull_of(combined)]
            readings = _merge(combined) if combined else readings
        words = event.words
        first = next(iter(self._placed.get(id(event), ())), None)
        kind: Kind = getattr(first.node, "kind", "date") if first is not None else "date"
        return When(tuple(readings), words.text if words is not None else "", kind, words)

    def _anchor_readings(self, anchor: Event) -> list[Interval]:
        """What an anchor allows: its readings, or its bounds where it counts from the event in hand."""
        if id(anchor) in self._cyclic:
            return [self.bounds(anchor)]
        return list(self._whens[id(anchor)].readings)

    def _shifted(self, node: Shift | Aligned, reading: Interval) -> Interval:
        """``reading`` moved as ``node`` moves its base; near the calendar's ends, by the node's
        bounds in days instead (a shift past the calendar's end would overflow)."""
        try:
            return apply_to(node, reading, self.settings)
        except (OverflowError, ValueError):
            pass
        low, high = _node_days(node, self.settings)
        first = None if reading.earliest is None or low is None else _clamped(reading.earliest.toordinal() + low)
        last = None if reading.latest is None or high is None else _clamped(reading.latest.toordinal() + high)
        return Interval(first, last)

    def _readings(self, placement: _Placement, node: Node) -> list[Interval]:
        """What ``node`` allows, given the solved readings of what it counts from."""
        found = self._node_readings(placement, node)
        hidden = placement.hidden.get(id(node))
        if hidden is not None:
            first, last = _date(self._solution.bounds(hidden[0])[0]), _date(self._solution.bounds(hidden[1])[1])
            # The helper points' start may lie after their end where the statement ordering them was
            # set aside (see _Compiler.base): they bound nothing, and the readings stand alone.
            if _ordered(first, last):
                box = Interval(first, last)
                found = [c for r in found if (c := r.intersect(box)) is not None] or [box]
        return found

    def _node_readings(self, placement: _Placement, node: Node) -> list[Interval]:
        if isinstance(node, Fixed):
            choice = placement.choices.get(id(node))
            if choice is None:
                return list(node.readings)
            return [node.readings[i] for i in self._solution.options(choice)]
        if isinstance(node, (Birth, Named, Reference, DocumentDate)):
            return self._anchor_readings(placement.anchors[id(node)])
        if isinstance(node, Endpoint):
            return [_interval(self._solution.bounds(placement.endpoints[id(node)]))]
        if isinstance(node, (Shift, Aligned)):
            return [self._shifted(node, r) for r in self._readings(placement, node.base)]
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

    def differences(
        self, a: Event, events: Iterable[Event], *, a_point: PointName = "start", b_point: PointName = "start"
    ) -> tuple[tuple[int | None, int | None], ...]:
        """:meth:`difference` from ``a`` to each of ``events``, in their order, in one pass:
        the solver searches once from ``a`` rather than once per event (a table's ages).

        >>> case = Case()
        >>> child = case.person("Child S", born="December 2010")
        >>> visit = case.event("health visit", "when he was ten weeks old")
        >>> call = case.event("phone call", "the following day", reference=visit)
        >>> case.solve().differences(child.birth, [visit, call])
        ((70, 76), (71, 77))
        """
        self._check(a)
        if isinstance(events, (str, bytes)) or not isinstance(events, Iterable):
            raise InvalidValue(f"differences(...) needs events to be a list of events, not {_shown(events)}")
        listed = _listed(events, "differences(...): events")
        for event in listed:
            self._check(event)
        origin = _point(a, a_point, "a_point")
        _point(a, b_point, "b_point")
        found = self._solution.differences(origin, [_point(b, b_point, "b_point") for b in listed])
        return tuple(found)

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

    def table(self, *, background: bool = False) -> Table:
        """The chronology as a :class:`chronology.render.Table`: one row per event, in resolved order.

        Events the reader marked as the review's background (policy, services in
        general, the review's own process: ``event.detail("background")``) are
        left out unless ``background=True``.

        >>> case = Case()
        >>> _ = case.event("referral", "early summer 2011", agency="police")
        >>> print(case.solve().table().to_markdown(columns=("display", "agency", "event", "certainty")))
        | Date | Agency | Event | Certainty |
        | --- | --- | --- | --- |
        | Jun 2011 | police | referral | bounded |
        """
        from chronology.render.table import build_table

        if not isinstance(background, bool):
            raise InvalidValue(f"background must be True or False, not {background!r}")
        return build_table(self, background=background)


# -- helpers ------------------------------------------------------------------------

CALENDAR: tuple[int, int] = (date.min.toordinal(), date.max.toordinal())
"""The engine's domain for a case: 1 Jan 1 to 31 Dec 9999, as day numbers."""

_SPAN_DAYS = CALENDAR[1] - CALENDAR[0]  # no two days of the calendar are further apart
_MAX_DEPTH = 32  # how deeply a syntax tree may nest (phrases nest a few levels)

# What setting a statement aside costs a relaxed solve, by kind (docs/engine.md):
# a date places one event on the calendar; a relation ties events together, so that
# setting it aside cuts loose everything it carries; a span's "start before end" is
# what an event with a length is, and is set aside only if nothing else will do.
_DATE_KINDS = frozenset({"date", "readings"})
_DATE_WEIGHT = 1.0
_RELATION_WEIGHT = 2.0


def _cost(tag: object) -> float | None:
    """The engine's cost of leaving ``tag`` (a Statement) out of a relaxed solve."""
    if not isinstance(tag, Statement):
        return _RELATION_WEIGHT
    if tag.kind == "span":
        return None
    return _DATE_WEIGHT if tag.kind in _DATE_KINDS else _RELATION_WEIGHT


def _what(statement: Statement) -> str:
    if statement.kind == "span":
        return "what makes an event with a length"
    return "a date placing one event" if statement.kind in _DATE_KINDS else "a relation between events"


def _reason(statement: Statement, conflicts: tuple[tuple[Statement, ...], ...]) -> str:
    """Why a relaxed solve left ``statement`` out, from the conflicts it resolves."""
    others = list(dict.fromkeys(o for c in conflicts for o in c if o is not statement))
    mine = _cost(statement)
    weights = {o: _cost(o) for o in others}

    def heavier(o: Statement) -> bool:
        w = weights[o]
        return w is None or (mine is not None and w > mine)

    def lighter(o: Statement) -> bool:
        w = weights[o]
        return w is not None and (mine is None or w < mine)

    parts = []
    if len(conflicts) > 1:
        parts.append(f"leaving it out resolves {len(conflicts)} conflicts at once")
    elif not others:
        parts.append("it cannot hold on its own")
    heavy = [o for o in others if heavier(o)]
    light = [o for o in others if lighter(o)]
    level = [o for o in others if not heavier(o) and not lighter(o)]
    if heavy:
        n = len(heavy)
        if statement.kind in _DATE_KINDS:
            many = "relation" if n == 1 else "relations"
            parts.append(
                f"it is a date, and dates are set aside before relations between events (it clashes with {n} {many})"
            )
        else:
            many = "statement" if n == 1 else "statements"
            parts.append(f"the {n} {many} it clashes with weigh more (events with a length need them)")
    if light:
        n = len(light)
        many = "statement" if n == 1 else "statements"
        parts.append(f"setting aside the {n} lighter {many} it clashes with would leave out more in all")
    if level:
        k = len(level) + 1
        kind = "dates" if statement.kind in _DATE_KINDS else "statements as heavy"
        if all(len(statement.events) < len(o.events) for o in level):
            parts.append(f"of the {k} {kind} in the clash it touches the fewest events")
        elif all(o.number < statement.number for o in level):
            parts.append(f"of the {k} {kind} in the clash it was stated last")
        else:
            parts.append(f"of the {k} {kind} in the clash it is the one that resolves the most")
    return "; ".join(parts)


def _inconsistent(conflict: tuple[Statement, ...], calendar: bool) -> Inconsistent:
    """The error for a conflict; one that holds only because no day lies outside the calendar says so."""
    if not calendar:
        return Inconsistent(conflict)
    lines = [f"these {len(conflict)} statements cannot all be true within the calendar (1 Jan 1 to 31 Dec 9999):"]
    lines += [f"  - {statement}" for statement in conflict]
    return Inconsistent(conflict, "\n".join(lines))


def _shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` for a message, clipped, and safe against a repr that raises."""
    try:
        text = repr(value)
    except Exception:
        text = f"<a {type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip(text: str, limit: int = 80) -> str:
    """Shorten ``text`` for a message, so that an error never dumps a document."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_text(name: str, value: object, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(f"{name}: {what}, not {_shown(value)}")


def _check_flag(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidValue(f"{name} must be True or False, not {_shown(value)}")


def _check_source(value: object) -> None:
    if value is not None and not isinstance(value, (str, Excerpt)):
        raise InvalidValue(f"source must be a string, an Excerpt or None, not {_shown(value)}")


def _check_when(name: str, value: object) -> None:
    if value is None or isinstance(value, (When, str, Excerpt, Interval, *_NODES)):
        return
    if isinstance(value, date) and not hasattr(value, "hour"):
        return
    raise InvalidValue(f"{name} must be a When, phrase, Excerpt, date, Interval or syntax tree, not {_shown(value)}")


def _check_days(name: str, value: object) -> None:
    """A number of days: a whole number no longer than the calendar, or None."""
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidValue(f"{name} must be a whole number of days or None, not {_shown(value)}")
    if abs(value) > _SPAN_DAYS:
        raise InvalidValue(
            f"{name} = {value:,} days is longer than the calendar (1 Jan 1 to 31 Dec 9999 is {_SPAN_DAYS:,} days)"
        )


def _count_days(count: object, name: str, direction: int = 1) -> tuple[int | None, int | None]:
    """Bounds in days of a count moved forwards (``direction`` 1) or back, checked."""
    if not isinstance(count, Count):
        raise InvalidValue(f"{name} must be a Count, not {_shown(count)}")
    for amount in (count.low, count.high):
        if amount is None:
            continue
        parts = (amount.months, amount.days)
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in parts):
            raise InvalidValue(f"{name}: a count's months and days are whole numbers, not {_shown(amount)}")
        if abs(amount.months) > 12 * 10_000 or abs(amount.days) > _SPAN_DAYS:
            raise InvalidValue(f"{name}: {amount} is longer than the calendar")
    try:
        low, high = count.day_range()
    except (OverflowError, ValueError, ArithmeticError) as exc:
        raise InvalidValue(f"{name}: {count} cannot be counted on the calendar") from exc
    for value in (low, high):
        if value is not None and abs(value) > _SPAN_DAYS:
            raise InvalidValue(f"{name}: {count} is longer than the calendar")
    if direction == 1:
        return low, high
    return (None if high is None else -high), -low


def _parse(text: str, settings: Settings) -> Node:
    """The grammar's tree for ``text``; anything the grammar raises but its own errors is
    reported as words it could not read (the grammar's failure is kept as the cause)."""
    try:
        return phrases.parse(text, settings=settings)
    except ChronologyError:
        raise
    except Exception as exc:
        if isinstance(exc, MemoryError):
            raise
        raise UnrecognisedPhrase(
            text, 0, len(text), f"the grammar failed on these words ({type(exc).__name__})"
        ) from exc


def _checked_tree(tree: object) -> Node:
    """A syntax tree given by code (or the grammar), checked part by part without
    recursion: node types, their fields, and no deeper than :data:`_MAX_DEPTH`."""
    stack: list[tuple[object, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > _MAX_DEPTH:
            raise InvalidValue(f"a syntax tree nests more than {_MAX_DEPTH} levels deep")
        if not isinstance(node, _NODES):
            raise InvalidValue(f"each part of a syntax tree must be a node, not {_shown(node)}")
        words = getattr(node, "words", None)
        needs_words = not isinstance(node, (Reference, DocumentDate, Birth, Hull))
        if not isinstance(words, Excerpt) and (needs_words or words is not None):
            raise InvalidValue(f"{type(node).__name__}.words must be an Excerpt, not {_shown(words)}")
        kind = getattr(node, "kind", "date")
        if not isinstance(kind, str):
            raise InvalidValue(f"{type(node).__name__}.kind must be a string, not {_shown(kind)}")
        children: tuple[object, ...] = ()
        if isinstance(node, Fixed):
            if not node.readings or not all(isinstance(r, Interval) for r in node.readings):
                raise InvalidValue(f"Fixed.readings must be one or more Intervals, not {_shown(node.readings)}")
        elif isinstance(node, Birth):
            if node.person is not None and not isinstance(node.person, str):
                raise InvalidValue(f"Birth.person must be a string or None, not {_shown(node.person)}")
        elif isinstance(node, (Shift, Length)):
            _count_days(node.count, f"{type(node).__name__}.count")
            if isinstance(node, Shift):
                if node.direction not in (1, -1) or isinstance(node.direction, bool):
                    raise InvalidValue(f"Shift.direction must be 1 or -1, not {_shown(node.direction)}")
                children = (node.base,)
        elif isinstance(node, Aligned):
            if not isinstance(node.rule, str) or node.rule not in RULES:
                raise InvalidValue(f"Aligned.rule must name a calendar rule, not {_shown(node.rule)}")
            try:
                hash(node.arg)
            except Exception:
                raise InvalidValue(f"Aligned.arg must be hashable, not {_shown(node.arg)}") from None
            children = (node.base,)
        elif isinstance(node, Between):
            if not isinstance(node.fills, bool):
                raise InvalidValue(f"Between.fills must be True or False, not {_shown(node.fills)}")
            children = (node.start, node.end)
        elif isinstance(node, Endpoint):
            if node.which not in ("start", "end"):
                raise InvalidValue(f"Endpoint.which must be 'start' or 'end', not {_shown(node.which)}")
            children = (node.base,)
        elif isinstance(node, Bound):
            if node.side not in ("until", "since"):
                raise InvalidValue(f"Bound.side must be 'until' or 'since', not {_shown(node.side)}")
            children = (node.base,)
        elif isinstance(node, Hull):
            if not node.parts:
                raise InvalidValue("a Hull needs at least one part")
            children = tuple(node.parts)
        stack.extend((child, depth + 1) for child in children)
    return tree  # type: ignore[return-value]


def _shallow(tree: Node) -> Node:
    """A tree the grammar made, checked only for depth (without recursion): what reads
    the tree recurses, and must do so no deeper than :data:`_MAX_DEPTH`."""
    stack: list[tuple[object, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > _MAX_DEPTH:
            raise InvalidValue(f"a phrase that nests more than {_MAX_DEPTH} levels deep is not read")
        if isinstance(node, (Shift, Aligned, Endpoint, Bound)):
            stack.append((node.base, depth + 1))
        elif isinstance(node, Between):
            stack += [(node.start, depth + 1), (node.end, depth + 1)]
        elif isinstance(node, Hull):
            stack += [(part, depth + 1) for part in node.parts]
    return tree


def _node_days(node: Shift | Aligned, settings: Settings) -> tuple[int | None, int | None]:
    if isinstance(node, Shift):
        return _count_days(node.count, "count", direction=node.direction)
    return node.day_range(settings)


def _clamped(ordinal: int) -> date:
    """The day ``ordinal``, or the calendar's end it is past (for a reading cut to the calendar)."""
    return date.fromordinal(min(max(ordinal, CALENDAR[0]), CALENDAR[1]))


def _details(details: object) -> tuple[tuple[str, str], ...]:
    if details is None:
        return ()
    if not isinstance(details, Mapping):
        raise InvalidValue(f"details must map field names to text, not {_shown(details)}")
    try:
        items = list(details.items())
    except Exception as exc:
        raise InvalidValue(f"details could not be read as a mapping ({type(exc).__name__})") from exc
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in items):
        raise InvalidValue(f"an event's details must map field names to text, not {_shown(details)}")
    return tuple((k, v) for k, v in items if v.strip())


def _number(statement: Statement) -> int:
    return statement.number


def _statements(tags: Iterable[object], *, keep_order: bool = False) -> tuple[Statement, ...]:
    """The engine's tags as statements (every tag this module adds is one), in case order unless kept."""
    found = [tag for tag in tags if isinstance(tag, Statement)]
    return tuple(found if keep_order else sorted(found, key=_number))


def _fixed(readings: tuple[Interval, ...], kind: Kind, words: Excerpt, notes: tuple[str, ...] = ()) -> Fixed:
    """A Fixed leaf for a value given by code (a When, Interval or date)."""
    return Fixed(readings, kind, words, notes)


def _rebuilt(kept: date | tuple[date | None, date | None]) -> Fixed:
    """The tree of a date, or of a period's (earliest, latest), given by code (see :class:`_Placements`)."""
    if isinstance(kept, date):
        label = _day(kept)
        return _make.fixed((Interval._trusted(kept, kept),), "day", _make.excerpt(label, 0, len(label)))
    period = Interval._trusted(*kept)
    label = str(period)
    return _make.fixed((period,), "range", _make.excerpt(label, 0, len(label)))


def _listed(items: Iterable[Any], what: str) -> list[Any]:
    """``items`` as a list; an iterable that fails while read is an InvalidValue saying so."""
    try:
        return list(items)
    except ChronologyError:
        raise
    except Exception as exc:
        raise InvalidValue(f"{what} could not be read (it raised {type(exc).__name__})") from None


def _point(event: Event, which: object, name: str = "point") -> int:
    if which == "start" and isinstance(which, str):
        return event.start
    if which == "end" and isinstance(which, str):
        return event.end
    raise InvalidValue(f"{name}: a point of an event is 'start' or 'end', not {_shown(which)}")


def _excerpt(words: object) -> Excerpt | None:
    if words is None or isinstance(words, Excerpt):
        return words
    if isinstance(words, str):
        return Excerpt(words)
    raise InvalidValue(f"words must be a string or an Excerpt, not {_shown(words)}")


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
    """The day ``ordinal`` (the engine keeps every point in the calendar)."""
    return None if ordinal is None else date.fromordinal(ordinal)


def _interval(bounds: tuple[int | None, int | None]) -> Interval:
    return Interval(_date(bounds[0]), _date(bounds[1]))


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
