"""chronology.read as a reviewer reads its result: ages tied to the right person, short factual
descriptions, the words that placed each event, agencies, and offsets exact on every text.

The shared Child S review is read from ``../shared/seeds/`` (tests skip where it is absent);
the synthetic reviews are the project's own; nothing of the shared texts is copied here.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from seeds import CHILD_S, seed_text

from chronology import Chronology, Event, read, read_file

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted(
    [*ROOT.glob("examples/review-*.txt"), *ROOT.glob("benchmarks/synthetic/*.txt")],
    key=lambda p: p.name,
)


def named(chronology: Chronology, start: str) -> Event:
    found = [e for e in chronology.events if e.description.startswith(start)]
    assert len(found) == 1, (start, [e.description for e in chronology.events])
    return found[0]


@pytest.fixture(scope="module")
def child_s() -> Chronology:
    return read(seed_text(CHILD_S), source=CHILD_S)


def _corpus() -> list[Path]:
    """The held-out public excerpts (outside the repository, as the benchmarks find them), if present."""
    for folder in (ROOT / ".." / "corpus" / "reviews", ROOT / ".." / ".." / "corpus" / "reviews"):
        if folder.is_dir():
            return sorted(folder.glob("*.txt"))
    return []


@pytest.mark.parametrize("path", _corpus(), ids=[p.name for p in _corpus()])
def test_every_mention_is_its_words_on_the_held_out_texts(path: Path) -> None:
    text = path.read_text("utf-8")
    for m in read(text).mentions:
        assert text[m.start : m.end] == m.text, m


def test_every_mention_is_its_words_on_the_shared_texts() -> None:
    for name in ("news-birmingham-four-reviews.txt", "news-haringey-child-r.txt", CHILD_S):
        text = seed_text(name)
        for m in read(text).mentions:
            assert text[m.start : m.end] == m.text, (name, m)


@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_every_mention_is_its_words_on_every_text(path: Path) -> None:
    text = path.read_text("utf-8")
    chronology = read_file(path)
    assert chronology.mentions
    for m in chronology.mentions:
        assert text[m.start : m.end] == m.text, m
    for event in chronology.events:
        if event.words is not None and event.words.end is not None and event.words.start is not None:
            # the words that first placed an event stand in the text (an age read as "aged 19" is "19" there)
            assert text[event.words.start : event.words.end].split()[-1] in event.words.text


def test_the_mothers_ages_count_from_her_own_birth() -> None:
    text = (
        "2.1 Mother M was 19 when Child M was born in the winter of 2016. She had been known to children's "
        "social care as a teenager, and had lived in a supported lodging placement from age 16 until 18."
    )
    chronology = read(text)
    mother = next(p for p in chronology.people if p.name == "Mother M")
    born = chronology.bounds(mother.birth)
    assert born.earliest is not None and born.latest is not None
    # 19 at a birth in either winter "of 2016" (Dec 2015 - Feb 2016, or Dec 2016 - Feb 2017)
    assert str(born) == "2 Dec 1995 – 28 Feb 1998"
    for start in ("She had been known", "Had lived in a supported lodging placement"):
        bounds = chronology.bounds(named(chronology, start))
        assert bounds.latest is not None and bounds.latest <= date(2018, 2, 28), (start, str(bounds))
        assert bounds.earliest is not None and bounds.earliest >= date(2008, 12, 2), (start, str(bounds))


def test_a_babys_age_is_the_childs_even_where_he_is_beside_a_professional() -> None:
    text = (
        "3.1 Child T was born on 10 May 2015. 3.2 The health visitor completed the new birth visit when he "
        "was eleven days old. She recorded that the flat was cold."
    )
    chronology = read(text)
    visit = named(chronology, "The health visitor completed the new birth visit")
    assert str(chronology.bounds(visit)) == "21 May 2015"
    assert visit.agency == "health visiting"


def test_an_age_dates_the_clause_it_introduces() -> None:
    text = (
        "Child S was born on 1 December 2010. This case was about the sudden death of Child S, who was aged "
        "two years and ten months when he received a catastrophic head injury that ended his life."
    )
    chronology = read(text)
    injury = named(chronology, "He received a catastrophic head injury")
    assert injury.kind == "injury"
    assert str(chronology.bounds(injury)) == "Oct 2013"


def test_events_told_as_past_are_on_or_before_the_documents_own_date() -> None:
    text = (
        "Date of publication: 12 March 2015\n\nChild K was born in 2012. In the winter of 2015 the family "
        "moved to a flat. The panel will meet again in the summer of 2015."
    )
    chronology = read(text)
    move = named(chronology, "The family moved to a flat")
    assert str(chronology.bounds(move)) == "Dec 2014 – Feb 2015"  # not the winter that begins in December 2015
    plan = named(chronology, "The panel will meet again")
    assert str(chronology.bounds(plan)) == "Jun 2015 – Aug 2015"  # a plan may lie after it


def test_an_event_keeps_the_words_that_first_placed_it() -> None:
    chronology = read("Male B was released in April 2013. Two weeks later he moved in with Mother S.")
    released = named(chronology, "Male B was released")
    assert released.words is not None and released.words.text == "in April 2013"
    assert (released.words.start, released.words.end) == (20, 33)
    saved = Chronology.from_json(chronology.to_json())
    assert [e.words for e in saved.events] == [e.words for e in chronology.events]


def test_a_sections_heading_names_the_agency_of_its_events() -> None:
    text = (
        "3.2 Contact with Children's Social Care\n\nIn March 2012 a social worker visited. "
        "In April 2012 Mother S was seen at home."
    )
    chronology = read(text)
    assert named(chronology, "Mother S was seen at home").agency == "children's social care"


def test_the_child_s_review_reads_as_a_reviewer_expects(child_s: Chronology) -> None:
    subject = child_s.subject
    assert subject is not None and subject.name == "Child S"
    born = child_s.bounds(subject.birth)
    assert str(born) == "Dec 2010"
    for event in child_s.events:
        bounds = child_s.bounds(event)
        # nothing placed after the latest past date the review gives (July 2015); plans may be open
        assert bounds.earliest is None or bounds.earliest <= date(2015, 7, 31), event
        # no event of the child's life before his birth, but for what the pregnancy brought
        if subject in event.people and event.kind != "birth" and bounds.latest is not None:
            antenatal = re.search(r"pregnan", event.source.text if event.source else "", re.I)
            assert antenatal or bounds.latest >= born.earliest, event  # type: ignore[operator]
        # a short factual line: no paragraph number, no bare fragment
        assert not re.match(r"\d+(?:\.\d+)+\b", event.description), event.description
        assert len(event.description) <= 91
    mother = next(p for p in child_s.people if p.name == "Mother S")
    assert child_s.bounds(mother.birth).latest is not None
    assert child_s.bounds(mother.birth).latest <= date(1990, 12, 31)  # type: ignore[operator]
    with_agency = [e for e in child_s.events if e.agency is not None and e.kind != "birth"]
    assert len(with_agency) >= 0.5 * len([e for e in child_s.events if e.kind != "birth"])


def test_attending_a_hospital_is_not_education() -> None:
    chronology = read("Child M was born in May 2016. In March 2017 he attended the emergency department with a scald.")
    assert named(chronology, "He attended the emergency department").kind == "injury"


def test_her_move_is_the_leaving_not_the_referral_a_gap_ends_with() -> None:
    text = (
        "Child S was born on 1 December 2010. Mother S and her son were asked to leave the refuge on "
        "10 January 2011. When staff asked Mother S to leave the refuge there was a four day gap before a "
        "referral was made to Social Care. They considered calling Mother S the day after her move."
    )
    chronology = read(text)
    assert str(chronology.bounds(named(chronology, "They considered calling Mother S"))) == "11 Jan 2011"


def test_words_naming_an_event_set_the_time_though_lower_case_words_follow() -> None:
    text = (
        "Mother S made a homelessness application on 3 March 2011.\n\n3.3 Housing\n\nMother S was provided "
        "(same day) with a room following her homelessness application under section 188 of the Act."
    )
    chronology = read(text)
    assert str(chronology.bounds(named(chronology, "Mother S was provided"))) == "3 Mar 2011"


def test_an_age_that_introduces_someone_is_not_the_subjects() -> None:
    text = (
        "Child A was born on 1 May 2019. In June 2021 a 14 year old was arrested nearby. Child A died on 3 July 2021."
    )
    chronology = read(text)
    assert chronology.conflicts == ()
    child = chronology.subject
    assert child is not None and str(chronology.bounds(child.birth)) == "1 May 2019"


def test_a_phrase_the_clause_is_about_stays_in_its_description() -> None:
    text = (
        "Child S was born in December 2010. The first months of Child S's life were spent in a refuge. "
        "3.5 This section deals with the circumstances surrounding the final days of Child S's life."
    )
    chronology = read(text)
    assert named(chronology, "The first months of Child S's life were spent in a refuge")
    assert named(chronology, "This section deals with the circumstances surrounding the final days")


def test_words_that_set_the_time_find_the_event_they_name_not_one_of_its_kind() -> None:
    text = (
        "3.1 Birth\n\nChild S was born on 1 December 2010 and left hospital on 2 December 2010.\n\n"
        "3.2 The refuge\n\nMother S and her son were asked to leave the refuge on 20 January 2011.\n\n"
        "3.3 Housing\n\nOn leaving the refuge Mother S stayed with a friend and applied for housing the "
        "following day."
    )
    chronology = read(text)
    assert str(chronology.bounds(named(chronology, "Leaving the refuge Mother S stayed"))) == "21 Jan 2011"


def test_the_evening_of_an_event_is_that_events_day_not_the_narratives() -> None:
    text = (
        "Child M was born on 1 January 2017. Child M died in May 2019.\n\n3.10 Around six weeks before his "
        "death Child M was seen by the GP. 3.11 On the evening of his admission Child M was taken to hospital "
        "by ambulance."
    )
    chronology = read(text)
    evening = next(m for m in chronology.mentions if m.text.startswith("On the evening"))
    assert evening.text == "On the evening of his admission" and evening.when is None and evening.reason
    admitted = named(chronology, "Child M was taken to hospital")
    assert chronology.bounds(admitted) != chronology.bounds(named(chronology, "Child M was seen by the GP"))
