"""Day arithmetic: month shifts, thirds, and the day bounds of calendar shifts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronology import calendar as cal

days = st.dates(min_value=date(1850, 1, 1), max_value=date(2150, 12, 31))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2011, 1, 31), 1, date(2011, 2, 28)),
        (date(2012, 1, 31), 1, date(2012, 2, 29)),
        (date(2010, 12, 15), 2, date(2011, 2, 15)),
        (date(2011, 3, 31), -1, date(2011, 2, 28)),
        (date(2011, 3, 15), -15, date(2009, 12, 15)),
        (date(2000, 2, 29), 12, date(2001, 2, 28)),
        (date(2010, 12, 1), 0, date(2010, 12, 1)),
    ],
    ids=["jan31+1", "leap-jan31+1", "dec+2", "mar31-1", "minus-15", "leap-day+year", "zero"],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert cal.add_months(start, months) == expected


@given(days, days, st.integers(-400, 400))
def test_add_months_is_monotone(a: date, b: date, months: int) -> None:
    first, second = sorted((a, b))
    assert cal.add_months(first, months) <= cal.add_months(second, months)


@given(days, st.integers(-400, 400))
def test_add_months_lands_in_the_right_month(day: date, months: int) -> None:
    moved = cal.add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == min(day.day, cal.days_in_month(moved.year, moved.month))


@given(st.integers(1, 9999), st.integers(1, 12))
def test_days_in_month_matches_the_stdlib(year: int, month: int) -> None:
    following = date(year + (month == 12), month % 12 + 1, 1) if year < 9999 or month < 12 else date(9999, 12, 31)
    expected = (following - date(year, month, 1)).days + (1 if (year, month) == (9999, 12) else 0)
    assert cal.days_in_month(year, month) == expected


@given(st.integers(1, 4000), st.sampled_from([2, 3]))
def test_split_units_partitions_exactly(count: int, parts: int) -> None:
    runs = cal.split_units(1, count, parts)
    assert len(runs) == parts
    assert runs[0][0] == 1 and runs[-1][1] == count
    for (_, end), (start, _) in zip(runs, runs[1:], strict=False):
        assert start == end + 1
    if parts == 3:
        sizes = [b - a + 1 for a, b in runs]
        assert sizes[0] == sizes[2] == count // 3


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (28, [(1, 9), (10, 19), (20, 28)]),
        (30, [(1, 10), (11, 20), (21, 30)]),
        (31, [(1, 10), (11, 21), (22, 31)]),
        (12, [(1, 4), (5, 8), (9, 12)]),
        (3, [(1, 1), (2, 2), (3, 3)]),
    ],
    ids=["28-day-month", "30-day-month", "31-day-month", "year-in-months", "season-in-months"],
)
def test_thirds_follow_the_conventions(count: int, expected: list[tuple[int, int]]) -> None:
    assert cal.split_units(1, count, 3) == expected


@given(days, st.integers(-240, 240), st.integers(-60, 60))
def test_shift_day_range_is_sound(day: date, months: int, extra: int) -> None:
    low, high = cal.shift_day_range(months, extra)
    assert low <= (cal.shift(day, months, extra) - day).days <= high


@pytest.mark.parametrize(
    ("months", "days", "expected"),
    [(1, 0, (28, 31)), (2, 0, (59, 62)), (12, 0, (365, 366)), (0, 10, (10, 10)), (-1, 0, (-31, -28))],
)
def test_shift_day_range_is_tight(months: int, days: int, expected: tuple[int, int]) -> None:
    assert cal.shift_day_range(months, days) == expected


def test_add_months_past_the_calendar_overflows() -> None:
    with pytest.raises(OverflowError):
        cal.add_months(date(9999, 12, 1), 1)
    assert cal.add_days(date(2011, 1, 1), 31) == date(2011, 1, 1) + timedelta(days=31)
