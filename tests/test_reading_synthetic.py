"""The synthetic review of Child T, read end to end: mentions, events, bounds, order, conflict.

``examples/review-child-t.txt`` is written in the style of a real review (numbered
paragraphs, a contents table, a running page header, a key-events table, a
glossary, a footnote, a citation, a document date) from a hidden true timeline
(``TRUTH`` below).  Its statements agree with that timeline except one, put there
on purpose: Child T "started at nursery in the summer of 2017, when he was
fifteen months old" (he died in February 2017).  The expectations were worked out
by hand from the text and the conventions, not copied from the reader's output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from chronology import Chronology, Event, Interval, read
from chronology.case import Order

REVIEW = Path(__file__).resolve().parents[1] / "examples" / "review-child-t.txt"

# Every phrase of time the review holds, in order, with its kind.  ("the last month of his
# life" is not yet read by the grammar: a count back from an event named by its end.)
MENTIONS = [
    ("14 November 2017", "day"),
    ("in February 2017", "month"),
    ("at the age of one year and nine months", "age"),
    ("in March 2017", "month"),
    ("Working Together to Safeguard Children 2015", "citation"),
    ("early 2015", "part"),
    ("end of February 2017", "part"),
    ("22", "age"),  # "Mother T was 22 when Child T was born": her age, read as "aged 22"
    ("in early January 2015", "part"),
    ("20 weeks pregnant", "age"),
    ("in the autumn of 2014", "season"),
    ("18 weeks", "duration"),
    ("in 2013", "year"),
    ("in the late spring of 2015", "season"),
    ("the following day", "narrative"),
    ("when he was eleven days old", "age"),
    ("At seven weeks of age", "age"),
    ("his six to eight week check", "age"),
    ("In mid-September 2015", "part"),
    ("The following day", "narrative"),
    ("Three days later", "narrative"),
    ("in October 2015", "month"),
    ("a four day gap before the homelessness application", "relative"),
    ("two weeks later", "narrative"),
    ("When Child T was ten months old", "age"),
    ("later that day", "narrative"),
    ("on 21 March 2016", "day"),
    ("section 47", "citation"),
    ("in April 2016", "month"),
    ("Two weeks prior to his release from custody", "relative"),
    ("in early July 2016", "part"),
    ("In the summer of 2016", "season"),
    ("at about fourteen months old", "age"),
    ("a fortnight later", "narrative"),
    ("in the summer of 2017", "season"),
    ("when he was fifteen months old", "age"),
    ("Six weeks before his death", "relative"),
    ("On the evening of 12th February 2017", "day"),
    ("two days later", "narrative"),
    ("Over the first twenty-one months of Child T's life", "age"),
    ("weekly", "frequency"),
    ("earlier this year", "deictic"),
    ("Jan 2015", "month"),
    ("20 weeks pregnant", "age"),
    ("May 2015", "month"),
    ("Sept 2015", "month"),
    ("Mar 2016", "month"),
    ("on 2 June 2015", "day"),
]

# The hidden timeline the review was written from: (start of an event's description, kind,
# agency, true day, the widest bounds a careful reader would accept).
TRUTH = [
    ("birth of Child T", "birth", None, date(2015, 5, 10), Interval(date(2015, 5, 7), date(2015, 5, 14))),
    (
        "She booked with midwifery",
        "registration",
        "midwifery",
        date(2015, 1, 1),
        Interval(date(2015, 1, 1), date(2015, 1, 8)),
    ),
    ("He was discharged home", "discharge", None, date(2015, 5, 11), Interval(date(2015, 5, 8), date(2015, 5, 15))),
    (
        "The health visitor completed the new birth visit",
        "visit",
        "health visiting",
        date(2015, 5, 21),
        Interval(date(2015, 5, 18), date(2015, 5, 25)),
    ),
    ("Child T was seen by the GP", "visit", "GP", date(2015, 6, 28), Interval(date(2015, 6, 25), date(2015, 7, 8))),
    ("Police were called", "call", "police", date(2015, 9, 15), Interval(date(2015, 9, 11), date(2015, 9, 20))),
    (
        "The police made a referral",
        "referral",
        "police",
        date(2015, 9, 16),
        Interval(date(2015, 9, 12), date(2015, 9, 21)),
    ),
    (
        "A social worker visited",
        "visit",
        "children's social care",
        date(2015, 9, 19),
        Interval(date(2015, 9, 15), date(2015, 9, 24)),
    ),
    ("Mother T and Child T were evicted", "eviction", None, date(2015, 10, 10), Interval.month(2015, 10)),
    (
        "The homelessness application",
        "application",
        "housing",
        date(2015, 10, 14),
        Interval(date(2015, 10, 5), date(2015, 11, 4)),
    ),
    (
        "The family were placed",
        "placement",
        "housing",  # "temporary accommodation" is housing's word
        date(2015, 10, 28),
        Interval(date(2015, 10, 16), date(2015, 11, 21)),
    ),
    (
        "He was taken to the emergency department",
        "injury",
        "hospital",
        date(2016, 3, 15),
        Interval(date(2016, 3, 7), date(2016, 4, 13)),
    ),
    (
        "The hospital made a referral",
        "referral",
        "hospital",
        date(2016, 3, 15),
        Interval(date(2016, 3, 7), date(2016, 4, 13)),
    ),
    ("A strategy discussion was held", "meeting", None, date(2016, 3, 21), Interval.day(2016, 3, 21)),
    ("Mr R was arrested", "arrest", None, date(2016, 4, 20), Interval.month(2016, 4)),
    (
        "The probation service referred",
        "referral",
        "probation",
        date(2016, 6, 21),
        Interval(date(2016, 6, 14), date(2016, 6, 29)),
    ),
    ("His release from custody", "release", None, date(2016, 7, 5), Interval(date(2016, 7, 1), date(2016, 7, 10))),
    (
        "Child T missed two health visitor",
        "appointment",
        "health visiting",
        date(2016, 7, 20),
        Interval.months(2016, 6, 3),
    ),
    ("A letter was sent", None, None, date(2016, 8, 3), Interval(date(2016, 6, 14), date(2016, 9, 20))),
    (
        "The health visitor completed a home visit",
        "visit",
        "health visiting",
        date(2017, 1, 3),
        Interval(date(2016, 12, 31), date(2017, 1, 6)),
    ),
    ("An ambulance took Child T", "injury", "ambulance", date(2017, 2, 12), Interval.day(2017, 2, 12)),
    ("death of Child T", "death", None, date(2017, 2, 14), Interval.day(2017, 2, 14)),
    (
        "The review was commissioned",
        "review",
        "safeguarding partnership",
        date(2017, 3, 20),
        Interval.month(2017, 3),
    ),
    ("The landlord was asked to repair the flat", None, "housing", date(2015, 6, 2), Interval.day(2015, 6, 2)),
]

# Pairs the text orders (by its words, or by dates it gives), and the order read must find.
ORDER = [
    ("birth of Child T", "He was discharged home", Order.BEFORE),
    ("He was discharged home", "The health visitor completed the new birth visit", Order.BEFORE),
    ("Police were called", "The police made a referral", Order.BEFORE),
    ("The police made a referral", "A social worker visited", Order.BEFORE),
    ("Mother T and Child T were evicted", "The homelessness application", Order.BEFORE),
    ("The homelessness application", "The family were placed", Order.BEFORE),
    ("He was taken to the emergency department", "The hospital made a referral", Order.SAME_DAY),
    ("The probation service referred", "His release from custody", Order.BEFORE),
    ("Mr R was arrested", "His release from custody", Order.BEFORE),
    ("The health visitor completed a home visit", "An ambulance took Child T", Order.BEFORE),
    ("An ambulance took Child T", "death of Child T", Order.BEFORE),
    ("death of Child T", "The review was commissioned", Order.BEFORE),
]


@pytest.fixture(scope="module")
def child_t() -> tuple[str, Chronology]:
    text = REVIEW.read_text("utf-8")
    return text, read(text, source=REVIEW.name)


def event(chronology: Chronology, start: str) -> Event:
    found = [e for e in chronology.events if e.description.startswith(start)]
    assert len(found) == 1, (start, [e.description for e in found])
    return found[0]


def test_the_mentions_are_the_reviews_phrases_of_time(child_t: tuple[str, Chronology]) -> None:
    text, chronology = child_t
    assert [(m.text, m.kind) for m in chronology.mentions] == MENTIONS
    for m in chronology.mentions:
        assert text[m.start : m.end] == m.text
        assert m.document == REVIEW.name


def test_mentions_off_the_timeline_have_no_bounds_and_say_why(child_t: tuple[str, Chronology]) -> None:
    _, chronology = child_t
    for m in chronology.mentions:
        if m.kind in ("citation", "duration", "frequency"):
            assert m.when is None and m.event is None and m.reason
        else:
            assert m.on_timeline


def test_the_contents_page_header_and_glossary_give_no_mentions(child_t: tuple[str, Chronology]) -> None:
    text, chronology = child_t
    contents = text.index("Contents"), text.index("1. Introduction\n\n1.1")
    header = text.index("Child T Safeguarding Practice Review   ")
    for m in chronology.mentions:
        assert not contents[0] <= m.start < contents[1]
        assert not header <= m.start < header + 80


@pytest.mark.parametrize(("start", "kind", "agency", "truth", "widest"), TRUTH, ids=[t[0] for t in TRUTH])
def test_each_event_holds_the_truth_within_honest_bounds(
    child_t: tuple[str, Chronology], start: str, kind: str | None, agency: str | None, truth: date, widest: Interval
) -> None:
    _, chronology = child_t
    found = event(chronology, start)
    bounds = chronology.bounds(found)
    assert bounds.contains(truth), (start, str(bounds))
    assert widest.covers(bounds), (start, str(bounds), str(widest))
    assert found.kind == kind
    assert found.agency == agency


@pytest.mark.parametrize(("a", "b", "order"), ORDER, ids=[f"{a} / {b}" for a, b, _ in ORDER])
def test_the_order_the_text_gives(child_t: tuple[str, Chronology], a: str, b: str, order: Order) -> None:
    _, chronology = child_t
    assert chronology.order(event(chronology, a), event(chronology, b)) == order


def test_the_people_the_subject_and_the_agencies(child_t: tuple[str, Chronology]) -> None:
    _, chronology = child_t
    assert [p.name for p in chronology.people] == ["Child T", "Mother T", "Mr R"]
    assert chronology.subject is not None and chronology.subject.name == "Child T"
    for name in ("police", "health visiting", "midwifery", "GP", "hospital", "housing", "probation"):
        assert name in chronology.agencies
    visit = event(chronology, "The health visitor completed a home visit")
    assert [p.name for p in visit.people] == ["Child T", "Mr R"]


def test_a_mention_knows_its_event_and_its_own_bounds(child_t: tuple[str, Chronology]) -> None:
    _, chronology = child_t
    by_text = {m.text: m for m in chronology.mentions}
    spring = by_text["in the late spring of 2015"]
    assert spring.event is chronology.subject.birth  # type: ignore[union-attr]
    assert spring.when is not None and spring.when.readings == (Interval.month(2015, 5),)
    gap = by_text["a four day gap before the homelessness application"]
    assert gap.when is not None and str(gap.when.envelope) == "5 Oct 2015 – 4 Nov 2015"
    prior = by_text["Two weeks prior to his release from custody"]
    assert prior.event is event(chronology, "The probation service referred")
    assert str(prior.when.envelope) == "14 Jun 2016 – 29 Jun 2016"  # type: ignore[union-attr]


def test_the_conflict_is_a_finding_naming_its_statements(child_t: tuple[str, Chronology]) -> None:
    _, chronology = child_t
    assert len(chronology.conflicts) == 1
    (conflict,) = chronology.conflicts
    words = {s.origin for s in conflict}
    assert {"summer of 2017", "when he was fifteen months old"} <= words | {w.removeprefix("in the ") for w in words}
    assert len(chronology.set_aside) == 1
    assert chronology.set_aside[0] in conflict


def test_the_document_date_is_read_from_the_text(child_t: tuple[str, Chronology]) -> None:
    _, chronology = child_t
    document = chronology.case.document
    assert document is not None
    assert str(chronology.bounds(document)) == "14 Nov 2017"
    earlier = next(m for m in chronology.mentions if m.text == "earlier this year")
    assert earlier.when is not None and str(earlier.when.envelope) == "1 Jan 2017 – 14 Nov 2017"


def test_a_footnote_keeps_its_date_apart_from_the_narrative() -> None:
    text = (
        "3.1 Child K was seen by the GP in March 2012.²\n\n"
        "² The practice had moved premises on 2 June 2015.\n\n"
        "3.2 The following day the GP wrote to the health visitor."
    )
    chronology = read(text)
    letter = event(chronology, "The GP wrote")
    assert str(chronology.bounds(letter)) == "2 Mar 2012 – 1 Apr 2012"
    assert str(chronology.bounds(event(chronology, "The practice had moved"))) == "2 Jun 2015"
