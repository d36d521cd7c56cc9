"""The Case API: building a case, solving it, reading bounds, order, explanations, conflicts.

The worked test is the Child S review: its facts, restated here in our own
words (the review's sentences are not copied), and the bounds each fact gives,
computed by hand in the comments.
"""

from __future__ import annotations

import collections
import gc
from collections.abc import Callable
from datetime import date, timedelta
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology import (
    Case,
    ChronologyError,
    Count,
    Excerpt,
    Inconsistent,
    Interval,
    InvalidValue,
    MissingAnchor,
    UnknownEvent,
    When,
)
from chronology.case import Chronology, Event, Order, Statement
from chronology.phrases.syntax import (
    Between,
    Birth,
    Bound,
    DocumentDate,
    Endpoint,
    Fixed,
    Hull,
    Length,
    Named,
    Reference,
    Shift,
)

D = date


def day(text: str) -> date:
    return date.fromisoformat(text)


# -- the Child S worked test ------------------------------------------------------------


def child_s() -> tuple[Case, dict[str, Event]]:
    """The facts of the Child S review, in the order the review tells them."""
    case = Case()
    child = case.person("Child S", born="in the early winter of 2010")
    registered = case.event("pregnancy registered at the hospital", "early summer 2010", agency="hospital")
    # Registering the pregnancy comes before the birth.
    case.before(registered, child.birth)
    asked = case.event("refuge asks the mother to leave", "in the early winter of 2011", agency="women's refuge")
    case.place(asked, "less than two months old", person=child)
    visit = case.event("health visit at the bed and breakfast", "when he was ten weeks old", agency="health visiting")
    # They were in bed and breakfast after leaving the refuge.
    case.after(visit, asked)
    referral = case.event("refuge refers the family to social care", agency="women's refuge")
    case.after(referral, asked, gap="a four day gap")
    return case, {
        "birth": child.birth,
        "registered": registered,
        "asked": asked,
        "visit": visit,
        "referral": referral,
    }


def test_child_s_birth_reading_is_chosen_by_the_pregnancy() -> None:
    case = Case()
    child = case.person("Child S", born="in the early winter of 2010")
    alone = case.solve().when(child.birth)
    # "early winter 2010" alone: the first month of either winter, Dec 2010 or Dec 2009.
    assert alone.readings == (Interval.month(2010, 12), Interval.month(2009, 12))
    assert case.solve().ambiguous() == (child.birth,)
    registered = case.event("pregnancy registered", "early summer 2010")
    case.before(registered, child.birth)
    solved = case.solve()
    # Registered in June 2010, so the birth (after it) cannot be Dec 2009.
    assert solved.when(child.birth).readings == (Interval.month(2010, 12),)
    assert solved.when(child.birth).text == "in the early winter of 2010"
    assert solved.ambiguous() == ()


def test_child_s_worked_chronology() -> None:
    case, e = child_s()
    c = case.solve()
    # Birth: Dec 2010 (Dec 2009 falls before the June 2010 registration).
    assert c.when(e["birth"]).readings == (Interval(day("2010-12-01"), day("2010-12-31")),)
    assert c.when(e["registered"]).readings == (Interval.month(2010, 6),)
    # Asked to leave "in the early winter of 2011": Dec 2011 or Dec 2010.  "Less than
    # two months old" puts it 0..61 days after a December 2010 birth (1 Dec .. 3 Mar 2011
    # at the widest), so only Dec 2010 survives, and it starts no earlier than the birth.
    asked = c.when(e["asked"])
    assert asked.readings == (Interval(day("2010-12-01"), day("2010-12-31")),)
    assert asked.text == "in the early winter of 2011"
    # Ten weeks old: 70..76 days after birth; 1 Dec 2010 + 70 = 9 Feb 2011, 31 Dec 2010 + 76 = 17 Mar 2011.
    assert c.when(e["visit"]).envelope == Interval(day("2011-02-09"), day("2011-03-17"))
    # The referral: exactly four days after the refuge asked them to leave (1..31 Dec 2010).
    assert c.when(e["referral"]).envelope == Interval(day("2010-12-05"), day("2011-01-04"))
    assert c.exact
    assert c.events == (e["registered"], e["birth"], e["asked"], e["referral"], e["visit"])
    assert c.order(e["registered"], e["birth"]) is Order.BEFORE
    assert c.order(e["birth"], e["asked"]) is Order.ON_OR_BEFORE
    assert c.order(e["asked"], e["birth"]) is Order.ON_OR_AFTER
    assert c.order(e["referral"], e["visit"]) is Order.BEFORE  # by 4 Jan 2011 < from 9 Feb 2011
    assert c.order(e["visit"], e["asked"]) is Order.AFTER
    assert (e["birth"], e["asked"]) in c.unordered()


def test_child_s_a_tighter_birth_tightens_everything_counted_from_it() -> None:
    case, e = child_s()
    # Suppose a record gave the birth as the first half of December 2010.
    case.place(e["birth"], Interval(day("2010-12-01"), day("2010-12-15")))
    c = case.solve()
    # Ten weeks old: 1 Dec + 70 = 9 Feb 2011; 15 Dec + 76 = 1 Mar 2011.
    assert c.when(e["visit"]).envelope == Interval(day("2011-02-09"), day("2011-03-01"))
    # The refuge date is still Dec 2010 but now no earlier than 1 Dec, and the
    # referral four days later: 5 Dec 2010 .. 4 Jan 2011.
    assert c.when(e["referral"]).envelope == Interval(day("2010-12-05"), day("2011-01-04"))


