"""Reliability: whatever the argument, only the library's own errors; work that grows linearly.

Each reproducer of the tracker's issue 10 is a test here.  Speed is never timed: the grammar's
work is counted (lexemes, steps, signature characters handed to the rules' regular expressions),
and the counts must grow linearly with the input.  Heavy fuzzing is ``benchmarks/fuzz_phrases.py``.
"""

from __future__ import annotations

import contextlib
import gc
import inspect
import random
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology import ChronologyError, Interval, InvalidValue, Settings, UnrecognisedPhrase, When, parse, parse_when
from chronology.phrases import MAX_LENGTH, _grammar, accepts, matching_rule
from chronology.phrases import fallback as fallback_module
from chronology.settings import DEFAULT

ANCHORS = {
    "birth": date(2010, 12, 1),
    "anchor": date(2013, 11, 26),
    "reference": date(2012, 7, 15),
    "document_date": date(2014, 7, 1),
}


def _library_error_only(call: Callable[[], object]) -> None:
    with contextlib.suppress(ChronologyError):
        call()


# -- the reproducers ---------------------------------------------------------------------------

LONG_RUNS = ["/" * 2000, "-" * 1000, " and ".join(["2011"] * 300), "1" * 4301, "9" * 22 + " x" * 200]


@pytest.mark.parametrize("text", LONG_RUNS, ids=["slashes", "dashes", "ands", "4301-digits", "nines"])
def test_a_phrase_over_the_cap_is_refused_at_once_and_says_why(text: str) -> None:
    with pytest.raises(UnrecognisedPhrase) as caught:
        parse(text)
    assert caught.value.start == MAX_LENGTH and caught.value.end == len(text)
    assert f"at most {MAX_LENGTH} characters" in caught.value.reason
    assert len(str(caught.value)) < 400


@pytest.mark.parametrize(
    "text",
    ["October 18.25 the same year", "on March 18.25 last year", "18.5-Mar-13", "w/c October 18.25 the same year"],
)
def test_a_decimal_where_a_day_stands_is_refused_in_both_builds(text: str) -> None:
    # Found by benchmarks/fuzz.py on the compiled build only: a number lexeme may be a fraction,
    # and a local the compiler had typed int took it before it was checked (a TypeError escaped).
    with pytest.raises(UnrecognisedPhrase):
        parse_when(text, reference=date(2012, 6, 10), document_date=date(2014, 7, 1))


@pytest.mark.parametrize(
    "text",
    [
        "/" * MAX_LENGTH,
        "-" * MAX_LENGTH,
        ("2011 and " * 40)[:MAX_LENGTH],
        ("2011 / March / " * 20)[:MAX_LENGTH],
        ("between 2011 and 2012 to " * 20)[:MAX_LENGTH],
        ("from March to " * 20)[:MAX_LENGTH],
        "9" * (MAX_LENGTH - 2) + " x",
        ("2014000 " * 24)[: MAX_LENGTH - 7] + " Autumn",
        "1" * MAX_LENGTH,
    ],
    ids=["slashes", "dashes", "ands", "slashed-words", "betweens", "froms", "nines", "2014000s", "digits"],
)
def test_long_runs_under_the_cap_are_refused_without_deep_recursion(text: str) -> None:
    # Leave only a little room on the stack: reading must not recurse in proportion to the input.
    depth = len(inspect.stack(0))
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 120)
    try:
        for call in (lambda: parse(text), lambda: parse_when(text, **ANCHORS), lambda: matching_rule(text)):
            _library_error_only(call)
    finally:
        sys.setrecursionlimit(limit)


def test_hours_then_days_add_up() -> None:
    # Once a KeyError: 'hour'.  Three days and two hours: 3 days later, or 4 past midnight.
    when = parse_when("two hours and three days later", reference=date(2012, 7, 15))
    assert when.readings == (Interval(date(2012, 7, 18), date(2012, 7, 19)),)


def test_an_unknown_holiday_region_is_refused_by_settings() -> None:
    with pytest.raises(InvalidValue, match="holiday_region"):
        Settings(holiday_region="XX")


