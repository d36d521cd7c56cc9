"""The spaCy component: ``nlp.add_pipe("chronology")``.

Adding the component to a pipeline reads every document it processes:
``doc._.chronology`` is the :class:`~chronology.Chronology` that
:func:`chronology.read` gives for the document's text, and
``doc.spans["chronology"]`` holds its mentions as spans labelled with their
kind.  The sentences the pipeline has already set (a trained parser's, a
``senter``'s or a ``sentencizer``'s) are the ones read; a pipeline that sets
none gets the blank sentencizer's.

The factory is registered under the name ``"chronology"`` by the package's
``spacy_factories`` entry point, so ``spacy`` finds it without an import; it is
also registered when this module is imported.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("chronology")
>>> doc = nlp("Child S was born in the early winter of 2010. He was seen the following day.")
>>> [(span.text, span.label_) for span in doc.spans["chronology"]]
[('in the early winter of 2010', 'season'), ('the following day', 'narrative')]
>>> doc._.chronology.subject.name
'Child S'
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronology.case import Chronology
from chronology.errors import InvalidValue
from chronology.settings import DEFAULT, Settings

__all__ = ["ChronologyComponent", "make_chronology"]

if not Doc.has_extension("chronology"):
    Doc.set_extension("chronology", default=None)

SPANS_KEY = "chronology"


class ChronologyComponent:
    """Reads each doc into a chronology (a plain class; :func:`make_chronology` is its factory)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "chronology",
        *,
        source: str | None = None,
        document_date: str | None = None,
        settings: Settings | None = None,
    ) -> None:
        if settings is not None and not isinstance(settings, Settings):
            raise InvalidValue(f"settings must be a chronology.Settings, not {settings!r}")
        self.name = name
        self.source = source
        self.document_date = document_date
        self.settings = settings if settings is not None else DEFAULT

    def __call__(self, doc: Doc) -> Doc:
        from chronology.reading import _read, _segments_of_doc

        chronology: Chronology = _read(
            doc.text,
            self.source,
            self.document_date,
            self.settings,
            lambda page: _segments_of_doc(page, doc),
        )
        doc._.chronology = chronology
        spans = []
        for mention in chronology.mentions:
            span = doc.char_span(mention.start, mention.end, label=mention.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc


@Language.factory(
    "chronology",
    default_config={"source": None, "document_date": None},
    assigns=["doc._.chronology"],
)
def make_chronology(
    nlp: Language, name: str, source: str | None = None, document_date: str | None = None
) -> ChronologyComponent:
    """The factory spaCy calls for ``nlp.add_pipe("chronology", config={...})``.

    ``source`` names the documents; ``document_date`` (an ISO date or a phrase) is
    their own date where the text does not give it.
    """
    return ChronologyComponent(nlp, name, source=source, document_date=document_date)
