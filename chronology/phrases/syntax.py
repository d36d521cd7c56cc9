"""The syntax tree a phrase parses to, before anything is resolved.

A phrase that needs nothing else ("early summer 2011") parses to a
:class:`Fixed` leaf with its readings.  A phrase that counts from something
parses to a node whose ``base`` says what: a person's :class:`Birth`, another
:class:`Named` event ("his death"), the narrative's :class:`Reference` time
("the following day") or the :class:`DocumentDate` ("last year").  The
resolver in :mod:`chronology.phrases` turns a tree into a :class:`When` given
those points; the engine turns it into statements between events, so that
when the anchor tightens, the phrase tightens too.

Every node keeps its words as an :class:`~chronology.model.Excerpt` with
offsets into the phrase it came from.

Nodes that move a day (``Shift``, ``Aligned``) are monotone: a later base day
never gives an earlier result.  So a base known only to an interval maps to
the hull of the results for its first and last days (:func:`apply_to`), and
the difference from base to result is bounded by :meth:`Shift.day_range` /
:meth:`Aligned.day_range` whatever the base day is.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import date
from typing import Literal

import attrs

from chronology.model import Count, Excerpt, Interval, Kind
from chronology.settings import DEFAULT, Settings

__all__ = [
    "Node",
    "Fixed",
    "Reference",
    "DocumentDate",
    "Birth",
    "Named",
    "Shift",
    "Aligned",
    "Between",
    "Endpoint",
    "Bound",
    "Hull",
    "Length",
    "apply_to",
    "anchors_of",
]


def _intervals(value: Iterable[Interval]) -> tuple[Interval, ...]:
    return tuple(value)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _nodes(value: Iterable[Node]) -> tuple[Node, ...]:
    return tuple(value)


def _values(value: Iterable[Hashable]) -> tuple[Hashable, ...]:
    return tuple(value)


@attrs.frozen
class Fixed:
    """A calendar period that needs nothing else: ``2011``, ``early summer 2011``.

    ``readings`` keeps every reading the words allow (``winter 2010`` has two);
    ``notes`` labels them where that helps a reader.
    """

    readings: tuple[Interval, ...] = attrs.field(converter=_intervals)
    kind: Kind
    words: Excerpt
    notes: tuple[str, ...] = attrs.field(default=(), converter=_strings)


@attrs.frozen
class Reference:
    """The narrative's reference time: the event the text last placed."""

    words: Excerpt | None = None


@attrs.frozen
class DocumentDate:
    """The date the document was written ("today", "last year" count from it)."""

    words: Excerpt | None = None


@attrs.frozen
class Birth:
    """A person's birth; ``person`` holds the words naming them, if any ("his", "Child S's")."""

    person: str | None = None
    words: Excerpt | None = None


@attrs.frozen
class Named:
    """Another event, named by its words: "his death", "that assessment"."""

    words: Excerpt


@attrs.frozen
class Shift:
    """``base`` moved by ``count``: after it (``direction=1``) or before it (``-1``).

    Ages are shifts from a :class:`Birth` whose count already runs from the
    completed age to the day before the next one.
    """

    base: Node
    count: Count
    direction: Literal[1, -1]
    kind: Kind
    words: Excerpt

    def apply(self, day: date, settings: Settings = DEFAULT) -> Interval:
        """The days this phrase allows when its base is ``day``."""
        return self.count.after(day) if self.direction == 1 else self.count.before(day)

    def day_range(self, settings: Settings = DEFAULT) -> tuple[int | None, int | None]:
        """Bounds on ``result - base`` in days, whatever the base day."""
        low, high = self.count.day_range()
        if self.direction == 1:
            return low, high
        return (None if high is None else -high), -low


# The calendar-aligned rules an Aligned node may name: rule(day, arg, settings) -> Interval.
# The grammar registers them (chronology.phrases); keeping the registry here lets the
# engine bound any rule without knowing the grammar.
AlignedRule = Callable[[date, tuple[Hashable, ...], Settings], Interval]
RULES: dict[str, AlignedRule] = {}


def rule(name: str) -> Callable[[AlignedRule], AlignedRule]:
    """Register a calendar-aligned rule under ``name`` (used by the grammar)."""

    def register(function: AlignedRule) -> AlignedRule:
        RULES[name] = function
        return function

    return register


@attrs.frozen
class Aligned:
    """A calendar-aligned function of the base day: "the following month",
    "later that month", "on the Monday", "the next working day".

    ``rule`` names an entry of :data:`RULES`; ``arg`` is its (hashable) argument.
    """

    base: Node
    rule: str
    arg: tuple[Hashable, ...] = attrs.field(converter=_values)
    kind: Kind
    words: Excerpt

    def apply(self, day: date, settings: Settings = DEFAULT) -> Interval:
        """The days this phrase allows when its base is ``day``."""
        return RULES[self.rule](day, self.arg, settings)

    def day_range(self, settings: Settings = DEFAULT) -> tuple[int | None, int | None]:
        """Bounds on ``result - base`` in days, whatever the base day (sampled over leap cycles)."""
        return _aligned_day_range(self.rule, self.arg, settings)


