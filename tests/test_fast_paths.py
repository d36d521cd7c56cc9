"""The grammar's fast paths give the same values as the checked, public ones."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from chronology.errors import InvalidValue
from chronology.model import Amount, Count, Excerpt, Interval, When

days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@st.composite
def ordered(draw: st.DrawFn) -> tuple[date | None, date | None]:
    a, b = sorted((draw(days), draw(days)))
    return draw(st.none() | st.just(a)), draw(st.none() | st.just(b))


@settings(max_examples=200, deadline=None)
@given(ordered())
def test_trusted_interval_equals_checked(ends: tuple[date | None, date | None]) -> None:
    fast, checked = Interval._trusted(*ends), Interval(*ends)
    assert fast == checked and hash(fast) == hash(checked) and repr(fast) == repr(checked)
    assert type(fast) is Interval


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.integers(0, 1000), st.integers(0, 50), st.none() | st.text(max_size=5))
def test_trusted_excerpt_equals_checked(text: str, start: int, length: int, document: str | None) -> None:
    fast, checked = (
        Excerpt._trusted(text, start, start + length, document),
        Excerpt(text, start, start + length, document),
    )
    assert fast == checked and hash(fast) == hash(checked) and repr(fast) == repr(checked)


@settings(max_examples=100, deadline=None)
@given(st.lists(ordered(), min_size=1, max_size=3), st.text(max_size=10))
def test_trusted_when_equals_checked(ends: list[tuple[date | None, date | None]], text: str) -> None:
    readings = tuple(Interval(a, b) for a, b in ends)
    notes = tuple(str(i) for i in range(len(readings)))
    source = Excerpt(text, 0, len(text))
    fast = When._trusted(readings, text, "range", source, notes)
    checked = When(readings, text, "range", source, notes)
    assert fast == checked and hash(fast) == hash(checked) and repr(fast) == repr(checked)
    assert fast.envelope == checked.envelope and str(fast) == str(checked)


amounts = st.builds(Amount, st.integers(-24, 24), st.integers(-400, 400))


@settings(max_examples=200, deadline=None)
@given(amounts, st.none() | amounts, st.text(max_size=10))
def test_trusted_count_equals_checked_where_valid(low: Amount, high: Amount | None, text: str) -> None:
    try:
        checked = Count(low, high, text)
    except InvalidValue:
        return
    fast = Count._trusted(low, high, text)
    assert fast == checked and hash(fast) == hash(checked) and repr(fast) == repr(checked)
    assert fast.day_range() == checked.day_range()