def test_child_s_explains_the_visit_by_the_birth_and_the_age() -> None:
    case, e = child_s()
    why = case.solve().explain(e["visit"])
    assert why.earliest == day("2011-02-09") and why.latest == day("2011-03-17")
    for chain in (why.earliest_because, why.latest_because):
        origins = [s.origin for s in chain]
        assert origins[-1] == "when he was ten weeks old"
        assert "early winter of 2010" in origins or "early summer 2010" in origins
    text = str(why)
    assert "when he was ten weeks old" in text and "70..76 days after birth of Child S" in text


def test_child_s_contradiction_names_the_statements() -> None:
    case, e = child_s()
    # A (false) fact: the visit was in January 2011, before he was ten weeks old.
    wrong = case.place(e["visit"], "January 2011")
    with pytest.raises(Inconsistent) as caught:
        case.solve()
    conflict = caught.value.conflict
    assert all(isinstance(s, Statement) for s in conflict)
    assert set(wrong) <= set(conflict)
    assert any(s.origin == "when he was ten weeks old" for s in conflict)
    assert "January 2011" in str(caught.value)


# -- phrases become statements -------------------------------------------------------------


def test_an_age_is_a_statement_from_the_birth_not_a_date() -> None:
    case = Case()
    child = case.person("Child S")
    visit = case.event("visit", "when he was ten weeks old")
    (age,) = [s for s in case.statements if child.birth in s.events and visit in s.events]
    assert str(age) == "'when he was ten weeks old': visit is 70..76 days after birth of Child S"
    assert age.kind == "age"
    assert case.solve().when(visit).envelope == Interval(None, None)
    case.place(child.birth, date(2010, 12, 1))
    assert case.solve().when(visit).envelope == Interval(day("2011-02-09"), day("2011-02-15"))


def test_the_person_names_whose_age_it_is() -> None:
    case = Case()
    mother = case.person("Mother S", born=date(1989, 12, 1))
    child = case.person("Child S", born=date(2010, 12, 1))
    visit = case.event("visit", "when he was ten weeks old", person=child)
    other = case.event("move", "aged 17", person=mother)
    c = case.solve()
    assert c.when(visit).envelope == Interval(day("2011-02-09"), day("2011-02-15"))
    assert c.when(other).envelope.earliest == day("2006-12-01")


@pytest.mark.parametrize(
    ("build", "needs"),
    [
        (lambda case: case.event("visit", "when he was ten weeks old"), "person"),
        (lambda case: (case.person("A"), case.person("B"), case.event("visit", "aged 3"))[-1], "person"),
        (lambda case: case.event("visit", "three months before his death"), "anchor"),
        (lambda case: case.event("discharge", "the following day"), "reference"),
        (lambda case: case.event("move", "last year"), "document_date"),
    ],
    ids=["no-person", "two-people", "named-event", "reference", "document-date"],
)
def test_a_phrase_without_its_anchor_raises_missing_anchor_and_adds_nothing(
    build: Callable[[Case], object], needs: str
) -> None:
    case = Case()
    with pytest.raises(MissingAnchor) as caught:
        build(case)
    assert caught.value.needs == needs
    assert isinstance(caught.value, ChronologyError)
    assert not any(e.description in ("visit", "discharge", "move") for e in case.events)
    assert case.statements == ()


def test_missing_anchor_names_the_words_it_needed() -> None:
    case = Case()
    with pytest.raises(MissingAnchor, match="his death"):
        case.event("visit", "three months before his death")


def test_a_named_anchor_and_a_mapping_of_anchors() -> None:
    case = Case()
    death = case.event("death", date(2013, 11, 26))
    before = case.event("visit", "three months before his death", anchor=death)
    mapped = case.event("call", "three months before his death", anchor={"His Death": death})
    c = case.solve()
    # Three months is 3m +/- 15 days: 26 Aug 2013 -/+ 15 days, as a difference of 75..107 days.
    assert c.when(before).envelope == Interval(day("2013-08-11"), day("2013-09-10"))
    assert c.when(mapped).envelope == c.when(before).envelope
    with pytest.raises(MissingAnchor):
        case.event("other", "three months before his death", anchor={"the assessment": death})


def test_the_reference_is_the_event_last_added_unless_given() -> None:
    case = Case()
    birth = case.event("birth", date(2010, 12, 3))
    discharge = case.event("discharge", "the following day")
    later = case.event("clinic", "the following day", reference=birth)
    c = case.solve()
    assert c.when(discharge).envelope == Interval.on(date(2010, 12, 4))
    assert c.when(later).envelope == Interval.on(date(2010, 12, 4))
    next_one = case.event("call", "the following day")
    assert case.solve().when(next_one).envelope == Interval.on(date(2010, 12, 5))


def test_the_document_date_anchors_deictic_phrases() -> None:
    case = Case(document_date=date(2014, 5, 14))
    move = case.event("move", "last year")
    assert case.solve().when(move).envelope == Interval.year(2013)
    assert move in case.events and case.document not in case.events


def test_a_when_an_interval_a_date_and_an_excerpt_are_accepted() -> None:
    case = Case()
    a = case.event("a", When((Interval.month(2011, 12), Interval.month(2010, 12)), "winter", "season"))
    b = case.event("b", Interval.month(2011, 3))
    e = case.event("e", date(2011, 3, 9))
    x = case.event("x", Excerpt("June 2011", 120, 129, "review-1"))
    c = case.solve()
    assert c.when(a).readings == (Interval.month(2011, 12), Interval.month(2010, 12))
    assert c.when(b).readings == (Interval.month(2011, 3),)
    assert c.when(e).readings == (Interval.on(date(2011, 3, 9)),)
    assert c.when(x).source == Excerpt("June 2011", 120, 129, "review-1")
    (placed,) = [s for s in case.statements if x in s.events]
    assert placed.words == Excerpt("June 2011", 120, 129, "review-1")
    with pytest.raises(InvalidValue):
        case.event("bad", 2011)  # type: ignore[arg-type]