@attrs.frozen
class Between:
    """From ``start`` to ``end``: "between 2013 and the child's death",
    "from September 2011 to October 2014", "since 2011" (end = reference).

    ``fills`` is true where the words say the thing ran from one to the other
    ("from A to B", "since A"): an event with a length then starts in A and ends
    in B.  Otherwise ("between A and B") it lies somewhere within.
    """

    start: Node
    end: Node
    kind: Kind
    words: Excerpt
    fills: bool = False


@attrs.frozen
class Endpoint:
    """The start or end point of an event with a length: "the end of his licence"."""

    base: Node
    which: Literal["start", "end"]
    words: Excerpt


@attrs.frozen
class Bound:
    """Only one side is known: "by the end of February 2009" (``side="until"``:
    no later than the base's latest day), "Aug 2011 onwards" (``"since"``)."""

    base: Node
    side: Literal["until", "since"]
    kind: Kind
    words: Excerpt


@attrs.frozen
class Hull:
    """Joined periods, taken as one: "in March and April 2020", "May/June 2010"."""

    parts: tuple[Node, ...] = attrs.field(converter=_nodes)
    kind: Kind = "range"
    words: Excerpt | None = None


@attrs.frozen
class Length:
    """A duration that locates nothing: "for three days" bounds an event's length."""

    count: Count
    words: Excerpt


Node = Fixed | Reference | DocumentDate | Birth | Named | Shift | Aligned | Between | Endpoint | Bound | Hull | Length


def apply_to(node: Shift | Aligned, base: Interval, settings: Settings = DEFAULT) -> Interval:
    """The days ``node`` allows when its base is anywhere in ``base``.

    Sound because every shift and rule is monotone: the result for any base
    day lies between the results for the first and last base days.

    >>> from chronology.model import Count, Excerpt
    >>> following_day = Shift(Reference(), Count.days(1), 1, "narrative", Excerpt("the following day"))
    >>> str(apply_to(following_day, Interval.month(2010, 12)))
    '2 Dec 2010 – 1 Jan 2011'
    """
    first = node.apply(base.earliest, settings) if base.earliest is not None else None
    last = node.apply(base.latest, settings) if base.latest is not None else None
    return Interval(
        None if first is None else first.earliest,
        None if last is None else last.latest,
    )


def anchors_of(node: Node) -> tuple[Node, ...]:
    """The leaves a tree counts from: births, named events, reference, document date.

    >>> from chronology.model import Count, Excerpt
    >>> words = Excerpt("three months before his death")
    >>> tree = Shift(Named(Excerpt("his death")), Count.of(3, "month"), -1, "relative", words)
    >>> anchors_of(tree)
    (Named(words=Excerpt(text='his death', start=0, end=9, document=None)),)
    """
    if isinstance(node, (Reference, DocumentDate, Birth, Named)):
        return (node,)
    if isinstance(node, (Shift, Aligned, Endpoint, Bound)):
        return anchors_of(node.base)
    if isinstance(node, Between):
        return anchors_of(node.start) + anchors_of(node.end)
    if isinstance(node, Hull):
        return tuple(leaf for part in node.parts for leaf in anchors_of(part))
    return ()


_SAMPLE_START = date(1996, 1, 1).toordinal()
_SAMPLE_DAYS = 8 * 366


def _aligned_day_range(name: str, arg: tuple[Hashable, ...], settings: Settings) -> tuple[int | None, int | None]:
    key = (name, arg, settings)
    cached = _RANGE_CACHE.get(key)
    if cached is not None:
        return cached
    function = RULES[name]
    low: int | None = None
    high: int | None = None
    low_open = high_open = False
    for ordinal in range(_SAMPLE_START, _SAMPLE_START + _SAMPLE_DAYS):
        day = date.fromordinal(ordinal)
        result = function(day, arg, settings)
        if result.earliest is None:
            low_open = True
        else:
            offset = (result.earliest - day).days
            low = offset if low is None or offset < low else low
        if result.latest is None:
            high_open = True
        else:
            offset = (result.latest - day).days
            high = offset if high is None or offset > high else high
    answer = (None if low_open else low, None if high_open else high)
    _RANGE_CACHE[key] = answer
    return answer


_RANGE_CACHE: dict[tuple[str, tuple[Hashable, ...], Settings], tuple[int | None, int | None]] = {}
