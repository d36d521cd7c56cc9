"""The spaCy component: nlp.add_pipe("chronology"), on blank pipelines (nothing downloaded)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from chronology import Chronology, read

TEXT = (
    "3.1 Child S was born in the early winter of 2010. He was discharged the following day.\n\n"
    "3.2 In early summer 2011 the Housing Department moved Mother S and Child S to a house."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("chronology", config={"source": "review.txt"})
    return pipeline


def test_the_component_reads_each_doc(nlp: Language) -> None:
    doc = nlp(TEXT)
    chronology = doc._.chronology
    assert isinstance(chronology, Chronology)
    assert chronology.source == "review.txt"
    assert chronology.subject is not None and chronology.subject.name == "Child S"
    spans = doc.spans["chronology"]
    assert [(s.text, s.label_) for s in spans] == [
        ("in the early winter of 2010", "season"),
        ("the following day", "narrative"),
        ("In early summer 2011", "season"),
    ]
    for span, mention in zip(spans, chronology.mentions, strict=True):
        assert (span.start_char, span.end_char) == (mention.start, mention.end)


def test_the_component_gives_what_read_gives(nlp: Language) -> None:
    doc = nlp(TEXT)
    direct = read(TEXT, source="review.txt")
    assert [m.text for m in doc._.chronology.mentions] == [m.text for m in direct.mentions]
    assert [str(doc._.chronology.bounds(e)) for e in doc._.chronology.events] == [
        str(direct.bounds(e)) for e in direct.events
    ]


def test_a_pipeline_that_sets_sentences_is_used_as_it_is() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("chronology")
    doc = pipeline(TEXT)
    assert len(doc._.chronology.mentions) == 3
    # and read(..., nlp=) takes the same pipeline, leaving its chronology component out
    chronology = read(TEXT, nlp=pipeline)
    assert [m.text for m in chronology.mentions] == [m.text for m in doc._.chronology.mentions]


def test_the_component_on_a_doc_without_dates() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("chronology")
    doc = pipeline("Nothing here places anything in time.")
    assert doc._.chronology.mentions == ()
    assert list(doc.spans["chronology"]) == []


def test_each_event_has_its_mentions(nlp: Language) -> None:
    chronology = nlp(TEXT)._.chronology
    for mention in chronology.mentions:
        if mention.event is not None:
            assert mention in chronology.mentions_of(mention.event)
