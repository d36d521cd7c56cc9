"""Properties of reading: a narrative written from a hidden true timeline reads back into
bounds that hold the truth; every mention's offsets are its words, whatever PDF noise
surrounds them.

The narratives are generated: a child's birth and a run of events, each written with a
phrase of one kind (an explicit day, a month, a part of a month, a season, an age in
days, weeks or months, a count of days or weeks later, "the following day", a count
before the death), each phrase chosen so that the true day lies inside what the
conventions say it means.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from work import lines_run, per_item

from chronology import Chronology, read
from chronology.calendar import add_months

MONTHS = [calendar.month_name[i] for i in range(13)]
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
VERBS = [
    ("the health visitor visited the family", "health visiting"),
    ("the GP saw Child K", "GP"),
    ("police attended the home", "police"),
    ("a referral was made to children's social care", "children's social care"),
    ("the family moved to a new flat", "housing"),
    ("the nursery reported a bruise", "education"),
    ("Child K was taken to the emergency department", "hospital"),
]


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month]} {d.year}"


def _season(d: date) -> str | None:
    return {3: "spring", 4: "spring", 5: "spring", 6: "summer", 7: "summer", 8: "summer"}.get(
        d.month, {9: "autumn", 10: "autumn", 11: "autumn"}.get(d.month)
    )


def _part(d: date) -> str:
    last = calendar.monthrange(d.year, d.month)[1]
    third = last // 3
    if d.day <= third:
        return "early"
    if d.day > last - third:
        return "late"
    return "mid"


def _completed_months(birth: date, day: date) -> int:
    months = (day.year - birth.year) * 12 + day.month - birth.month
    while months > 0 and add_months(birth, months) > day:
        months -= 1
    return months


def _number(n: int) -> str:
    return WORDS[n] if n < len(WORDS) else str(n)


@st.composite
def narratives(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, date]], date]:
    """(text, [(start, end, truth) of each event's sentence], the birth)."""
    birth = draw(st.dates(date(2001, 1, 1), date(2016, 12, 31)))
    sentences: list[tuple[str, date]] = [(f"Child K was born on {_day(birth)}.", birth)]
    previous = birth
    for _ in range(draw(st.integers(2, 7))):
        gap = draw(st.integers(1, 120))
        truth = previous + timedelta(days=gap)
        verb, _agency = draw(st.sampled_from(VERBS))
        style = draw(
            st.sampled_from(
                ["day", "month", "part", "season", "year", "age_days", "age_weeks", "age_months"]
                + ["later", "weeks_later", "following"]
            )
        )
        if style == "day":
            phrase = f"On {_day(truth)}"
        elif style == "month":
            phrase = f"In {MONTHS[truth.month]} {truth.year}"
        elif style == "part":
            phrase = f"In {_part(truth)} {MONTHS[truth.month]} {truth.year}"
        elif style == "year":
            phrase = f"In {truth.year}"
        elif style == "season" and _season(truth) is not None:
            phrase = f"In the {_season(truth)} of {truth.year}"
        elif style == "age_days" and (truth - birth).days <= 27:
            phrase = f"When he was {_number((truth - birth).days)} days old"
        elif style == "age_weeks" and (truth - birth).days < 7 * 30:
            phrase = f"When he was {_number((truth - birth).days // 7)} weeks old"
        elif style == "age_months" and 1 <= _completed_months(birth, truth) <= 30:
            phrase = f"At {_number(_completed_months(birth, truth))} months of age"
        elif style == "later":
            phrase = f"{_number(gap).capitalize()} days later"
        elif style == "weeks_later" and gap >= 11 and abs(gap - 7 * round(gap / 7)) <= 3:
            phrase = f"{_number(round(gap / 7)).capitalize()} weeks later"
        elif style == "following" and gap == 1:
            phrase = "The following day"
        else:
            phrase = f"On {_day(truth)}"
        sentences.append((f"{phrase} {verb}.", truth))
        previous = truth
    if draw(st.booleans()):
        # the child's death, told last, and an event counted back from it, told before it
        death = previous + timedelta(days=draw(st.integers(30, 400)))
        back = draw(st.integers(1, 25))
        verb, _agency = draw(st.sampled_from(VERBS))
        at = draw(st.integers(1, len(sentences)))
        sentences.insert(at, (f"{_number(back).capitalize()} days before his death {verb}.", death - timedelta(back)))
        sentences.append((f"Child K died on {_day(death)}.", death))
    text = ""
    spans = []
    for sentence, truth in sentences:
        separator = draw(st.sampled_from([" ", "\n", "\n\n"])) if text else ""
        text += separator
        spans.append((len(text), len(text) + len(sentence), truth))
        text += sentence
    return text, spans, birth


def _events_at(chronology: Chronology, start: int, end: int) -> list:  # type: ignore[type-arg]
    found = []
    for m in chronology.mentions:
        if start <= m.start < end and m.event is not None:
            found.append(m.event)
    return found


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(narratives())
def test_a_narrative_reads_back_into_bounds_that_hold_the_truth(
    story: tuple[str, list[tuple[int, int, date]], date],
) -> None:
    text, spans, _birth = story
    chronology = read(text)
    assert chronology.conflicts == (), [str(s) for c in chronology.conflicts for s in c]
    for start, end, truth in spans:
        events = _events_at(chronology, start, end)
        assert events, text[start:end]
        for event in events:
            assert chronology.bounds(event).contains(truth), (text[start:end], str(chronology.bounds(event)), truth)
        for m in chronology.mentions:
            if start <= m.start < end and m.when is not None:
                assert m.when.contains(truth), (m.text, str(m.when), truth)


@settings(max_examples=30, deadline=None)
@given(narratives())
def test_explicit_days_read_back_exactly(story: tuple[str, list[tuple[int, int, date]], date]) -> None:
    text, spans, _birth = story
    chronology = read(text)
    for start, end, truth in spans:
        if text[start:end].startswith(("On ", "Child K was born on ")):
            (event,) = set(_events_at(chronology, start, end))
            assert str(chronology.bounds(event)) == str(chronology.bounds(event).on(truth))


NOISE = st.sampled_from(
    [
        "\n\nChild K Practice Review                    Page 3\n\n",
        "\n\n12\n\n",
        "¹",
        " **",
        "<i>",
        "</i>",
        "\n\n• ",
        "\n\n4.11 ",
        "\u00ad",
        "\n",
        "\n\nContents\n1. Introduction\t2\n\n",
    ]
)


@settings(max_examples=40, deadline=None)
@given(narratives(), st.lists(st.tuples(st.integers(0, 10_000), NOISE), max_size=8))
def test_every_mention_is_its_words_whatever_the_noise(
    story: tuple[str, list[tuple[int, int, date]], date], noise: list[tuple[int, str]]
) -> None:
    text, _spans, _birth = story
    for at, piece in sorted(noise, reverse=True):
        cut = at % (len(text) + 1)
        # noise goes between words, as a PDF's furniture does
        while 0 < cut < len(text) and not text[cut - 1].isspace():
            cut -= 1
        text = text[:cut] + piece + text[cut:]
    chronology = read(text)
    for m in chronology.mentions:
        assert text[m.start : m.end] == m.text
    for event in chronology.events:
        source = event.source
        if source is not None and not isinstance(source, str):
            assert source.end is not None and text[source.start : source.end]


SOUP = st.sampled_from(
    [
        "Child K",
        "his mother",
        "Mr X",
        "was born",
        "born",
        "aged",
        "when he was",
        "weeks old",
        "months",
        "the following day",
        "later that week",
        "two weeks prior to",
        "before his death",
        "after the birth",
        "in the spring of",
        "early summer",
        "winter",
        "2011",
        "2013",
        "June",
        "mid-",
        "1st",
        "31",
        "the police",
        "the GP",
        "health visitor",
        "visited",
        "referral",
        "died",
        "; ",
        ", ",
        ". ",
        "\n",
        "\n\n• ",
        "\n\n4.2 ",
        "/",
        "-",
        "(",
        ")",
        "Contents",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(SOUP, st.text(max_size=12)), max_size=80))
def test_any_text_reads_to_a_chronology_whose_mentions_are_its_words(pieces: list[str]) -> None:
    # Word soup of the reader's own vocabulary (people, ages, anchors, agencies, sections) and
    # arbitrary characters: read() answers (it never raises on what a text says), and every
    # mention and event source points at its words.
    text = " ".join(pieces)
    chronology = read(text)
    assert isinstance(chronology, Chronology)
    for m in chronology.mentions:
        assert text[m.start : m.end] == m.text
    for event in chronology.events:
        source = event.source
        if source is not None and not isinstance(source, str) and source.end is not None:
            assert 0 <= source.start < source.end <= len(text)


_PIECES = [*"ab 1.\n\t\r\u00a0\u2028", "March 2015", "Final Report – ", "x" * 50]
_LINES = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_LINES, st.data())
def test_a_number_starts_its_line_as_the_whole_line_says(text: str, data: st.DataObject) -> None:
    """Whether only spaces precede a position on its line, read back over the spaces alone
    (not from the line's start, which had been a search back over the whole text for each
    number where the text has no line break): the same answer as the line itself gives."""
    from chronology.reading.mentions import _starts_line

    at = data.draw(st.integers(0, len(text)))
    line_start = text.rfind("\n", 0, at) + 1
    assert _starts_line(text, at) == (not text[line_start:at].strip())


@settings(max_examples=300, deadline=None)
@given(_LINES, st.data())
def test_a_date_stands_alone_on_its_line_as_the_whole_line_says(text: str, data: st.DataObject) -> None:
    """A date is a title's where its line holds little else; the line is looked for no further
    than 64 characters either side (a longer one holds too much): the same answer as reading
    the whole line, however long."""
    from chronology.reading import document

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    line = text[a : len(text) if b < 0 else b]
    whole = not (line.rstrip().endswith((".", "!", "?")) or document._TOLD.search(line))
    whole = whole and len(line) - (end - start) <= 40 and len(line.split()) <= 8
    assert document._stands_alone(text, start, end) == whole


@st.composite
def _spans(draw: st.DrawFn) -> list[tuple[int, int]]:
    """Sorted spans that do not overlap, as the sections a text cites are."""
    spans, at = [], 0
    for gap, length in draw(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 20)), max_size=30)):
        spans.append((at + gap, at + gap + length))
        at += gap + length
    return spans