def test_a_length_makes_a_span_and_bounds_its_end() -> None:
    case = Case()
    stay = case.event("hospital stay", "for three days")
    assert not stay.is_instant
    case.place(stay, date(2011, 1, 10))  # within one day: start and end inside 10 Jan
    with pytest.raises(Inconsistent):
        case.solve()
    case2 = Case()
    stay2 = case2.event("hospital stay", "for three days")
    admitted = case2.event("admission", date(2011, 1, 10))
    case2.starts(stay2, admitted)
    c = case2.solve()
    assert c.start(stay2) == Interval.on(date(2011, 1, 10))
    assert c.end(stay2) == Interval.on(date(2011, 1, 13))
    assert c.when(stay2).envelope == Interval(date(2011, 1, 10), date(2011, 1, 13))


def test_a_length_on_a_one_day_event_is_refused() -> None:
    case = Case()
    visit = case.event("visit", date(2011, 1, 10))
    with pytest.raises(InvalidValue, match="span=True"):
        case.place(visit, "for three days")


def test_between_bounds_start_and_end() -> None:
    case = Case()
    death = case.event("death", date(2013, 11, 26))
    period = case.event("relationship", "between 2013 and his death", anchor=death)
    c = case.solve()
    assert not period.is_instant
    assert c.start(period).earliest == date(2013, 1, 1)
    assert c.end(period).latest == date(2013, 11, 26)
    assert c.when(period).envelope == Interval(date(2013, 1, 1), date(2013, 11, 26))


# -- relations ----------------------------------------------------------------------------


def two(first: date | None = date(2011, 1, 10)) -> tuple[Case, Event, Event]:
    case = Case()
    a = case.event("a", first)
    b = case.event("b")
    return case, a, b


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        (None, Interval(date(2011, 1, 11), None)),
        (4, Interval.on(date(2011, 1, 14))),
        (timedelta(days=4), Interval.on(date(2011, 1, 14))),
        (Count.days(2, 5), Interval(date(2011, 1, 12), date(2011, 1, 15))),
        ("a four day gap", Interval.on(date(2011, 1, 14))),
        ("two weeks", Interval(date(2011, 1, 21), date(2011, 1, 27))),  # 14 +/- 3 days
    ],
    ids=["none", "int", "timedelta", "count", "gap-phrase", "weeks-phrase"],
)
def test_before_and_after_with_gaps(gap: object, expected: Interval) -> None:
    case, a, b = two()
    case.before(a, b, gap)  # type: ignore[arg-type]
    assert case.solve().when(b).envelope == expected
    case, a, b = two()
    case.after(b, a, gap)  # type: ignore[arg-type]
    assert case.solve().when(b).envelope == expected


@pytest.mark.parametrize("gap", [-1, "early summer 2011", 1.5, True], ids=["negative", "a-date", "float", "bool"])
def test_a_gap_that_is_not_a_length_of_time_is_refused(gap: object) -> None:
    case, a, b = two()
    with pytest.raises(ChronologyError):
        case.before(a, b, gap)  # type: ignore[arg-type]
    assert case.solve().when(b).envelope == Interval(None, None)


def test_gap_words_are_kept() -> None:
    case, a, b = two()
    said = case.after(b, a, gap="a four day gap")
    assert said.words == Excerpt("a four day gap")
    assert str(said) == "'a four day gap': b is 4 days after a"
    coded = case.before(a, b)
    assert str(coded) == "b is after a (added by code)" and coded.origin == "added by code"


def test_same_day_starts_finishes() -> None:
    case, a, b = two()
    case.same_day(a, b)
    c = case.solve()
    assert c.when(b).envelope == Interval.on(date(2011, 1, 10))
    assert c.order(a, b) is Order.SAME_DAY
    case = Case()
    stay = case.event("stay", span=True)
    first, last = case.event("first", date(2011, 1, 10)), case.event("last", date(2011, 1, 20))
    case.starts(stay, first)
    case.finishes(stay, last)
    c = case.solve()
    assert c.when(stay).envelope == Interval(date(2011, 1, 10), date(2011, 1, 20))
    assert c.order(first, stay) is Order.OVERLAPPING


def test_during_and_overlaps() -> None:
    case = Case()
    placement = case.event("placement", span=True)
    case.place(placement, Interval(date(2011, 3, 1), date(2011, 3, 31)))
    visit = case.event("visit")
    case.during(visit, placement)
    c = case.solve()
    assert c.when(visit).envelope == Interval.month(2011, 3)
    assert c.order(visit, placement) is Order.OVERLAPPING
    case = Case()
    a = case.event("a", span=True)
    case.relate(a, a, 0, 0, a_point="start", b_point="start")
    case.place(a, Interval(date(2011, 1, 1), date(2011, 1, 31)))
    b = case.event("b", span=True)
    case.place(b, Interval(date(2011, 1, 20), date(2011, 2, 28)))
    case.overlaps(a, b)
    c = case.solve()
    assert c.end(a).earliest == date(2011, 1, 20)
    assert c.start(b).latest == date(2011, 1, 31)


def test_meets_and_within() -> None:
    case, a, b = two()
    case.meets(a, b)
    assert case.solve().when(b).envelope == Interval(date(2011, 1, 10), date(2011, 1, 11))
    case, a, b = two()
    said = case.within(a, b, "two weeks")
    assert case.solve().when(b).envelope == Interval(date(2011, 1, 10), date(2011, 1, 27))
    assert said.words == Excerpt("two weeks")
    with pytest.raises(InvalidValue):
        case.within(a, b, None)


