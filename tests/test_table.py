"""The chronology table: honest display dates, ages, certainty, sources, and only the record's own words."""

from __future__ import annotations

import re
import runpy
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology import Case, Excerpt, Interval, InvalidValue, When
from chronology.calendar import add_months, month_end
from chronology.render.table import (
    COLUMNS,
    PANEL,
    Table,
    _completed_months,
    age_between,
    age_range,
    short_date,
    short_when,
)
from tests.strategies import days, intervals

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# -- display dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interval", "shown"),
    [
        (Interval.day(2013, 7, 9), "9 Jul 2013"),
        (Interval.month(2011, 6), "Jun 2011"),
        (Interval.year(2012), "2012"),
        (Interval.years(2006, 2011), "2006 – 2011"),
        (Interval.months(2011, 6, 3), "Jun – Aug 2011"),
        (Interval.months(2010, 12, 3), "Dec 2010 – Feb 2011"),
        (Interval(date(2011, 2, 9), date(2011, 2, 15)), "9–15 Feb 2011"),
        (Interval(date(2011, 2, 9), date(2011, 3, 17)), "9 Feb – 17 Mar 2011"),
        (Interval(date(2010, 12, 5), date(2011, 1, 4)), "5 Dec 2010 – 4 Jan 2011"),
        (Interval(date(2013, 5, 4), None), "after 3 May 2013"),
        (Interval(date(2013, 6, 1), None), "after May 2013"),
        (Interval(date(2013, 1, 1), None), "after 2012"),
        (Interval(None, date(2009, 2, 28)), "before Mar 2009"),
        (Interval(None, date(2015, 12, 31)), "before 2016"),
        (Interval(None, date(2009, 2, 13)), "before 14 Feb 2009"),
        (Interval(None, None), "undated"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_short_dates(interval: Interval, shown: str) -> None:
    assert short_date(interval) == shown


def _read_short(text: str) -> Interval:
    """An independent reader of the short forms: the days a display date names."""

    def unit(words: str, *, last: bool) -> date:
        parts = words.split()
        if len(parts) == 1:
            year = int(parts[0])
            return date(year, 12, 31) if last else date(year, 1, 1)
        if len(parts) == 2:
            first = date(int(parts[1]), MONTHS.index(parts[0]) + 1, 1)
            return month_end(first) if last else first
        return date(int(parts[2]), MONTHS.index(parts[1]) + 1, int(parts[0]))

    if text == "undated":
        return Interval(None, None)
    if text.startswith("after "):
        return Interval(unit(text[6:], last=True) + timedelta(days=1), None)
    if text.startswith("before "):
        return Interval(None, unit(text[7:], last=False) - timedelta(days=1))
    if " – " in text:
        left, right = text.split(" – ")
        end = unit(right, last=True)
        year_missing = len(left.split()) < len(right.split()) or left.isalpha()
        if year_missing:  # "Jun – Aug 2011", "9 Feb – 17 Mar 2011": the left side takes the right's year
            left = f"{left} {right.split()[-1]}"
        return Interval(unit(left, last=False), end)
    days_range = re.fullmatch(r"(\d+)–(\d+) (\w+ \d+)", text)
    if days_range:
        return Interval(
            unit(f"{days_range[1]} {days_range[3]}", last=False), unit(f"{days_range[2]} {days_range[3]}", last=True)
        )
    return Interval(unit(text, last=False), unit(text, last=True))


@settings(max_examples=300, deadline=None)
@given(intervals(), st.sampled_from(["both", "since", "until"]))
def test_a_short_date_names_exactly_the_bounds(interval: Interval, side: str) -> None:
    """Never more precise than the bounds, and never less: the words name exactly those days."""
    if side == "since":
        interval = Interval(interval.earliest, None)
    elif side == "until":
        interval = Interval(None, interval.latest)
    assert _read_short(short_date(interval)) == interval


@settings(max_examples=100, deadline=None)
@given(intervals(max_days=400))
def test_circa_names_a_period_inside_hedged_bounds(interval: Interval) -> None:
    shown = short_when(When.of(interval), hedged=True)
    if shown.startswith("c. "):
        assert interval.covers(_read_short(shown[3:]))
    else:
        assert shown == short_date(interval)


def test_circa_only_where_the_words_hedge() -> None:
    june = When.of(Interval(date(2011, 5, 20), date(2011, 7, 10)))
    assert short_when(june, hedged=True) == "c. Jun 2011"
    assert short_when(june) == "20 May – 10 Jul 2011"
    case = Case()
    hedged = case.event("visit", When((Interval.month(2011, 6),), "around June 2011"))
    plain = case.event("call", When((Interval.month(2011, 6),), "June 2011"))
    rows = {row.event: row for row in case.solve().table()}
    assert rows[hedged.description].display == "c. Jun 2011"
    assert rows[plain.description].display == "Jun 2011"


# -- ages --------------------------------------------------------------------------------------


def _completed(birth: date, day: date, unit: str) -> int:
    if unit == "day":
        return (day - birth).days
    if unit == "week":
        return (day - birth).days // 7
    months = (day.year - birth.year) * 12 + day.month - birth.month
    if add_months(birth, months) > day:
        months -= 1
    return months if unit == "month" else months // 12


@settings(max_examples=150, deadline=None)
@given(days(date(1950, 1, 1), date(2050, 1, 1)), st.integers(0, 120), st.integers(0, 4000), st.integers(0, 400))
def test_ages_hold_for_every_birth_and_day(first: date, spread: int, lo: int, width: int) -> None:
    """Soundness: whatever the birth day and the day of the event, the true age lies in the range."""
    born = Interval(first, first + timedelta(days=spread))
    hi = lo + width
    low, high, unit = age_range(lo, hi, born)
    for birth in (born.earliest, born.latest, first + timedelta(days=spread // 2)):
        assert birth is not None
        for gap in (lo, hi, (lo + hi) // 2):
            assert low <= _completed(birth, birth + timedelta(days=gap), unit) <= high


@settings(max_examples=150, deadline=None)
@given(days(date(1950, 1, 1), date(2050, 1, 1)), st.integers(0, 4000), st.integers(0, 400))
def test_ages_from_a_known_birth_are_tight(birth: date, lo: int, width: int) -> None:
    low, high, unit = age_range(lo, lo + width, Interval.on(birth))
    assert low == _completed(birth, birth + timedelta(days=lo), unit)
    assert high == _completed(birth, birth + timedelta(days=lo + width), unit)


@settings(max_examples=150, deadline=None)
@given(days(date(1950, 1, 1), date(2050, 1, 1)), st.integers(0, 4000))
def test_completed_months_count_as_adding_months_does(birth: date, gap: int) -> None:
    reached = birth + timedelta(days=gap)
    assert _completed_months(birth, reached) == _completed(birth, reached, "month")


def test_age_at_the_time_counts_from_the_subject() -> None:
    case = Case()
    mother = case.person("Mother S", born=date(1990, 5, 1))
    child = case.person("Child S", born="December 2010")
    case.subject = child
    visit = case.event("health visit", "when he was ten weeks old", person=child)
    booking = case.event("booking", "June 2010")
    rows = {row.event: row for row in case.solve().table()}
    assert rows[visit.description].age == "10 weeks"  # the statement fixes the days from birth, not the months
    assert rows[booking.description].age == "before birth"
    assert rows["birth of Child S"].age == "birth"
    assert rows[mother.birth.description].age == "before birth"


def test_no_age_after_the_subjects_death() -> None:
    case = Case()
    child = case.person("Child S", born="December 2010")
    death = case.event("death of Child S", "in the late autumn of 2013", kind="death", people=[child])
    sentence = case.event("trial", "In July 2015")
    on_the_day = case.event("arrest", "the same day", reference=death)
    rows = {row.event: row for row in case.solve().table()}
    assert rows[sentence.description].age == "after death"
    assert rows[on_the_day.description].age.startswith("2 years")  # the day of the death itself still has an age
    assert rows[death.description].age.startswith("2 years")


def test_no_age_without_a_placed_birth() -> None:
    case = Case()
    case.person("Child S")
    visit = case.event("visit", "June 2011")
    (row,) = [r for r in case.solve().table() if r.event == visit.description]
    assert row.age == ""


# -- certainty, details, sources -----------------------------------------------------------


def test_certainty_names_what_the_bounds_are() -> None:
    case = Case()
    exact = case.event("exact", date(2011, 1, 10))
    bounded = case.event("bounded", "early summer 2011")
    two = case.event("two", "early winter 2010")
    undated = case.event("undated")
    rows = {row.event: row for row in case.solve().table()}
    assert rows[exact.description].certainty == "exact"
    assert rows[bounded.description].certainty == "bounded"
    assert rows[two.description].certainty == "two readings"
    assert rows[two.description].display == "Dec 2010 or Dec 2009"
    assert len(rows[two.description].readings) == 2
    assert rows[undated.description].certainty == "undated"
    assert rows[undated.description].display == "undated"
    assert rows[undated.description].readings == ()


def test_conflicting_accounts_are_marked_and_named() -> None:
    case = Case()
    visit = case.event("strategy discussion", date(2013, 3, 12), source="police.csv row 4")
    case.place(visit, date(2013, 3, 20), source="csc.csv row 9")
    table = case.solve(strict=False).table()
    (row,) = table.rows
    assert row.certainty == "in conflict"
    assert any("police.csv row 4" in s for s in row.because) and any("csc.csv row 9" in s for s in row.because)
    assert table.conflicts and any("12 Mar 2013" in s for s in table.conflicts[0])


def test_significance_action_and_outcome_are_only_what_the_record_says() -> None:
    case = Case()
    said = case.event(
        "home visit",
        "June 2011",
        agency="health visiting",
        details={"significance": "bruise seen", "action": "none: explanation accepted", "author": "HV1"},
    )
    silent = case.event("GP appointment", "July 2011", agency="GP")
    rows = {row.event: row for row in case.solve().table()}
    assert (rows[said.description].significance, rows[said.description].action) == (
        "bruise seen",
        "none: explanation accepted",
    )
    assert rows[said.description].outcome == "" and rows[said.description].author == "HV1"
    assert (
        rows[silent.description].significance,
        rows[silent.description].action,
        rows[silent.description].outcome,
    ) == (
        "",
        "",
        "",
    )


def test_sources_name_the_paragraph_or_line() -> None:
    text = "1. Intro\n3.3 In early 2017 police attended.\nThe following day a referral was made.\n\nA line in 2018.\n"
    case = Case()

    def words(phrase: str) -> Excerpt:
        start = text.index(phrase)
        return Excerpt(phrase, start, start + len(phrase), "review.txt")

    police = case.event("police attend", words("early 2017"))
    case.event("referral", words("The following day"), reference=police)
    case.event("loose", words("2018"))
    chronology = case.solve()
    offsets = [(text.index(p), text.index(p) + len(p)) for p in ("early 2017", "The following day", "2018")]
    assert [r.source for r in chronology.table()] == [f"review.txt, characters {a}–{b}" for a, b in offsets]
    chronology.text, chronology.source = text, "review.txt"
    assert [r.source for r in chronology.table()] == [
        "review.txt, para 3.3",
        "review.txt, para 3.3",
        "review.txt, line 5",
    ]


def test_words_that_begin_with_a_line_break_stand_in_the_next_paragraph() -> None:
    text = "3.4 The case was closed.\n3.5 When he was ten months old he was scalded.\n"
    start = text.index("\n3.5")
    case = Case()
    case.event("scald", "2017", source=Excerpt(text[start:], start, len(text), "r.txt"))
    chronology = case.solve()
    chronology.text, chronology.source = text, "r.txt"
    assert chronology.table()[0].source == "r.txt, para 3.5"


def test_as_written_gives_every_phrase_that_placed_the_event() -> None:
    case = Case()
    call = case.event("call")
    case.place(call, "early summer 2011")
    case.place(call, "June 2011")
    assert case.solve().table()[0].as_written == "early summer 2011; June 2011"


def test_words_without_a_document_name_no_source() -> None:
    case = Case()
    case.event("call", "June 2011")
    case.event("letter", "July 2011", source="police.csv row 4")
    assert [r.source for r in case.solve().table()] == ["", "police.csv row 4"]


def test_because_names_the_statements_that_fixed_the_bounds() -> None:
    case = Case()
    referral = case.event("referral", date(2011, 1, 10))
    visit = case.event("visit")
    case.after(visit, referral, gap="a four day gap")
    row = case.solve().table()[1]
    assert row.display == "14 Jan 2011"
    assert row.because == (
        "referral is on 10 Jan 2011 (added by code)",
        "'a four day gap': visit is 4 days after referral",
    )


def test_because_of_an_event_dated_alone_is_its_own_statements() -> None:
    case = Case()
    call = case.event("call", "early summer 2011", agency="police")
    case.place(call, "June 2011")
    nothing = case.event("undated", span=True)
    rows = {row.event: row for row in case.solve().table()}
    assert rows["call"].because == ("'early summer 2011': call is in Jun 2011", "'June 2011': call is in Jun 2011")
    assert rows[nothing.description].because == ()


def test_a_period_whose_start_and_end_are_not_told_apart_shows_its_days() -> None:
    case = Case()
    case.event("placement", "2013", span=True)
    (row,) = case.solve().table()
    assert row.display == "2013" and row.certainty == "bounded"


def test_ages_past_two_years_say_years_and_months() -> None:
    born = Interval.on(date(2010, 1, 1))
    assert age_between(340, 800, born) == "11 months – 2 years 2 months"


def test_a_period_shows_where_it_starts_and_ends() -> None:
    case = Case()
    licence = case.event("licence", "from mid-2016 to Feb 2017", span=True)
    row = case.solve().table()[0]
    assert row.event == licence.description
    assert row.display == "May – Aug 2016 to Feb 2017"
    assert (row.date, row.end) == ("2016-05/2016-08", "2017-02")
    assert (row.earliest, row.latest) == (date(2016, 5, 1), date(2017, 2, 28))


# -- the table -------------------------------------------------------------------------------


def test_rows_follow_the_resolved_order_and_carry_people_and_agencies() -> None:
    case = Case()
    mother = case.person("Mother S")
    later = case.event("later", "2012", agency="police", people=[mother])
    earlier = case.event("earlier", "2011", agency="GP")
    chronology = case.solve()
    table = chronology.table()
    nothing = case.event("undated call", agency="police")
    chronology = case.solve()
    table = chronology.table()
    dated = [e.description for e in chronology.events if chronology.bounds(e) != Interval(None, None)]
    # resolved order, with what nothing dates at the end; a birth nothing dates or mentions is left out
    assert [r.event for r in table] == [*dated, nothing.description]
    assert mother.birth in chronology.events and "birth of Mother S" not in table.column("event")
    assert [r.number for r in table] == list(range(1, len(table) + 1))
    by_name = {r.event: r for r in table}
    assert by_name[later.description].people == ("Mother S",) and by_name[later.description].agency == "police"
    assert by_name[earlier.description].people == ()


def test_columns_and_records() -> None:
    case = Case()
    case.event("call", "June 2011", agency="police")
    table = case.solve().table()
    assert isinstance(table, Table)
    assert {c.key for c in COLUMNS} >= set(PANEL)
    assert table.column("agency") == ("police",)
    assert table.records(("display", "agency")) == [{"Date": "Jun 2011", "Agency": "police"}]
    assert list(table.records()[0]) == [c.header for c in COLUMNS]
    with pytest.raises(InvalidValue, match="no column 'colour'"):
        table.column("colour")
    with pytest.raises(InvalidValue):
        table.records("display")


def test_html_in_jupyter_escapes_the_text() -> None:
    case = Case()
    case.event("<script>alert(1)</script> & call", "June 2011", agency="police")
    shown = case.solve().table()._repr_html_()
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert shown.startswith('<table class="chronology-table">') and "Jun 2011" in shown


# -- the example review ------------------------------------------------------------------------


def test_child_m_table_reads_as_a_panel_would_want() -> None:
    module = runpy.run_path(str(EXAMPLES / "child_m_case.py"))
    text = (EXAMPLES / "review-child-m.txt").read_text(encoding="utf-8")
    chronology = module["build"](text).solve()
    chronology.text, chronology.source = text, "review-child-m.txt"
    table = chronology.table()
    rows = {row.event: row for row in table}
    assert len(table) == len(chronology.events)
    death = rows["death of Child M"]
    assert (death.display, death.age, death.source) == (
        "May 2019",
        "2 years 4 months – 2 years 5 months",
        "review-child-m.txt, para 1.1",
    )
    assert rows["new birth visit"].age == "12 days"
    assert rows["temporary accommodation from"].certainty == "exact"
    assert rows["midwifery booking at 24 weeks pregnant"].age == "before birth"
    for row in table:
        assert row.source.startswith("review-child-m.txt, para ")
        assert row.significance == row.action == row.outcome == ""  # the example records none of them
        for reading in row.readings:
            assert row.earliest is not None and reading.earliest is not None and row.earliest <= reading.earliest


def test_the_reviews_background_is_left_out_unless_asked_for() -> None:
    from chronology.render.plot import rows_order

    case = Case()
    child = case.person("Child S", born="December 2010")
    visit = case.event("health visit", "when he was ten weeks old", person=child, agency="health visiting")
    plan = case.event("the workforce will treble", "by 2015", details={"background": "plan"})
    solved = case.solve()
    shown = [row.event for row in solved.table()]
    assert visit.description in shown and plan.description not in shown
    assert plan.description in [row.event for row in solved.table(background=True)]
    assert plan in solved.events  # left out of the table, never lost
    assert [e.description for e in rows_order(solved)] == shown  # the timeline numbers the table's rows
    with pytest.raises(InvalidValue):
        solved.table(background="yes")  # type: ignore[arg-type]