@pytest.mark.parametrize(
    ("phrase", "anchors"),
    [
        ("the following year", {"reference": date(9999, 6, 1)}),
        ("the previous year", {"reference": date(1, 6, 1)}),
        ("the next working day", {"reference": date(9999, 12, 31)}),
        ("winter 1", {}),
        ("the winter of 9999/00", {}),
        ("two years later", {"reference": date(9999, 1, 1)}),
        ("aged 17", {"birth": date(9990, 1, 1)}),
        ("Christmas", {"reference": date(1, 1, 1)}),
        ("on Saturday", {"reference": date(9999, 12, 31)}),
    ],
)
def test_the_calendars_ends_are_refused_not_crashed(phrase: str, anchors: dict[str, date]) -> None:
    with pytest.raises(UnrecognisedPhrase):
        parse_when(phrase, **anchors)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "phrase",
    [f"{2**50} days later", f"{2**50} weeks before his death", f"aged {2**50}", f"{10**7} years later", "aged 3652060"],
)
def test_counts_beyond_the_calendar_are_refused_not_clamped(phrase: str) -> None:
    with pytest.raises(UnrecognisedPhrase) as caught:
        parse_when(phrase, **ANCHORS)  # type: ignore[arg-type]
    assert "beyond the calendar" in caught.value.reason or "outside" in caught.value.reason


def test_the_largest_count_the_calendar_holds_is_read() -> None:
    when = parse_when("3652058 days before his death", anchor=date(9999, 12, 31))
    assert when.readings == (Interval.day(1, 1, 1),)


@pytest.mark.parametrize(
    "phrase",
    ["2013-13-01", "2013/13/01", "32/01/2010 14:30", "Monday 12/10/2010 14:30", "2010/02/30", "12/10/2010 25:61"],
)
def test_the_fallback_never_turns_a_refusal_into_a_nearby_date(phrase: str) -> None:
    with pytest.raises(UnrecognisedPhrase):
        parse_when(phrase)


@pytest.mark.parametrize(
    ("text", "day_first", "agrees"),
    [
        ("2010/10/12", True, date(2010, 10, 12)),
        ("12/10/2010 14:30", True, date(2010, 10, 12)),
        ("12/10/2010 14:30", False, date(2010, 12, 10)),
        ("Tuesday 12 October 2010", True, date(2010, 10, 12)),
    ],
)
def test_the_fallback_checks_dateparsers_answer(text: str, day_first: bool, agrees: date) -> None:
    fields = fallback_module._fields(text)
    assert fields is not None
    assert fallback_module._agrees(agrees, *fields, day_first)
    # any other day is refused: the day and month swapped, another year, another weekday
    for other in (date(agrees.year, agrees.day, agrees.month), date(agrees.year + 1, agrees.month, agrees.day)):
        assert other == agrees or not fallback_module._agrees(other, *fields, day_first)


