"""The value types: days, words, counts and dates with their readings.

All are frozen, slotted attrs classes, validated on construction, so that a
value that exists is a value that can be trusted.

- :class:`Interval`: whole days ``[earliest, latest]``, inclusive; either end
  may be open (``None``) where the text bounds only one side.
- :class:`Excerpt`: words with their character offsets in a text; the
  provenance every value carries.  (Not called ``Span``: spaCy has one.)
- :class:`Amount` and :class:`Count`: a calendar shift (months and days) and a
  counted offset with its tolerance, used by ages and relative phrases.
- :class:`When`: one or more readings of a phrase, with its words.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from datetime import date
from fractions import Fraction
from typing import Literal

import attrs

from chronology import calendar as cal
from chronology.errors import InvalidValue, shown

__all__ = ["Interval", "Excerpt", "Amount", "Count", "When", "Kind"]

Kind = Literal[
    "day",
    "month",
    "year",
    "range",
    "part",
    "season",
    "age",
    "relative",
    "narrative",
    "deictic",
    "holiday",
    "duration",
    "date",
]

# Interval._trusted: an Interval whose checks the caller has already made (chronology.phrases._make
# builds the other values so, for the grammar).
_new = object.__new__

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _optional_date(instance: object, attribute: attrs.Attribute, value: object) -> None:  # type: ignore[type-arg]
    if value is not None and (not isinstance(value, date) or type(value) is not date and hasattr(value, "hour")):
        raise InvalidValue(f"Interval.{attribute.name} must be a datetime.date or None, not {shown(value)}")


@attrs.frozen(order=False)
class Interval:
    """Whole days from ``earliest`` to ``latest``, both included.

    ``None`` at either end means the text leaves that side open ("by the end
    of February 2009" has no earliest day).

    >>> Interval.month(2011, 6)
    Interval(earliest=datetime.date(2011, 6, 1), latest=datetime.date(2011, 6, 30))
    >>> str(Interval.month(2011, 6)), Interval.month(2011, 6).days
    ('Jun 2011', 30)
    >>> Interval(date(2011, 2, 1), date(2011, 1, 1))
    Traceback (most recent call last):
    ...
    chronology.errors.InvalidValue: Interval earliest 2011-02-01 is after latest 2011-01-01
    """

    earliest: date | None = attrs.field(validator=_optional_date)
    latest: date | None = attrs.field(validator=_optional_date)

    def __attrs_post_init__(self) -> None:
        if self.earliest is not None and self.latest is not None and self.earliest > self.latest:
            raise InvalidValue(f"Interval earliest {self.earliest} is after latest {self.latest}")

    @classmethod
    def _trusted(cls, earliest: date | None, latest: date | None) -> Interval:
        """An Interval built without checks, for internal callers that have already
        made sure both ends are plain dates (or ``None``) in order.  Users call ``Interval(...)``.

        >>> Interval._trusted(date(2011, 6, 1), date(2011, 6, 30)) == Interval.month(2011, 6)
        True
        """
        self = _new(cls)
        _interval_earliest(self, earliest)
        _interval_latest(self, latest)
        return self

    # -- named constructors -------------------------------------------------
    @classmethod
    def day(cls, year: int, month: int, day: int) -> Interval:
        """One day.

        >>> str(Interval.day(2013, 7, 9))
        '9 Jul 2013'
        """
        one = _make_date(year, month, day)
        return cls._trusted(one, one)

    @classmethod
    def on(cls, day: date) -> Interval:
        """The single day ``day``."""
        return cls(day, day)

    @classmethod
    def month(cls, year: int, month: int) -> Interval:
        """A whole calendar month."""
        first = _make_date(year, month, 1)
        return cls._trusted(first, cal.month_end(first))

    @classmethod
    def months(cls, year: int, month: int, count: int) -> Interval:
        """``count`` whole months starting with ``month`` of ``year``.

        >>> str(Interval.months(2010, 12, 3))
        'Dec 2010 – Feb 2011'
        """
        first = _make_date(year, month, 1)
        last = cal.add_days(cal.add_months(first, count), -1)
        return cls._trusted(first, last) if first <= last else cls(first, last)

    @classmethod
    def year(cls, year: int) -> Interval:
        """A whole calendar year."""
        return cls._trusted(_make_date(year, 1, 1), _make_date(year, 12, 31))

    @classmethod
    def years(cls, first: int, last: int) -> Interval:
        """1 January of ``first`` to 31 December of ``last``."""
        start, end = _make_date(first, 1, 1), _make_date(last, 12, 31)
        return cls._trusted(start, end) if start <= end else cls(start, end)

    @classmethod
    def until(cls, latest: date) -> Interval:
        """Open at the start: no later than ``latest``."""
        return cls(None, latest)

    @classmethod
    def since(cls, earliest: date) -> Interval:
        """Open at the end: no earlier than ``earliest``."""
        return cls(earliest, None)

    @classmethod
    def hull_of(cls, intervals: Iterable[Interval]) -> Interval:
        """The smallest interval holding all of ``intervals``."""
        items = list(intervals)
        if not items:
            raise InvalidValue("the hull of no intervals is undefined")
        starts = [i.earliest for i in items]
        ends = [i.latest for i in items]
        return cls(
            None if any(s is None for s in starts) else min(s for s in starts if s is not None),
            None if any(e is None for e in ends) else max(e for e in ends if e is not None),
        )

    # -- queries --------------------------------------------------------------
    @property
    def is_bounded(self) -> bool:
        """Both ends are known."""
        return self.earliest is not None and self.latest is not None

    @property
    def days(self) -> int | None:
        """Number of days covered, or ``None`` if an end is open."""
        if self.earliest is None or self.latest is None:
            return None
        return (self.latest - self.earliest).days + 1

    def contains(self, day: date) -> bool:
        """Whether ``day`` lies inside (open ends hold every day on their side)."""
        return (self.earliest is None or self.earliest <= day) and (self.latest is None or day <= self.latest)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.contains(day)

    def covers(self, other: Interval) -> bool:
        """Whether every day of ``other`` lies inside this interval."""
        starts_ok = self.earliest is None or (other.earliest is not None and self.earliest <= other.earliest)
        ends_ok = self.latest is None or (other.latest is not None and other.latest <= self.latest)
        return starts_ok and ends_ok

    def hull(self, other: Interval) -> Interval:
        """The smallest interval holding both."""
        return Interval.hull_of((self, other))

    def intersect(self, other: Interval) -> Interval | None:
        """The days in both, or ``None`` if they do not meet."""
        start = _max_open(self.earliest, other.earliest)
        end = _min_open(self.latest, other.latest)
        if start is not None and end is not None and start > end:
            return None
        return Interval(start, end)

    def shifted(self, days: int) -> Interval:
        """Both ends moved by ``days``."""
        return Interval(
            None if self.earliest is None else cal.add_days(self.earliest, days),
            None if self.latest is None else cal.add_days(self.latest, days),
        )

    # -- display ----------------------------------------------------------------
    def __str__(self) -> str:
        return _describe(self.earliest, self.latest)

    def to_edtf(self) -> str:
        """The ISO 8601-2 (EDTF) form: ``2011``, ``2011-06``, ``2011-06-09`` or ``A/B``.

        >>> Interval.month(2011, 6).to_edtf(), Interval.months(2010, 12, 3).to_edtf()
        ('2011-06', '2010-12/2011-02')
        >>> Interval.until(date(2015, 12, 31)).to_edtf()
        '../2015'
        """
        if self.earliest is not None and self.latest is not None:
            whole = _whole_unit_edtf(self.earliest, self.latest)
            if whole is not None:
                return whole
        start_aligned = self.earliest is None or self.earliest.day == 1
        end_aligned = self.latest is None or self.latest == cal.month_end(self.latest)
        coarse = start_aligned and end_aligned
        return f"{_edtf_start(self.earliest, coarse)}/{_edtf_end(self.latest, coarse)}"


@attrs.frozen
class Excerpt:
    """Words and where they stand: ``text[start:end]`` of a document.

    ``document`` names the text they came from (a file name, an id), so that
    values from many documents can be told apart.

    >>> Excerpt("early summer 2011", 120, 137, "review-1")
    Excerpt(text='early summer 2011', start=120, end=137, document='review-1')
    """

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    start: int = attrs.field(default=0, validator=attrs.validators.instance_of(int))
    end: int | None = attrs.field(default=None)
    document: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.end is None:
            object.__setattr__(self, "end", self.start + len(self.text))
        assert self.end is not None
        if self.start < 0 or self.end < self.start:
            raise InvalidValue(f"Excerpt offsets {self.start}-{self.end} are not a span of text")

    def shifted(self, offset: int, document: str | None = None) -> Excerpt:
        """The same words, with offsets counted from ``offset`` characters earlier."""
        assert self.end is not None
        return Excerpt(self.text, self.start + offset, self.end + offset, document or self.document)

    def __str__(self) -> str:
        where = f"{self.document}:" if self.document else ""
        return f"{self.text!r} ({where}{self.start}-{self.end})"


@attrs.frozen(order=True)
class Amount:
    """A calendar shift: whole ``months`` (a year is 12), then ``days``.

    Either part may be negative.  Month arithmetic clamps to the month's end.

    >>> Amount(months=2, days=-1).after(date(2010, 12, 1))
    datetime.date(2011, 1, 31)
    >>> Amount(months=1).day_range()
    (28, 31)
    """

    months: int = 0
    days: int = 0

    def after(self, day: date) -> date:
        """``day`` moved forward by this amount."""
        return cal.shift(day, self.months, self.days)

    def before(self, day: date) -> date:
        """``day`` moved back by this amount."""
        return cal.shift(day, -self.months, -self.days)

    def day_range(self) -> tuple[int, int]:
        """Fewest and most days this shift can span, whatever the start day."""
        return cal.shift_day_range(self.months, self.days)

    def __add__(self, other: Amount) -> Amount:
        return Amount(self.months + other.months, self.days + other.days)

    def __neg__(self) -> Amount:
        return Amount(-self.months, -self.days)

    def __str__(self) -> str:
        parts = []
        sign = "-" if self.months < 0 else ""
        years, months = divmod(abs(self.months), 12)
        if years:
            parts.append(f"{sign}{years}y")
        if months:
            parts.append(f"{sign}{months}m")
        if self.days or not parts:
            parts.append(f"{self.days}d")
        return " ".join(parts)


Unit = Literal["day", "week", "month", "year"]


@attrs.frozen
class Count:
    """A counted offset: at least ``low``, at most ``high`` (``None``: unbounded).

    Tolerances are already applied, so ``low``/``high`` are the final bounds
    of the shift.  ``text`` keeps the words.  Build one with :meth:`of`, which
    applies the conventions, or :meth:`days` for plain day counts.

    >>> three_months = Count.of(3, "month")
    >>> str(three_months.low), str(three_months.high)
    ('3m -15d', '3m 15d')
    >>> three_months.before(date(2013, 11, 26))
    Interval(earliest=datetime.date(2013, 8, 11), latest=datetime.date(2013, 9, 10))
    >>> Count.days(4).after(date(2011, 1, 10))
    Interval(earliest=datetime.date(2011, 1, 14), latest=datetime.date(2011, 1, 14))
    """

    low: Amount = attrs.field(validator=attrs.validators.instance_of(Amount))
    high: Amount | None = attrs.field(validator=attrs.validators.optional(attrs.validators.instance_of(Amount)))
    text: str = ""

    def __attrs_post_init__(self) -> None:
        if self.high is not None and self.high.day_range()[1] < self.low.day_range()[0]:
            raise InvalidValue(f"Count low {self.low} is more than high {self.high}")

    @classmethod
    def days(cls, low: int, high: int | None = None, text: str = "") -> Count:
        """Exactly ``low`` days, or ``low`` to ``high`` days."""
        return cls(Amount(0, low), Amount(0, low if high is None else high), text)

    @classmethod
    def of(
        cls,
        low: Fraction | int | float,
        unit: Unit,
        high: Fraction | int | float | None = None,
        *,
        hedged: bool = False,
        bound: Literal["exact", "under", "over"] = "exact",
        text: str = "",
        settings: object = None,
    ) -> Count:
        """``low`` (to ``high``) ``unit``s with the conventions' tolerance.

        Days are exact; weeks are 7N +/- 3 days; months N months +/- 15 days;
        years N years +/- 6 months.  ``hedged`` ("about") widens the tolerance
        by half again.  ``bound="under"`` ("less than") runs from zero to the
        count; ``"over"`` ("more than") from the count to half again above it.

        >>> c = Count.of(2, "week")
        >>> c.day_range()
        (11, 17)
        >>> Count.of(4, "month", bound="under").day_range()
        (0, 138)
        """
        from chronology.settings import DEFAULT, Settings

        conf = settings if isinstance(settings, Settings) else DEFAULT
        lo = Fraction(low)
        hi = lo if high is None else Fraction(high)
        if lo < 0 or hi < lo:
            raise InvalidValue(f"a count runs from {low} to {high}: it must be >= 0 and increasing")
        tol_months, tol_days = 0, 0
        if unit == "week":
            tol_days = conf.week_tolerance_days
        elif unit == "month":
            tol_days = conf.month_tolerance_days
        elif unit == "year":
            tol_months = conf.year_tolerance_months
        if hedged:
            tol_months = _ceil(tol_months * conf.hedge_factor)
            tol_days = _ceil(tol_days * conf.hedge_factor)
            if unit == "day":
                # "about four days": a day count hedged gets half again of itself.
                tol_days = _ceil(hi * (conf.hedge_factor - 1))
        low_amount = _amount(lo, unit, floor=True) + Amount(-tol_months, -tol_days)
        high_amount = _amount(hi, unit, floor=False) + Amount(tol_months, tol_days)
        if bound == "under":
            low_amount = Amount(0, 0)
        elif bound == "over":
            low_amount = _amount(lo, unit, floor=True)
            high_amount = _amount(hi * conf.hedge_factor, unit, floor=False)
        if low_amount.day_range()[0] < 0:
            low_amount = Amount(0, 0)
        return cls(low_amount, high_amount, text)

    def day_range(self) -> tuple[int, int | None]:
        """Fewest and most days this count can span, whatever the start day."""
        low = max(0, self.low.day_range()[0])
        return low, None if self.high is None else self.high.day_range()[1]

    def after(self, day: date) -> Interval:
        """Days this count after ``day`` can fall on."""
        return Interval(self.low.after(day), None if self.high is None else self.high.after(day))

    def before(self, day: date) -> Interval:
        """Days this count before ``day`` can fall on."""
        return Interval(None if self.high is None else self.high.before(day), self.low.before(day))

    def __str__(self) -> str:
        high = "…" if self.high is None else str(self.high)
        return self.text or (str(self.low) if self.high == self.low else f"{self.low} .. {high}")


def _coerce_readings(value: Iterable[Interval] | Interval) -> tuple[Interval, ...]:
    if isinstance(value, Interval):
        return (value,)
    return tuple(value)


def _note_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _check_readings(instance: object, attribute: attrs.Attribute, value: tuple[Interval, ...]) -> None:  # type: ignore[type-arg]
    if not value:
        raise InvalidValue("a When needs at least one reading")
    for item in value:
        if not isinstance(item, Interval):
            raise InvalidValue(f"each reading must be an Interval, not {shown(item)}")


@attrs.frozen
class When:
    """When something happened: one or more readings of the words that say so.

    Each reading is an :class:`Interval`; more than one means the words allow
    several (``winter 2010``).  ``text`` is the phrase, ``kind`` what sort of
    phrase it was, ``source`` where it stands in a document, and ``notes`` a
    label per reading where one helps.

    >>> w = When((Interval.month(2011, 6),), "early summer 2011", "season")
    >>> str(w)
    'Jun 2011 (early summer 2011)'
    >>> w.contains(date(2011, 6, 30)), w.is_ambiguous
    (True, False)
    """

    readings: tuple[Interval, ...] = attrs.field(converter=_coerce_readings, validator=_check_readings)
    text: str = ""
    kind: Kind = "date"
    source: Excerpt | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_note_tuple)

    @classmethod
    def of(cls, interval: Interval | date, text: str = "", kind: Kind = "date") -> When:
        """A single-reading ``When``; a ``date`` becomes that one day."""
        if isinstance(interval, date):
            interval = Interval.on(interval)
        return cls((interval,), text or str(interval), kind)

    @property
    def envelope(self) -> Interval:
        """The smallest interval holding every reading."""
        return Interval.hull_of(self.readings)

    @property
    def earliest(self) -> date | None:
        """The earliest day any reading allows (``None`` if open)."""
        return self.envelope.earliest

    @property
    def latest(self) -> date | None:
        """The latest day any reading allows (``None`` if open)."""
        return self.envelope.latest

    @property
    def is_ambiguous(self) -> bool:
        """More than one reading survives."""
        return len(self.readings) > 1

    def contains(self, day: date) -> bool:
        """Whether some reading holds ``day``."""
        return any(r.contains(day) for r in self.readings)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.contains(day)

    def with_readings(self, readings: Iterable[Interval]) -> When:
        """The same words with other readings (e.g. tightened by a solve)."""
        return attrs.evolve(self, readings=tuple(readings), notes=())

    def __str__(self) -> str:
        shown = " | ".join(str(r) for r in self.readings)
        return f"{shown} ({self.text})" if self.text and self.text != shown else shown

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<li>{html.escape(str(r))}{' — ' + html.escape(n) if n else ''}</li>"
            for r, n in zip(self.readings, self.notes or ("",) * len(self.readings), strict=False)
        )
        words = f"<q>{html.escape(self.text)}</q> " if self.text else ""
        return f"<div class='chronology-when'>{words}<small>{self.kind}</small><ul>{rows}</ul></div>"

    def to_edtf(self) -> str | None:
        """The EDTF form, or ``None`` where EDTF has none.

        One reading gives its interval; several whole-unit readings give EDTF's
        "one of a set" (``[2010-12, 2011-12]``).

        >>> When((Interval.month(2011, 12), Interval.month(2010, 12)), "early winter 2011").to_edtf()
        '[2010-12, 2011-12]'
        """
        if len(self.readings) == 1:
            return self.readings[0].to_edtf()
        forms = []
        for reading in sorted(self.readings, key=lambda r: r.earliest or cal.MIN_DAY):
            form = reading.to_edtf()
            if "/" in form:
                return None
            forms.append(form)
        return "[" + ", ".join(forms) + "]"


# -- helpers --------------------------------------------------------------------


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError) as exc:
        raise InvalidValue(f"there is no day {year:04d}-{month:02d}-{day:02d}: {exc}") from None


def _max_open(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _min_open(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


def _ceil(value: Fraction | int) -> int:
    return -((-Fraction(value).numerator) // Fraction(value).denominator)


def _amount(count: Fraction, unit: Unit, *, floor: bool) -> Amount:
    """``count`` units as a calendar shift; a fraction of a day rounds outwards."""

    def whole(x: Fraction) -> int:
        return int(x // 1) if floor else _ceil(x)

    if unit == "day":
        return Amount(0, whole(count))
    if unit == "week":
        return Amount(0, whole(count * 7))
    if unit == "month":
        months = int(count // 1)
        return Amount(months, whole((count - months) * 30))
    months_f = count * 12
    months = int(months_f // 1)
    return Amount(months, whole((months_f - months) * 30))


def _whole_unit_edtf(first: date, last: date) -> str | None:
    if first == last:
        return first.isoformat()
    if first.day == 1 and last == cal.month_end(last):
        if first.month == 1 and last.month == 12:
            return str(first.year) if first.year == last.year else f"{first.year}/{last.year}"
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}"
        return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"
    return None


def _edtf_start(day: date | None, coarse: bool) -> str:
    if day is None:
        return ".."
    if coarse:
        return f"{day.year:04d}" if day.month == 1 else f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _edtf_end(day: date | None, coarse: bool) -> str:
    if day is None:
        return ".."
    if coarse:
        return f"{day.year:04d}" if day.month == 12 else f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _describe(first: date | None, last: date | None) -> str:
    """A short readable form: '2011', 'Jun 2011', '9 Jul 2013', 'Dec 2010 – Feb 2011'."""
    if first is None and last is None:
        return "any time"
    if first is None:
        assert last is not None
        return f"by {_describe(last, last) if last != cal.month_end(last) else _month_name(last)}"
    if last is None:
        return f"from {_describe(first, first) if first.day != 1 else _month_name(first)}"
    if first == last:
        return f"{first.day} {_MONTH_ABBR[first.month - 1]} {first.year}"
    if first.day == 1 and last == cal.month_end(last):
        if first.month == 1 and last.month == 12:
            return str(first.year) if first.year == last.year else f"{first.year} – {last.year}"
        if (first.year, first.month) == (last.year, last.month):
            return _month_name(first)
        return f"{_month_name(first)} – {_month_name(last)}"
    return f"{_describe(first, first)} – {_describe(last, last)}"


def _month_name(day: date) -> str:
    return f"{_MONTH_ABBR[day.month - 1]} {day.year}"


# Slot setters for Interval._trusted and chronology.phrases._make (a slot's own setter is quicker than
# ``object.__setattr__``, which looks the slot up by name on every call).
def _slot_setters(cls: type, *names: str) -> tuple[Callable[[object, object], None], ...]:
    return tuple(getattr(cls, name).__set__ for name in names)


_interval_earliest, _interval_latest = _slot_setters(Interval, "earliest", "latest")
