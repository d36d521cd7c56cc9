"""The phrase grammar, row by row of the conventions (docs/conventions.md,
/work/shared/spec/temporal-conventions.md).  Expected bounds are written out
by hand from the conventions, never computed by the code under test."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from chronology import (
    Excerpt,
    Interval,
    InvalidValue,
    MissingAnchor,
    Settings,
    UnrecognisedPhrase,
    When,
    parse,
    parse_when,
)
from chronology.phrases import matching_rule
from chronology.phrases.lexicon import LEXICON
from chronology.phrases.syntax import Between, Birth, Bound, Endpoint, Fixed, Length, Named, Shift

B = date(2010, 12, 1)  # a birth
X = date(2013, 11, 26)  # another event (Tuesday)
R = date(2012, 7, 15)  # the narrative's reference time (Sunday)
D = date(2014, 7, 1)  # the document's date (Tuesday)
ALL = {"birth": B, "anchor": X, "reference": R, "document_date": D}


def d(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def spans(*pairs: tuple[str | None, str | None]) -> tuple[Interval, ...]:
    return tuple(Interval(d(a), d(b)) for a, b in pairs)


ROWS = [
    # -- calendar periods
    ("2011", {}, [("2011-01-01", "2011-12-31")]),
    ("April 2013", {}, [("2013-04-01", "2013-04-30")]),
    ("Apr 2013", {}, [("2013-04-01", "2013-04-30")]),
    ("Sept 2009", {}, [("2009-09-01", "2009-09-30")]),
    ("9th July 2013", {}, [("2013-07-09", "2013-07-09")]),
    ("9 July 2013", {}, [("2013-07-09", "2013-07-09")]),
    ("July 9, 2013", {}, [("2013-07-09", "2013-07-09")]),
    ("09/07/2013", {}, [("2013-07-09", "2013-07-09")]),
    ("2013-07-09", {}, [("2013-07-09", "2013-07-09")]),
    ("24 th November 2009", {}, [("2009-11-24", "2009-11-24")]),
    ("February 26th, 2015", {}, [("2015-02-26", "2015-02-26")]),
    ("24TH JULY 2019", {}, [("2019-07-24", "2019-07-24")]),
    ("on 23rd June, 2014", {}, [("2014-06-23", "2014-06-23")]),
    ("07 Jun 2019", {}, [("2019-06-07", "2019-06-07")]),
    ("Tuesday 12th October 2010", {}, [("2010-10-12", "2010-10-12")]),
    ("2006 - 2011", {}, [("2006-01-01", "2011-12-31")]),
    ("2006 to 2011", {}, [("2006-01-01", "2011-12-31")]),
    ("2006-2011", {}, [("2006-01-01", "2011-12-31")]),
    ("2006-11", {}, [("2006-01-01", "2011-12-31"), ("2006-11-01", "2006-11-30")]),
    ("2006-14", {}, [("2006-01-01", "2014-12-31")]),
    ("between March and August 2010", {}, [("2010-03-01", "2010-08-31")]),
    ("the first half of 2012", {}, [("2012-01-01", "2012-06-30")]),
    ("the second half of 2012", {}, [("2012-07-01", "2012-12-31")]),
    ("the 1990s", {}, [("1990-01-01", "1999-12-31")]),
    ("the early 2000s", {}, [("2000-01-01", "2002-12-31")]),
    ("06/2011", {}, [("2011-06-01", "2011-06-30")]),
    ("02/13", {}, [("2013-02-01", "2013-02-28")]),
    ("9.7.13", {}, [("2013-07-09", "2013-07-09")]),
    ("16/07/06", {}, [("2006-07-16", "2006-07-16")]),
    ("16/07/96", {"document_date": D}, [("1996-07-16", "1996-07-16")]),
    ("in the May of 2021", {}, [("2021-05-01", "2021-05-31")]),
    ("by the end of February 2009", {}, [(None, "2009-02-28")]),
    ("by 2015", {}, [(None, "2015-12-31")]),
    ("2014-15", {}, [("2014-04-01", "2015-03-31")]),
    ("2014/15", {}, [("2014-04-01", "2015-03-31")]),
    ("FY21/22", {}, [("2021-04-01", "2022-03-31")]),
    ("in March and April 2020", {}, [("2020-03-01", "2020-04-30")]),
    ("in 2014 and 2015", {}, [("2014-01-01", "2015-12-31")]),
    ("May/June 2010", {}, [("2010-05-01", "2010-06-30")]),
    ("since 2011", {"reference": R}, [("2011-01-01", "2012-07-15")]),
    ("Aug 2011 onwards", {"reference": R}, [("2011-08-01", "2012-07-15")]),
    ("from September 2011 to October 2014", {}, [("2011-09-01", "2014-10-31")]),
    # -- parts of a period
    ("early June 2011", {}, [("2011-06-01", "2011-06-10")]),
    ("mid February 2011", {}, [("2011-02-10", "2011-02-19")]),
    ("late May 2011", {}, [("2011-05-22", "2011-05-31")]),
    ("the beginning of 2013", {}, [("2013-01-01", "2013-04-30")]),
    ("the middle of 2013", {}, [("2013-05-01", "2013-08-31")]),
    ("the end of 2013", {}, [("2013-09-01", "2013-12-31")]),
    ("towards the end of 2012", {}, [("2012-09-01", "2012-12-31")]),
    ("the first week in April 2013", {}, [("2013-04-01", "2013-04-07")]),
    ("the second week of April 2013", {}, [("2013-04-08", "2013-04-14")]),
    ("the last week of April 2013", {}, [("2013-04-24", "2013-04-30")]),
    ("later in April 2011", {"reference": date(2011, 4, 10)}, [("2011-04-11", "2011-04-30")]),
    ("later in April 2011", {}, [("2011-04-01", "2011-04-30")]),
    # -- seasons
    ("summer 2010", {}, [("2010-06-01", "2010-08-31")]),
    ("autumn 2013", {}, [("2013-09-01", "2013-11-30")]),
    ("spring 2013", {}, [("2013-03-01", "2013-05-31")]),
    ("winter 2010", {}, [("2010-12-01", "2011-02-28"), ("2009-12-01", "2010-02-28")]),
    ("the winter of 2010/11", {}, [("2010-12-01", "2011-02-28")]),
    ("early winter 2010", {}, [("2010-12-01", "2010-12-31"), ("2009-12-01", "2009-12-31")]),
    ("mid-summer 2013", {}, [("2013-07-01", "2013-07-31")]),
    ("the late autumn of 2013", {}, [("2013-11-01", "2013-11-30")]),
    ("the early summer of 2011", {}, [("2011-06-01", "2011-06-30")]),
    # -- named days and weekdays
    ("Christmas 2010", {}, [("2010-12-25", "2010-12-25")]),
    ("just before Christmas 2010", {}, [("2010-12-11", "2010-12-24")]),
    ("Christmas and New Year 2010", {}, [("2010-12-24", "2011-01-01")]),
    ("New Year’s Day 2011", {}, [("2011-01-01", "2011-01-01")]),
    ("Boxing Day 2010", {}, [("2010-12-26", "2010-12-26")]),
    ("Easter 2012", {}, [("2012-04-06", "2012-04-09")]),
    ("the August bank holiday 2012", {}, [("2012-08-27", "2012-08-27")]),
    ("the summer holidays 2011", {}, [("2011-07-20", "2011-09-05")]),
    ("Christmas", {"reference": R}, [("2011-12-25", "2011-12-25")]),
    ("the next working day", {"reference": date(2012, 8, 24)}, [("2012-08-28", "2012-08-28")]),
    ("on the Monday", {"reference": R}, [("2012-07-16", "2012-07-16")]),
    ("on Sunday", {"reference": R}, [("2012-07-15", "2012-07-15")]),
    ("the following Sunday", {"reference": R}, [("2012-07-22", "2012-07-22")]),
    ("the previous Monday", {"reference": R}, [("2012-07-09", "2012-07-09")]),
    ("the previous weekend", {"reference": R}, [("2012-07-07", "2012-07-08")]),
    ("over the weekend", {"reference": date(2012, 7, 18)}, [("2012-07-21", "2012-07-22")]),
    # -- the document's date and missing years
    ("today", {"document_date": D}, [("2014-07-01", "2014-07-01")]),
    ("yesterday", {"document_date": D}, [("2014-06-30", "2014-06-30")]),
    ("last week", {"document_date": D}, [("2014-06-23", "2014-06-29")]),
    ("this month", {"document_date": D}, [("2014-07-01", "2014-07-31")]),
    ("last year", {"document_date": D}, [("2013-01-01", "2013-12-31")]),
    ("last year", {"reference": R}, [("2011-01-01", "2011-12-31")]),
    ("earlier this year", {"document_date": D}, [("2014-01-01", "2014-07-01")]),
    ("last April", {"document_date": D}, [("2014-04-01", "2014-04-30")]),
    ("last summer", {"document_date": D}, [("2013-06-01", "2013-08-31")]),
    ("on 28th September", {"reference": R}, [("2011-09-28", "2011-09-28")]),
    ("in April", {"reference": R}, [("2012-04-01", "2012-04-30")]),
    # -- parts of a day
    ("in the morning", {"reference": R}, [("2012-07-15", "2012-07-15")]),
    ("that evening", {"reference": R}, [("2012-07-15", "2012-07-15")]),
    ("overnight", {"reference": R}, [("2012-07-15", "2012-07-16")]),
    ("the previous night", {"reference": R}, [("2012-07-14", "2012-07-15")]),
    ("the night of 3 May 2011", {}, [("2011-05-03", "2011-05-04")]),
    ("the early hours of 3 May 2011", {}, [("2011-05-03", "2011-05-03")]),
    ("at 7.30pm", {"reference": R}, [("2012-07-15", "2012-07-15")]),
    ("two hours later", {"reference": R}, [("2012-07-15", "2012-07-16")]),
    # -- relative to the reference or an anchor
    ("three months before his death", {"anchor": X}, [("2013-08-11", "2013-09-10")]),
    ("three months prior to his death", {"anchor": X}, [("2013-08-11", "2013-09-10")]),
    ("ten days prior to the end of his licence", {"anchor": X}, [("2013-11-16", "2013-11-16")]),
    ("two weeks later", {"reference": R}, [("2012-07-26", "2012-08-01")]),
    ("three days earlier", {"reference": R}, [("2012-07-12", "2012-07-12")]),
    ("about four days later", {"reference": R}, [("2012-07-17", "2012-07-21")]),
    ("two years and three months after the assessment", {"anchor": X}, [("2016-02-11", "2016-03-12")]),
    ("the following day", {"reference": R}, [("2012-07-16", "2012-07-16")]),
    ("the next day", {"reference": R}, [("2012-07-16", "2012-07-16")]),
    ("the day after", {"reference": R}, [("2012-07-16", "2012-07-16")]),
    ("the previous day", {"reference": R}, [("2012-07-14", "2012-07-14")]),
    ("the same day", {"reference": R}, [("2012-07-15", "2012-07-15")]),
    ("that day", {"reference": R}, [("2012-07-15", "2012-07-15")]),
    ("later that day", {"reference": R}, [("2012-07-15", "2012-07-15")]),
    ("later that month", {"reference": R}, [("2012-07-15", "2012-07-31")]),
    ("earlier that month", {"reference": R}, [("2012-07-01", "2012-07-15")]),
    ("the following week", {"reference": R}, [("2012-07-16", "2012-07-22")]),
    ("the following month", {"reference": R}, [("2012-08-01", "2012-08-31")]),
    ("the following year", {"reference": R}, [("2013-01-01", "2013-12-31")]),
    ("within 28 days", {"reference": R}, [("2012-07-15", "2012-08-12")]),
    ("within fifteen working days", {"reference": R}, [("2012-07-15", "2012-08-05")]),
    ("shortly after", {"reference": R}, [("2012-07-15", "2012-08-12")]),
    ("a short time later", {"reference": R}, [("2012-07-15", "2012-08-12")]),
    ("a four day gap", {"reference": R}, [("2012-07-19", "2012-07-19")]),
    ("the day before his death", {"anchor": X}, [("2013-11-25", "2013-11-25")]),
    ("the week before his death", {"anchor": X}, [("2013-11-19", "2013-11-25")]),
    ("just before his death", {"anchor": X}, [("2013-11-19", "2013-11-26")]),
    ("days after the assessment", {"anchor": X}, [("2013-11-28", "2013-12-10")]),
    ("sometime later", {"reference": R}, [("2012-07-15", None)]),
    ("subsequently", {"reference": R}, [("2012-07-15", None)]),
    ("within a few days of his birth", {"anchor": X}, [("2013-11-26", "2013-11-30")]),
    ("the next two and a half years", {"reference": R}, [("2012-07-15", "2015-07-15")]),
    # -- ages (birth 1 Dec 2010)
    ("aged 17 months", {"birth": B}, [("2012-05-01", "2012-05-31")]),
    ("17 months old", {"birth": B}, [("2012-05-01", "2012-05-31")]),
    ("at the age of 17 months", {"birth": B}, [("2012-05-01", "2012-05-31")]),
    ("when he was ten weeks old", {"birth": B}, [("2011-02-09", "2011-02-15")]),
    ("ten-week-old", {"birth": B}, [("2011-02-09", "2011-02-15")]),
    ("ten- week- old", {"birth": B}, [("2011-02-09", "2011-02-15")]),
    ("SEVEN-WEEK-OLD", {"birth": B}, [("2011-01-19", "2011-01-25")]),
    ("13-month-old", {"birth": B}, [("2012-01-01", "2012-01-31")]),
    ("at two years seven months old", {"birth": B}, [("2013-07-01", "2013-07-31")]),
    ("aged two years and ten months", {"birth": B}, [("2013-10-01", "2013-10-31")]),
    ("aged 2 1/2", {"birth": B}, [("2013-06-01", "2013-08-31")]),
    ("two and a half years old", {"birth": B}, [("2013-06-01", "2013-08-31")]),
    ("less than two months old", {"birth": B}, [("2010-12-01", "2011-01-31")]),
    ("age 7-12 months", {"birth": B}, [("2011-07-01", "2011-12-31")]),
    ("at three and four months", {"birth": B}, [("2011-03-01", "2011-04-30")]),
    ("newborn", {"birth": B}, [("2010-12-01", "2010-12-28")]),
    ("aged 17", {"birth": B}, [("2027-12-01", "2028-11-30")]),
    ("then aged 4", {"birth": B}, [("2014-12-01", "2015-11-30")]),
    ("a teenager", {"birth": B}, [("2023-12-01", "2030-11-30")]),
    ("as a toddler", {"birth": B}, [("2011-12-01", "2014-11-30")]),
    ("by the age of 17", {"birth": B}, [(None, "2027-12-01")]),
    ("from age 10 until 17", {"birth": B}, [("2020-12-01", "2028-11-30")]),
    ("recently turned 18", {"birth": B}, [("2028-12-01", "2029-03-01")]),
    ("under two", {"birth": B}, [("2010-12-01", "2012-11-30")]),
    ("before she reached the age of one", {"birth": B}, [("2010-12-01", "2011-11-30")]),
    ("approximately 5 weeks old", {"birth": B}, [("2010-12-31", "2011-01-16")]),
    ("the first five weeks of her life", {"birth": B}, [("2010-12-01", "2011-01-05")]),
    ("his third year", {"birth": B}, [("2012-12-01", "2013-11-30")]),
    ("the first year of his life", {"birth": B}, [("2010-12-01", "2011-11-30")]),
    ("by his first birthday", {"birth": B}, [(None, "2011-12-01")]),
    ("around her 15th birthday", {"birth": B}, [("2025-11-01", "2026-01-01")]),
    ("a fourteen week check", {"birth": B}, [("2011-03-09", "2011-03-15")]),
    ("since she was 3 months old", {"birth": B, "reference": R}, [("2011-03-01", "2012-07-15")]),
    # -- pregnancy and periods bounded by events
    ("24 weeks pregnant", {"birth": B}, [("2010-07-28", "2010-08-25")]),
    ("throughout her pregnancy", {"birth": B}, [("2010-02-10", "2010-12-01")]),
    ("between 2013 and the child's death", {"anchor": date(2014, 3, 1)}, [("2013-01-01", "2014-03-01")]),
    ("in the weeks leading up to her death", {"anchor": X}, [("2013-10-01", "2013-11-19")]),
]


@pytest.mark.parametrize(("phrase", "anchors", "expected"), ROWS, ids=[f"{r[0]}|{','.join(r[1])}" for r in ROWS])
def test_conventions_table(
    phrase: str, anchors: dict[str, date], expected: list[tuple[str | None, str | None]]
) -> None:
    assert parse_when(phrase, **anchors).readings == spans(*expected)  # type: ignore[arg-type]


SETTINGS_ROWS = [
    ("2014-15", Settings(reporting_year="academic"), [("2014-09-01", "2015-08-31")]),
    ("summer 2010", Settings(seasons="astronomical"), [("2010-06-20", "2010-09-23")]),
    ("09/07/2013", Settings(day_first=False), [("2013-09-07", "2013-09-07")]),
    ("shortly after", Settings(short_gap_days=7), [("2012-07-15", "2012-07-22")]),
]


@pytest.mark.parametrize(
    ("phrase", "settings", "expected"), SETTINGS_ROWS, ids=[r[0] + "|" + str(i) for i, r in enumerate(SETTINGS_ROWS)]
)
def test_settings_variants(phrase: str, settings: Settings, expected: list[tuple[str, str]]) -> None:
    assert parse_when(phrase, reference=R, settings=settings).readings == spans(*expected)  # type: ignore[arg-type]


# -- anchors in every form -------------------------------------------------------------

DEC_2010 = Interval(date(2010, 12, 1), date(2010, 12, 31))


@pytest.mark.parametrize(
    "birth",
    [DEC_2010, (date(2010, 12, 1), date(2010, 12, 31)), When((DEC_2010,), "December 2010")],
    ids=["interval", "pair", "when"],
)
def test_an_interval_birth_widens_the_age(birth: object) -> None:
    # 1 Dec + 17 months = 1 May 2012; 31 Dec + 18 months = 30 Jun 2012 (clamped), less a day.
    assert parse_when("aged 17 months", birth=birth).readings == spans(("2012-05-01", "2012-06-29"))  # type: ignore[arg-type]


def test_a_when_with_two_readings_gives_one_reading_each() -> None:
    birth = When((Interval.month(2010, 12), Interval.month(2009, 12)), "early winter 2010")
    assert parse_when("aged 17 months", birth=birth).readings == spans(
        ("2012-05-01", "2012-06-29"), ("2011-05-01", "2011-06-29")
    )


def test_the_following_day_over_an_interval_reference() -> None:
    assert parse_when("the following day", reference=DEC_2010).readings == spans(("2010-12-02", "2011-01-01"))


# -- trees and offsets -------------------------------------------------------------------


def test_anchor_words_are_kept_with_their_offsets() -> None:
    tree = parse("three months before his death")
    assert isinstance(tree, Shift) and tree.direction == -1
    assert tree.base == Named(Excerpt("his death", 20, 29))
    assert tree.words == Excerpt("three months before his death", 0, 29)


def test_offsets_count_in_the_phrase_as_given() -> None:
    phrase = "  Early\u00a0summer \n 2011 "
    tree = parse(phrase)
    assert isinstance(tree, Fixed)
    assert (tree.words.start, tree.words.end) == (2, 21)
    assert tree.words.text == phrase[2:21]
    assert parse_when(phrase).readings == spans(("2011-06-01", "2011-06-30"))


def test_the_end_of_an_event_is_its_endpoint() -> None:
    tree = parse("ten days prior to the end of his licence")
    assert isinstance(tree, Shift) and isinstance(tree.base, Endpoint)
    assert tree.base.which == "end" and tree.base.base == Named(Excerpt("his licence", 29, 40))


def test_by_is_a_bound_and_between_an_event_is_between() -> None:
    assert isinstance(parse("by the end of February 2009"), Bound)
    assert isinstance(parse("between 2013 and the child's death"), Between)


def test_winter_readings_carry_notes() -> None:
    when = parse_when("winter 2010")
    assert when.kind == "season" and len(when.notes) == 2 and "Dec 2010" in when.notes[0]


def test_a_duration_is_a_length_and_places_nothing() -> None:
    assert isinstance(parse("for three days"), Length)
    assert isinstance(parse("for a fortnight"), Length)
    with pytest.raises(UnrecognisedPhrase, match="duration"):
        parse_when("for three days")


# -- errors ------------------------------------------------------------------------------

MISSING = [
    ("aged 17 months", "birth", None),
    ("three months before his death", "anchor", "his death"),
    ("the following day", "reference", None),
    ("last year", "document_date", None),
]


@pytest.mark.parametrize(("phrase", "needs", "words"), MISSING, ids=[m[0] for m in MISSING])
def test_missing_anchor(phrase: str, needs: str, words: str | None) -> None:
    with pytest.raises(MissingAnchor) as caught:
        parse_when(phrase)
    assert caught.value.needs == needs and caught.value.anchor_words == words


BAD = [
    ("early blorp 2011", 6, 11, "not know"),
    ("31 February 2011", 0, 16, "no such date"),
    ("Tuesday 13th October 2010", 0, 7, "Wednesday"),
    ("Working Together 2013", 0, 21, "title"),
    ("the Children Act 1989", 4, 21, "title"),
    ("weekly", 0, 6, "frequency"),
    ("currently", 0, 9, "empty reference"),
    ("32/01/2010", 0, 10, "no such date"),
    ("aged -3 weeks", 0, 13, ""),
    ("year 99999", 5, 10, ""),
    ("0000", 0, 4, "year 0 is out of range"),
]


@pytest.mark.parametrize(("phrase", "start", "end", "reason"), BAD, ids=[b[0] for b in BAD])
def test_unrecognised_phrases_say_where(phrase: str, start: int, end: int, reason: str) -> None:
    with pytest.raises(UnrecognisedPhrase) as caught:
        parse_when(phrase, **ALL)  # type: ignore[arg-type]
    assert (caught.value.start, caught.value.end) == (start, end)
    assert reason in caught.value.reason


@pytest.mark.parametrize("text", ["", "   ", "\x00", "2011 2011", "the the", "between and", "from to"])
def test_empty_and_broken_phrases(text: str) -> None:
    with pytest.raises(UnrecognisedPhrase):
        parse_when(text, **ALL)  # type: ignore[arg-type]


# -- the grammar's own examples -----------------------------------------------------------

EXAMPLES = [(rule.id, example) for rule in LEXICON.rules for example in rule.examples]


@pytest.mark.parametrize(("rule_id", "example"), EXAMPLES, ids=[f"{r}:{e}" for r, e in EXAMPLES])
def test_every_rule_reads_its_examples(rule_id: str, example: str) -> None:
    assert matching_rule(example) == rule_id
    if rule_id != "length":
        assert isinstance(parse_when(example, **ALL), When)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("phrase", "person"),
    [
        ("the day after his birth", "his"),
        ("within a few days of her birth", "her"),
        ("the weeks after Child S's birth", "Child S"),
        ("two weeks after the birth", None),
    ],
    ids=["his", "her", "named", "the"],
)
def test_a_birth_named_as_an_anchor_counts_from_the_birth(phrase: str, person: str | None) -> None:
    tree = parse(phrase)
    assert isinstance(tree.base, Birth)  # type: ignore[union-attr]
    assert tree.base.person == person  # type: ignore[union-attr]
    december = (date(2010, 12, 1), date(2010, 12, 31))
    when = parse_when(phrase, birth=december)
    assert when.earliest is not None and when.earliest >= december[0]
    # the birth may be passed as the birth or, as the named event it is, as the anchor
    assert parse_when(phrase, anchor=december).readings == when.readings
    with pytest.raises(MissingAnchor) as missing:
        parse_when(phrase)
    assert missing.value.needs == "birth"


def test_the_day_after_his_birth_is_exactly_one_day_later() -> None:
    assert parse_when("the day after his birth", birth=date(2010, 12, 14)).readings == (Interval.day(2010, 12, 15),)


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("2010/10/12", date(2010, 10, 12)),
        ("12th day of October 2010", date(2010, 10, 12)),
        ("12/10/2010 14:30", date(2010, 10, 12)),
        ("2010-10-12T14:30", date(2010, 10, 12)),
    ],
    ids=["iso-slashes", "day-of", "with-clock", "iso-datetime"],
)
def test_explicit_dates_the_grammar_lacks_fall_back_to_dateparser(phrase: str, day: date) -> None:
    when = parse_when(phrase)
    assert when.readings == (Interval.on(day),)
    assert when.kind == "day"


@pytest.mark.parametrize(
    "phrase",
    ["Monday 12 October 2010 14:30", "12th Oct '10 14:30", "about 2010/10/12"],
    ids=["weekday-disagrees", "two-digit-year", "hedged"],
)
def test_the_fallback_never_guesses(phrase: str) -> None:
    with pytest.raises(UnrecognisedPhrase):
        parse_when(phrase)


def test_a_hedged_date_is_read_by_the_grammar_widened_not_by_dateparser() -> None:
    when = parse_when("sometime around 12/10/2010 14:30")
    assert when.readings == (Interval(date(2010, 10, 11), date(2010, 10, 13)),)
    assert "hedged" in when.notes[0] and "dateparser" not in when.notes[0]


def test_the_fallback_follows_month_first_settings() -> None:
    assert parse_when("12/10/2010 14:30", settings=Settings(day_first=False)).readings == (Interval.day(2010, 12, 10),)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("at 23:15 on 3 May 2013", Interval.day(2013, 5, 3)),
        ("on 3 May 2013 at 7.30pm", Interval.day(2013, 5, 3)),
        ("on the day of arrival", Interval.day(2013, 11, 26)),
        ("the day of the assessment", Interval.day(2013, 11, 26)),
        ("the final days of Child S’s life", Interval(date(2013, 11, 12), date(2013, 11, 26))),
        ("the last weeks of her life", Interval(date(2013, 9, 28), date(2013, 11, 26))),
    ],
    ids=["clock-then-date", "date-then-clock", "day-of-event", "day-of-the-event", "final-days", "last-weeks"],
)
def test_phrasings_beyond_the_conventions(phrase: str, expected: Interval) -> None:
    # anchor: the event named (arrival, assessment) or, for a life, its end (the death)
    assert parse_when(phrase, anchor=date(2013, 11, 26)).readings == (expected,)


def test_the_final_days_of_a_life_count_back_from_its_end() -> None:
    tree = parse("the final days of his life")
    assert isinstance(tree, Shift) and tree.direction == -1
    assert isinstance(tree.base, Endpoint) and tree.base.which == "end"
    assert tree.base.words.text == "his life"
    with pytest.raises(MissingAnchor):
        parse_when("on the day of arrival")


@pytest.mark.parametrize(
    ("phrase", "fills"),
    [
        ("from September 2011 to October 2014", True),
        ("since 2011", True),
        ("between 2013 and the child's death", False),
    ],
)
def test_from_and_since_say_the_period_was_filled(phrase: str, fills: bool) -> None:
    tree = parse(phrase)
    assert isinstance(tree, Between) and tree.fills is fills


BAD_ARGUMENTS = [
    (lambda: parse_when("2011", settings="uk"), InvalidValue, "settings must be a chronology.Settings"),
    (lambda: parse_when("aged 3", birth=(date(2010, 1, 1),)), InvalidValue, "birth: an anchor must be"),
    (lambda: parse_when("the next day", reference=[date(2010, 1, 1)]), InvalidValue, "reference: an anchor must be"),
    (lambda: parse_when("aged 3", birth=(1, 2)), InvalidValue, "Interval.earliest must be a datetime.date"),
    (lambda: parse(b"2011"), InvalidValue, "phrase must be a str, not a value of type bytes"),
    (lambda: matching_rule(2011), InvalidValue, "phrase must be a str, not 2011"),
]


@pytest.mark.parametrize(("call", "error", "says"), BAD_ARGUMENTS)
def test_arguments_of_the_wrong_type_get_the_librarys_errors(call: Any, error: type[Exception], says: str) -> None:
    with pytest.raises(error, match=re.escape(says)):
        call()
