"""Properties of the grammar that must hold for every period, count and anchor.

(a) the parts of a period (thirds, halves) partition it exactly;
(b) a calendar period written out in words parses back to its own bounds;
(c) an age or offset resolved against an interval anchor is sound (it holds
    the result for every day of the anchor) and tight (its ends are reached by
    the anchor's first and last days), whatever form the anchor comes in;
(d) any text either parses or raises a ``ChronologyError``, nothing else.

Expected bounds come from :mod:`chronology.model`'s named constructors and the
calendar, never from the grammar under test.
"""

from __future__ import annotations

import typing
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import (
    MONTH_ABBR,
    MONTH_NAMES,
    anchor_forms,
    counts,
    decades,
    months,
    number_words,
    ordinal,
    season_readings,
    seasons,
    short_intervals,
    vocabulary_text,
    years,
)

from chronology import ChronologyError, Interval, When, parse, parse_when
from chronology import calendar as cal
from chronology.phrases.syntax import Node

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NODE_TYPES = typing.get_args(Node)


def _one(phrase: str, **anchors: object) -> Interval:
    """The single reading of ``phrase`` (fails the property if there are more)."""
    when = parse_when(phrase, **anchors)  # type: ignore[arg-type]
    assert isinstance(when, When), f"{phrase!r} gave {when!r}"
    assert len(when.readings) == 1, f"{phrase!r} gave {len(when.readings)} readings: {when}"
    return when.readings[0]


def _assert_partition(whole: Interval, parts: list[Interval], words: list[str]) -> None:
    """``parts`` run end to end in order, without gap or overlap, and cover exactly ``whole``."""
    assert parts[0].earliest == whole.earliest, f"{words[0]!r} starts at {parts[0]}, not at {whole}"
    assert parts[-1].latest == whole.latest, f"{words[-1]!r} ends at {parts[-1]}, not at {whole}"
    for (before, w1), (after, w2) in pairwise(zip(parts, words, strict=True)):
        assert before.latest is not None and after.earliest is not None
        gap = after.earliest - before.latest
        assert gap == timedelta(days=1), f"{w1!r} ({before}) and {w2!r} ({after}) do not meet"
    assert sum(p.days or 0 for p in parts) == whole.days


# -- (a) parts of a period partition it ----------------------------------------------

THIRDS = (("early", "mid", "late"), ("the beginning of", "the middle of", "the end of"))
HALVES = ("the first half of", "the second half of")


@FAST
@given(months(), st.sampled_from(THIRDS))
def test_thirds_of_a_month_partition_it_on_whole_days(month: tuple[int, int], words: tuple[str, str, str]) -> None:
    year, number = month
    name = MONTH_NAMES[number - 1]
    phrases = [f"{w} {name} {year}" for w in words]
    parts = [_one(p) for p in phrases]
    whole = Interval.month(year, number)
    _assert_partition(whole, parts, phrases)
    # The conventions' cut: first and last thirds get floor(n/3) days, the middle the rest.
    n = cal.days_in_month(year, number)
    assert parts[0].days == n // 3 and parts[2].days == n // 3


@FAST
@given(months())
def test_mid_hyphen_month_is_the_middle_third(month: tuple[int, int]) -> None:
    year, number = month
    name = MONTH_NAMES[number - 1]
    assert _one(f"mid-{name} {year}") == _one(f"the middle of {name} {year}")


@FAST
@given(years(), st.sampled_from(THIRDS))
def test_thirds_of_a_year_are_four_months_each(year: int, words: tuple[str, str, str]) -> None:
    phrases = [f"{w} {year}" for w in words]
    parts = [_one(p) for p in phrases]
    _assert_partition(Interval.year(year), parts, phrases)
    assert parts == [Interval.months(year, 1, 4), Interval.months(year, 5, 4), Interval.months(year, 9, 4)]


@FAST
@given(years())
def test_halves_of_a_year(year: int) -> None:
    phrases = [f"{w} {year}" for w in HALVES]
    parts = [_one(p) for p in phrases]
    assert parts == [Interval.months(year, 1, 6), Interval.months(year, 7, 6)]


@FAST
@given(months())
def test_halves_of_a_month_partition_it(month: tuple[int, int]) -> None:
    year, number = month
    phrases = [f"{w} {MONTH_NAMES[number - 1]} {year}" for w in HALVES]
    _assert_partition(Interval.month(year, number), [_one(p) for p in phrases], phrases)


