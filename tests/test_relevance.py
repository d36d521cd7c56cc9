"""Relevance: a review's background (policy, services in general, its own process, plans, citations,
judgements) told apart from the events of the case. Every sentence here is invented, in the style of
reviews; none is taken from a real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology import ChronologyError
from chronology.reading.relevance import REASONS, Relevance, background

# (clause, sentence, section, names a person of the case, expected reason)
BACKGROUND = [
    (
        "Under the county's early years strategy, the number of family hubs will double by 2017.",
        "",
        None,
        False,
        "policy",
    ),
    ("The Partnership has as a priority for 2016 to 2018 to reduce neglect.", "", None, False, "policy"),
    ("This approach has since been extended across the borough in 2016.", "", None, False, "policy"),
    (
        "The reforms came into force on 1 April 2015, when the Care Act 2014 applied to all adults.",
        "",
        None,
        False,
        "policy",
    ),
    (
        "A new birth visit is offered between ten and fourteen days after delivery.",
        "",
        None,
        False,
        "service in general",
    ),
    (
        "Developmental checks are routinely carried out at around two years of age.",
        "",
        None,
        False,
        "service in general",
    ),
    (
        "Health visitors see every family at least five times before the age of two.",
        "",
        None,
        False,
        "service in general",
    ),
    ("The programme begins in the antenatal period and runs until school age.", "", None, False, "service in general"),
    (
        "but normally completed by the twelfth month",
        "The check was missed, but normally completed by the twelfth month.",
        None,
        False,
        "service in general",
    ),
    ("The review covers the period from early 2012 to the child's death in 2015.", "", None, False, "review process"),
    ("Agencies were asked to submit chronologies from the spring of 2013.", "", None, False, "review process"),
    ("The lead reviewer also considered the annual report published in May 2016.", "", None, False, "review process"),
    ("This chapter describes the events of the last week of Child K's life.", "", None, True, "review process"),
    ("The panel met four times between March and September 2017.", "", None, False, "review process"),
    ("A city-wide pathway is being rolled out in 2018.", "", None, False, "plan"),
    ("From autumn 2019 the team will offer a duty line for schools.", "", None, False, "plan"),
    ("Recommendation 6: by the end of 2018", "", None, False, "plan"),
    ("(DfE / NICE Neglect: a guide for frontline practitioners 2016)", "", None, False, "citation"),
    ("Smith et al (2012) showed that missed appointments predict harm.", "", None, False, "citation"),
    ("It was revised in June 2015 and is available on the Board's website.", "", None, False, "citation"),
    ("The first months are the most important time for any baby.", "", None, False, "judgement"),
    (
        "If the protocol had applied in 2014, the hostel would have had to notify the council.",
        "",
        None,
        False,
        "judgement",
    ),
    ("It is clear that services are stretched in the winter months.", "", None, False, "judgement"),
    # the section a clause stands under, where the clause names no one of the case
    ("Each agency is to review its training by spring 2019.", "", "9. Recommendations", False, "plan"),
    ("Practice in 2016 is weaker than it should be.", "", "Key learning", False, "judgement"),
    ("A written summary is sent to each contributor in 2017.", "", "2.1 Methodology", False, "review process"),
]

# Events of the case, including ones that hold modal or present words.
EVENTS = [
    ("In March 2012 the health visitor visited Child K at home.", "", None, True),
    ("A strategy meeting was held the following day.", "", None, False),
    ("Police attended the address in the early hours and arrested the lodger.", "", None, False),
    ("A referral to children's social care was made in the spring of 2014.", "", None, False),
    # reported speech: the saying is the event, whatever she meant to do
    ("Mother K said she would move to her aunt's in the summer of 2013.", "", None, True),
    # a judgement about something that did happen (the visit not referred): kept, the reviewer decides
    ("In 2012 the health visitor should have referred the family to children's social care.", "", None, False),
    ("The GP could have asked about the bruise at the consultation in May 2014.", "", None, False),
    # the review reporting what it established about the case
    ("The review found that the family moved to Eastvale in early 2011.", "", None, True),
    ("The panel is satisfied that the visit took place on 3 June.", "", None, False),
    ("The author met Mother K at her home in July 2016.", "", None, True),
    # the review's words as a frame for the family's own history
    ("Agencies were also asked to describe the family's move to the town in 2010.", "", None, False),
    # under a heading of background, a clause telling the past stays an event
    ("In the summer of 2013 the school noticed that Child K was often hungry.", "", "Learning", True),
    ("Was the core group told of the conviction in 2012?", "", "Terms of reference", False),
    # a verbless fragment: its sentence tells the past
    ("and again in May 2015", "The school nurse saw her in March and again in May 2015.", None, False),
    ("2016.", "", "3. Methodology", False),
    # a strategy meeting is an event, not a strategy
    ("12/03/2019 Police / CSC strategy meeting.", "", None, False),
    # procedure words told in the past: what an agency did
    ("The police followed their missing persons procedure in April 2018.", "", None, False),
    ("He will be referred to as Male D in this report.", "", None, True),
]


@pytest.mark.parametrize(
    ("clause", "sentence", "section", "person", "reason"),
    BACKGROUND,
    ids=[f"{r}-{k}" for k, (*_, r) in enumerate(BACKGROUND)],
)
def test_background_is_named_with_its_reason(
    clause: str, sentence: str, section: str | None, person: bool, reason: str
) -> None:
    assert background(clause, sentence, section=section, names_case_person=person) == reason


@pytest.mark.parametrize(("clause", "sentence", "section", "person"), EVENTS, ids=[c[:40] for c, *_ in EVENTS])
def test_events_of_the_case_stay_events(clause: str, sentence: str, section: str | None, person: bool) -> None:
    assert background(clause, sentence, section=section, names_case_person=person) is None


def test_a_pronoun_counts_as_a_person_of_the_case() -> None:
    # the caller may not know that "he" is the child: the pronoun alone keeps it
    assert (
        background("The first year is the most critical time, and he was seen least.", names_case_person=False) is None
    )
    # "his or her" is generic, not a person of the case
    clause = "Every child and his or her parents are offered a review at two years."
    assert background(clause, names_case_person=False) == "service in general"


def test_a_heading_counts_without_its_number() -> None:
    clause = "Training is refreshed every year."
    assert background(clause, section="Section 8: Recommendations", names_case_person=False) == "plan"
    assert background(clause, section="8.2 The family's history", names_case_person=False) is None


# -- properties ------------------------------------------------------------------------------------

_OPENINGS = st.sampled_from(
    ["In the spring of 2012", "Two weeks later", "When the baby was ten weeks old", "On 4 May 2013", "In early 2014"]
)
_PEOPLE = st.sampled_from(["Child K", "Mother K", "Mr D", "the maternal grandmother", "Sibling 2", "Adult B"])
_VERBS = st.sampled_from(
    [
        "the health visitor visited",
        "police arrested",
        "the GP saw",
        "the school referred",
        "housing moved",
        "the midwife assessed",
        "probation supervised",
        "a social worker interviewed",
    ]
)
_BACKGROUND_WORDS = st.sampled_from(
    [
        "",
        " under the new strategy",
        " as the review notes",
        " as is usual",
        " although every child should be seen",
        " as guidance requires",
        " which will be audited",
        " (see NICE 2010)",
    ]
)
_HEADINGS = st.sampled_from(
    [None, "Recommendations", "Terms of reference", "Learning", "Glossary", "References", "4. The family"]
)


@settings(max_examples=60, deadline=None)
@given(_OPENINGS, _VERBS, _PEOPLE, _BACKGROUND_WORDS, _HEADINGS)
def test_a_named_person_and_a_past_agency_verb_make_an_event(
    opening: str, verb: str, person: str, extra: str, heading: str | None
) -> None:
    clause = f"{opening}, {verb} {person}{extra}."
    assert background(clause, clause, section=heading, names_case_person=True) is None


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200), st.one_of(st.none(), st.text(max_size=40)))
def test_naming_a_person_of_the_case_never_makes_background(clause: str, sentence: str, section: str | None) -> None:
    # whatever the words, a clause that is an event without a person is an event with one
    if background(clause, sentence, section=section, names_case_person=False) is None:
        assert background(clause, sentence, section=section, names_case_person=True) is None


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300), st.one_of(st.none(), st.text(max_size=40)), st.booleans())
def test_any_text_gives_a_known_reason_or_none(clause: str, sentence: str, section: str | None, person: bool) -> None:
    assert background(clause, sentence, section=section, names_case_person=person) in (None, *REASONS)


# -- the data ----------------------------------------------------------------------------------------


def test_every_cue_of_the_shipped_data_gives_a_known_reason() -> None:
    rules = Relevance.default()
    assert {c.reason for c in rules.cues} == set(REASONS)
    assert {c.reason for c in rules.sections} <= set(REASONS)


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ("[[cue]]\nreason = 'plan'\npatterns = ['(']", "not a valid pattern"),
        ("[[cue]]\nreason = 'plan'\ntense = 'sometimes'\npatterns = []", "tense must be"),
        ("[[cue]]\npatterns = ['x']", "reason: expected str"),
        ("[tense]\npast = 'was'", "expected list"),
        ("[[cue]\n", "not valid TOML"),
    ],
    ids=["bad pattern", "bad tense", "no reason", "past not a list", "broken TOML"],
)
def test_bad_data_says_what_is_wrong(toml: str, words: str) -> None:
    with pytest.raises(ChronologyError, match=words):
        Relevance.from_text(toml)


@pytest.mark.parametrize(
    "call",
    [
        lambda: background(None, names_case_person=False),  # type: ignore[arg-type]
        lambda: background("x", b"y", names_case_person=False),  # type: ignore[arg-type]
        lambda: background("x", section=3, names_case_person=False),  # type: ignore[arg-type]
        lambda: background("x", names_case_person=False, relevance="rules"),  # type: ignore[arg-type]
    ],
    ids=["clause", "sentence", "section", "relevance"],
)
def test_a_wrong_argument_is_a_chronology_error(call: object) -> None:
    with pytest.raises(ChronologyError):
        call()  # type: ignore[operator]


# -- on whole synthetic reviews ------------------------------------------------------------------------

SYNTHETIC = Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic"


@pytest.mark.parametrize("path", sorted(SYNTHETIC.glob("*.txt")), ids=lambda p: p.stem)
def test_no_annotated_event_of_the_case_is_marked_background(path: Path) -> None:
    # the synthetic reviews' annotations tie mentions to a hidden timeline; an event read from a clause
    # holding such a mention, of a truth event naming people, must never be background
    from chronology import Excerpt, read

    text = path.read_text("utf-8")
    truth = json.loads(path.with_suffix(".json").read_text("utf-8"))
    of_the_case = {t["id"] for t in truth["truth"] if t.get("people")}
    spans = [(m["start"], m["end"]) for m in truth["mentions"] if m.get("event") in of_the_case]
    marked = []
    for event in read(text).case.events:
        source = event.source
        if not isinstance(source, Excerpt) or source.end is None:
            continue
        if not any(source.start <= a and b <= source.end for a, b in spans):
            continue
        if background(source.text, source.text, names_case_person=bool(event.people)) is not None:
            marked.append(source.text)
    assert not marked


def test_a_predicate_joined_to_the_one_before_takes_its_subject() -> None:
    review = "The review was commissioned by the partnership in July 2019 and completed in March 2020."
    assert background("completed in March 2020", review, names_case_person=False) == "review process"
    case = "The health visitor saw the family in May 2012 and referred them to the GP."
    assert background("referred them to the GP", case, names_case_person=False) is None
    named = "Mother K was evicted in May 2012 and moved to a hostel."
    assert background("moved to a hostel", named, names_case_person=True) is None
