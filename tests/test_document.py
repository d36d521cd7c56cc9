"""chronology.reading.document: the date a review gives itself, or an honest lower bound.

Synthetic title pages and closing paragraphs in the style of reviews; the shared
Child S review is read from ``../shared/seeds/``.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seeds import CHILD_S, seed_text

from chronology import Interval
from chronology.reading.document import document_date
from chronology.reading.text import clean


@pytest.mark.parametrize(
    ("text", "interval", "words", "basis"),
    [
        (
            "Serious Case Review – Child T\n\nDate of publication: 12 March 2015\n\n1 Introduction\n\nIn 2016 ...",
            Interval.day(2015, 3, 12),
            "12 March 2015",
            "publication",
        ),
        (
            "Approved for publication in June 2014\n\nSummary\n\nMr B was seen by his GP in May 2013.",
            Interval.month(2014, 6),
            "June 2014",
            "publication",
        ),
        (
            "Overview Report\n\nAuthor: A. Reviewer\n\nDate: July 2013\n\nContents\n\n1 Introduction\t3\n",
            Interval.month(2013, 7),
            "July 2013",
            "title page",
        ),
        (
            "Child Safeguarding Practice Review\n\nChild W\n\nFinal Report – November 2020\n\n1 Introduction\n\nText.",
            Interval.month(2020, 11),
            "November 2020",
            "publication",
        ),
        (
            "1 Introduction\n\nThis report was published on 3rd May 2019 by the partnership.",
            Interval.day(2019, 5, 3),
            "3rd May 2019",
            "publication",
        ),
    ],
    ids=["date-of-publication", "approved", "title-date", "final-report", "this-report"],
)
def test_the_date_the_document_gives(text: str, interval: Interval, words: str, basis: str) -> None:
    found = document_date(text)
    assert found is not None
    assert (found.interval, found.excerpt.text, found.basis) == (interval, words, basis)
    assert text[found.excerpt.start : found.excerpt.end] == words


def test_another_documents_publication_is_not_this_ones() -> None:
    text = (
        "1 Introduction\n\nThe author read the national panel's report that was published in July 2014. "
        "The panel last met in March 2015."
    )
    found = document_date(text)
    assert found is not None and found.basis == "latest date"
    assert found.interval == Interval(date(2015, 3, 1), None)


def test_else_the_latest_past_date_as_an_open_lower_bound() -> None:
    text = (
        "1 Introduction\n\nChild K was born in spring 2012 and died in October 2013. The review panel met six "
        "times between January and 14 November 2014, under Working Together 2015. The new service will open in 2016."
    )
    found = document_date(text)
    assert found is not None
    assert found.interval == Interval(date(2014, 11, 14), None)
    assert found.excerpt.text == "14 November 2014"
    assert found.basis == "latest date"


def test_a_two_digit_year_does_not_date_the_document() -> None:
    # "16/07/96" is 1996 or 2096 by the document's date: it cannot be what dates the document
    # (read as 2096, it put a 1990s agency table's review in the future).
    text = "1 Introduction\n\nChild K was born in March 2011.\n\n16/07/96 Police attended the address."
    found = document_date(text)
    assert found is not None and found.excerpt.text == "March 2011"
    assert document_date("16/07/96 Police attended. 02.03.97 GP saw mother.") is None


def test_the_contents_and_citations_do_not_date_the_document() -> None:
    text = (
        "Contents\n\n3.5 Autumn 2019\t25\n\n1 Introduction\n\nUnder the Children Act 2004 the child was seen in 2011."
    )
    found = document_date(text)
    assert found is not None and found.excerpt.text == "2011"


def test_a_text_without_dates() -> None:
    assert document_date("") is None
    assert document_date("The child was seen by the health visitor.") is None


def test_offsets_survive_pdf_noise() -> None:
    text = "Review of Child Q\n\nDate of publica-\ntion: 1 June\n2016\n\n1 Introduction\n"
    page = clean(text)
    found = document_date(page)
    assert found is not None and found.interval == Interval.day(2016, 6, 1)
    assert text[found.excerpt.start : found.excerpt.end] == "1 June\n2016"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    found = document_date(text)
    if found is not None:
        assert text[found.excerpt.start : found.excerpt.end] == found.excerpt.text


def test_child_s() -> None:
    text = seed_text(CHILD_S)
    found = document_date(clean(text))
    assert found is not None and found.basis == "latest date"
    assert found.interval.earliest == date(2015, 7, 1) and found.interval.latest is None
    assert text[found.excerpt.start : found.excerpt.end] == found.excerpt.text


def test_bad_arguments_raise_chronology_errors() -> None:
    from chronology import ChronologyError

    for bad in (None, 3, b"Date of publication: May 2015"):
        with pytest.raises(ChronologyError):
            document_date(bad)  # type: ignore[arg-type]
