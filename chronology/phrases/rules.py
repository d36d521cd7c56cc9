"""Calendar-aligned rules: functions of a day that the grammar's ``Aligned`` nodes name.

Each rule is ``rule(day, arg, settings) -> Interval`` and is MONOTONE in the
day: a later day never gives an earlier result (both ends).  The engine and
:func:`chronology.phrases.syntax.apply_to` rely on it.  Rules are registered in
:data:`chronology.phrases.syntax.RULES` on import.

>>> from datetime import date
>>> from chronology.phrases.syntax import RULES
>>> str(RULES["next_period"](date(2011, 1, 31), ("month",), DEFAULT))
'Feb 2011'
>>> str(RULES["latest_month"](date(2011, 3, 9), (4, ""), DEFAULT))
'Apr 2010'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Final

from dateutil.easter import easter as _dateutil_easter  # type: ignore[import-untyped]

from chronology import calendar as cal
from chronology.errors import InvalidValue
from chronology.model import Interval
from chronology.phrases import _make as make
from chronology.phrases.lexicon import LEXICON
from chronology.phrases.syntax import RULES, rule
from chronology.settings import DEFAULT, Settings

__all__ = [
    "period",
    "hedge_margin",
    "widen",
    "season_readings",
    "cut",
    "named_day",
    "easter",
    "FALLBACKS",
    "DEFAULT",
]

_ONE: Final = timedelta(days=1)
# A rule's argument: a tuple whose items each rule reads in its own way.
Arg = tuple[Any, ...]
PARTS = {"early": 0, "mid": 1, "late": 2}
_SEASON_START: Final = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
# Astronomical seasons (nominal first day, last day), widened by a day each side.
_ASTRONOMICAL: Final = {
    "spring": ((3, 20), (6, 20)),
    "summer": ((6, 21), (9, 22)),
    "autumn": ((9, 23), (12, 20)),
    "winter": ((12, 21), (3, 19)),
}


# Day steps made once (adding one is much cheaper than building a timedelta).
_STEPS: Final[int] = 1500
_DAY_STEPS: Final[tuple[timedelta, ...]] = tuple(timedelta(days=n) for n in range(-_STEPS, _STEPS + 1))


def _step(days: int) -> timedelta:
    """``timedelta(days=days)``, made once for the steps rules take."""
    if type(days) is int and -_STEPS <= days <= _STEPS:
        return _DAY_STEPS[days + _STEPS]
    return timedelta(days=days)


def _made(first: date | None, last: date | None) -> Interval:
    """``Interval(first, last)``; plain dates in order (what rules make) skip the checks they would pass."""
    if type(first) is date and type(last) is date and first <= last:
        return make.interval(first, last)
    return Interval(first, last)


# -- periods ---------------------------------------------------------------------------


def _first_day(interval: Interval) -> date:
    """The first day of a bounded interval (every rule's periods are bounded)."""
    assert interval.earliest is not None
    return interval.earliest


def _last_day(interval: Interval) -> date:
    """The last day of a bounded interval."""
    assert interval.latest is not None
    return interval.latest


def period(day: date, unit: str) -> Interval:
    """The calendar week (Monday-Sunday), month or year holding ``day``.

    >>> str(period(date(2011, 6, 15), "week"))
    '13 Jun 2011 – 19 Jun 2011'
    """
    if unit == "week":
        start = day - _step(day.weekday())
        return _made(start, start + _step(6))
    if unit == "fortnight":
        return _made(day, day + _step(13))
    if unit == "month":
        return _made(cal.month_start(day), cal.month_end(day))
    if unit == "year":
        return _made(date(day.year, 1, 1), date(day.year, 12, 31))
    return _made(day, day)


@lru_cache(maxsize=4096)
def season_readings(name: str, year: int, convention: str = "meteorological") -> tuple[tuple[Interval, str], ...]:
    """The readings of ``<season> <year>`` with a note each (winter has two).

    >>> [str(r) for r, _ in season_readings("winter", 2010)]
    ['Dec 2010 – Feb 2011', 'Dec 2009 – Feb 2010']
    """
    if convention == "astronomical":
        (m1, d1), (m2, d2) = _ASTRONOMICAL[name]

        def span(y: int) -> Interval:
            first = date(y, m1, d1) - _ONE
            last = date(y + 1 if m2 < m1 else y, m2, d2) + _ONE
            return _made(first, last)
    else:
        m1 = _SEASON_START[name]

        def span(y: int) -> Interval:
            return Interval.months(y, m1, 3)

    if name != "winter":
        return ((span(year), f"{name} {year}"),)
    return (
        (span(year), f"winter beginning Dec {year}"),
        (span(year - 1), f"winter ending in {year}"),
    )


@lru_cache(maxsize=4096)
def cut(whole: Interval, parts: int, index: int) -> Interval:
    """Part ``index`` of ``parts`` of ``whole``: years cut by years, a year by
    months, whole months by months (thirds) or days (halves), else by days.

    >>> str(cut(Interval.year(2013), 3, 2))
    'Sep 2013 – Dec 2013'
    >>> str(cut(Interval.month(2011, 2), 3, 1))
    '10 Feb 2011 – 19 Feb 2011'
    """
    first, last = whole.earliest, whole.latest
    assert first is not None and last is not None
    whole_months = first.day == 1 and last == cal.month_end(last)
    if whole_months and first.month == 1 and last.month == 12 and last.year > first.year:
        a, b = cal.split_units(first.year, last.year - first.year + 1, parts)[index]
        return Interval.years(a, b)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if whole_months and months > 1 and (parts == 3 or months % 2 == 0):
        start = first.year * 12 + first.month - 1
        a, b = cal.split_units(start, months, parts)[index]
        return _made(date(a // 12, a % 12 + 1, 1), cal.month_end(date(b // 12, b % 12 + 1, 1)))
    a, b = cal.split_units(first.toordinal(), (last - first).days + 1, parts)[index]
    return _made(date.fromordinal(a), date.fromordinal(b))


# -- named days ----------------------------------------------------------------------


@lru_cache(maxsize=512)
def _bank_holidays(region: str, year: int) -> dict[str, date]:
    import holidays

    found: dict[str, date] = {}
    for day, name in sorted(holidays.country_holidays("GB", subdiv=region, years=year).items()):
        for part in str(name).split("; "):
            found.setdefault(part, day)
    return found


def easter(year: int) -> date:
    """Easter Sunday of ``year`` (Western), from dateutil's maintained implementation.

    >>> easter(2011), easter(2019)
    (datetime.date(2011, 4, 24), datetime.date(2019, 4, 21))
    """
    day: date = _dateutil_easter(year)
    return day


def _anchor_day(anchor: str, year: int, region: str) -> date:
    if anchor == "easter":
        return easter(year)
    if anchor.startswith("bank:"):
        name = anchor[5:]
        found = _bank_holidays(region, year).get(name)
        if found is None:
            raise InvalidValue(f"there was no {name} in {year}")
        return found
    month, day = anchor.split("-")
    return date(year, int(month), int(day))


@lru_cache(maxsize=4096)
def named_day(
    readings: tuple[tuple[str, int, int], ...], year: int, window: tuple[int, int] | None, region: str = "ENG"
) -> tuple[Interval, ...]:
    """The days of a named day in ``year`` (one interval per reading).

    >>> [str(r) for r in named_day((("12-24", 0, 8),), 2010, None)]
    ['24 Dec 2010 – 1 Jan 2011']
    """
    out = []
    for anchor, lo, hi in readings:
        base = _anchor_day(anchor, year, region)
        if window is None:
            out.append(_made(base + _step(lo), base + _step(hi)))
        else:
            start = base + _step(lo)
            out.append(_made(start + _step(window[0]), start + _step(window[1])))
    return tuple(out)


# -- the rules -------------------------------------------------------------------------


@rule("next_period")
def next_period(day: date, arg: Arg, settings: Settings) -> Interval:
    """The calendar week / month / year after the one holding the day."""
    return period(_last_day(period(day, arg[0])) + _ONE, arg[0])


@rule("previous_period")
def previous_period(day: date, arg: Arg, settings: Settings) -> Interval:
    """The calendar week / month / year before the one holding the day."""
    return period(_first_day(period(day, arg[0])) - _ONE, arg[0])


@rule("this_period")
def this_period(day: date, arg: Arg, settings: Settings) -> Interval:
    """The calendar week / month / year holding the day."""
    return period(day, arg[0])


@rule("rest_of_period")
def rest_of_period(day: date, arg: Arg, settings: Settings) -> Interval:
    """From the day to the end of its week / month / year ("later that month")."""
    return _made(day, period(day, arg[0]).latest)


@rule("start_of_period")
def start_of_period(day: date, arg: Arg, settings: Settings) -> Interval:
    """From the start of the day's week / month / year to the day ("earlier that month")."""
    return _made(period(day, arg[0]).earliest, day)


@rule("later_in")
def later_in(day: date, arg: Arg, settings: Settings) -> Interval:
    """The part of a period (``arg`` = first and last ordinals) after the day."""
    first, last = date.fromordinal(arg[0]), date.fromordinal(arg[1])
    return _made(min(max(day + _ONE, first), last), last)


@rule("earlier_in")
def earlier_in(day: date, arg: Arg, settings: Settings) -> Interval:
    """The part of a period (``arg`` = first and last ordinals) before the day."""
    first, last = date.fromordinal(arg[0]), date.fromordinal(arg[1])
    return _made(first, max(min(day - _ONE, last), first))


@rule("weekday_on_or_after")
def weekday_on_or_after(day: date, arg: Arg, settings: Settings) -> Interval:
    """The first given weekday on or after the day ("on the Monday")."""
    one = day + _step((arg[0] - day.weekday()) % 7)
    return _made(one, one)


@rule("weekday_after")
def weekday_after(day: date, arg: Arg, settings: Settings) -> Interval:
    """The first given weekday after the day ("the following Thursday")."""
    one = day + _step((arg[0] - day.weekday() - 1) % 7 + 1)
    return _made(one, one)


@rule("weekday_before")
def weekday_before(day: date, arg: Arg, settings: Settings) -> Interval:
    """The last given weekday before the day ("the previous Monday")."""
    one = day - _step((day.weekday() - arg[0] - 1) % 7 + 1)
    return _made(one, one)


@rule("weekend_next")
def weekend_next(day: date, arg: Arg, settings: Settings) -> Interval:
    """The Saturday-Sunday holding the day, or the next one ("over the weekend")."""
    saturday = day + _step(5 - day.weekday()) if day.weekday() < 6 else day - _ONE
    return _made(saturday, saturday + _ONE)


@rule("weekend_after")
def weekend_after(day: date, arg: Arg, settings: Settings) -> Interval:
    """The first Saturday-Sunday starting after the day ("the following weekend")."""
    saturday = day + _step((5 - day.weekday() - 1) % 7 + 1)
    return _made(saturday, saturday + _ONE)


@rule("weekend_before")
def weekend_before(day: date, arg: Arg, settings: Settings) -> Interval:
    """The last Saturday-Sunday ending before the day ("the previous weekend")."""
    sunday = day - _step((day.weekday() - 6 - 1) % 7 + 1)
    return _made(sunday - _ONE, sunday)


@rule("night")
def night(day: date, arg: Arg, settings: Settings) -> Interval:
    """A night spans its day and the next."""
    return _made(day, day + _ONE)


@rule("previous_night")
def previous_night(day: date, arg: Arg, settings: Settings) -> Interval:
    """The night before: the day before and the day."""
    return _made(day - _ONE, day)


@rule("next_working_day")
def next_working_day(day: date, arg: Arg, settings: Settings) -> Interval:
    """The first day after the day that is neither a weekend nor a bank holiday."""
    step = 1 if not arg or arg[0] >= 0 else -1
    candidate = day + _step(step)
    while candidate.weekday() >= 5 or candidate in _bank_holidays(settings.holiday_region, candidate.year).values():
        candidate += _step(step)
    return _made(candidate, candidate)


def _part_of_month(year: int, month: int, part: str) -> Interval:
    whole = Interval.month(year, month)
    return cut(whole, 3, PARTS[part]) if part else whole


@rule("latest_day")
def latest_day(day: date, arg: Arg, settings: Settings) -> Interval:
    """The latest ``(month, day)`` on or before the day (a date with no year)."""
    month, dom = arg
    if not (1 <= month <= 12 and 1 <= dom <= cal.days_in_month(2000, month)):  # 2000: a leap year
        raise InvalidValue(f"there is no day {dom} of month {month} in any year")
    year = day.year if (month, dom) <= (day.month, day.day) else day.year - 1
    while dom > cal.days_in_month(year, month):
        year -= 1
    return Interval.day(year, month, dom)


@rule("latest_month")
def latest_month(day: date, arg: Arg, settings: Settings) -> Interval:
    """The latest month ``arg[0]`` starting on or before the day (part ``arg[1]`` of it)."""
    month, part = arg
    year = day.year if month <= day.month else day.year - 1
    return _part_of_month(year, month, part)


@rule("last_month")
def last_month(day: date, arg: Arg, settings: Settings) -> Interval:
    """The latest month ``arg[0]`` ending before the day's month ("last April")."""
    month = arg[0]
    year = day.year if month < day.month else day.year - 1
    return Interval.month(year, month)


def _season_part(reading: Interval, part: str) -> Interval:
    return cut(reading, 3, PARTS[part]) if part else reading


@rule("latest_season")
def latest_season(day: date, arg: Arg, settings: Settings) -> Interval:
    """The latest season ``arg[0]`` starting on or before the day (part ``arg[1]``)."""
    name, part = arg
    for year in (day.year, day.year - 1):
        reading = season_readings(name, year, settings.seasons)[0][0]
        if _first_day(reading) <= day:
            return _season_part(reading, part)
    raise InvalidValue(f"no {name} before {day}")  # pragma: no cover - a season starts every year


@rule("last_season")
def last_season(day: date, arg: Arg, settings: Settings) -> Interval:
    """The latest season ``arg[0]`` ending before the day ("last summer")."""
    name = arg[0]
    for year in (day.year, day.year - 1, day.year - 2):
        reading = season_readings(name, year, settings.seasons)[0][0]
        if _last_day(reading) < day:
            return reading
    raise InvalidValue(f"no {name} before {day}")  # pragma: no cover


@rule("latest_named_day")
def latest_named_day(day: date, arg: Arg, settings: Settings) -> Interval:
    """The latest occurrence of a named day starting on or before the day."""
    readings, window = arg
    best: Interval | None = None
    for year in (day.year + 1, day.year, day.year - 1, day.year - 2):
        for reading in named_day(readings, year, window, settings.holiday_region):
            if _first_day(reading) <= day and (best is None or _first_day(reading) > _first_day(best)):
                best = reading
    if best is None:  # pragma: no cover - every named day falls once a year
        raise InvalidValue(f"no named day before {day}")
    return best


def _nearest_century(day: date, build: Callable[[int], Interval], yy: int) -> Interval:
    candidates = []
    for century in (1900, 2000):
        reading = build(century + yy)
        distance = abs((_first_day(reading) - day).days)
        candidates.append((distance, -century, reading))
    candidates.sort(key=lambda c: (c[0], c[1]))
    # Monotone: as the day moves on, the later century wins from the midpoint on.
    first, second = candidates
    return first[2]


@rule("two_digit_year")
def two_digit_year(day: date, arg: Arg, settings: Settings) -> Interval:
    """A day or month written with a two-digit year: 19YY or 20YY, the nearer the day."""
    month, dom, yy = arg
    if dom:
        return _nearest_century(day, lambda y: Interval.day(y, month, dom), yy)
    return _nearest_century(day, lambda y: Interval.month(y, month), yy)


# -- periods relative to a day ----------------------------------------------------------------


def _shifted_period(day: date, unit: str, offset: int) -> Interval:
    """The calendar week / month / year holding the day, moved by ``offset`` of them."""
    whole = period(day, unit)
    for _ in range(abs(offset)):
        whole = period(_last_day(whole) + _ONE if offset > 0 else _first_day(whole) - _ONE, unit)
    return whole


@rule("period_part")
def period_part(day: date, arg: Arg, settings: Settings) -> Interval:
    """Part ``index`` of ``parts`` of the day's week / month / year moved by ``offset`` ones
    ("the end of the month", "the beginning of the following year"): ``arg = (unit, offset, parts, index)``."""
    unit, offset, parts, index = arg
    return cut(_shifted_period(day, unit, offset), parts, index)


@rule("rest_in")
def rest_in(day: date, arg: Arg, settings: Settings) -> Interval:
    """From the day to the end of a period (``arg`` = first and last ordinals): "the rest of 2012"."""
    first, last = date.fromordinal(arg[0]), date.fromordinal(arg[1])
    return _made(min(max(day, first), last), last)


@rule("month_before")
def month_before(day: date, arg: Arg, settings: Settings) -> Interval:
    """ "the month before X": the calendar month before the day's, to the day before it (either is meant)."""
    previous = cal.add_months(cal.month_start(day), -1)
    return _made(previous, day - _ONE)


@rule("weekday_on_or_before")
def weekday_on_or_before(day: date, arg: Arg, settings: Settings) -> Interval:
    """The last given weekday on or before the day ("on Thursday" in a report dated after it)."""
    one = day - _step((day.weekday() - arg[0]) % 7)
    return _made(one, one)


def _season_year(day: date, name: str) -> int:
    """The year whose ``name`` season a day belongs to, or is next to: a winter belongs to the
    year of its December (January and February fall in the winter begun the year before)."""
    return day.year - 1 if name == "winter" and day.month < 3 else day.year


@rule("season_relative")
def season_relative(day: date, arg: Arg, settings: Settings) -> Interval:
    """A season placed from the day, ``arg = (name, offset, part)``: offset 0 is the season of
    the day's year ("that summer"; for a winter, the one holding the day or begun in its year);
    1 the first to start after the day ("the following spring"); -1 the last to end before it
    ("the previous summer")."""
    name, offset, part = arg
    year = _season_year(day, name)
    if offset > 0:
        while _first_day(season_readings(name, year, settings.seasons)[0][0]) <= day:
            year += 1
    elif offset < 0:
        while _last_day(season_readings(name, year, settings.seasons)[0][0]) >= day:
            year -= 1
    return _season_part(season_readings(name, year, settings.seasons)[0][0], part)


@rule("month_relative")
def month_relative(day: date, arg: Arg, settings: Settings) -> Interval:
    """A month placed from the day, ``arg = (month, offset, part)``: offset 0 is that month of the
    day's year ("that June"); 1 the first to start after the day's month ("the following June");
    -1 the last to end before the day's month ("the previous December")."""
    month, offset, part = arg
    year = day.year
    if offset > 0 and month <= day.month:
        year += 1
    elif offset < 0 and month >= day.month:
        year -= 1
    return _part_of_month(year, month, part)


@rule("in_year")
def in_year(day: date, arg: Arg, settings: Settings) -> Interval:
    """A month, a day of a month or a season of the day's year moved by ``offset`` years ("December
    last year", "March 1 last year", "October the following year"): ``arg = (offset, what, value,
    part, day_of_month)`` with ``what`` "month" or "season".  A winter of a year has two readings
    (the conventions); here, the smallest interval holding both."""
    offset, what, value, part, dom = arg
    year = day.year + offset
    if what == "month":
        if dom:
            return Interval.day(year, value, dom)
        return _part_of_month(year, value, part)
    readings = [_season_part(r, part) for r, _ in season_readings(value, year, settings.seasons)]
    return Interval.hull_of(readings)


# -- hedged and moved periods ---------------------------------------------------------------------

_HEDGE: Final = LEXICON.conventions["hedged_period"]


def hedge_margin(reading: Interval, named_day: bool = False) -> tuple[int, int]:
    """How far a hedge ("around", "approx", "?") moves each end of a period out, as (months, days):
    half its length, a period of whole months by whole months (a half month as 15 days), others
    by days rounded up, up to six months; a named day by at least a week.

    >>> hedge_margin(Interval.month(2013, 3)), hedge_margin(Interval.year(2012))
    ((0, 15), (6, 0))
    >>> hedge_margin(Interval.day(2013, 3, 12)), hedge_margin(Interval.months(2012, 6, 3))
    ((0, 1), (1, 15))
    """
    first, last = _first_day(reading), _last_day(reading)
    most = int(_HEDGE["most_months"])
    fraction = float(_HEDGE["fraction"])
    if first.day == 1 and last == cal.month_end(last):
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        if months * fraction >= most:
            return most, 0
        whole = int(months * fraction)
        return whole, int(_HEDGE["half_month_days"]) if months * fraction > whole else 0
    days = -int(-((last - first).days + 1) * fraction // 1)
    if named_day:
        days = max(days, int(_HEDGE["named_day_days"]))
    return (most, 0) if days > most * 30 else (0, days)


def widen(reading: Interval, low: tuple[int, int], high: tuple[int, int]) -> Interval:
    """``reading`` with its first day moved by ``low`` and its last by ``high`` (months, then days)."""
    return _made(
        cal.shift(_first_day(reading), low[0], low[1]),
        cal.shift(_last_day(reading), high[0], high[1]),
    )


@rule("hedged")
def hedged(day: date, arg: Arg, settings: Settings) -> Interval:
    """A calendar-aligned rule's period widened by a hedge: ``arg = (rule, its arg, named_day)``."""
    name, inner, named = arg
    whole = RULES[name](day, inner, settings)
    months, days = hedge_margin(whole, named)
    return widen(whole, (-months, -days), (months, days))


@rule("moved")
def moved(day: date, arg: Arg, settings: Settings) -> Interval:
    """A calendar-aligned rule's period with its ends moved: ``arg = (rule, its arg, low, high)``,
    each a (months, days) shift ("w/c 4th March": the day to six days after it)."""
    name, inner, low, high = arg
    return widen(RULES[name](day, inner, settings), low, high)


@rule("edge")
def edge(day: date, arg: Arg, settings: Settings) -> Interval:
    """The first (``"start"``) or last (``"end"``) day of a calendar-aligned rule's period:
    ``arg = (rule, its arg, which)`` ("after 12 March": counted from the end of that day)."""
    name, inner, which = arg
    whole = RULES[name](day, inner, settings)
    one = _first_day(whole) if which == "start" else _last_day(whole)
    return _made(one, one)


def _fallback_edge(arg: Arg) -> Interval:
    name, inner, which = arg
    whole = fallback(name, inner)
    one = _first_day(whole) if which == "start" else _last_day(whole)
    return _made(one, one)


def _fallback_later_in(arg: Arg) -> Interval:
    return _made(date.fromordinal(arg[0]), date.fromordinal(arg[1]))


def _fallback_two_digit(arg: Arg) -> Interval:
    month, dom, yy = arg
    return Interval.day(2000 + yy, month, dom) if dom else Interval.month(2000 + yy, month)


def _fallback_hedged(arg: Arg) -> Interval:
    name, inner, named = arg
    whole = fallback(name, inner)
    months, days = hedge_margin(whole, named)
    return widen(whole, (-months, -days), (months, days))


def _fallback_moved(arg: Arg) -> Interval:
    name, inner, low, high = arg
    return widen(fallback(name, inner), low, high)


# What a rule gives when its base is not known at all (no reference, no document date).
FALLBACKS: dict[str, Callable[[Arg], Interval]] = {
    "later_in": _fallback_later_in,
    "earlier_in": _fallback_later_in,
    "rest_in": _fallback_later_in,
    "two_digit_year": _fallback_two_digit,
}


def has_fallback(name: str, arg: Arg) -> bool:
    """Whether the rule ``name`` with ``arg`` gives a period when its base is not known at all."""
    if name in ("hedged", "moved", "edge"):
        return has_fallback(arg[0], arg[1])
    return name in FALLBACKS


def fallback(name: str, arg: Arg) -> Interval:
    """What the rule ``name`` with ``arg`` gives when its base is not known at all."""
    if name == "hedged":
        return _fallback_hedged(arg)
    if name == "moved":
        return _fallback_moved(arg)
    if name == "edge":
        return _fallback_edge(arg)
    return FALLBACKS[name](arg)