def test_relate_between_chosen_points() -> None:
    case = Case()
    stay = case.event("stay", span=True)
    case.place(stay, Interval(date(2011, 1, 1), date(2011, 1, 31)))
    call = case.event("call")
    said = case.relate(stay, call, 2, 2, a_point="end", words="two days after he left", source="IMR health 4.2")
    case.relate(stay, stay, 0, 0, a_point="end", b_point="end")  # harmless self-relation
    c = case.solve()
    assert c.when(call).envelope == Interval(date(2011, 1, 3), date(2011, 2, 2))
    assert str(said) == "'two days after he left': call is 2 days after stay (end) [IMR health 4.2]"
    with pytest.raises(InvalidValue):
        case.relate(stay, call, 5, 2)
    with pytest.raises(InvalidValue):
        case.relate(stay, call, None, None)
    with pytest.raises(InvalidValue):
        case.relate(stay, call, 0, 1, a_point="middle")  # type: ignore[arg-type]


def test_events_and_people_of_another_case_are_refused() -> None:
    case, a, b = two()
    other, x, _ = two()
    with pytest.raises(UnknownEvent):
        case.before(a, x)
    with pytest.raises(UnknownEvent):
        case.solve().when(x)
    stranger = other.person("Child T")
    with pytest.raises(UnknownEvent):
        case.event("visit", "aged 3", person=stranger)
    with pytest.raises(InvalidValue):
        case.event("")
    case.person("Child S")
    with pytest.raises(InvalidValue):
        case.person("child s")


# -- solving: conflicts, relaxed solving, incremental adds ------------------------------------


def test_strict_solve_raises_with_a_minimal_conflict() -> None:
    case, a, b = two()
    unrelated = case.event("unrelated", date(2012, 1, 1))
    fixed_b = case.place(b, date(2011, 1, 12))
    too_long = case.before(a, b, gap=5)
    case.before(unrelated, case.event("later"))
    with pytest.raises(Inconsistent) as caught:
        case.solve()
    (fixed_a,) = [s for s in case.statements if s.events == (a,)]
    assert set(caught.value.conflict) == {fixed_a, *fixed_b, too_long}
    assert caught.value.conflict == tuple(sorted(caught.value.conflict, key=lambda s: s.number))
    assert "b is 5 days after a" in str(caught.value)


def test_relaxed_solve_sets_aside_and_reports() -> None:
    case, a, b = two()
    case.place(b, date(2011, 1, 12))
    too_long = case.before(a, b, gap=5)
    c = case.solve(strict=False)
    assert c.set_aside == (too_long,) or len(c.set_aside) == 1
    assert c.conflicts and set(c.conflicts[0]) >= set(c.set_aside)
    assert c.consistent
    assert "set aside:" in str(c)
    if c.set_aside == (too_long,):
        assert c.when(b).envelope == Interval.on(date(2011, 1, 12))


def test_removing_a_statement_restores_consistency() -> None:
    case, a, b = two()
    case.place(b, date(2011, 1, 12))
    too_long = case.before(a, b, gap=5)
    with pytest.raises(Inconsistent):
        case.solve()
    case.remove(too_long)
    assert case.solve().when(b).envelope == Interval.on(date(2011, 1, 12))
    assert too_long not in case.statements
    with pytest.raises(UnknownEvent):
        case.remove(too_long)


def test_adding_after_a_solve_is_incremental_and_matches_a_fresh_case() -> None:
    steps: list[Callable[[Case, dict[str, Event]], object]] = [
        lambda c, e: e.update(a=c.event("a", Interval.month(2011, 1))),
        lambda c, e: e.update(b=c.event("b", When((Interval.month(2011, 12), Interval.month(2010, 12))))),
        lambda c, e: c.before(e["b"], e["a"], gap=Count.days(40, 60)),
        lambda c, e: e.update(x=c.event("x")),
        lambda c, e: c.after(e["x"], e["a"], gap=3),
    ]
    fresh, fe = Case(), {}
    for step in steps:
        step(fresh, fe)
    whole = fresh.solve()
    grown, ge = Case(), {}
    network = grown._network
    for step in steps:
        step(grown, ge)
        grown.solve()
    assert grown._network is network
    final = grown.solve()
    for name in fe:
        assert final.when(ge[name]) == whole.when(fe[name]), name
    assert final.when(ge["b"]).readings == (Interval(date(2010, 12, 1), date(2010, 12, 22)),)


def test_a_chronology_is_a_snapshot() -> None:
    case, a, b = two()
    first = case.solve()
    case.after(b, a, gap=2)
    second = case.solve()
    assert first.when(b).envelope == Interval(None, None)
    assert second.when(b).envelope == Interval.on(date(2011, 1, 12))
    late = case.event("late")
    with pytest.raises(UnknownEvent):
        first.when(late)


def test_explain_names_the_chain_in_order() -> None:
    case = Case()
    a = case.event("a", date(2011, 1, 10))
    b = case.event("b")
    c_ = case.event("c")
    first = case.after(b, a, gap=3)
    second = case.after(c_, b, gap=4)
    case.event("noise", date(2012, 1, 1))
    why = case.solve().explain(c_)
    (fixed,) = [s for s in case.statements if s.events == (a,)]
    assert why.earliest == why.latest == date(2011, 1, 17)
    assert why.earliest_because == (fixed, first, second)
    assert why.latest_because == (fixed, first, second)
    assert why.statements == (fixed, first, second)
    unbounded = Case()
    lone = unbounded.event("lone")
    assert unbounded.solve().explain(lone).earliest_because == ()
    assert "open" in str(unbounded.solve().explain(lone))


# -- the chronology as a whole ---------------------------------------------------------------


