"""chronology.read: the public API, offsets into the text given, bad input.

The shared Child S review is read from ``../shared/seeds/`` (or ``$CHRONOLOGY_SHARED``)
and the tests that need it skip where it is absent; nothing of it is copied here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

import chronology
import chronology.reading as reading
from chronology import ChronologyError, InvalidValue, Mention, UnreadableText, read, read_file

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    if os.environ.get("CHRONOLOGY_SHARED"):
        return Path(os.environ["CHRONOLOGY_SHARED"])
    for candidate in (ROOT / ".." / "shared", ROOT / ".." / ".." / "shared"):
        if candidate.exists():
            return candidate
    return ROOT / ".." / "shared"


CHILD_S = shared_dir() / "seeds" / "coventry-child-s-review.txt"


@pytest.fixture(scope="module")
def child_s() -> tuple[str, chronology.Chronology]:
    if not CHILD_S.exists():
        pytest.skip(f"the shared Child S review is not at {CHILD_S}")
    text = CHILD_S.read_text("utf-8")
    return text, read(text, source=CHILD_S.name)


def assert_offsets(text: str, mentions: tuple[Mention, ...]) -> None:
    for m in mentions:
        assert text[m.start : m.end] == m.text, m
        assert m.excerpt.text == m.text


def test_every_mention_of_the_shared_review_is_its_words(child_s: tuple[str, chronology.Chronology]) -> None:
    text, read_ = child_s
    assert len(read_.mentions) > 100
    assert_offsets(text, read_.mentions)
    assert read_.text is text
    assert read_.source == CHILD_S.name


def test_every_event_source_of_the_shared_review_points_into_it(child_s: tuple[str, chronology.Chronology]) -> None:
    text, read_ = child_s
    for event in read_.events:
        source = event.source
        if isinstance(source, chronology.Excerpt):
            assert source.end is not None
            assert 0 <= source.start < source.end <= len(text)


@pytest.mark.parametrize("text", ["", "   \n\n ", "No dates are given here at all.", "\x00\x01\x02 binary \xff junk"])
def test_a_text_without_dates_reads_to_an_empty_chronology(text: str) -> None:
    read_ = read(text)
    assert [m for m in read_.mentions if m.on_timeline] == []
    assert [e for e in read_.events if e.kind != "birth"] == []
    assert read_.conflicts == ()


@pytest.mark.parametrize("bad", [None, 42, b"In 2011", ["In 2011"]])
def test_read_wants_a_string(bad: object) -> None:
    with pytest.raises(InvalidValue, match="read needs the text as a str"):
        read(bad)  # type: ignore[arg-type]


def test_read_checks_its_options() -> None:
    with pytest.raises(InvalidValue, match="settings"):
        read("In 2011.", settings="meteorological")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="source"):
        read("In 2011.", source=3)  # type: ignore[arg-type]


def test_read_file_names_the_file_and_the_byte_it_cannot_decode(tmp_path: Path) -> None:
    path = tmp_path / "review.txt"
    path.write_bytes(b"Child S was born in the winter of 2010.\n" + b"\x81\x82 more")
    with pytest.raises(UnreadableText) as caught:
        read_file(path)
    assert caught.value.path == str(path)
    assert caught.value.offset == 40
    assert "review.txt" in str(caught.value) and "byte 40" in str(caught.value)
    read_ = read_file(path, encoding="latin-1")
    assert read_.source == "review.txt"
    assert read_.mentions[0].text == "in the winter of 2010"


def test_read_file_that_is_missing_or_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    from chronology import FileError

    with pytest.raises(FileError, match="absent.txt: no such file"):
        read_file(tmp_path / "absent.txt")
    with pytest.raises(FileError, match="is a directory"):
        read_file(tmp_path)
    (tmp_path / "ok.txt").write_text("In 2011.")
    with pytest.raises(UnreadableText, match="not a text encoding"):
        read_file(tmp_path / "ok.txt", encoding="no-such-codec")


def test_errors_are_the_librarys() -> None:
    for error in (UnreadableText("x", "y"),):
        assert isinstance(error, ChronologyError)


def test_importing_chronology_does_not_import_spacy() -> None:
    code = "import sys, chronology; print('spacy' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_binary_junk_and_one_enormous_line_read_without_error(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(200_000))
    path = tmp_path / "junk.bin"
    path.write_bytes(junk)
    read_ = read_file(path, encoding="latin-1")
    assert read_.conflicts == () or all(isinstance(c, tuple) for c in read_.conflicts)
    assert_offsets(junk.decode("latin-1"), read_.mentions)
    # a text with no line breaks at all, longer than one of spaCy's pieces
    line = "In 2011 the family moved and a visit followed. " * 2_500
    long = read(line)
    assert len(long.mentions) == 2_500
    assert_offsets(line, long.mentions)


def test_a_text_of_only_dates_and_numbers_reads() -> None:
    text = "2011 2012 2013. 12/05/2011. 4.11 3.2.10 Section 3.2.10 page 14 of 90. 1999-2001"
    read_ = read(text)
    assert_offsets(text, read_.mentions)
    assert "4.11" not in [m.text for m in read_.mentions]


def test_read_never_raises_on_conflicting_statements() -> None:
    text = "Child S was born in May 2012. Child S was born in June 2013. He was seen the following day."
    read_ = read(text)
    assert read_.conflicts
    assert read_.set_aside
    assert read_.consistent


def test_order_words_between_clauses_become_statements() -> None:
    text = (
        "In 2012 the GP saw Child K, and then in 2012 the nursery reported a bruise. "
        "Subsequently, in 2012 police attended. In 2012 the school called, after a letter was sent in May 2012."
    )
    read_ = read(text)
    from chronology.case import Order

    by = {e.description: e for e in read_.events}
    gp, nursery, police = by["The GP saw Child K"], by["The nursery reported a bruise"], by["Police attended"]
    school, letter = by["The school called"], by["A letter was sent"]
    assert read_.order(gp, nursery) == Order.BEFORE
    assert read_.order(nursery, police) == Order.BEFORE
    assert read_.order(letter, school) == Order.BEFORE
    words = {s.origin for s in read_.case.statements if s.kind == "order"}
    assert {"then", "Subsequently", "after"} <= words
    assert police.description == "Police attended"


def test_a_fault_inside_the_reader_is_a_chronology_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from chronology import ReadingFailed
    from chronology.reading import events

    def broken(*args: object, **kwargs: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(events._Reader, "place_all", broken)
    with pytest.raises(ReadingFailed) as caught:
        read("In 2011 the family moved.", source="r.txt")
    assert caught.value.stage == "events" and "IndexError" in str(caught.value)
    assert isinstance(caught.value.__cause__, IndexError)


def test_later_in_a_year_stays_in_that_year_after_the_reference() -> None:
    text = "In the summer of 2012 Male B was convicted. He breached the order later in 2012 by a further assault."
    read_ = read(text)
    breach = next(e for e in read_.events if e.description.startswith("He breached"))
    assert str(read_.bounds(breach)) == "2 Jun 2012 – 31 Dec 2012"
    (mention,) = read_.mentions_of(breach)
    assert mention.when is not None and str(mention.when.envelope) == "2 Jun 2012 – 31 Dec 2012"


def test_an_adults_age_counts_from_the_adult_the_clause_names() -> None:
    text = (
        "Mother S was born at the end of 1989. Child S was born in May 2012. "
        "In these early years of adulthood Mother S lived alone."
    )
    read_ = read(text)
    (mention,) = [m for m in read_.mentions if m.kind == "age"]
    assert mention.when is not None and mention.when.envelope.earliest.year == 2007  # type: ignore[union-attr]


def test_weeks_in_a_clause_about_a_pregnancy_are_weeks_of_pregnancy() -> None:
    text = "Ms K booked with the midwife at 14 weeks, in mid-January 2019. Child O was born on 16 July 2019."
    read_ = read(text)
    booking = next(e for e in read_.events if e.description.startswith("Ms K booked"))
    (age,) = [m for m in read_.mentions_of(booking) if m.kind == "age"]
    # 14 weeks pregnant: 26 weeks (+/- 2) before the birth, not 14 weeks after it
    assert age.when is not None and age.when.envelope.latest is not None
    assert age.when.envelope.latest < read_.bounds(read_.subject.birth).earliest  # type: ignore[union-attr,operator]
    assert read_.conflicts == ()


def test_in_the_weeks_after_a_birth_is_one_to_eight_weeks_after_it() -> None:
    # the conventions: "in the following weeks" = reference + 1 .. 8 weeks, a period's own bounds
    # (no count's tolerance of three days either side)
    text = "Child R was born on 10 March 2015. In checks in the weeks after his birth the midwife saw no concerns."
    read_ = read(text)
    checks = next(e for e in read_.events if "midwife" in e.description)
    assert str(read_.bounds(checks)) == "17 Mar 2015 – 5 May 2015"


def test_an_event_its_own_phrase_cannot_date_is_placed_by_what_counts_from_it() -> None:
    # "who died in ..." is the death itself; "On the evening of his admission" names the admission it
    # belongs to (no date of its own), yet the admission is the narrative's present: "two days later"
    # counts from it, so the admission is the death's day less two, a relation and not a circle.
    text = (
        "This review concerns Child P, who died in the late spring of 2019.\n\n"
        "In early 2019 the nursery reported a bruise. "
        "On the evening of his admission Child P was taken to hospital by ambulance. He died two days later."
    )
    read_ = read(text)
    death = next(e for e in read_.events if e.kind == "death")
    assert str(read_.bounds(death)) == "May 2019"
    admission = next(e for e in read_.events if e.description.startswith("Child P was taken"))
    assert str(read_.bounds(admission)) == "29 Apr 2019 – 29 May 2019"
    assert read_.conflicts == ()


def test_a_life_ends_at_the_death_and_the_day_before_it_may_fall_before_the_lifes_last_part() -> None:
    # "his life ... a period ... to the late autumn of 2013" puts the death in November; the call the day
    # before it may be 31 October: the period ends at the death, not at the event before it
    text = (
        "Child Q was born in December 2010. These events break down Child Q's life into three sections. "
        "That is a period of nearly three years from the end of 2010 to the late autumn of 2013.\n\n"
        "In the autumn of 2013 Mother Q called an ambulance to her home. Child Q died the following day."
    )
    read_ = read(text)
    death = next(e for e in read_.events if e.kind == "death")
    call = next(e for e in read_.events if e.kind == "call")
    assert str(read_.bounds(death)) == "Nov 2013"
    assert str(read_.bounds(call)) == "31 Oct 2013 – 29 Nov 2013"


def test_a_two_digit_year_is_the_one_nearest_the_documents_known_date() -> None:
    # "Sep-19" is the September of 2019 or 1919, whichever is nearer the document's date: a rule of the
    # absolute year that no span of days from the document's event can say (it read as 2036-2044)
    text = "Date of publication: 18 March 2021\n\nIn Sep-19 the GP saw Child Z.\n\nChild Z was born on 1 May 2019."
    read_ = read(text)
    visit = next(e for e in read_.events if e.description.startswith("The GP saw"))
    assert str(read_.bounds(visit)) == "Sep 2019"
    assert read_.conflicts == ()


def test_reading_pauses_the_collector_and_leaves_it_as_it_found_it() -> None:
    import gc

    seen: list[bool] = []
    text = "Mother K moved in May 2013. Two weeks later she left."
    original = reading._read_stages

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    with mock.patch.object(reading, "_read_stages", spy):
        assert gc.isenabled()
        read(text)
        assert gc.isenabled() and seen == [False]  # paused while reading, on again after
        gc.disable()
        try:
            read(text)
            assert not gc.isenabled()  # a user who switched it off keeps it off
        finally:
            gc.enable()
        with pytest.raises(ChronologyError):
            read(12)  # type: ignore[arg-type]
        assert gc.isenabled()
