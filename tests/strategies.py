"""Shared hypothesis strategies: days, periods, counts and anchors in every form.

Each strategy draws plain values (dates, :class:`~chronology.Interval`,
tuples); the helpers beside them write those values out as words, so that a
property can say "this period, written in this style, parses back to itself".
Expected bounds are computed here from the calendar alone (never from the
grammar), so a property compares the grammar with an independent answer.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from hypothesis import strategies as st

from chronology import Interval, When

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "MONTH_NAMES",
    "MONTH_ABBR",
    "SEASON_MONTH",
    "days",
    "intervals",
    "short_intervals",
    "months",
    "years",
    "decades",
    "seasons",
    "counts",
    "units",
    "anchors",
    "anchor_forms",
    "number_words",
    "ordinal",
    "season_readings",
    "vocabulary_text",
    "Anchor",
]

# Lives written about in reviews: wide enough for grandparents, far from the calendar's ends.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# UK meteorological seasons: the first month of each (winter starts in December of its year).
SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}

_ONES = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _words("_ _ twenty thirty forty fifty sixty seventy eighty ninety")

Anchor = date | Interval | When | tuple[date, date]


def number_words(n: int) -> str:
    """``n`` (0..99) in words, hyphenated as people write: ``twenty-one``.

    >>> number_words(7), number_words(21), number_words(40)
    ('seven', 'twenty-one', 'forty')
    """
    if not 0 <= n < 100:
        raise ValueError(f"number_words covers 0..99, not {n}")
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def ordinal(n: int) -> str:
    """``n`` with its English suffix: ``1st``, ``2nd``, ``11th``, ``23rd``.

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 31)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '31st']
    """
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def season_readings(name: str, year: int) -> tuple[Interval, ...]:
    """The readings of ``<name> <year>`` by the conventions (winter keeps two).

    >>> [str(r) for r in season_readings("winter", 2010)]
    ['Dec 2010 – Feb 2011', 'Dec 2009 – Feb 2010']
    """
    first = SEASON_MONTH[name]
    if name == "winter":
        return (Interval.months(year, 12, 3), Interval.months(year - 1, 12, 3))
    return (Interval.months(year, first, 3),)


def days(first: date = FIRST_DAY, last: date = LAST_DAY) -> st.SearchStrategy[date]:
    """Single days between ``first`` and ``last``."""
    return st.dates(min_value=first, max_value=last)


@st.composite
def intervals(draw: st.DrawFn, first: date = FIRST_DAY, last: date = LAST_DAY, max_days: int = 3660) -> Interval:
    """Closed intervals of 1..``max_days`` days inside ``[first, last]``."""
    start = draw(st.dates(min_value=first, max_value=last))
    length = draw(st.integers(min_value=0, max_value=max_days - 1))
    end = min(last, start + timedelta(days=length))
    return Interval(start, end)


def short_intervals(max_days: int = 40) -> st.SearchStrategy[Interval]:
    """Intervals short enough to check day by day (birth known to a month, say)."""
    return intervals(date(1950, 1, 1), date(2049, 12, 31), max_days=max_days)


def years(first: int = FIRST_DAY.year, last: int = LAST_DAY.year) -> st.SearchStrategy[int]:
    """Calendar years."""
    return st.integers(min_value=first, max_value=last)


def months(first: int = FIRST_DAY.year, last: int = LAST_DAY.year) -> st.SearchStrategy[tuple[int, int]]:
    """``(year, month)`` pairs."""
    return st.tuples(years(first, last), st.integers(min_value=1, max_value=12))


def decades(first: int = 1900, last: int = 2090) -> st.SearchStrategy[int]:
    """First years of decades: 1900, 1910, ... ``the 1990s`` starts at 1990."""
    return st.integers(min_value=first // 10, max_value=last // 10).map(lambda d: d * 10)


def seasons(first: int = FIRST_DAY.year + 1, last: int = LAST_DAY.year - 1) -> st.SearchStrategy[tuple[str, int]]:
    """``(season name, year)`` pairs; years kept off the ends so winter's readings exist."""
    return st.tuples(st.sampled_from(tuple(SEASON_MONTH)), years(first, last))


Unit = Literal["day", "week", "month", "year"]


def units() -> st.SearchStrategy[Unit]:
    """The units a count or an age is given in."""
    return st.sampled_from(("day", "week", "month", "year"))


def counts(max_value: int = 30) -> st.SearchStrategy[int]:
    """Whole counts as written in reviews (1..``max_value``)."""
    return st.integers(min_value=1, max_value=max_value)


def anchor_forms(interval: Interval) -> st.SearchStrategy[Anchor]:
    """``interval`` in each form ``parse_when`` accepts as an anchor.

    A one-day interval may also come as a plain ``date``.
    """
    assert interval.earliest is not None and interval.latest is not None
    forms: list[Anchor] = [
        interval,
        When((interval,), "the anchor"),
        (interval.earliest, interval.latest),
    ]
    if interval.earliest == interval.latest:
        forms.append(interval.earliest)
    return st.sampled_from(forms)


@st.composite
def anchors(draw: st.DrawFn, max_days: int = 40) -> tuple[Interval, Anchor]:
    """A short interval and one of its forms: ``(interval, form)``."""
    interval = draw(short_intervals(max_days))
    return interval, draw(anchor_forms(interval))


# Words of the grammar, drawn into near-phrases to probe its error paths.
_VOCABULARY = (
    _words(
        "early mid mid- late the beginning start end middle of in on at by from to until since between and or "
        "towards first second third last half week weeks month months year years day days old aged age when he "
        "she was his her before after prior later earlier following next previous same that this winter summer "
        "spring autumn fall 2010 2011 1990s 2000s 2006-11 2014/15 FY21/22 09/07/2013 06/2011 9th 31st 0 00 "
        "one two three ten twenty-one a an few several couple fortnight about around nearly less more than over "
        "under within Christmas Easter Monday Saturday weekend today yesterday last ago - / , . ( ) ' "
    )
    + MONTH_NAMES
    + MONTH_ABBR
)


def vocabulary_text(max_words: int = 8) -> st.SearchStrategy[str]:
    """Strings made of the grammar's own words in any order (mostly nonsense)."""
    return st.lists(st.sampled_from(_VOCABULARY), min_size=0, max_size=max_words).map(" ".join)
