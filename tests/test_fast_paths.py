"""The grammar's fast paths give the same values as the checked, public ones."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Literal
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology import calendar as cal
from chronology import phrases
from chronology.errors import ChronologyError, InvalidValue, UnrecognisedPhrase
from chronology.model import Amount, Count, Excerpt, Interval, When
from chronology.phrases import _grammar, rules
from chronology.phrases import _make as make
from chronology.phrases.syntax import RULES, Aligned, Birth, DocumentDate, Fixed, Named, Reference, Shift, apply_to
from chronology.settings import DEFAULT


def assert_same(fast: object, checked: object) -> None:
    """A value built by a quick path is the value the checked constructor builds: equal, same hash, same repr."""
    assert type(fast) is type(checked)
    assert fast == checked and hash(fast) == hash(checked) and repr(fast) == repr(checked)


days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@st.composite
def ordered(draw: st.DrawFn) -> tuple[date | None, date | None]:
    a, b = sorted((draw(days), draw(days)))
    return draw(st.none() | st.just(a)), draw(st.none() | st.just(b))


@settings(max_examples=200, deadline=None)
@given(ordered())
def test_trusted_interval_equals_checked(ends: tuple[date | None, date | None]) -> None:
    checked = Interval(*ends)
    for fast in (Interval._trusted(*ends), make.interval(*ends)):
        assert_same(fast, checked)
        assert type(fast) is Interval


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.integers(0, 1000), st.integers(0, 50), st.none() | st.text(max_size=5))
def test_made_excerpt_equals_checked(text: str, start: int, length: int, document: str | None) -> None:
    checked = Excerpt(text, start, start + length, document)
    fast = make.excerpt(text, start, start + length, document)
    assert_same(fast, checked)


@settings(max_examples=100, deadline=None)
@given(st.lists(ordered(), min_size=1, max_size=3), st.text(max_size=10))
def test_made_when_equals_checked(ends: list[tuple[date | None, date | None]], text: str) -> None:
    readings = tuple(Interval(a, b) for a, b in ends)
    notes = tuple(str(i) for i in range(len(readings)))
    source = Excerpt(text, 0, len(text))
    checked = When(readings, text, "range", source, notes)
    fast = make.when(readings, text, "range", source, notes)
    assert_same(fast, checked)
    assert fast.envelope == checked.envelope and str(fast) == str(checked)


amounts = st.builds(Amount, st.integers(-24, 24), st.integers(-400, 400))


@settings(max_examples=200, deadline=None)
@given(amounts, st.none() | amounts, st.text(max_size=10))
def test_made_count_equals_checked_where_valid(low: Amount, high: Amount | None, text: str) -> None:
    try:
        checked = Count(low, high, text)
    except InvalidValue:
        return
    fast = make.count(low, high, text)
    assert_same(fast, checked)
    assert fast.day_range() == checked.day_range()


@settings(max_examples=100, deadline=None)
@given(amounts, st.none() | amounts, st.sampled_from([1, -1]), st.text(max_size=8), st.none() | st.text(max_size=8))
def test_made_nodes_equal_constructed_ones(
    low: Amount, high: Amount | None, direction: Literal[1, -1], text: str, person: str | None
) -> None:
    words = Excerpt(text, 0, len(text))
    pairs = [
        (make.amount(low.months, low.days), Amount(low.months, low.days)),
        (make.birth(person, words), Birth(person, words)),
        (make.birth(), Birth()),
        (make.named(words), Named(words)),
        (make.reference(words), Reference(words)),
        (make.reference(), Reference()),
        (make.document_date(words), DocumentDate(words)),
        (make.document_date(), DocumentDate()),
    ]
    with contextlib.suppress(InvalidValue):
        count = Count(low, high, text)
        pairs.append(
            (make.shift(Birth(), count, direction, "age", words), Shift(Birth(), count, direction, "age", words))
        )
    pairs.append(
        (
            make.aligned(Reference(), "next", (text,), "narrative", words),
            Aligned(Reference(), "next", (text,), "narrative", words),
        )
    )
    for fast, checked in pairs:
        assert type(fast) is type(checked)
        assert_same(fast, checked)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31), st.integers(1, 9999), st.integers(-30, 30))
def test_named_intervals_equal_checked_ones(year: int, month: int, dom: int, other: int, count: int) -> None:
    first = date(year, month, 1)
    assert Interval.month(year, month) == Interval(first, cal.month_end(first))
    assert Interval.year(year) == Interval(date(year, 1, 1), date(year, 12, 31))
    if dom <= cal.days_in_month(year, month):
        assert Interval.day(year, month, dom) == Interval(date(year, month, dom), date(year, month, dom))
    else:
        with pytest.raises(InvalidValue):
            Interval.day(year, month, dom)
    if other >= year:
        assert Interval.years(year, other) == Interval(date(year, 1, 1), date(other, 12, 31))
    else:
        with pytest.raises(InvalidValue, match="after latest"):
            Interval.years(year, other)
    try:
        last = cal.add_days(cal.add_months(first, count), -1)
    except (OverflowError, ValueError):
        return
    if first <= last:
        assert Interval.months(year, month, count) == Interval(first, last)
    else:
        with pytest.raises(InvalidValue, match="after latest"):
            Interval.months(year, month, count)


far_days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


def _outcome(function: Callable[[], object]) -> object:
    try:
        return function()
    except (ValueError, OverflowError) as error:
        return (type(error), str(error))


@settings(max_examples=300, deadline=None)
@given(far_days, st.integers(-2000, 2000), st.integers(-5000, 5000))
def test_move_is_calendar_shift(day: date, months: int, days: int) -> None:
    assert _outcome(lambda: _grammar._move(day, months, days)) == _outcome(lambda: cal.shift(day, months, days))


@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2008, date(2008, 3, 23)), (2011, date(2011, 4, 24)), (2012, date(2012, 4, 8)), (2019, date(2019, 4, 21))],
)
def test_easter_sunday(year: int, sunday: date) -> None:
    assert rules.easter(year) == sunday
    assert sunday.weekday() == 6


@pytest.mark.parametrize("phrase", ["31 April", "31st June", "30 February", "0 May", "31 September"])
def test_a_day_no_year_has_is_refused(phrase: str) -> None:
    with pytest.raises(UnrecognisedPhrase, match="no such day in the year"):
        phrases.parse_when(phrase, reference=date(2012, 1, 1))


@pytest.mark.parametrize("arg", [(4, 31), (2, 30), (13, 1), (1, 0)])
def test_latest_day_refuses_a_day_of_no_year(arg: tuple[int, int]) -> None:
    with pytest.raises(InvalidValue, match="in any year"):
        rules.latest_day(date(2012, 1, 1), arg, DEFAULT)


def test_29_february_without_a_year_is_the_latest_leap_day() -> None:
    assert str(phrases.parse_when("29 February", reference=date(2012, 1, 1))) == "29 Feb 2008 (29 February)"


@pytest.mark.parametrize("phrase", ["in the following hours", "the hours after", "minutes before this", "hours later"])
def test_counts_of_hours_without_a_number_are_refused_not_crashed(phrase: str) -> None:
    with pytest.raises(UnrecognisedPhrase):
        phrases.parse_when(phrase, reference=date(2012, 1, 1))


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)), st.integers(0, 6))
def test_rules_intervals_equal_checked_ones(day: date, weekday: int) -> None:
    for name in ("weekday_on_or_after", "weekday_after", "weekday_before"):
        got = RULES[name](day, (weekday,), DEFAULT)
        assert got == Interval(got.earliest, got.latest) and got.earliest is not None
        assert got.earliest.weekday() == weekday
    for unit in ("week", "month", "year"):
        whole = rules.period(day, unit)
        assert whole == Interval(whole.earliest, whole.latest) and whole.contains(day)


@settings(max_examples=100, deadline=None)
@given(st.lists(ordered(), min_size=1, max_size=3), st.text(max_size=10))
def test_made_fixed_equals_checked(ends: list[tuple[date | None, date | None]], text: str) -> None:
    readings = tuple(Interval(a, b) for a, b in ends)
    notes = tuple(str(i) for i in range(len(readings)))
    words = Excerpt(text, 0, len(text))
    checked = Fixed(list(readings), "range", words, list(notes))
    fast = make.fixed(readings, "range", words, notes)
    assert_same(fast, checked)


@st.composite
def bases(draw: st.DrawFn) -> Interval:
    a, b = sorted((draw(far_days), draw(far_days)))
    if draw(st.booleans()):
        b = a  # one day, the common case
    return Interval(draw(st.none() | st.just(a)), draw(st.none() | st.just(b)))


def _any_count(low: Amount, high: Amount | None) -> Count:
    return make.count(low, high, "")  # any pair, even one Count() would refuse: the resolver must agree anyway


@settings(max_examples=400, deadline=None)
@given(amounts, st.none() | amounts, st.sampled_from([1, -1]), bases())
def test_shifted_is_apply_to(low: Amount, high: Amount | None, direction: Literal[1, -1], base: Interval) -> None:
    node = Shift(Reference(), _any_count(low, high), direction, "narrative", Excerpt("x"))
    assert _outcome(lambda: _grammar._shifted(node, base)) == _outcome(lambda: apply_to(node, base))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(RULES)), bases(), st.integers(0, 11))
def test_aligned_is_apply_to(rule: str, base: Interval, pick: int) -> None:
    args = {
        "next_period": ("month",),
        "previous_period": ("week",),
        "this_period": ("year",),
        "rest_of_period": ("month",),
        "start_of_period": ("week",),
        "later_in": (730000, 730100),
        "earlier_in": (730000, 730100),
        "weekday_on_or_after": (pick % 7,),
        "weekday_after": (pick % 7,),
        "weekday_before": (pick % 7,),
        "next_working_day": (1,),
        "latest_day": (pick + 1, 29),
        "latest_month": (pick + 1, "early"),
        "last_month": (pick + 1,),
        "latest_season": ("winter", ""),
        "last_season": ("summer",),
        "two_digit_year": (pick + 1, 0, 11),
    }
    if rule not in args:
        return
    node = Aligned(Reference(), rule, args[rule], "narrative", Excerpt("x"))
    assert _outcome(lambda: _grammar._aligned(node, base, DEFAULT)) == _outcome(lambda: apply_to(node, base))


phrase_text = st.text(alphabet="abt sm0129:/.-',&\u2019\u2013 ", max_size=24) | st.lists(
    st.sampled_from(["early", "summer", "2011", "21", "st", "10", "am", "a", "couple", "of", "the", "week", "'s", "-"]),
    max_size=6,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(phrase_text)
def test_lexing_by_chunks_equals_lexing_the_whole_text(text: str) -> None:
    normal = _grammar._normalise(text)
    by_chunks = _grammar._lex(normal)
    with mock.patch.object(_grammar, "_spaced", lambda chunks: True):  # every text read whole
        whole = _grammar._lex(normal)
    assert by_chunks == whole


@settings(max_examples=400, deadline=None)
@given(phrase_text | st.text(max_size=16))
def test_a_token_holding_a_space_is_always_noticed(text: str) -> None:
    normal = _grammar._normalise(text)
    if _grammar._SPACED_TOKEN.search(normal) is not None:
        assert _grammar._spaced(normal.split())


SPACED = [
    ("10 am", True),
    ("10 p.m.", True),
    ("21 st june", True),
    ("1 st, 2011", True),
    ("10am", False),
    ("june 2011", False),
    ("3 november 2011", False),
    ("10 the", False),
    ("2 thirds", False),
]


@pytest.mark.parametrize(("text", "spaced"), SPACED)
def test_spaced_chunks(text: str, spaced: bool) -> None:
    assert _grammar._spaced(text.split()) is spaced


def test_no_whole_phrase_is_kept() -> None:
    texts = ("early summer 2011", "24 th november 2009", "10 am on 3 june 2011", "three months before his death")
    for text in texts:
        with contextlib.suppress(ChronologyError):  # read or refused, no phrase may be kept
            phrases.parse_when(text, anchor=date(2013, 11, 26), reference=date(2012, 1, 1))
    assert not any(" " in chunk for chunk in _grammar._CHUNKS)