def test_order_of_events_ties_keep_narrative_order() -> None:
    case = Case()
    late = case.event("late", date(2012, 1, 1))
    same1 = case.event("same one", Interval.month(2011, 6))
    same2 = case.event("same two", Interval.month(2011, 6))
    early = case.event("early", date(2010, 1, 1))
    wide = case.event("wide", Interval(date(2011, 6, 1), date(2011, 12, 31)))
    open_ = case.event("open")
    c = case.solve()
    assert c.events == (open_, early, same1, same2, wide, late)
    assert c.order(early, late) is Order.BEFORE and c.order(late, early) is Order.AFTER
    assert c.order(same1, same2) is Order.UNDETERMINED
    assert c.order(open_, early) is Order.UNDETERMINED


def test_the_table_is_one_line_per_event() -> None:
    case = Case()
    case.event("referral to social care", date(2011, 1, 10), agency="police")
    case.event("home visit", When((Interval.month(2011, 12), Interval.month(2010, 12))), agency="health visiting")
    text = str(case.solve())
    lines = text.splitlines()
    assert len(lines) == 3
    # The home visit may be in Dec 2010, before the referral: earliest first.
    assert "Dec 2011 | Dec 2010" in lines[1] and "health visiting" in lines[1]
    assert lines[2].split() == ["10", "Jan", "2011", "police", "referral", "to", "social", "care"]


def test_statements_and_events_are_values_with_provenance() -> None:
    case = Case()
    source = Excerpt("…refused entry on 9 July 2013…", 400, 430, "review-7")
    event = case.event("visit refused", "9 July 2013", agency="police", source=source)
    (placed,) = case.statements
    assert placed.source == source and event.source == source
    assert placed.words is not None and placed.words.document == "review-7"
    assert "[review-7 400-430]" in str(placed)
    with pytest.raises(AttributeError):
        placed.says = "changed"  # type: ignore[misc]
    assert repr(event) == "Event('visit refused')"


# -- properties: a hidden true timeline ----------------------------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip


def _month(d: date) -> Interval:
    return Interval.month(d.year, d.month)


@st.composite
def timelines(draw: st.DrawFn) -> tuple[date, list[date]]:
    birth = draw(st.dates(date(1990, 1, 1), date(2030, 12, 31)))
    offsets = draw(st.lists(st.integers(0, 3000), min_size=1, max_size=6))
    return birth, [birth + timedelta(days=o) for o in offsets]


Fact = Callable[[Case, list[Event]], object]


@st.composite
def true_facts(draw: st.DrawFn, birth: date, truth: list[date]) -> list[Fact]:
    """Statements that hold of the true dates, in words or in code."""
    facts: list[Fact] = []
    for i, when in enumerate(truth):
        form = draw(st.sampled_from(["none", "month", "year", "day", "two", "phrase-month", "phrase-day", "age"]))
        if form == "month":
            facts.append(lambda c, e, i=i, w=when: c.place(e[i], _month(w)))
        elif form == "year":
            facts.append(lambda c, e, i=i, w=when: c.place(e[i], When.of(Interval.year(w.year))))
        elif form == "day":
            facts.append(lambda c, e, i=i, w=when: c.place(e[i], w))
        elif form == "two":  # a true reading and a false one, in either order
            other = _month(when.replace(day=1) + timedelta(days=draw(st.sampled_from([-400, -100, 100, 400]))))
            readings = (_month(when), other) if draw(st.booleans()) else (other, _month(when))
            facts.append(lambda c, e, i=i, r=readings: c.place(e[i], When(r)))
        elif form == "phrase-month":
            facts.append(lambda c, e, i=i, w=when: c.place(e[i], f"{MONTHS[w.month - 1]} {w.year}"))
        elif form == "phrase-day":
            facts.append(lambda c, e, i=i, w=when: c.place(e[i], f"{w.day} {MONTHS[w.month - 1]} {w.year}"))
        elif form == "age" and (when - birth).days >= 7:
            weeks = (when - birth).days // 7
            facts.append(lambda c, e, i=i, n=weeks: c.place(e[i], f"when he was {n} weeks old", person=c.people[0]))
    pairs = draw(st.lists(st.tuples(st.integers(0, len(truth) - 1), st.integers(0, len(truth) - 1)), max_size=6))
    for i, j in pairs:
        gap = (truth[j] - truth[i]).days
        kind = draw(st.sampled_from(["exact", "order", "loose"]))
        if kind == "exact" and gap >= 0:
            facts.append(lambda c, e, i=i, j=j, g=gap: c.before(e[i], e[j], gap=g) if g else c.same_day(e[i], e[j]))
        elif kind == "order" and gap > 0:
            facts.append(lambda c, e, i=i, j=j: c.before(e[i], e[j]))
        elif kind == "loose":
            slack = draw(st.integers(0, 30))
            facts.append(lambda c, e, i=i, j=j, g=gap, s=slack: c.relate(e[i], e[j], g - s, g + s))
    return facts


def _build(birth: date, n: int, facts: list[Fact], solve_between: bool = False) -> tuple[Case, list[Event]]:
    case = Case()
    child = case.person("Child", born=birth)
    events = [case.event(f"event {i}") for i in range(n)]
    for k, fact in enumerate(facts):
        fact(case, events)
        if solve_between and k == len(facts) // 2:
            case.solve()
    del child
    return case, events


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), timeline=timelines())
def test_true_statements_solve_and_the_truth_lies_inside(
    data: st.DataObject, timeline: tuple[date, list[date]]
) -> None:
    birth, truth = timeline
    facts = data.draw(true_facts(birth, truth))
    case, events = _build(birth, len(truth), facts)
    solved = case.solve()
    for event, when in zip(events, truth, strict=True):
        got = solved.when(event)
        assert when in got, f"{event}: true {when} not in {got}"
        assert solved.bounds(event).contains(when)
    # Incremental: the same facts with a solve half way give the same answers.
    grown, grown_events = _build(birth, len(truth), facts, solve_between=True)
    again = grown.solve()
    for event, other in zip(events, grown_events, strict=True):
        assert solved.when(event) == again.when(other)


