"""The grammar meets real text (the tracker's issue 9): every phrasing it named, its families,
and the misreadings it found, each with bounds worked out by hand from docs/conventions.md."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import MONTH_NAMES, months, seasons, years

from chronology import Excerpt, Interval, MissingAnchor, UnrecognisedPhrase, parse, parse_when
from chronology.phrases import accepts, matching_rule
from chronology.phrases.syntax import Aligned, Birth, Fixed, Named, Shift

B = date(2010, 12, 15)  # a birth
X = date(2013, 11, 26)  # another event (a Tuesday)
R = date(2012, 6, 10)  # the narrative's reference (a Sunday)
D = date(2014, 7, 1)  # the document's date (a Tuesday)
ALL = {"birth": B, "anchor": X, "reference": R, "document_date": D}


def d(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


# Each phrasing the issue named, read with every anchor given (a phrase takes what it needs).
ISSUE = [
    ("at the start of 2013", [("2013-01-01", "2013-04-30")]),
    ("around March 2013", [("2013-02-14", "2013-04-15")]),  # a month: 15 days each side
    ("approximately March 2013", [("2013-02-14", "2013-04-15")]),
    ("approx. 2012", [("2011-07-01", "2013-06-30")]),  # a year: six months each side
    ("circa 2010", [("2009-07-01", "2011-06-30")]),
    ("c. June 2011", [("2011-05-17", "2011-07-15")]),
    ("sometime in 2012", [("2012-01-01", "2012-12-31")]),
    ("at some point in 2012", [("2012-01-01", "2012-12-31")]),
    ("throughout 2012", [("2012-01-01", "2012-12-31")]),
    ("the whole of 2012", [("2012-01-01", "2012-12-31")]),
    ("the rest of 2012", [("2012-06-10", "2012-12-31")]),  # from the reference
    ("for most of 2012", [("2012-01-01", "2012-12-31")]),
    ("over the summer of 2012", [("2012-06-01", "2012-08-31")]),
    ("at Christmas 2012", [("2012-12-25", "2012-12-25")]),
    ("Over the Christmas period of 2018", [("2018-12-24", "2019-01-01")]),
    ("that summer", [("2012-06-01", "2012-08-31")]),
    ("the previous summer", [("2011-06-01", "2011-08-31")]),  # summer 2012 has not ended by 10 June
    ("the following spring", [("2013-03-01", "2013-05-31")]),
    ("the beginning of the following year", [("2013-01-01", "2013-04-30")]),
    ("prior to his birth", [(None, "2010-12-15")]),
    ("after her birth", [("2010-12-15", None)]),
    ("December last year", [("2013-12-01", "2013-12-31")]),
    ("in March of this year", [("2014-03-01", "2014-03-31")]),
    ("w/c 4th March 2013", [("2013-03-04", "2013-03-10")]),
    ("week commencing 4 March 2013", [("2013-03-04", "2013-03-10")]),
    ("?/03/2013", [("2013-03-01", "2013-03-31")]),
    ("2012 (approx)", [("2011-07-01", "2013-06-30")]),
    ("early 2012 (exact date unknown)", [("2012-01-01", "2012-04-30")]),
    ("Spring 2012?", [("2012-01-17", "2012-07-15")]),  # a season: a month and a half each side
    ("the 2013/14 financial year", [("2013-04-01", "2014-03-31")]),
    ("the third quarter of 2012", [("2012-07-01", "2012-09-30")]),
    ("the autumn term 2012", [("2012-09-01", "2012-12-23")]),
    ("in midwinter", [("2012-01-01", "2012-01-31")]),  # the latest winter begun before the reference
    ("at around 7.30pm", [("2012-06-10", "2012-06-10")]),
    ("two hours and three days later", [("2012-06-13", "2012-06-14")]),
    ("three months before", [("2013-08-11", "2013-09-10")]),  # from the anchor given
    ("four days after", [("2013-11-30", "2013-11-30")]),
    ("he was ten weeks old", [("2011-02-23", "2011-03-01")]),
    ("when Child S was 4 months old", [("2011-04-15", "2011-05-14")]),
    ("Child S's first birthday", [("2011-12-15", "2011-12-15")]),
    ("Mar-13", [("2013-03-01", "2013-03-31")]),
    ("Feb-13", [("2013-02-01", "2013-02-28")]),
    ("the end of the month", [("2012-06-21", "2012-06-30")]),
    ("a fortnight later", [("2012-06-21", "2012-06-27")]),  # as two weeks: 14 days +/- 3
    ("two weeks later", [("2012-06-21", "2012-06-27")]),
    ("in the New Year", [("2013-01-01", "2013-04-30")]),
    ("w/c 12/03/2013", [("2013-03-12", "2013-03-18")]),
    ("approx March 2013", [("2013-02-14", "2013-04-15")]),
    ("12/03/13", [("2013-03-12", "2013-03-12")]),
    ("xx/03/2013", [("2013-03-01", "2013-03-31")]),
    ("2013 (approx)", [("2012-07-01", "2014-06-30")]),
    ("before his death", [(None, "2013-11-26")]),
    ("prior to the perpetrator being released from prison", [(None, "2013-11-26")]),
    ("two weeks before Mother S's death", [("2013-11-09", "2013-11-15")]),
]


@pytest.mark.parametrize(("phrase", "expected"), ISSUE, ids=[row[0] for row in ISSUE])
def test_the_phrasings_of_issue_9_read(phrase: str, expected: list[tuple[str | None, str | None]]) -> None:
    when = parse_when(phrase, **ALL)  # type: ignore[arg-type]
    assert when.readings == tuple(Interval(d(a), d(b)) for a, b in expected)


def test_three_months_before_counts_from_the_reference_where_no_anchor_is_given() -> None:
    # 10 June 2012 less three months is 10 March; 15 days either side (February 2012 has 29 days)
    assert parse_when("three months before", reference=R).readings == (Interval(date(2012, 2, 24), date(2012, 3, 25)),)
    with pytest.raises(MissingAnchor) as missing:
        parse_when("three months before")
    assert missing.value.needs == "anchor"


# -- the misreadings, each fixed at its root -----------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "words", "reason"),
    [
        ("He died two days later", "He", "does not know"),
        ("Mother S's death", "Mother S's death", "an event, not a time"),
        ("2013-13-01", "2013-13-01", "month must be in 1..12"),
        ("2013/13/01", "", ""),
        ("32/01/2010 14:30", "", ""),
    ],
)
def test_refusals_name_the_words_and_never_guess(phrase: str, words: str, reason: str) -> None:
    with pytest.raises(UnrecognisedPhrase) as caught:
        parse_when(phrase, **ALL)  # type: ignore[arg-type]
    assert words in caught.value.words and reason in caught.value.reason
    assert "title" not in caught.value.reason


def test_a_named_person_is_the_person_whose_birth_counts() -> None:
    for phrase in ("when Child S was 4 months old", "Child S's first birthday"):
        tree = parse(phrase)
        assert isinstance(tree, Shift) and isinstance(tree.base, Birth)
        assert tree.base.person == "Child S"


def test_a_spreadsheet_month_is_the_month_not_a_day() -> None:
    tree = parse("Mar-13")
    assert isinstance(tree, Aligned) and tree.rule == "two_digit_year" and tree.arg == (3, 0, 13)
    assert parse_when("Mar-96", document_date=D).readings == (Interval.month(1996, 3),)
    assert parse_when("13-Mar", document_date=D).readings == (Interval.day(2014, 3, 13),)


def test_trailing_spaces_are_not_part_of_the_answer() -> None:
    when = parse_when("early summer 2011   ")
    assert str(when) == "Jun 2011 (early summer 2011)"
    assert when.source == Excerpt("early summer 2011", 0, 17)
    assert parse_when("  2011 ").source == Excerpt("2011", 2, 6)


@pytest.mark.parametrize("size", [10_000, 1_000_000])
def test_an_error_quotes_a_short_window(size: int) -> None:
    with pytest.raises(UnrecognisedPhrase) as caught:
        parse_when("blorp " * (size // 6))
    assert len(str(caught.value)) < 400


def test_iso_anchors_are_taken_as_the_command_line_takes_them() -> None:
    assert parse_when("aged 17 months", birth="2010-12-01").readings == (Interval.month(2012, 5),)
    assert parse_when("aged 17 months", birth="2010-12-01..2010-12-31").readings == (
        Interval(date(2012, 5, 1), date(2012, 6, 29)),
    )


# -- clause anchors: what a scanner needs ---------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "anchor", "start"),
    [
        ("prior to the perpetrator being released from prison", "the perpetrator being released from prison", 9),
        ("before his death", "his death", 7),
        ("22 days before he was beaten to death", "he was beaten to death", 15),
        ("in the months before this act", "this act", 21),
        ("three weeks before Mother S's death", "Mother S's death", 19),
    ],
)
def test_a_clause_anchor_is_a_named_leaf_with_its_offsets(phrase: str, anchor: str, start: int) -> None:
    tree = parse(phrase)
    assert isinstance(tree, Shift) and isinstance(tree.base, Named)
    assert tree.base.words == Excerpt(anchor, start, start + len(anchor))
    assert phrase[start : start + len(anchor)] == anchor
    assert accepts(phrase)


@pytest.mark.parametrize(
    "phrase",
    ["prior to", "before", "the perpetrator being released", "before 32/13/2013", "before the, and", "his", ""],
)
def test_accepts_refuses_what_parse_refuses(phrase: str) -> None:
    assert not accepts(phrase)
    with pytest.raises(UnrecognisedPhrase):
        parse(phrase)


def test_an_anchor_does_not_run_past_its_clause() -> None:
    assert not accepts("before his death; the mother then moved")
    assert accepts("before his death")


def test_the_longest_accepted_span_is_the_phrase() -> None:
    # what a scanner does: grow a span word by word and keep the longest the grammar accepts
    text = "Three months before his death, the family moved"
    ends = [i for i, c in enumerate(text) if c in " ,"] + [len(text)]
    accepted = [end for end in ends if accepts(text[:end])]
    tree = parse(text[: max(accepted)])
    assert isinstance(tree, Shift) and tree.words.text == "Three months before his death"


# -- hedges: the hedged bounds hold the unhedged ones ---------------------------------------------

_HEDGES = ["around {}", "approximately {}", "c. {}", "circa {}", "{} (approx)", "{}?", "approx {}", "about {}"]


def _written_periods() -> st.SearchStrategy[str]:
    month = months().map(lambda ym: f"{MONTH_NAMES[ym[1] - 1]} {ym[0]}")
    season = seasons().map(lambda sy: f"{sy[0]} {sy[1]}")
    year = years().map(str)
    day = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)).map(
        lambda x: f"{x.day} {MONTH_NAMES[x.month - 1]} {x.year}"
    )
    return st.one_of(month, season, year, day)


@settings(max_examples=150, deadline=None)
@given(_written_periods(), st.sampled_from(_HEDGES))
def test_a_hedge_widens_a_period_and_never_narrows_it(period: str, hedge: str) -> None:
    plain = parse_when(period)
    hedged = parse_when(hedge.format(period))
    assert len(hedged.readings) == len(plain.readings)
    for wide, narrow in zip(hedged.readings, plain.readings, strict=True):
        assert wide.covers(narrow) and wide != narrow
    assert all("hedged" in note for note in hedged.notes)


@settings(max_examples=100, deadline=None)
@given(months())
def test_a_hedged_month_gains_fifteen_days_each_side(month: tuple[int, int]) -> None:
    year, number = month
    whole = Interval.month(year, number)
    assert whole.earliest is not None and whole.latest is not None
    hedged = parse_when(f"around {MONTH_NAMES[number - 1]} {year}").readings[0]
    assert hedged.earliest is not None and hedged.latest is not None
    assert (whole.earliest - hedged.earliest).days == 15 and (hedged.latest - whole.latest).days == 15


@settings(max_examples=100, deadline=None)
@given(years())
def test_a_hedged_year_gains_six_months_each_side(year: int) -> None:
    assert parse_when(f"circa {year}").readings == (Interval(date(year - 1, 7, 1), date(year + 1, 6, 30)),)


@settings(max_examples=100, deadline=None)
@given(_written_periods(), st.sampled_from(["(exact date unknown)", "(date not known)"]))
def test_a_note_of_doubt_keeps_the_bounds(period: str, note: str) -> None:
    plain, noted = parse_when(period), parse_when(f"{period} {note}")
    assert noted.readings == plain.readings
    assert all("exact date unknown" in n for n in noted.notes)


_LEADS = ["at {}", "sometime in {}", "throughout {}", "during {}", "the whole of {}"]


@settings(max_examples=100, deadline=None)
@given(_written_periods(), st.sampled_from(_LEADS))
def test_words_that_change_nothing_change_nothing(period: str, lead: str) -> None:
    assert parse_when(lead.format(period)).readings == parse_when(period).readings


def test_a_hedge_on_a_period_placed_from_a_day_widens_it_too() -> None:
    tree = parse("around March")
    assert isinstance(tree, Aligned) and tree.rule == "hedged"
    when = parse_when("around March", document_date=D)
    assert when.readings == (Interval(date(2014, 2, 14), date(2014, 4, 15)),)
    assert "hedged" in when.notes[0]


def test_every_rule_the_issue_asked_for_has_a_name() -> None:
    assert matching_rule("w/c 4th March 2013") == "week_of"
    assert matching_rule("around March 2013") == "hedged"
    assert matching_rule("2012 (approx)") == "hedged_after"
    assert matching_rule("prior to his birth") == "relation_alone"
    assert isinstance(parse("the whole of 2012"), Fixed)


# -- dates written before what they date; the reference's own unit -------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the March 2014 report", Interval.month(2014, 3)),
        ("her June 2012 assessment", Interval.month(2012, 6)),
        ("the 4 March 2013 strategy meeting", Interval.day(2013, 3, 4)),
        ("the 12th June 2012 hearing", Interval.day(2012, 6, 12)),
    ],
)
def test_a_dated_thing_is_its_date(phrase: str, expected: Interval) -> None:
    assert parse_when(phrase).readings == (expected,)


@pytest.mark.parametrize(
    ("phrase", "words"),
    [("the 2014 report", "report"), ("the March 2014 Children Act", "Children Act"), ("the 2014 Act", "Act")],
)
def test_a_year_before_a_title_or_a_capitalised_name_after_a_date_stays_a_title(phrase: str, words: str) -> None:
    with pytest.raises(UnrecognisedPhrase) as caught:
        parse_when(phrase)
    assert words in caught.value.words and "title" in caught.value.reason


@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)))
@settings(max_examples=30)
def test_later_in_the_reference_s_own_unit_runs_from_the_reference(reference: date) -> None:
    year = parse_when("later in the year", reference=reference).readings
    month = parse_when("later in the month", reference=reference).readings
    assert year == parse_when("later that year", reference=reference).readings
    assert year == (Interval(reference, date(reference.year, 12, 31)),)
    assert month == parse_when("later that month", reference=reference).readings
    assert month[0].earliest == reference and month[0].latest is not None
    assert month[0].latest.month == reference.month and (month[0].latest + timedelta(days=1)).day == 1


@pytest.mark.parametrize(
    ("phrase", "words", "time_phrase"),
    [
        ("He died two days later", "He", "two days later"),
        ("she was seen three weeks later", "she", "three weeks later"),
        ("the police attended on 4 March 2013", "police attended", "4 March 2013"),
    ],
)
def test_a_clause_before_a_time_phrase_is_refused_naming_the_time_phrase(
    phrase: str, words: str, time_phrase: str
) -> None:
    with pytest.raises(UnrecognisedPhrase) as caught:
        parse_when(phrase, **ALL)  # type: ignore[arg-type]
    assert caught.value.words == words
    assert f"before the time phrase {time_phrase!r}" in caught.value.reason
    parse_when(time_phrase, **ALL)  # type: ignore[arg-type]  # the phrase it names reads alone


def test_unknown_words_inside_a_phrase_name_no_time_phrase() -> None:
    with pytest.raises(UnrecognisedPhrase) as caught:
        parse_when("early blorp 2011")
    assert caught.value.words == "blorp" and "before the time phrase" not in caught.value.reason


@pytest.mark.parametrize(
    ("phrase", "leads"),
    [
        ("for most of 2012", True),
        ("for the whole of 2012", True),
        ("for the rest of 2012", True),
        ("for his six to eight week check", False),
        ("for Christmas 2012", False),
    ],
)
def test_for_leads_only_a_period_word(phrase: str, leads: bool) -> None:
    # "for" before anything but a period word is a length or a purpose, not part of the time phrase
    assert accepts(phrase) is leads
    if not leads:
        assert accepts(phrase.removeprefix("for "))
