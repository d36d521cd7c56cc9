"""The value types: Interval, Excerpt, Amount, Count, When, Settings and the errors."""

from __future__ import annotations

import pickle
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import chronology
from chronology import Amount, Count, Excerpt, Interval, When
from chronology.errors import ChronologyError, InvalidValue, MissingAnchor, UnrecognisedPhrase
from chronology.settings import Settings

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    a, b = sorted((draw(days), draw(days)))
    return Interval(a, b)


def test_interval_rejects_reversed_bounds() -> None:
    with pytest.raises(InvalidValue, match="after latest"):
        Interval(date(2011, 2, 1), date(2011, 1, 1))


def test_interval_rejects_datetimes_and_strings() -> None:
    from datetime import datetime

    with pytest.raises(InvalidValue):
        Interval(datetime(2011, 1, 1, 12), date(2011, 2, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        Interval("2011-01-01", date(2011, 2, 1))  # type: ignore[arg-type]


def test_interval_is_frozen_and_slotted() -> None:
    interval = Interval.month(2011, 6)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        interval.earliest = date(2011, 1, 1)  # type: ignore[misc]
    assert not hasattr(interval, "__dict__")


@pytest.mark.parametrize(
    ("interval", "text", "edtf"),
    [
        (Interval.year(2011), "2011", "2011"),
        (Interval.month(2011, 6), "Jun 2011", "2011-06"),
        (Interval.day(2013, 7, 9), "9 Jul 2013", "2013-07-09"),
        (Interval.months(2010, 12, 3), "Dec 2010 – Feb 2011", "2010-12/2011-02"),
        (Interval.years(2006, 2011), "2006 – 2011", "2006/2011"),
        (Interval(date(2013, 7, 1), date(2013, 7, 10)), "1 Jul 2013 – 10 Jul 2013", "2013-07-01/2013-07-10"),
        (Interval.until(date(2009, 2, 28)), "by Feb 2009", "../2009-02"),
        (Interval.since(date(2011, 8, 1)), "from Aug 2011", "2011-08/.."),
    ],
    ids=["year", "month", "day", "months", "years", "days", "until", "since"],
)
def test_interval_display_and_edtf(interval: Interval, text: str, edtf: str) -> None:
    assert str(interval) == text
    assert interval.to_edtf() == edtf


@given(intervals(), intervals())
def test_hull_and_intersection(a: Interval, b: Interval) -> None:
    hull = a.hull(b)
    assert hull.covers(a) and hull.covers(b)
    meet = a.intersect(b)
    if meet is None:
        assert a.latest < b.earliest or b.latest < a.earliest  # type: ignore[operator]
    else:
        assert a.covers(meet) and b.covers(meet)


@given(intervals(), days)
def test_contains_agrees_with_bounds(interval: Interval, day: date) -> None:
    assert interval.contains(day) == (interval.earliest <= day <= interval.latest)  # type: ignore[operator]
    assert (day in interval) == interval.contains(day)


def test_open_intervals_contain_their_side() -> None:
    until = Interval.until(date(2009, 2, 28))
    assert until.contains(date(1900, 1, 1)) and not until.contains(date(2009, 3, 1))
    assert until.days is None and not until.is_bounded


def test_excerpt_offsets() -> None:
    words = Excerpt("early summer 2011", 10)
    assert words.end == 27
    assert words.shifted(100, "review").start == 110
    with pytest.raises(InvalidValue):
        Excerpt("x", 5, 2)


@given(days, st.integers(-100, 100), st.integers(-400, 400))
def test_amount_after_then_before_stays_near(day: date, months: int, extra: int) -> None:
    amount = Amount(months, extra)
    low, high = amount.day_range()
    assert low <= (amount.after(day) - day).days <= high


@pytest.mark.parametrize(
    ("count", "days_range"),
    [
        (Count.of(4, "day"), (4, 4)),
        (Count.of(2, "week"), (11, 17)),
        (Count.of(2, "week", hedged=True), (9, 19)),
        (Count.of(3, "month"), (89 - 15, 92 + 15)),
        (Count.of(1, "year"), (365 - 184, 366 + 184)),
        (Count.of(2, "month", bound="under"), (0, 62 + 15)),
        (Count.of(14, "day", bound="over"), (14, 21)),
        (Count.of(4, "month", 5), (120 - 15, 153 + 15)),
        (Count.days(2, 14), (2, 14)),
    ],
    ids=["days-exact", "weeks", "weeks-hedged", "months", "years", "under", "over", "range", "days-range"],
)
def test_count_conventions(count: Count, days_range: tuple[int, int]) -> None:
    assert count.day_range() == days_range


def test_count_months_before_a_day() -> None:
    assert Count.of(3, "month").before(date(2013, 11, 26)) == Interval(date(2013, 8, 11), date(2013, 9, 10))


def test_count_halves_are_calendar_months() -> None:
    two_and_a_half_years = Count.of(2.5, "year")
    assert two_and_a_half_years.low == Amount(30 - 6, 0)
    assert two_and_a_half_years.high == Amount(30 + 6, 0)


def test_count_rejects_negative_and_reversed() -> None:
    with pytest.raises(InvalidValue):
        Count.of(-1, "day")
    with pytest.raises(InvalidValue):
        Count.of(5, "day", 3)


@given(days, st.integers(0, 60), st.sampled_from(["day", "week", "month", "year"]), st.booleans())
def test_count_after_contains_the_exact_shift(day: date, n: int, unit: str, hedged: bool) -> None:
    count = Count.of(n, unit, hedged=hedged)  # type: ignore[arg-type]
    exact = {"day": Amount(0, n), "week": Amount(0, 7 * n), "month": Amount(n, 0), "year": Amount(12 * n, 0)}[unit]
    assert count.after(day).contains(exact.after(day))
    assert count.before(day).contains(exact.before(day))


def test_when_envelope_and_readings() -> None:
    winter = When((Interval.months(2010, 12, 3), Interval.months(2009, 12, 3)), "winter 2010", "season")
    assert winter.is_ambiguous
    assert winter.earliest == date(2009, 12, 1) and winter.latest == date(2011, 2, 28)
    assert winter.contains(date(2010, 1, 15)) and not winter.contains(date(2010, 6, 1))
    assert str(winter) == "Dec 2010 – Feb 2011 | Dec 2009 – Feb 2010 (winter 2010)"
    assert winter.to_edtf() is None  # month ranges cannot be one of a set in EDTF
    assert "<q>winter 2010</q>" in winter._repr_html_()


def test_when_needs_a_reading() -> None:
    with pytest.raises(InvalidValue):
        When((), "nothing")
    with pytest.raises(InvalidValue):
        When(("2011",), "bad")  # type: ignore[arg-type]


def test_when_of_a_date() -> None:
    when = When.of(date(2013, 11, 26))
    assert when.readings == (Interval.day(2013, 11, 26),)
    assert when.to_edtf() == "2013-11-26"


def test_settings_are_validated_and_immutable() -> None:
    with pytest.raises(InvalidValue):
        Settings(seasons="lunar")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        Settings(hedge_factor=0.5)
    with pytest.raises(InvalidValue):
        Settings(week_tolerance_days=-1)
    settings = Settings()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        settings.seasons = "astronomical"  # type: ignore[misc]
    assert settings.replace(day_first=False).day_first is False and settings.day_first is True


def test_errors_are_chronology_errors_and_value_errors() -> None:
    error = UnrecognisedPhrase("early blorp 2011", 6, 11, "expected a season")
    assert isinstance(error, ChronologyError) and isinstance(error, ValueError)
    assert error.words == "blorp" and (error.start, error.end) == (6, 11)
    assert pickle.loads(pickle.dumps(error)).words == "blorp"
    missing = MissingAnchor("three months before his death", "anchor", "his death")
    assert "his death" in str(missing) and missing.needs == "anchor"
    assert pickle.loads(pickle.dumps(missing)).needs == "anchor"


def test_error_messages_never_dump_a_whole_document() -> None:
    text = "word " * 10_000
    assert len(str(UnrecognisedPhrase(text, 0, 4))) < 200


def test_public_names_import_from_the_package() -> None:
    for name in chronology.__all__:
        assert getattr(chronology, name) is not None, name