@settings(max_examples=40, deadline=None)
@given(start=st.dates(date(1950, 1, 1), date(2050, 1, 1)), gaps=st.lists(st.integers(0, 400), min_size=1, max_size=5))
def test_exact_gaps_from_a_dated_event_are_tight(start: date, gaps: list[int]) -> None:
    case = Case()
    events = [case.event("first", start)]
    for k, gap in enumerate(gaps):
        events.append(case.event(f"next {k}"))
        case.relate(events[-2], events[-1], gap, gap)
    solved = case.solve()
    at = start
    for event, gap in zip(events, [0, *gaps], strict=True):
        at += timedelta(days=gap)
        assert solved.when(event).readings == (Interval.on(at),)


@settings(max_examples=40, deadline=None)
@given(
    start=st.dates(date(1950, 1, 1), date(2050, 1, 1)),
    gaps=st.lists(st.integers(1, 60), min_size=1, max_size=5),
    short=st.integers(1, 30),
    noise=st.integers(0, 3),
)
def test_contradiction_names_exactly_the_statements_involved(
    start: date, gaps: list[int], short: int, noise: int
) -> None:
    case = Case()
    chain = [case.event("first", start)]
    involved = [s for s in case.statements]
    for k, gap in enumerate(gaps):
        chain.append(case.event(f"step {k}"))
        involved.append(case.before(chain[-2], chain[-1], gap=gap))
    # The last event dated `short` days too early for the chain: impossible.
    involved += case.place(chain[-1], start + timedelta(days=sum(gaps) - short))
    for k in range(noise):  # true statements about other events, not part of the conflict
        other = case.event(f"other {k}", start)
        case.relate(chain[0], other, 0, 5) if k % 2 else case.same_day(chain[0], other)
    with pytest.raises(Inconsistent) as caught:
        case.solve()
    assert set(caught.value.conflict) == set(involved)
    relaxed = case.solve(strict=False)
    assert len(relaxed.set_aside) == 1 and relaxed.set_aside[0] in involved


def test_chronology_type_is_exported() -> None:
    import chronology

    assert chronology.Chronology is Chronology


# -- syntax trees given directly: each node kind compiles to sound statements -----------------


def _w(text: str) -> Excerpt:
    return Excerpt(text)


def test_tree_shift_from_a_birth_names_the_words_and_tightens_with_it() -> None:
    case = Case()
    child = case.person("Child")
    age = Shift(Birth(None, _w("he")), Count.days(70, 76), 1, "age", _w("when he was ten weeks old"))
    visit = case.event("visit", age)
    (said,) = [s for s in case.statements if visit in s.events]
    assert said.kind == "age" and said.words == _w("when he was ten weeks old")
    case.place(child.birth, Interval(date(2010, 12, 1), date(2010, 12, 31)))
    assert case.solve().when(visit).envelope == Interval(date(2011, 2, 9), date(2011, 3, 17))


def test_tree_shift_of_an_ambiguous_period_keeps_both_readings_apart() -> None:
    winter = Fixed((Interval.month(2010, 12), Interval.month(2009, 12)), "season", _w("early winter 2010"))
    after = Shift(winter, Count.days(10), 1, "relative", _w("ten days after early winter 2010"))
    case = Case()
    event = case.event("event", after)
    got = case.solve().when(event)
    # Each reading shifted: 11 Dec 2010 .. 10 Jan 2011, and a year earlier; nothing between.
    assert got.readings == (
        Interval(date(2010, 12, 11), date(2011, 1, 10)),
        Interval(date(2009, 12, 11), date(2010, 1, 10)),
    )
    assert date(2010, 6, 1) not in got
    case.place(event, Interval(date(2010, 6, 1), None))
    assert case.solve().when(event).readings == (Interval(date(2010, 12, 11), date(2011, 1, 10)),)


def test_tree_nested_shifts_compose_soundly() -> None:
    inner = Shift(Named(_w("the assessment")), Count.of(1, "month"), 1, "relative", _w("a month after the assessment"))
    outer = Shift(inner, Count.days(3), 1, "relative", _w("three days after that"))
    case = Case()
    assessment = case.event("assessment", date(2012, 1, 31))
    later = case.event("later", outer, anchor=assessment)
    got = case.solve().when(later)
    # As a difference, one month is 28..31 days +/- 15 (13..46), then exactly 3 more: 16..49 days
    # after 31 Jan 2012, i.e. 16 Feb .. 20 Mar.  The reading, computed on the calendar from the
    # anchor's day, is tighter: 31 Jan + 1 month = 29 Feb 2012, -/+ 15 days, + 3 = 17 Feb .. 18 Mar.
    assert case.solve().bounds(later) == Interval(date(2012, 2, 16), date(2012, 3, 20))
    assert got.envelope == Interval(date(2012, 2, 17), date(2012, 3, 18))


def test_tree_reference_and_document_date_leaves() -> None:
    case = Case(document_date=date(2015, 7, 20))
    first = case.event("first", date(2013, 5, 14))
    nxt = case.event("next", Shift(Reference(_w("following")), Count.days(1), 1, "narrative", _w("the next day")))
    back = case.event("back", Shift(DocumentDate(), Count.days(2), -1, "deictic", _w("two days ago")))
    c = case.solve()
    assert c.when(nxt).envelope == Interval.on(date(2013, 5, 15))
    assert c.when(back).envelope == Interval.on(date(2015, 7, 18))
    assert first in c.events and case.document not in c.events