@FAST
@given(seasons(), st.sampled_from((("early", "mid", "late"), ("early", "mid-", "late"))))
def test_thirds_of_a_season_are_its_months_for_every_reading(season: tuple[str, int], words: tuple[str, ...]) -> None:
    name, year = season
    phrases = [f"{w} {name} {year}" if not w.endswith("-") else f"{w}{name} {year}" for w in words]
    whens = [parse_when(p) for p in phrases]
    expected = season_readings(name, year)
    for when, phrase in zip(whens, phrases, strict=True):
        assert len(when.readings) == len(expected), f"{phrase!r} gave {when}"
    for index, whole in enumerate(expected):
        parts = [w.readings[index] for w in whens]
        _assert_partition(whole, parts, phrases)
        assert whole.earliest is not None
        firsts = [cal.add_months(whole.earliest, k) for k in range(3)]
        assert parts == [Interval.month(d.year, d.month) for d in firsts]


@FAST
@given(seasons())
def test_halves_of_a_season_partition_each_reading(season: tuple[str, int]) -> None:
    name, year = season
    phrases = [f"{w} {name} {year}" for w in HALVES]
    whens = [parse_when(p) for p in phrases]
    for index, whole in enumerate(season_readings(name, year)):
        _assert_partition(whole, [w.readings[index] for w in whens], phrases)


@FAST
@given(decades(), st.sampled_from((("the early", "the mid", "the late"), ("early", "mid", "late"))))
def test_thirds_of_a_decade_partition_it(decade: int, words: tuple[str, str, str]) -> None:
    phrases = [f"{w} {decade}s" for w in words]
    parts = [_one(p) for p in phrases]
    _assert_partition(Interval.years(decade, decade + 9), parts, phrases)
    assert _one(f"the {decade}s") == Interval.years(decade, decade + 9)


@FAST
@given(decades())
def test_halves_of_a_decade_partition_it(decade: int) -> None:
    phrases = [f"{w} the {decade}s" for w in HALVES]
    _assert_partition(Interval.years(decade, decade + 9), [_one(p) for p in phrases], phrases)


# -- (b) a period written out parses back to itself --------------------------------------


def _day_styles(day: date) -> list[str]:
    name, abbr = MONTH_NAMES[day.month - 1], MONTH_ABBR[day.month - 1]
    return [
        f"{ordinal(day.day)} {name} {day.year}",
        f"{day.day} {name} {day.year}",
        f"{day.day} {abbr} {day.year}",
        f"{name} {day.day}, {day.year}",
        f"{name} {ordinal(day.day)}, {day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}/{day.month}/{day.year}",
        day.isoformat(),
        f"on {ordinal(day.day)} {name} {day.year}",
        f"{ordinal(day.day).upper()} {name.upper()} {day.year}",
    ]


@FAST
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.data())
def test_a_day_written_out_parses_back_to_that_day(day: date, data: st.DataObject) -> None:
    phrase = data.draw(st.sampled_from(_day_styles(day)), label="phrase")
    assert parse_when(phrase).readings == (Interval.on(day),)


@FAST
@given(months(), st.data())
def test_a_month_written_out_parses_back_to_that_month(month: tuple[int, int], data: st.DataObject) -> None:
    year, number = month
    name, abbr = MONTH_NAMES[number - 1], MONTH_ABBR[number - 1]
    styles = [f"{name} {year}", f"{abbr} {year}", f"in {name} {year}", f"{name.lower()} {year}", f"{number:02d}/{year}"]
    if number == 9:
        styles.append(f"Sept {year}")
    phrase = data.draw(st.sampled_from(styles), label="phrase")
    assert parse_when(phrase).readings == (Interval.month(year, number),)


@FAST
@given(years(), st.sampled_from(("{y}", "in {y}", "during {y}")))
def test_a_year_written_out_parses_back_to_that_year(year: int, style: str) -> None:
    assert parse_when(style.format(y=year)).readings == (Interval.year(year),)


@FAST
@given(seasons(), st.sampled_from(("{s} {y}", "the {s} of {y}", "in the {s} of {y}", "{S} {y}")))
def test_a_season_written_out_parses_back_to_its_readings(season: tuple[str, int], style: str) -> None:
    name, year = season
    phrase = style.format(s=name, S=name.capitalize(), y=year)
    assert set(parse_when(phrase).readings) == set(season_readings(name, year))


@FAST
@given(st.integers(min_value=1901, max_value=2098), st.integers(min_value=1, max_value=9))
def test_a_span_of_years_is_first_year_to_last(first: int, more: int) -> None:
    last = first + more
    for phrase in (f"{first} to {last}", f"{first} - {last}", f"between {first} and {last}"):
        assert _one(phrase) == Interval.years(first, last), phrase