@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_errors_quote_a_short_window_of_a_long_input(size: str) -> None:
    text = ("early blorp 2011 " * (size // 17 + 1))[:size]
    with pytest.raises(UnrecognisedPhrase) as caught:
        parse_when(text)
    assert len(str(caught.value)) < 400
    with pytest.raises(UnrecognisedPhrase) as caught:
        parse_when(text[:150])
    assert len(str(caught.value)) < 400 and "blorp" in str(caught.value)


# -- any argument of any type: only ChronologyError ------------------------------------------------


class _Hostile:
    """An argument whose every method raises: only its type may be looked at."""

    def __repr__(self) -> str:
        raise RuntimeError("repr")

    def __str__(self) -> str:
        raise RuntimeError("str")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    def __hash__(self) -> int:
        raise RuntimeError("hash")

    def __len__(self) -> int:
        raise RuntimeError("len")

    def __iter__(self) -> Iterator[object]:
        raise RuntimeError("iter")


class _HostileText(str):
    """A str whose methods raise: the entry points read it as the plain str it holds."""

    def lower(self) -> str:  # type: ignore[override]
        raise RuntimeError("lower")

    def __len__(self) -> int:
        raise RuntimeError("len")

    def __getitem__(self, key: object) -> str:  # type: ignore[override]
        raise RuntimeError("getitem")

    def strip(self, chars: str | None = None) -> str:
        raise RuntimeError("strip")


_days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
_intervals = st.tuples(_days, _days).map(lambda ends: Interval(*sorted(ends)))
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.fractions(),
    st.complex_numbers(),
    st.text(max_size=30),
    st.binary(max_size=10),
    _days,
    st.datetimes(),
    _intervals,
    _intervals.map(lambda i: When((i,), "x")),
    st.tuples(_days, _days),
    st.tuples(st.integers(), st.integers()),
    st.tuples(_days),
    st.lists(_days, max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(Settings()),
    st.just(DEFAULT.replace(seasons="astronomical")),
    st.builds(object),
    st.builds(_Hostile),
    st.text(max_size=30).map(_HostileText),
    st.sampled_from(["2010-12-01", "2010-12-01..2010-12-31", "..2010-12-31", "2010-02-30", "9999-12-31..0001-01-01"]),
    st.sampled_from([date, datetime, Interval, int, str]),
)
phrases = st.one_of(st.text(max_size=60), st.sampled_from(["aged 17 months", "the following day", "2011"]), anything)


@settings(max_examples=300, deadline=None)
@given(phrases, anything, anything, anything, anything, anything)
def test_any_arguments_give_a_when_or_a_library_error(
    phrase: object, birth: object, anchor: object, reference: object, document: object, conf: object
) -> None:
    calls: list[Callable[[], object]] = [
        lambda: parse_when(phrase, birth=birth, anchor=anchor, reference=reference, document_date=document),  # type: ignore[arg-type]
        lambda: parse_when(phrase, settings=conf),  # type: ignore[arg-type]
        lambda: parse(phrase, settings=conf),  # type: ignore[arg-type]
        lambda: matching_rule(phrase, settings=conf),  # type: ignore[arg-type]
        lambda: accepts(phrase, settings=conf),  # type: ignore[arg-type]
    ]
    for call in calls:
        _library_error_only(call)


@pytest.mark.parametrize(
    ("call", "names"),
    [
        (lambda: parse_when(b"2011"), "phrase"),
        (lambda: parse_when(_Hostile()), "phrase"),  # type: ignore[arg-type]
        (lambda: parse_when("aged 3", birth=_Hostile()), "birth"),  # type: ignore[arg-type]
        (lambda: parse_when("aged 3", birth=[date(2010, 1, 1)]), "birth"),  # type: ignore[arg-type]
        (lambda: parse_when("the next day", reference=datetime(2010, 1, 1, 9)), "reference"),
        (lambda: parse_when("the next day", reference="2010-02-30"), "reference"),
        (lambda: parse_when("last year", document_date=(date(2011, 1, 1), date(2010, 1, 1))), "document_date"),
        (lambda: parse_when("2011", settings=Fraction(1)), "settings"),  # type: ignore[arg-type]
        (lambda: accepts(2011), "phrase"),  # type: ignore[arg-type]
    ],
    ids=["bytes", "hostile", "hostile-birth", "list", "datetime", "no-such-day", "reversed", "settings", "accepts"],
)
def test_wrong_types_get_invalid_value_naming_the_argument(call: Callable[[], object], names: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        call()
    assert str(caught.value).startswith(names)


def test_a_str_subclass_is_read_as_the_text_it_holds() -> None:
    assert parse_when(_HostileText("early summer 2011")).readings == (Interval.month(2011, 6),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2013-11-26", Interval.day(2013, 11, 26)),
        (" 2013-11-01..2013-11-30 ", Interval.month(2013, 11)),
        ("..2013-11-26", Interval(None, date(2013, 11, 26))),
    ],
)
def test_an_iso_anchor_is_taken_as_the_command_line_takes_it(text: str, expected: Interval) -> None:
    assert parse_when("the day of his death", anchor=text).readings == (expected,)
    assert parse_when("the day of his death", anchor=expected).readings == (expected,)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=MAX_LENGTH + 20))
def test_arbitrary_text_gives_a_when_or_a_library_error(text: str) -> None:
    for call in (lambda: parse_when(text, **ANCHORS), lambda: parse(text), lambda: accepts(text)):
        _library_error_only(call)  # type: ignore[arg-type]