def test_tree_bound_hull_length_between_endpoint() -> None:
    case = Case()
    licence = case.event("licence", Between(Fixed((Interval.month(2012, 3),), "month", _w("March 2012")),
                                            Fixed((Interval.month(2013, 9),), "month", _w("September 2013")),
                                            "range", _w("from March 2012 to September 2013")))  # fmt: skip
    assert not licence.is_instant
    by = case.event("by", Bound(Fixed((Interval.month(2009, 2),), "month", _w("February 2009")), "until", "month",
                                _w("by the end of February 2009")))  # fmt: skip
    both = case.event("both", Hull((Fixed((Interval.month(2020, 3),), "month", _w("March")),
                                    Fixed((Interval.month(2020, 4),), "month", _w("April 2020"))),
                                   "range", _w("in March and April 2020")))  # fmt: skip
    before_end = case.event(
        "recall",
        Shift(
            Endpoint(Named(_w("his licence")), "end", _w("the end of his licence")),
            Count.days(10),
            -1,
            "relative",
            _w("ten days prior to the end of his licence"),
        ),  # fmt: skip
        anchor=licence,
    )
    stay = case.event("stay", Length(Count.days(3), _w("for three days")))
    case.relate(by, stay, 0, 0)
    c = case.solve()
    assert c.start(licence).earliest == date(2012, 3, 1) and c.end(licence).latest == date(2013, 9, 30)
    assert c.when(by).envelope == Interval(None, date(2009, 2, 28))
    assert c.when(both).envelope == Interval(date(2020, 3, 1), date(2020, 4, 30))
    assert c.when(before_end).envelope.latest == date(2013, 9, 20)
    assert c.end(stay).latest == date(2009, 3, 3)
    kinds = {s.kind for s in case.statements}
    assert {"span", "duration", "date", "month", "range"} <= kinds
    with pytest.raises(InvalidValue):
        case.event("bad", Shift(Length(Count.days(3), _w("three days")), Count.days(1), 1, "relative", _w("x")))


def test_an_old_chronology_answers_when_but_asks_for_a_new_solve_for_order() -> None:
    from chronology.engine import StaleSolution

    case, a, b = two()
    case.after(b, a, gap=2)
    old = case.solve()
    case.event("more", date(2012, 1, 1))
    assert old.when(b).envelope == Interval.on(date(2011, 1, 12))
    assert old.order(a, b) is Order.BEFORE  # its own bounds settle it: no question to the solver
    vague = Case()
    a = vague.event("a", Interval.month(2011, 1))
    b = vague.event("b")
    vague.after(b, a, gap=2)
    old = vague.solve()
    vague.event("more", date(2012, 1, 1))
    assert old.when(b).envelope == Interval(date(2011, 1, 3), date(2011, 2, 2))
    with pytest.raises(StaleSolution) as caught:
        old.order(a, b)  # the bounds overlap: only the solver can say
    assert isinstance(caught.value, ChronologyError)
    assert vague.solve().order(a, b) is Order.BEFORE


def test_from_a_to_b_starts_an_event_with_a_length_in_a_and_ends_it_in_b() -> None:
    case = Case()
    licence = case.event("licence", "from mid-2016 to Feb 2017", span=True)
    recall = case.event("recalled", "ten days prior to the end of his licence", anchor=licence)
    solved = case.solve()
    # 'mid-2016' is May-Aug 2016 (the middle third); the licence ends in February 2017
    assert solved.start(licence) == Interval(date(2016, 5, 1), date(2016, 8, 31))
    assert solved.end(licence) == Interval(date(2017, 2, 1), date(2017, 2, 28))
    assert solved.when(recall).envelope == Interval(date(2017, 1, 22), date(2017, 2, 18))


def test_between_a_and_b_only_contains_the_event() -> None:
    case = Case()
    placement = case.event("placement", "between 2013 and 2015", span=True)
    solved = case.solve()
    # 'between' says where the placement lies, not that it filled the years
    assert solved.start(placement) == Interval(date(2013, 1, 1), date(2015, 12, 31))
    assert solved.end(placement) == Interval(date(2013, 1, 1), date(2015, 12, 31))


def test_events_placed_by_the_same_words_share_a_tree_yet_count_from_their_own_reference() -> None:
    case = Case()
    first = case.event("referral", date(2011, 3, 1))
    later = [case.event(f"visit {i}", "the following day") for i in range(5)]
    again = case.event("review", Interval.month(2011, 3))
    other = case.event("strategy meeting", Interval.month(2011, 3))
    solved = case.solve()
    assert [solved.bounds(e).earliest for e in later] == [date(2011, 3, 2 + i) for i in range(5)]
    assert all(solved.bounds(e).latest == solved.bounds(e).earliest for e in later)
    trees = [node for _, node, _, _, _ in case.placements()]
    assert all(tree is trees[1] for tree in trees[1:6])  # one tree for the five phrases
    # a period given by code keeps no tree: it is rebuilt, the same value for the month given twice
    assert trees[6] == trees[7]
    assert solved.bounds(again) == solved.bounds(other) == Interval.month(2011, 3)
    assert solved.bounds(first) == Interval.on(date(2011, 3, 1))


def _long_case(n: int) -> tuple[Case, list[Event]]:
    """A long review's events the way a reader or a benchmark adds them: dates, periods and
    phrases given by code or words, most related to the event before."""
    case = Case(document_date=date(2020, 1, 1))
    child = case.person("Child L", born=date(2010, 1, 1))
    events: list[Event] = [child.birth]
    for i in range(n):
        pick = i % 7
        when: object = None
        if pick == 0:
            when = date(2011, 1, 1) + timedelta(days=i)
        elif pick == 1:
            when = Interval.month(2011 + i % 5, 1 + i % 12)
        elif pick == 2:
            when = "the following day"
        elif pick == 3:
            when = "two weeks later"
        elif pick == 4:
            when = "when he was ten weeks old"
        event = case.event(f"event {i}", when, agency="police" if i % 2 else None)  # type: ignore[arg-type]
        if pick == 5:
            case.before(events[-1], event, gap=3)
        elif pick == 6:
            case.relate(events[-1], event, 0, 9, words="within the next week or so")
        events.append(event)
    return case, events