# -- (c) soundness and tightness of ages and offsets over an interval anchor ---------------


def _count_words(n: int, unit: str, style: int) -> str:
    plural = unit if n == 1 else unit + "s"
    return f"{number_words(n)} {plural}" if style == 0 else f"{n} {plural}"


AGE_FORMS = ("aged {c}", "{c} old", "when he was {c} old", "at the age of {c}", "at {c}")
ANCHOR_FORMS = ("{c} before his death", "{c} after the assessment", "{c} prior to the hearing")
REFERENCE_FORMS = ("{c} later",)
REFERENCE_PHRASES = (
    "the following day",
    "the next day",
    "the previous day",
    "the same day",
    "later that day",
    "later that month",
    "earlier that month",
    "the following month",
    "the following year",
    "shortly after",
)


@st.composite
def _offset_phrases(draw: st.DrawFn) -> tuple[str, str]:
    """``(phrase, role)``: an age (role ``birth``), an offset from a named event
    (``anchor``) or from the narrative's reference time (``reference``)."""
    role = draw(st.sampled_from(("birth", "anchor", "reference", "reference-fixed")))
    if role == "reference-fixed":
        return draw(st.sampled_from(REFERENCE_PHRASES)), "reference"
    unit = draw(st.sampled_from(("day", "week", "month", "year")))
    n = draw(counts(24 if unit != "year" else 17))
    words = _count_words(n, unit, draw(st.integers(0, 1)))
    forms = {"birth": AGE_FORMS, "anchor": ANCHOR_FORMS, "reference": REFERENCE_FORMS}[role]
    return draw(st.sampled_from(forms)).format(c=words), role


def _hull(when: When) -> Interval:
    return when.envelope


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_offset_phrases(), short_intervals(max_days=31), st.data())
def test_offsets_over_an_interval_anchor_are_sound_and_tight(
    phrase_role: tuple[str, str], anchor: Interval, data: st.DataObject
) -> None:
    phrase, role = phrase_role
    form = data.draw(anchor_forms(anchor), label="anchor form")
    whole = parse_when(phrase, **{role: form})  # type: ignore[arg-type]
    assert anchor.earliest is not None and anchor.latest is not None
    span = _hull(whole)
    day = anchor.earliest
    per_day: dict[date, When] = {}
    while day <= anchor.latest:
        single = parse_when(phrase, **{role: day})  # type: ignore[arg-type]
        per_day[day] = single
        for reading in single.readings:
            assert span.covers(reading), f"{phrase!r}: {role}={day} gives {reading}, outside {span} for {anchor}"
        day += timedelta(days=1)
    # Tight: the ends are reached by the anchor's first and last days.
    assert span.earliest == _hull(per_day[anchor.earliest]).earliest, phrase
    assert span.latest == _hull(per_day[anchor.latest]).latest, phrase


@FAST
@given(_offset_phrases(), short_intervals(max_days=31), st.data())
def test_every_anchor_form_gives_the_same_answer(
    phrase_role: tuple[str, str], anchor: Interval, data: st.DataObject
) -> None:
    phrase, role = phrase_role
    form = data.draw(anchor_forms(anchor), label="anchor form")
    assert parse_when(phrase, **{role: form}).readings == parse_when(phrase, **{role: anchor}).readings  # type: ignore[arg-type]


@FAST
@given(counts(20), st.sampled_from(("day", "week", "month", "year")), short_intervals(max_days=31))
def test_an_age_is_completed_units(n: int, unit: str, birth: Interval) -> None:
    """``aged N units`` runs from birth + N units to the day before birth + (N+1) units."""
    assert birth.earliest is not None and birth.latest is not None
    got = _one(f"aged {_count_words(n, unit, 1)}", birth=birth)

    def plus(day: date, k: int) -> date:
        if unit == "day":
            return cal.add_days(day, k)
        if unit == "week":
            return cal.add_days(day, 7 * k)
        return cal.add_months(day, k * (12 if unit == "year" else 1))

    assert got == Interval(plus(birth.earliest, n), cal.add_days(plus(birth.latest, n + 1), -1))


# -- (d) anything parses or raises a ChronologyError -----------------------------------------