@settings(max_examples=300, deadline=None)
@given(_spans(), st.integers(0, 800), st.integers(0, 200))
def test_the_citations_near_a_window_are_every_one_that_reaches_it(
    spans: list[tuple[int, int]], lo: int, width: int
) -> None:
    """The cited sections a window looks at hold every one that reaches into it, and at most one more."""
    from chronology.reading.mentions import _overlapping

    hi = lo + width
    near = _overlapping(spans, lo, hi)
    reaching = [(a, b) for a, b in spans if a < hi and lo < b]
    assert set(reaching) <= set(near)
    assert len(near) <= len(reaching) + 1
    assert near == sorted(near)


def test_finding_phrases_among_cited_sections_is_linear_in_lines_run() -> None:
    """Each window over the text looks only at the sections cited near it: a window had been
    checked against every section cited after the one before it, quadratic where a long text
    cites a section in every sentence."""
    from chronology.reading.mentions import find

    unit = "Section 47 enquiries began in May 2014 and paragraph 12 was met in the spring. "
    counts = {}
    for n in (100, 200, 400, 800):
        text = unit * n
        sentences = [(i * len(unit), (i + 1) * len(unit) - 1) for i in range(n)]
        counts[n] = lines_run(lambda text=text, sentences=sentences: find(text, sentences))
    per_unit = per_item(counts)
    assert max(per_unit) / min(per_unit) < 1.1, per_unit