# -- work grows linearly -------------------------------------------------------------------------

_VOCABULARY = ["2011", "and", "/", "-", "to", "between", "from", "March", "weeks", "after", "the", "his", "death"]
_VOCABULARY += ["or", "early", "summer", "aged", "3", "later", "before", "until", "around", "(approx)", "?", "w/c"]


_RANDOM = ("words", "words-and-slashes", "junk")


def _shapes(length: int) -> Iterator[tuple[str, str]]:
    pick = random.Random(length)
    yield "slashes", "/" * length
    yield "dashes", "-" * length
    yield "ands", ("2011 and " * length)[:length]
    yield "tos", ("2011 to " * length)[:length]
    yield "slashed-words", ("march/2011/" * length)[:length]
    yield "froms", ("from 2011 to " * length)[:length]
    yield "betweens", ("between March and " * length)[:length]
    yield "words", " ".join(pick.choice(_VOCABULARY) for _ in range(length))[:length]
    yield "words-and-slashes", " / ".join(pick.choice(_VOCABULARY) for _ in range(length))[:length]
    yield "junk", "".join(pick.choice("abc 123/-.,?()") for _ in range(length))
    yield "phrases", ("three months before his death, early summer 2011; " * length)[:length]


@pytest.mark.parametrize("shape", [name for name, _ in _shapes(10)])
def test_the_grammars_work_grows_linearly_with_the_input(shape: str) -> None:
    lengths = (25, 50, 100, MAX_LENGTH)
    counts = [_grammar.work(dict(_shapes(n))[shape], DEFAULT) for n in lengths]
    for n, (lexemes, steps, scanned) in zip(lengths, counts, strict=True):
        assert lexemes <= n
        # steps: a few per lexeme at most (the budget is 64 + 8 per lexeme)
        assert steps <= 64 + 8 * lexemes
        # regex work: at most the eight levels of nesting, each reading the phrase's signature once
        # with every rule, and so linear in its length
        assert scanned <= 8 * len(_grammar.LEXICON.rules) * max(lexemes, 1)
    if shape in _RANDOM:
        return  # random text differs from one length to the next: only the bounds above apply
    # a repeated shape: doubling it never much more than doubles any count (plus a constant)
    for index in range(len(lengths) - 1):
        a, b = counts[index], counts[index + 1]
        ratio = lengths[index + 1] / lengths[index]
        for x, y in zip(a, b, strict=True):
            assert y <= ratio * 1.5 * x + 64 * len(_grammar.LEXICON.rules), (shape, lengths[index], a, b)


@pytest.mark.parametrize("size", [MAX_LENGTH + 1, 10_000, 1_000_000])
def test_past_the_cap_no_work_is_done(size: int) -> None:
    assert _grammar.work("2011 and " * (size // 9 + 1), DEFAULT) == (0, 0, 0)


def test_reading_and_refusing_leave_no_cycles_for_the_garbage_collector() -> None:
    # A refusal kept in the phrase's memo, or held in a local while it is raised, would tie its
    # traceback's frames into a cycle; the collector's passes then grow with the input fed in.
    phrases = ["early blorp 2011", "He died two days later", "2013-13-01", "Tuesday 13th October 2010"]
    phrases += ["the end of w/c in October 18.25 the same year", "early summer 2011", "three months before"]
    for phrase in phrases:  # warm: caches filled, tables loaded
        with contextlib.suppress(ChronologyError):
            parse_when(phrase, reference=date(2012, 6, 10))
    gc.collect()
    gc.disable()
    try:
        for phrase in phrases * 20:
            with contextlib.suppress(ChronologyError):
                parse_when(phrase, reference=date(2012, 6, 10))
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_the_sentence_around_a_date_is_bounded_without_full_stops() -> None:
    # document_date looks at the sentence around each date it meets; with no full stop or line
    # break within reach, that sentence began at the text's start (quadratic over a long text)
    from chronology.reading.document import _sentence

    words = "word " * 20_000 + "in March 2013 " + "word " * 20_000
    start = words.index("March")
    sentence = _sentence(words, start, start + len("March 2013"))
    assert "March 2013" in sentence
    assert len(sentence) <= 400 + len("March 2013") + 400