def _parse_or_library_error(text: str) -> None:
    for function in (parse_when, parse):
        try:
            result = function(text)
        except ChronologyError:
            continue
        if function is parse_when:
            assert isinstance(result, When), f"parse_when({text!r}) returned {result!r}"
        else:
            assert isinstance(result, NODE_TYPES), f"parse({text!r}) returned {result!r}"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_parses_or_raises_a_chronology_error(text: str) -> None:
    _parse_or_library_error(text)


@settings(max_examples=500, deadline=None)
@given(vocabulary_text())
def test_near_phrases_parse_or_raise_a_chronology_error(text: str) -> None:
    _parse_or_library_error(text)


@settings(max_examples=200, deadline=None)
@given(vocabulary_text(), short_intervals(max_days=31))
def test_near_phrases_with_anchors_parse_or_raise_a_chronology_error(text: str, anchor: Interval) -> None:
    try:
        result = parse_when(text, birth=anchor, anchor=anchor, reference=anchor, document_date=anchor.earliest)
    except ChronologyError:
        return
    assert isinstance(result, When)


@pytest.mark.parametrize("text", ["", " ", "31st February 2011", "early 2011 2011", "32/01/2010", "aged -3 weeks"])
def test_nonsense_dates_raise_a_chronology_error(text: str) -> None:
    with pytest.raises(ChronologyError):
        parse_when(text)


# -- counts: words, hedges, ranges and one-sided bounds ------------------------------------------

COUNT_UNITS = ("day", "week", "month", "year")
ANCHOR_DAYS = st.dates(date(1950, 1, 1), date(2040, 12, 31))


def _exactly(day: date, n: int, unit: str, sign: int = 1) -> date:
    """``day`` moved by exactly ``n`` units (no tolerance)."""
    if unit == "day":
        return cal.add_days(day, sign * n)
    if unit == "week":
        return cal.add_days(day, sign * 7 * n)
    return cal.add_months(day, sign * n * (12 if unit == "year" else 1))


@FAST
@given(st.integers(min_value=1, max_value=99), st.sampled_from(COUNT_UNITS), ANCHOR_DAYS)
def test_a_count_in_words_is_the_count_in_digits(n: int, unit: str, day: date) -> None:
    words = parse_when(f"{_count_words(n, unit, 0)} after the visit", anchor=day)
    digits = parse_when(f"{_count_words(n, unit, 1)} after the visit", anchor=day)
    assert words.readings == digits.readings


@FAST
@given(
    counts(20),
    st.sampled_from(COUNT_UNITS),
    st.sampled_from(("about", "around", "approximately", "some", "roughly", "nearly", "almost")),
    ANCHOR_DAYS,
)
def test_a_hedge_widens_a_count_and_never_narrows_it(n: int, unit: str, hedge: str, day: date) -> None:
    plain = _one(f"{_count_words(n, unit, 1)} before his death", anchor=day)
    hedged = _one(f"{hedge} {_count_words(n, unit, 1)} before his death", anchor=day)
    assert hedged.covers(plain), f"{hedge!r}: {hedged} does not hold {plain}"
    if unit != "day" or n >= 2:
        assert hedged != plain, f"{hedge!r} {n} {unit}s did not widen {plain}"


@FAST
@given(counts(11), st.integers(min_value=1, max_value=6), st.sampled_from(COUNT_UNITS), ANCHOR_DAYS)
def test_a_range_of_counts_spans_both_ends(low: int, more: int, unit: str, day: date) -> None:
    high = low + more
    first = _one(f"{_count_words(low, unit, 1)} after the visit", anchor=day)
    last = _one(f"{_count_words(high, unit, 1)} after the visit", anchor=day)
    plural = unit + "s"
    for phrase in (f"{low} or {high} {plural} after the visit", f"{low}-{high} {plural} after the visit"):
        assert _one(phrase, anchor=day) == first.hull(last), phrase


@FAST
@given(counts(20), st.sampled_from(COUNT_UNITS), ANCHOR_DAYS)
def test_less_than_bounds_above_only_and_more_than_below_only(n: int, unit: str, day: date) -> None:
    exact = _one(f"{_count_words(n, unit, 1)} before his death", anchor=day)
    under = _one(f"less than {_count_words(n, unit, 1)} before his death", anchor=day)
    # From zero: up to the anchor, back as far as the count (with its tolerance) reaches.
    assert under == Interval(exact.earliest, day)
    over = _one(f"more than {_count_words(n, unit, 1)} after the visit", anchor=day)
    # From the count itself (no tolerance below), up to half as much again.
    assert over.earliest == _exactly(day, n, unit)
    assert over.latest is not None and over.latest > over.earliest