def _kept_by_a_long_case(n: int) -> tuple[Case, list[Event], collections.Counter[str]]:
    """A long case of ``n`` events, and the objects the cyclic collector tracks for it, by type."""
    gc.collect()
    before = collections.Counter(type(o).__name__ for o in gc.get_objects())
    case, events = _long_case(n)
    gc.collect()  # the collector stops tracking tuples of plain values on its first pass over them
    after = collections.Counter(type(o).__name__ for o in gc.get_objects())
    return case, events, collections.Counter({name: after[name] - before[name] for name in after})


def test_a_long_case_keeps_at_most_two_objects_per_event_for_the_cyclic_collector() -> None:
    # Each full collection walks every object the collector tracks, so what a case keeps per event
    # sets the collector's share of a long build: the Event and its statements, no tuple, list, dict,
    # tree or words per event or statement.  Objects are counted (never time), per event added: the
    # difference between two lengths, so what loads once (the grammar, caches) does not count.
    _kept_by_a_long_case(1_000)  # caches filled (and what earlier tests left in bounded ones let go)
    short = _kept_by_a_long_case(1_000)[2]
    case, events, long = _kept_by_a_long_case(3_000)
    n = 2_000
    per_event = {name: (long[name] - short[name]) / n for name in long | short}
    shown = {name: share for name, share in per_event.items() if abs(share) >= 0.005}
    assert per_event["Event"] == 1 and per_event["Statement"] == 1, shown  # one statement per event here
    assert sum(share for name, share in per_event.items() if name not in ("Event", "Statement")) <= 0.01, shown
    assert sum(per_event.values()) <= 2.01, shown
    # and nothing was lost: every statement still names its events, every placement its tree and words
    solved = case.solve()
    assert all(statement.events for statement in case.statements)
    assert case.statements[-1].events == (events[-1], events[-2])  # "two weeks later": the event, its reference
    placed = case.placements()
    given = sum(1 for i in range(len(events) - 1) if i % 7 < 5)
    assert len(placed) == 2 + given  # the document's date, the birth, and the events given a when
    ages = [p for p in placed if p[2] is not None and p[2].text == "when he was ten weeks old"]
    assert ages and all(anchors == (events[0],) for _, _, _, anchors, _ in ages)
    assert str(solved.when(events[1 + 4])) == "12 Mar 2010 – 18 Mar 2010 (when he was ten weeks old)"


def test_solving_leaves_the_collector_as_it_found_it_whatever_order_solves_finish() -> None:
    from chronology.engine import collector_paused

    case, _ = _long_case(50)
    assert gc.isenabled()
    case.solve()
    assert gc.isenabled()
    gc.disable()
    try:
        case.event("one more", "the following day")
        case.solve()
        assert not gc.isenabled()  # a user who switched it off keeps it off
    finally:
        gc.enable()
    # two solves in two threads: the first to begin ends first, and the second is still paused
    first, second = collector_paused(), collector_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_statement_a_case_made_equals_one_written_by_hand_and_survives_evolve() -> None:
    import attrs

    case = Case()
    a, b = case.event("a", date(2011, 1, 1)), case.event("b")
    made = case.before(a, b, words="days later")
    assert made.events == (a, b) and case.statements[-1] is made
    by_hand = Statement(made.number, made.says, made.kind, made.words, [a, b], made.source)
    assert by_hand == made and hash(by_hand) == hash(made) and by_hand in set(case.statements)
    assert attrs.evolve(made) == made and attrs.evolve(made, says="other").events == (a, b)
    assert Statement(made.number, made.says, made.kind, made.words, [b, a], made.source) != made
    with pytest.raises(InvalidValue, match="list of Events"):
        Statement(1, "b is after a", "order", None, 5)  # type: ignore[arg-type]


def test_helper_points_whose_start_lies_after_their_end_bound_nothing() -> None:
    """The two helper points a span counted from stands for ("a month after spring or summer
    2012") bound the event's readings; where a solution puts the start after the end (nothing
    orders them once their statement is set aside), they bound nothing: the event's readings
    stand alone, not an error (read() of 3 MB of junk raised InvalidValue here)."""
    case = Case()
    event = case.event("visit", "a month after spring or summer 2012")
    names = {name: point for point, name in case._names.items()}
    first = next(p for n, p in names.items() if n.endswith("(start)"))
    last = next(p for n, p in names.items() if n.endswith("(end)"))
    from chronology.engine import Solution

    real = Solution.bounds

    def crossed(self: Solution, point: int) -> tuple[int | None, int | None]:
        low, high = real(self, point)
        if point == first:
            return (high + 400 if high is not None else None), high
        if point == last:
            return low, (low - 400 if low is not None else None)
        return low, high

    bounded = case.solve().when(event).readings
    with mock.patch.object(Solution, "bounds", crossed):
        when = case.solve().when(event)  # no InvalidValue
    assert when.readings == bounded  # the phrase's own readings (the box had not narrowed them here)
    assert all(r.earliest is not None and r.latest is not None and r.earliest <= r.latest for r in when.readings)


def test_a_span_counted_from_starts_no_later_than_it_ends() -> None:
    """The two helper points of a span an event counts from are ordered by a statement of the
    phrase's own (a span read from junk as starting after its end is then a conflict the
    solve names, not a box the chronology must ignore)."""
    case = Case()
    event = case.event("visit", "a month after spring or summer 2012")
    said = [str(s) for s in case.statements]
    assert any("'spring or summer 2012' (start) is no later than its end" in s for s in said), said
    assert str(case.solve().when(event)) == "17 Mar 2012 – 15 Oct 2012 (a month after spring or summer 2012)"
