"""Reading a review: text -> mentions, people, agencies, events -> a solved chronology.

:func:`read` is the library's main job.  It takes the text of a review as it
reaches a user (often pulled from a PDF) and returns the
:class:`~chronology.Chronology` of everything it tells, each event with the
tightest bounds the whole text allows and the words that gave them:

1. the text is cleaned for reading, every offset kept into the original
   (:mod:`chronology.reading.text`), and cut into its blocks;
2. spaCy cuts it into sentences (a blank English pipeline with a
   sentencizer, built once per process; or the pipeline the caller gives);
3. the finder lists every phrase of time (:mod:`chronology.reading.mentions`);
4. people are found and pronouns resolved (:mod:`chronology.reading.people`),
   agencies found from the gazetteer and the document's own lists
   (:mod:`chronology.reading.agencies`), and the document's own date where the
   caller gives none (:mod:`chronology.reading.document`);
5. each phrase dates an event, and becomes statements between the event and
   what it counts from (:mod:`chronology.reading.events`);
6. the case is solved, conflicts set aside and reported, never raised.

>>> chronology = read(
...     "Child S was born in the early winter of 2010. He was discharged the following day. "
...     "In early summer 2010 Mother S had told the midwife that she was pregnant."
... )
>>> for event in chronology.events:
...     if chronology.bounds(event).is_bounded:
...         print(chronology.when(event), "|", event.description, "|", event.agency)
Jun 2010 (In early summer 2010) | Mother S had told the midwife that she was pregnant | midwifery
Dec 2010 (in the early winter of 2010) | birth of Child S | None
2 Dec 2010 – 1 Jan 2011 (the following day) | He was discharged | None
>>> [m.text for m in chronology.mentions]
['in the early winter of 2010', 'the following day', 'In early summer 2010']

"Winter 2010" could be the winter that began in December 2009; a woman pregnant in
June 2010 gives birth within a term, so only December 2010 is left.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronology.case import Case, Chronology, Event
from chronology.engine import collector_paused
from chronology.errors import ChronologyError, FileError, InvalidValue, ReadingFailed, UnreadableText
from chronology.model import Excerpt, Interval, When
from chronology.phrases import parse_when
from chronology.phrases.syntax import Birth, Bound, DocumentDate, Named, Reference, Shift, anchors_of
from chronology.reading.agencies import find_agencies, listed_agencies
from chronology.reading.document import document_date as find_document_date
from chronology.reading.events import Placed, Segment, build
from chronology.reading.mentions import OFF_TIMELINE, Found, Mention, find
from chronology.reading.people import find_people
from chronology.reading.text import Cleaned, clean
from chronology.settings import DEFAULT, Settings

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["read", "read_file", "Mention"]

# Texts are read in pieces of at most this many characters (spaCy's own limit is a million):
# memory stays bounded whatever the length of the text.
_PIECE = 100_000
# spaCy keeps a batch's docs alive together: a few pieces at a time keeps memory bounded.
_BATCH = 4
DocumentDateLike = date | Interval | When | str | None


_BLANK: list[Language] = []  # the process's blank pipeline, once built
# spaCy's vocabulary keeps every new string it meets (random bytes bring millions): past this many,
# the blank pipeline is built afresh, so that memory stays bounded over any number of texts.
_VOCAB_LIMIT = 300_000


def _blank() -> Language:
    """``spacy.blank("en")`` with a sentencizer: built once per process (again only where its
    vocabulary has grown past a bound), downloads nothing."""
    if _BLANK and len(_BLANK[0].vocab.strings) <= _VOCAB_LIMIT:
        return _BLANK[0]
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    _BLANK[:] = [nlp]
    return nlp


def read(
    text: str,
    *,
    source: str | None = None,
    document_date: DocumentDateLike = None,
    nlp: Language | None = None,
    settings: Settings | None = None,
) -> Chronology:
    """The chronology a review's ``text`` tells.

    ``source`` names the text (kept in every excerpt); ``document_date`` is the
    date it was written (found in the text where it says, else the latest date
    it gives bounds it below); ``nlp`` a spaCy pipeline to use for sentences
    (and, where trained, its parse) instead of the blank one; ``settings`` the
    reading conventions.  Conflicts between statements are findings in
    ``.conflicts`` and ``.set_aside``, never errors.

    >>> chronology = read("Male B was released in April 2013. Two weeks later he moved in.")
    >>> [(str(chronology.bounds(e)), e.description) for e in chronology.events if e.kind != "birth"]
    [('Apr 2013', 'Male B was released'), ('12 Apr 2013 – 17 May 2013', 'He moved in')]
    >>> [e.words.text for e in chronology.events if e.kind != "birth"]  # the phrase that first placed each
    ['in April 2013', 'Two weeks later']
    >>> read("").events, read("No dates here.").mentions
    ((), ())
    """
    _check(text, source, settings)
    conf = settings if settings is not None else DEFAULT
    return _read(text, source, document_date, conf, lambda page: _segments(page, nlp))


def read_file(
    path: str | PathLike[str],
    *,
    encoding: str = "utf-8",
    source: str | None = None,
    document_date: DocumentDateLike = None,
    nlp: Language | None = None,
    settings: Settings | None = None,
) -> Chronology:
    """:func:`read` the text of the file at ``path`` (``source`` defaults to its name).

    Bytes the ``encoding`` cannot decode raise :class:`~chronology.UnreadableText`
    naming the file and the byte offset; a file that cannot be opened raises
    :class:`~chronology.FileError`.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as f:
    ...     _ = f.write(b"In 2011 the family moved. \\xff")
    >>> read_file(f.name)
    Traceback (most recent call last):
    ...
    chronology.errors.UnreadableText: cannot read '...': bytes that are not utf-8 text at byte 26 (utf-8; ...)
    >>> print(read_file(f.name, encoding="latin-1").mentions[0])
    'In 2011' (year, 0-7): 2011
    >>> os.remove(f.name)
    """
    if not isinstance(path, (str, PathLike)):
        raise InvalidValue(f"read_file needs a path, not {path!r}")
    if not isinstance(encoding, str):
        raise InvalidValue(f"encoding must be the name of a text encoding, not {encoding!r}")
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise FileError(name, (error.strerror or str(error)).lower()) from None
    try:
        text = data.decode(encoding)
    except LookupError:
        raise UnreadableText(name, f"{encoding!r} is not a text encoding Python knows") from None
    except UnicodeDecodeError as error:
        raise UnreadableText(name, f"bytes that are not {encoding} text", error.start, encoding) from None
    return read(
        text,
        source=source if source is not None else Path(path).name,
        document_date=document_date,
        nlp=nlp,
        settings=settings,
    )


def _check(text: object, source: object, settings: object) -> None:
    if not isinstance(text, str):
        raise InvalidValue(f"read needs the text as a str, not {type(text).__name__}")
    if source is not None and not isinstance(source, str):
        raise InvalidValue(f"source must be a str naming the text, not {source!r}")
    if settings is not None and not isinstance(settings, Settings):
        raise InvalidValue(f"settings must be a chronology.Settings, not {settings!r}")


def _read(
    text: str,
    source: str | None,
    document_date: DocumentDateLike,
    settings: Settings,
    segmenter: Callable[[Cleaned], list[Segment]],
    stages: dict[str, float] | None = None,
) -> Chronology:
    """The reading itself, given how to cut the clean text into sentences.  ``stages``, where given,
    receives the seconds each stage took (for ``benchmarks/bench_reading.py``).  Only a
    :class:`~chronology.ChronologyError` leaves it: anything else is a fault of the reader,
    reported as :class:`~chronology.ReadingFailed` naming the stage it happened in."""
    clock = _Clock(stages)
    try:
        with collector_paused():  # what it makes, it keeps: a full collection would only walk it
            return _read_stages(text, source, document_date, settings, segmenter, clock)
    except ChronologyError:
        raise
    except (RecursionError, MemoryError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError) as error:
        raise ReadingFailed(source, clock.stage, f"{type(error).__name__}: {error}") from error


def _read_stages(
    text: str,
    source: str | None,
    document_date: DocumentDateLike,
    settings: Settings,
    segmenter: Callable[[Cleaned], list[Segment]],
    clock: _Clock,
) -> Chronology:
    page = clean(text)
    clock("clean")
    segments = segmenter(page)
    clock("sentences")
    spans = [(s.start, s.end) for s in segments if s.kind not in _UNREAD]
    # a section or paragraph number is never a date ("3.2 At six", "4.11"); a citation may hold one
    founds = [
        f for f in find(page.text, spans, settings) if f.kind in OFF_TIMELINE or not page.is_numbering(f.start, f.end)
    ]
    clock("mentions")
    people = find_people(page)
    agencies = find_agencies(page)
    told = find_document_date(page)
    own = _own_date(page, founds, told)
    dated: DocumentDateLike = document_date
    if dated is None and told is not None:
        dated = told.interval
    try:
        case = Case(document_date=dated, settings=settings)
    except ChronologyError as error:
        raise InvalidValue(f"document_date: {error}") from None
    clock("people")
    _drafts, records = build(
        page.text,
        segments,
        founds,
        people,
        case,
        agencies=agencies,
        source=source,
        to_original=page.original_span,
        own_date=own,
        document_bounded=document_date is not None or (told is not None and told.basis != "latest date"),
        document_day=_one_day(dated),
    )
    clock("events")
    chronology = case.solve(strict=False)
    for _ in range(_REFINE_ROUNDS):
        if not _refine_births(records, chronology, case, page, source):
            break
        chronology = case.solve(strict=False)
    clock("solve")
    chronology.text = text
    chronology.source = source
    chronology.mentions = tuple(_mention(record, chronology, case, page, source, settings) for record in records)
    named = [m.agency for m in agencies] + [name for listed in listed_agencies(page) for name in listed.agencies]
    chronology.agencies = tuple(dict.fromkeys(named))
    clock("bounds")
    return chronology


def _own_date(page: Cleaned, founds: list[Found], told: object) -> Found | None:
    """The mention that is the document's own date ("Date of publication: 12 March 2015"): it
    dates the document, not an event of the case."""
    from chronology.reading.document import DocumentDate

    if not isinstance(told, DocumentDate) or told.basis == "latest date":
        return None
    start, end = told.excerpt.start, told.excerpt.end
    if end is None:
        return None
    a, b = page.cleaned_span(start, end)
    return next((f for f in founds if f.start < b and a < f.end), None)


class _Clock:
    """Records the seconds since the last call under each name (nothing where ``stages`` is None),
    and which stage is under way."""

    _NEXT = {
        "": "the text's blocks",
        "clean": "sentences",
        "sentences": "mentions",
        "mentions": "people",
        "people": "events",
        "events": "the solution",
        "solve": "mentions' bounds",
    }

    def __init__(self, stages: dict[str, float] | None) -> None:
        self.stages = stages
        self.last = time.perf_counter() if stages is not None else 0.0
        self.stage = self._NEXT[""]

    def __call__(self, name: str) -> None:
        self.stage = self._NEXT.get(name, name)
        if self.stages is not None:
            now = time.perf_counter()
            self.stages[name] = self.stages.get(name, 0.0) + now - self.last
            self.last = now


# -- ages, exactly ----------------------------------------------------------------------------

_REFINE_ROUNDS = 2


def _refine_births(
    records: list[Placed], chronology: Chronology, case: Case, page: Cleaned, source: str | None
) -> bool:
    """Tighten births from the ages the text gives at dated events, with exact calendar arithmetic.

    The engine holds an age as a range of days ("21 months" is 638 to 641 days, whatever
    the birthday), so a death on 14 February 2017 at "one year and nine months" leaves
    the birth up to 18 May 2015, where the calendar says 14 May.  Each age's shift is
    monotone, so the births it allows are found by bisection on the event's solved
    bounds, and any tighter bound is added to the case as a statement in the age's own
    words.  Returns whether anything was added.
    """
    added = False
    for record in records:
        draft = record.draft
        tree = record.found.tree
        if record.birth is None or draft is None or draft.event is None or record.reason is not None:
            continue
        if not isinstance(tree, Shift) or not isinstance(tree.base, Birth):
            continue
        event = chronology.bounds(draft.event)
        birth = chronology.bounds(record.birth.birth)
        if not event.is_bounded:
            continue
        assert event.earliest is not None and event.latest is not None
        # where nothing bounds the birth yet, search the days the age's day range allows
        fewest, most = tree.day_range()  # bounds on the event's day less the birth's
        if fewest is None or most is None:
            continue
        first = event.earliest.toordinal() - most - 1
        last = event.latest.toordinal() - fewest + 1
        if birth.earliest is not None:
            first = max(first, birth.earliest.toordinal())
        if birth.latest is not None:
            last = min(last, birth.latest.toordinal())
        if first > last or first < 1 or last > date.max.toordinal():
            continue
        try:
            low, high = _births_allowed(tree, event.earliest, event.latest, first, last)
        except (ChronologyError, OverflowError, ValueError):
            continue
        start, end = page.original_span(record.found.start, record.found.end)
        words = Excerpt(record.found.text, start, end, source)
        known = (
            birth.earliest.toordinal() if birth.earliest is not None else None,
            birth.latest.toordinal() if birth.latest is not None else None,
        )
        if low is not None and high is not None and low <= high and (low, high) != known:
            added |= _place(case, record.birth.birth, Interval(date.fromordinal(low), date.fromordinal(high)), words)
            first, last = low, high
        # and the other way: the event lies in the image of the births left
        try:
            image = Interval(
                tree.apply(date.fromordinal(first)).earliest, tree.apply(date.fromordinal(last)).latest
            ).intersect(event)
        except (ChronologyError, OverflowError, ValueError):
            continue
        if image is not None and image != event:
            added |= _place(case, draft.event, image, words)
    return added


def _place(case: Case, event: Event, bound: Interval, words: Excerpt) -> bool:
    try:
        case.place(event, When((bound,), words.text, "age", words), reference=event)
    except ChronologyError:
        return False
    return True


def _births_allowed(tree: Shift, earliest: date, latest: date, first: int, last: int) -> tuple[int | None, int | None]:
    """The first and last births in ``[first, last]`` (ordinals) whose age ``tree`` can fall in
    ``[earliest, latest]``: the image of a later birth is never earlier, so both are bisections."""

    def reaches(ordinal: int) -> bool:
        end = tree.apply(date.fromordinal(ordinal)).latest
        return end is None or end >= earliest

    def precedes(ordinal: int) -> bool:
        start = tree.apply(date.fromordinal(ordinal)).earliest
        return start is None or start <= latest

    return _first_day(first, last, reaches), _last_day(first, last, precedes)


def _first_day(first: int, last: int, holds: Callable[[int], bool]) -> int | None:
    """The first ordinal in ``[first, last]`` where a monotone ``holds`` is true (``None``: nowhere)."""
    if not holds(last):
        return None
    while first < last:
        middle = (first + last) // 2
        if holds(middle):
            last = middle
        else:
            first = middle + 1
    return first


def _last_day(first: int, last: int, holds: Callable[[int], bool]) -> int | None:
    """The last ordinal in ``[first, last]`` where a monotone ``holds`` (true, then false) is true."""
    if not holds(first):
        return None
    while first < last:
        middle = (first + last + 1) // 2
        if holds(middle):
            first = middle
        else:
            last = middle - 1
    return first


# -- sentences -----------------------------------------------------------------------------------

_SENTENCE_BLOCKS = frozenset(("paragraph", "item", "footnote"))
_UNREAD = frozenset(("toc", "furniture", "glossary"))  # blocks whose dates are not the document's to tell


def _segments(page: Cleaned, nlp: Language | None) -> list[Segment]:
    """The sentences of the page's blocks: headings and table rows whole, the rest cut by spaCy."""
    pieces: list[tuple[int, int, int, str]] = []  # (start, end, block, kind) to cut into sentences
    out: list[Segment] = []
    for index, block in enumerate(page.blocks):
        if block.kind == "furniture":
            continue
        if block.kind in _SENTENCE_BLOCKS:
            at = block.clean_start
            while at < block.clean_end:
                end = min(block.clean_end, at + _PIECE)
                if end < block.clean_end:
                    space = page.text.rfind(" ", at + _PIECE // 2, end)
                    end = space + 1 if space > at else end
                pieces.append((at, end, index, block.kind))
                at = end
        else:
            out.append(Segment(block.clean_start, block.clean_end, index, block.kind))
    if pieces:
        texts = (page.text[a:b] for a, b, _, _ in pieces)
        docs = _docs(nlp, texts) if nlp is not None else (_blank()(text) for text in texts)
        for (a, _b, index, kind), doc in zip(pieces, docs, strict=True):
            for start, end in _sentence_spans(doc):
                for s, e in _split_labels(page.text, a + start, a + end):
                    if page.text[s:e].strip():
                        out.append(Segment(s, e, index, kind))
    out.sort(key=lambda s: s.start)
    return out


def _segments_of_doc(page: Cleaned, doc: Any) -> list[Segment]:
    """The page's sentences as a processed doc of its text sets them (the spaCy component's way)."""
    if doc.has_annotation("SENT_START"):
        # the doc's sentences are in the original's offsets: the cleaned text's are wanted
        spans = [page.cleaned_span(s.start_char, s.end_char) for s in doc.sents]
    else:
        fresh = _blank().get_pipe("sentencizer")(_blank().make_doc(page.text))
        spans = [(s.start_char, s.end_char) for s in fresh.sents]
    out: list[Segment] = []
    k = 0
    for index, block in enumerate(page.blocks):
        if block.kind == "furniture":
            continue
        if block.kind not in _SENTENCE_BLOCKS:
            out.append(Segment(block.clean_start, block.clean_end, index, block.kind))
            continue
        while k < len(spans) and spans[k][1] <= block.clean_start:
            k += 1
        j = k
        while j < len(spans) and spans[j][0] < block.clean_end:
            a, b = max(spans[j][0], block.clean_start), min(spans[j][1], block.clean_end)
            for s, e in _split_labels(page.text, a, b):
                if page.text[s:e].strip():
                    out.append(Segment(s, e, index, block.kind))
            j += 1
    out.sort(key=lambda s: s.start)
    return out


def _docs(nlp: Language, texts: Any) -> Any:
    disabled = [name for name in ("chronology",) if name in nlp.pipe_names]
    if disabled:
        with nlp.select_pipes(disable=disabled):
            yield from nlp.pipe(texts, batch_size=_BATCH)
    else:
        yield from nlp.pipe(texts, batch_size=_BATCH)


# A sentence that ends with an anonymised label ("... gave birth to Child S. All of ...") is one
# spaCy's tokenizer keeps whole, taking "S." for an abbreviation.
_LABEL_END = re.compile(r"\b[A-Z][a-z]+ [A-Z]\d?\.(?=\s+[\"“‘(]?[A-Z0-9])")


def _split_labels(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    at = start
    for m in _LABEL_END.finditer(text, start, end):
        out.append((at, m.end()))
        at = m.end()
        while at < end and text[at].isspace():
            at += 1
    out.append((at, end))
    return out


def _sentence_spans(doc: Any) -> list[tuple[int, int]]:
    """Character spans of a doc's sentences (the blank sentencizer's where the pipeline sets none)."""
    if not doc.has_annotation("SENT_START"):
        doc = _blank().get_pipe("sentencizer")(doc)
    spans = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        # a line break inside a sentence the sentencizer missed ("... 2013\n3.2 The first year")
        # is left to the blocks; spaCy's sentences are kept as they are otherwise
        spans.append((start, end))
    return spans


# -- mentions --------------------------------------------------------------------------------------


def _mention(
    record: Placed, chronology: Chronology, case: Case, page: Cleaned, source: str | None, settings: Settings
) -> Mention:
    found = record.found
    start, end = page.original_span(found.start, found.end)
    words = page.original[start:end]
    event = record.draft.event if record.draft is not None else None
    if found.kind in OFF_TIMELINE or found.tree is None:
        return Mention(start, end, words, found.kind, found.tree, None, None, found.reason, source)
    when, reason = _when(record, chronology, case, settings)
    if when is not None:
        when = When(when.readings, words, when.kind, Excerpt(words, start, end, source), when.notes)
    return Mention(start, end, words, found.kind, found.tree, event, when, reason, source)


def _when(record: Placed, chronology: Chronology, case: Case, settings: Settings) -> tuple[When | None, str | None]:
    """The mention's own bounds after solving: its phrase read against the solved anchors, keeping
    the readings its event still allows."""
    found = record.found
    tree = found.tree
    assert tree is not None
    kwargs: dict[str, Any] = {}
    leaves = anchors_of(tree)
    if record.draft is None:
        # a heading's phrase ("3.2 The first year"): only an age can be read, from the subject's birth
        if any(isinstance(leaf, (Named, Reference)) for leaf in leaves):
            return None, "a heading's phrase counting from an event: it dates no event of its own"
        if any(isinstance(leaf, Birth) for leaf in leaves):
            if case.subject is None:
                return None, "an age, but the text names no one"
            kwargs["birth"] = chronology.when(case.subject.birth)
    else:
        if record.reason is not None:
            return None, record.reason
        if record.gap and record.anchor is not None:
            # "a four day gap before the referral": the gap ends on the referral's day
            return chronology.when(record.anchor), None
        if record.birth is not None:
            kwargs["birth"] = chronology.when(record.birth.birth)
        if record.anchor is not None:
            if record.anchor_point == "start":
                kwargs["anchor"] = chronology.start(record.anchor)
            elif record.anchor_point == "end":
                kwargs["anchor"] = chronology.end(record.anchor)
            else:
                kwargs["anchor"] = chronology.when(record.anchor)
        if record.reference is not None:
            kwargs["reference"] = chronology.when(record.reference)
    if any(isinstance(leaf, DocumentDate) for leaf in leaves):
        if case.document is None:
            return None, "counts from the document's date, which the text does not give"
        kwargs["document_date"] = chronology.when(case.document)
    words = record.read_as or found.text
    if isinstance(tree, Bound) and tree.side == "until" and re.match(r"(?:up )?(?:until|till)\b", words, re.I):
        # "until mid-summer 2013" is the time something ended: mid-summer 2013
        base = getattr(tree.base, "words", None)
        if isinstance(base, Excerpt) and base.end is not None:
            words = found.text[base.start : base.end]
    try:
        when = parse_when(words, settings=settings, **kwargs)
    except ChronologyError as error:
        return None, f"not read: {error}"
    event = record.draft.event if record.draft is not None else None
    if event is not None and found.whole is None:
        # readings the event's other statements rule out go; an open side is closed by them
        envelope = chronology.bounds(event)
        kept = []
        for reading in when.readings:
            if reading.intersect(envelope) is None:
                continue
            if reading.earliest is None or reading.latest is None:
                reading = reading.intersect(envelope) or reading
            kept.append(reading)
        if kept and kept != list(when.readings):
            when = when.with_readings(kept)
    return when, None


def _one_day(dated: DocumentDateLike) -> date | None:
    """The document's date where it is one known day (given, or a publication line)."""
    try:
        if isinstance(dated, str):
            dated = parse_when(dated)
    except ChronologyError:
        return None
    if isinstance(dated, date):
        return dated
    if isinstance(dated, When) and len(dated.readings) == 1:
        dated = dated.readings[0]
    if isinstance(dated, Interval) and dated.earliest is not None and dated.earliest == dated.latest:
        return dated.earliest
    return None
