"""Quick constructors of the value types and tree nodes, for the grammar's hot path.

Each function builds its object as the class's own constructor would for the same
arguments, without the attrs ``__init__``'s conversions and checks: callers pass
values already of the right types and in order (the grammar does).  The value
types are attrs classes, which mypyc cannot compile; this module can be, with
the grammar (``setup.py``), so a value costs a C call here where a classmethod of
:mod:`chronology.model` would cost an interpreted frame.  ``tests/test_fast_paths.py``
checks that each equals the class's constructor.

>>> from datetime import date
>>> interval(date(2011, 6, 1), date(2011, 6, 30)) == Interval.month(2011, 6)
True
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Final, Literal

from chronology.model import Amount, Count, Excerpt, Interval, Kind, When, _slot_setters
from chronology.phrases.syntax import Aligned, Birth, DocumentDate, Fixed, Named, Node, Reference, Shift

__all__ = [
    "interval",
    "excerpt",
    "when",
    "amount",
    "count",
    "fixed",
    "shift",
    "aligned",
    "birth",
    "named",
    "reference",
    "document_date",
]

_new: Final = object.__new__

# Each slot's own setter (quicker than object.__setattr__, which looks the slot up by name).
_INTERVAL: Final = _slot_setters(Interval, "earliest", "latest")
_EXCERPT: Final = _slot_setters(Excerpt, "text", "start", "end", "document")
_WHEN: Final = _slot_setters(When, "readings", "text", "kind", "source", "notes")
_AMOUNT: Final = _slot_setters(Amount, "months", "days")
_COUNT: Final = _slot_setters(Count, "low", "high", "text")
_FIXED: Final = _slot_setters(Fixed, "readings", "kind", "words", "notes")
_SHIFT: Final = _slot_setters(Shift, "base", "count", "direction", "kind", "words")
_ALIGNED: Final = _slot_setters(Aligned, "base", "rule", "arg", "kind", "words")
_BIRTH: Final = _slot_setters(Birth, "person", "words")
_NAMED: Final = _slot_setters(Named, "words")
_REFERENCE: Final = _slot_setters(Reference, "words")
_DOCUMENT: Final = _slot_setters(DocumentDate, "words")


def interval(earliest: date | None, latest: date | None) -> Interval:
    """``Interval(earliest, latest)`` for plain dates (or ``None``) in order."""
    self: Interval = _new(Interval)
    _INTERVAL[0](self, earliest)
    _INTERVAL[1](self, latest)
    return self


def excerpt(text: str, start: int, end: int, document: str | None = None) -> Excerpt:
    """``Excerpt(text, start, end, document)`` for ``0 <= start <= end``."""
    self: Excerpt = _new(Excerpt)
    _EXCERPT[0](self, text)
    _EXCERPT[1](self, start)
    _EXCERPT[2](self, end)
    _EXCERPT[3](self, document)
    return self


def when(
    readings: tuple[Interval, ...], text: str, kind: Kind, source: Excerpt | None = None, notes: tuple[str, ...] = ()
) -> When:
    """``When(readings, text, kind, source, notes)`` for a non-empty tuple of readings."""
    self: When = _new(When)
    setters = _WHEN
    setters[0](self, readings)
    setters[1](self, text)
    setters[2](self, kind)
    setters[3](self, source)
    setters[4](self, notes)
    return self


def amount(months: int = 0, days: int = 0) -> Amount:
    """``Amount(months, days)``."""
    self: Amount = _new(Amount)
    _AMOUNT[0](self, months)
    _AMOUNT[1](self, days)
    return self


def count(low: Amount, high: Amount | None, text: str = "") -> Count:
    """``Count(low, high, text)`` where ``low`` is no more than ``high``."""
    self: Count = _new(Count)
    _COUNT[0](self, low)
    _COUNT[1](self, high)
    _COUNT[2](self, text)
    return self


def fixed(readings: tuple[Interval, ...], kind: Kind, words: Excerpt, notes: tuple[str, ...] = ()) -> Fixed:
    """``Fixed(readings, kind, words, notes)`` for tuples."""
    self: Fixed = _new(Fixed)
    _FIXED[0](self, readings)
    _FIXED[1](self, kind)
    _FIXED[2](self, words)
    _FIXED[3](self, notes)
    return self


def shift(base: Node, count: Count, direction: Literal[1, -1], kind: Kind, words: Excerpt) -> Shift:
    """``Shift(base, count, direction, kind, words)``."""
    self: Shift = _new(Shift)
    setters = _SHIFT
    setters[0](self, base)
    setters[1](self, count)
    setters[2](self, direction)
    setters[3](self, kind)
    setters[4](self, words)
    return self


def aligned(base: Node, rule: str, arg: tuple[Hashable, ...], kind: Kind, words: Excerpt) -> Aligned:
    """``Aligned(base, rule, arg, kind, words)`` for a tuple ``arg``."""
    self: Aligned = _new(Aligned)
    setters = _ALIGNED
    setters[0](self, base)
    setters[1](self, rule)
    setters[2](self, arg)
    setters[3](self, kind)
    setters[4](self, words)
    return self


def birth(person: str | None = None, words: Excerpt | None = None) -> Birth:
    """``Birth(person, words)``."""
    self: Birth = _new(Birth)
    _BIRTH[0](self, person)
    _BIRTH[1](self, words)
    return self


def named(words: Excerpt) -> Named:
    """``Named(words)``."""
    self: Named = _new(Named)
    _NAMED[0](self, words)
    return self


def reference(words: Excerpt | None = None) -> Reference:
    """``Reference(words)``."""
    self: Reference = _new(Reference)
    _REFERENCE[0](self, words)
    return self


def document_date(words: Excerpt | None = None) -> DocumentDate:
    """``DocumentDate(words)``."""
    self: DocumentDate = _new(DocumentDate)
    _DOCUMENT[0](self, words)
    return self
