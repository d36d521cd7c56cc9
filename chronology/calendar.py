"""Day arithmetic on the proleptic Gregorian calendar: months, years, thirds.

Pure functions over :class:`datetime.date` and integers; nothing here knows
about phrases.  Month arithmetic clamps to the month's end, as people do
(31 January + 1 month = 28 or 29 February), which keeps every shift monotone:
a later start never gives an earlier result.

>>> from datetime import date
>>> add_months(date(2011, 1, 31), 1)
datetime.date(2011, 2, 28)
>>> month_end(date(2012, 2, 1))
datetime.date(2012, 2, 29)
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Final

__all__ = [
    "MIN_DAY",
    "MAX_DAY",
    "add_months",
    "add_days",
    "shift",
    "month_end",
    "month_start",
    "days_in_month",
    "split_units",
    "shift_day_range",
]

_MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# The calendar this library reasons over.  Wide enough for any life written
# about, narrow enough that arithmetic near the ends never overflows.
MIN_DAY: Final = date(1, 1, 1)
MAX_DAY: Final = date(9999, 12, 31)


def days_in_month(year: int, month: int) -> int:
    """Number of days in ``month`` of ``year``.

    >>> days_in_month(2011, 2), days_in_month(2012, 2)
    (28, 29)
    """
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return _MONTH_DAYS[month - 1]


def month_start(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    return day.replace(day=days_in_month(day.year, day.month))


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the month's end.

    >>> add_months(date(2010, 12, 31), 2)
    datetime.date(2011, 2, 28)
    >>> add_months(date(2011, 3, 15), -15)
    datetime.date(2009, 12, 15)
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    if not MIN_DAY.year <= year <= MAX_DAY.year:
        raise OverflowError(f"{day} + {months} months is outside the calendar")
    return date(year, month0 + 1, min(day.day, days_in_month(year, month0 + 1)))


def add_days(day: date, days: int) -> date:
    """``day`` moved by ``days`` days (raises ``OverflowError`` past the calendar's ends)."""
    return day + timedelta(days=days)


def shift(day: date, months: int = 0, days: int = 0) -> date:
    """``day`` moved by whole months first, then by days.

    >>> shift(date(2010, 12, 1), months=2, days=-1)
    datetime.date(2011, 1, 31)
    """
    return add_days(add_months(day, months) if months else day, days)


def split_units(first: int, count: int, parts: int) -> list[tuple[int, int]]:
    """Cut ``count`` whole units starting at ``first`` into ``parts`` runs.

    For thirds the first and last runs get ``count // 3`` units and the middle
    the rest; for halves the first half gets ``count // 2``.  Returns
    ``(first_unit, last_unit)`` pairs, inclusive.

    >>> split_units(1, 31, 3)
    [(1, 10), (11, 21), (22, 31)]
    >>> split_units(1, 12, 2)
    [(1, 6), (7, 12)]
    """
    if parts == 3:
        edge = count // 3
        sizes = [edge, count - 2 * edge, edge]
    elif parts == 2:
        sizes = [count // 2, count - count // 2]
    else:
        base = count // parts
        sizes = [base] * (parts - 1) + [count - base * (parts - 1)]
    runs = []
    at = first
    for size in sizes:
        runs.append((at, at + size - 1))
        at += size
    return runs


# Start days over which anchor-independent day bounds are taken: forty years
# around a century that is not a leap year (1900) and forty around one that is
# (2000), so every pattern of leap days a shift of up to a century can cross
# is seen.  Shifts longer than a century are outside what reviews write.
_SAMPLE_YEARS: Final = tuple(range(1880, 1920)) + tuple(range(1980, 2020))


@lru_cache(maxsize=4096)
def shift_day_range(months: int, days: int) -> tuple[int, int]:
    """Fewest and most days that ``shift(d, months, days) - d`` can be, over every ``d``.

    This is how a calendar shift becomes a constraint between two time points
    when the start is not yet known.

    >>> shift_day_range(1, 0)
    (28, 31)
    >>> shift_day_range(12, 0)
    (365, 366)
    >>> shift_day_range(0, 7)
    (7, 7)
    """
    if months == 0:
        return days, days
    if days:
        # Days are added after the months, one for one: only the months' part varies.
        fewest, most = shift_day_range(months, 0)
        return fewest + days, most + days
    low = high = None
    for year in _SAMPLE_YEARS:
        for month in range(1, 13):
            for dom in {1, 28, 29, 30, 31}:
                if dom > days_in_month(year, month):
                    continue
                start = date(year, month, dom)
                span = (shift(start, months, days) - start).days
                low = span if low is None or span < low else low
                high = span if high is None or span > high else high
    assert low is not None and high is not None
    return low, high
