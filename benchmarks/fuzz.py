"""Fuzz ``parse`` and ``parse_when``: nothing but ``ChronologyError`` escapes, every answer is in order.

Run: ``python benchmarks/fuzz.py [-n 1000000] [--seed 0] [--every 100000]``, once with the
interpreter of an editable install (pure Python) and once with that of a non-editable one
(``pip install .``, the grammar compiled), from outside the source tree for the latter.

Inputs, drawn from a seeded generator (the same inputs on both builds):

- arbitrary text: any code points (lone surrogates, controls, combining marks, digits of other
  scripts), up to a few times the phrase cap;
- token soup: the words of both phrase lists beside this file, numbers (zero, huge, thousands of
  digits), punctuation and runs of ``/``, ``-``, ``and``;
- real phrases from both lists, mutated (characters and words inserted, dropped, swapped,
  repeated, numbers replaced, case changed, cut short) or as they are;

each given with arbitrary anchors (dates near the calendar's ends, datetimes, Intervals,
``(first, last)`` pairs, ISO text good and bad, numbers, bytes, objects), ``Settings`` (valid
ones of every field, and wrong types) and, now and then, a phrase that is not a ``str``.

The check is independent of the grammar: a call either returns, or raises a
``ChronologyError`` whose ``str`` and ``repr`` can be made and are short; an answer of
``parse_when`` is a ``When`` whose readings are ``Interval`` s with ``earliest <= latest``
(where both are given), inside 1 Jan 1 - 31 Dec 9999, and whose ``str`` can be made.
Anything else is a foreign exception or a bad answer: counted, the first few shown; the exit
status is 1 if there is any.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import chronology
from chronology import ChronologyError, Interval, Settings, When, parse, parse_when
from chronology.phrases import MAX_LENGTH

HERE = Path(__file__).resolve().parent
MESSAGE_LIMIT = 600  # an error message quotes a short window, never the input
SHOWN = 8


def real_phrases() -> list[str]:
    phrases: list[str] = []
    for name in ("phrases.tsv", "phrases_wild.tsv"):
        path = HERE / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#") and not line.startswith("phrase\t"):
                    phrases.append(line.split("\t", 1)[0])
    return phrases or ["early summer 2011", "three months before his death", "w/c 4th March 2013"]


class Inputs:
    """A seeded source of fuzzed calls."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.phrases = real_phrases()
        words = {word for phrase in self.phrases for word in phrase.split()}
        self.words = sorted(words) + ["/", "-", "and", "0", "00", "9" * 30, "1" * 4301, "2014000", "–", "?", "xx"]

    # -- phrases --
    def arbitrary(self) -> str:
        rng = self.rng
        n = rng.choice((0, 1, 2, 5, 20, 60, MAX_LENGTH - 1, MAX_LENGTH, MAX_LENGTH + 1, rng.randint(0, 3 * MAX_LENGTH)))
        pools = (
            (32, 127),
            (0, 32),
            (0x80, 0x2FF),
            (0x300, 0x36F),
            (0x660, 0x669),
            (0x2000, 0x206F),
            (0xD800, 0xDFFF),
            (0x1F300, 0x1F64F),
            (0, 0x10FFFF),
        )
        out = []
        for _ in range(n):
            low, high = rng.choice(pools) if rng.random() < 0.3 else (32, 127)
            out.append(chr(rng.randint(low, high)))
        return "".join(out)

    def soup(self) -> str:
        rng = self.rng
        count = rng.choice((1, 2, 3, 4, 6, 10, 30, 80))
        joiners = (" ", " ", " ", "", "/", "-", ", ", " and ")
        return rng.choice(joiners).join(rng.choice(self.words) for _ in range(count))

    def mutated(self) -> str:
        rng = self.rng
        text = rng.choice(self.phrases)
        for _ in range(rng.choice((0, 1, 1, 2, 3, 6))):
            text = self._mutate(text)
        return text

    def _mutate(self, text: str) -> str:
        rng = self.rng
        i = rng.randint(0, len(text))
        words = text.split()
        move = rng.randrange(12)
        if move == 0:
            return text[:i] + text[i + 1 :]
        if move == 1:
            return text[:i] + rng.choice(" /-.,'?()0123456789abcxyzé\u00a0\t\n") + text[i:]
        if move == 2 and words:
            j = rng.randrange(len(words))
            return " ".join(words[:j] + [rng.choice(self.words)] + words[j:])
        if move == 3 and len(words) > 1:
            j, k = rng.randrange(len(words)), rng.randrange(len(words))
            words[j], words[k] = words[k], words[j]
            return " ".join(words)
        if move == 4 and words:
            j = rng.randrange(len(words))
            return " ".join(words[:j] + [words[j]] * rng.choice((2, 3, 40)) + words[j + 1 :])
        if move == 5:
            number = rng.choice(("0", "00", "13", "29", "31", "32", "60", "99", "366", "1900", "9999", "10000"))
            digits = [k for k, ch in enumerate(text) if ch.isdigit()]
            if digits:
                k = rng.choice(digits)
                return text[:k] + number + text[k + 1 :]
            return text + " " + number
        if move == 6:
            return text.upper() if rng.random() < 0.5 else text.lower()
        if move == 7:
            return text[:i]
        if move == 8:
            return text[i:]
        if move == 9 and words:
            j = rng.randrange(len(words))
            return " ".join(words[:j] + words[j + 1 :])
        if move == 10:
            return rng.choice(("around ", "c. ", "the end of ", "two days after ", "when he was ", "w/c ")) + text
        return text + rng.choice((" (approx)", "?", " later", " before", " 2012", " of", "s", " 13/13/2013"))

    def phrase(self) -> object:
        rng = self.rng
        roll = rng.random()
        if roll < 0.005:
            return rng.choice((None, 5, 2.5, b"2012", ["2012"], object(), date(2012, 1, 1), True))
        if roll < 0.25:
            return self.arbitrary()
        if roll < 0.45:
            return self.soup()
        if roll < 0.55:
            return rng.choice(self.phrases)
        return self.mutated()

    # -- anchors and settings --
    def day(self) -> date:
        rng = self.rng
        roll = rng.random()
        if roll < 0.1:
            return rng.choice(
                (date.min, date.max, date(1, 1, 2), date(9999, 12, 30), date(1900, 2, 28), date(2000, 2, 29))
            )
        return date(1900, 1, 1) + timedelta(days=rng.randint(0, 200 * 366))

    def anchor(self, hostile: bool) -> object:
        """An anchor: mostly what a caller passes; when ``hostile``, anything."""
        rng = self.rng
        if not hostile:
            roll = rng.random()
            if roll < 0.5:
                return None
            if roll < 0.85:
                return self.day()
            if roll < 0.9:
                first, second = sorted((self.day(), self.day()))
                return Interval(first, second)
            if roll < 0.95:
                return self.day().isoformat()
            return When.of(self.day(), "a day")
        roll = rng.randrange(16)
        if roll < 6:
            return None
        if roll < 9:
            return self.day()
        if roll == 9:
            first, second = sorted((self.day(), self.day()))
            return Interval(first, second) if rng.random() < 0.7 else Interval(first, None)
        if roll == 10:
            first, second = self.day(), self.day()
            return (first, second)
        if roll == 11:
            return datetime(2012, 3, 4, 5, 6)
        if roll == 12:
            return self.day().isoformat() + rng.choice(("", "", "..2013-01-01", "x", "T10:00"))
        if roll == 13:
            return rng.choice(("2013-13-01", "2013-02-30", "0000-01-01", "yesterday", "", "..", "9999-12-31..1-01-01"))
        if roll == 14:
            return When.of(self.day(), "a day")
        return rng.choice((5, -1, 10**30, 2.5, b"2012-01-01", object(), [date(2012, 1, 1)], {"a": 1}, True))

    def settings(self) -> object:
        rng = self.rng
        roll = rng.random()
        if roll < 0.7:
            return None
        if roll < 0.97:
            return Settings(
                seasons=rng.choice(("meteorological", "astronomical")),
                day_first=rng.random() < 0.8,
                week_tolerance_days=rng.randint(0, 6),
                month_tolerance_days=rng.randint(0, 27),
                year_tolerance_months=rng.randint(0, 11),
                hedge_factor=rng.choice((Fraction(1), Fraction(3, 2), Fraction(2), Fraction(5, 4))),
                reporting_year=rng.choice(("financial", "academic")),
                holiday_region=rng.choice(("ENG", "NIR", "SCT", "WLS")),
                short_gap_days=rng.randint(0, 366),
            )
        return rng.choice(({}, "ENG", 5, object(), Settings))

    def call(self) -> tuple[str, Callable[[], object], object]:
        """A name, the call to make, and the phrase it is about (for the report)."""
        phrase = self.phrase()
        settings = self.settings()
        if self.rng.random() < 0.15:
            return "parse", lambda: parse(phrase, settings=settings), phrase  # type: ignore[arg-type]
        hostile = self.rng.random() < 0.2
        anchors = {k: self.anchor(hostile) for k in ("birth", "anchor", "reference", "document_date")}
        return "parse_when", lambda: parse_when(phrase, settings=settings, **anchors), phrase  # type: ignore[arg-type]


def check_answer(name: str, answer: object) -> str | None:
    """What is wrong with an answer, or None."""
    if name == "parse":
        repr(answer)
        return None
    if not isinstance(answer, When):
        return f"parse_when returned a {type(answer).__name__}, not a When"
    if not answer.readings:
        return "a When with no reading"
    for reading in answer.readings:
        if not isinstance(reading, Interval):
            return f"a reading of type {type(reading).__name__}"
        for end in (reading.earliest, reading.latest):
            if end is not None and (type(end) is not date or not date(1, 1, 1) <= end <= date(9999, 12, 31)):
                return f"a bound outside the calendar or not a date: {end!r}"
        if reading.earliest is not None and reading.latest is not None and reading.earliest > reading.latest:
            return f"a reading out of order: {reading.earliest} > {reading.latest}"
    str(answer)
    return None


def check_error(error: ChronologyError) -> str | None:
    message = str(error)
    repr(error)
    if len(message) > MESSAGE_LIMIT:
        return f"a message of {len(message):,} characters"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="how many inputs (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--every", type=int, default=100_000, help="print progress every so many inputs")
    args = parser.parse_args(argv)

    where = Path(chronology.phrases._grammar.__file__)
    build = "compiled" if where.name.endswith((".so", ".pyd")) else "pure Python"
    print(f"chronology from {Path(chronology.__file__).parent}; grammar {build} ({where.name})")
    print(f"Python {sys.version.split()[0]}; seed {args.seed}; {args.n:,} inputs")
    inputs = Inputs(args.seed)
    counts = {"inputs": 0, "accepted": 0, "refused": 0, "foreign": 0, "bad answers": 0}
    by_call: dict[str, int] = {}
    shown: list[str] = []
    start = time.perf_counter()
    for i in range(1, args.n + 1):
        name, call, phrase = inputs.call()
        counts["inputs"] += 1
        by_call[name] = by_call.get(name, 0) + 1
        problem: str | None
        try:
            answer = call()
        except ChronologyError as error:
            counts["refused"] += 1
            try:
                problem = check_error(error)
            except Exception as inner:  # the check itself: making the message must not fail
                problem = f"str/repr of {type(error).__name__} raised {type(inner).__name__}: {inner}"
            if problem:
                counts["bad answers"] += 1
        except Exception as error:  # the point of the script: anything else is foreign
            counts["foreign"] += 1
            problem = f"{type(error).__name__}: {str(error)[:200]}"
        else:
            counts["accepted"] += 1
            try:
                problem = check_answer(name, answer)
            except Exception as inner:
                problem = f"checking the answer raised {type(inner).__name__}: {inner}"
            if problem:
                counts["bad answers"] += 1
        if problem and len(shown) < SHOWN:
            shown.append(f"{name}({_show(phrase)}): {problem}")
            print(f"  input {i:,}: {shown[-1]}", flush=True)
        if args.every and i % args.every == 0:
            rate = i / (time.perf_counter() - start)
            print(
                f"  {i:>10,} inputs, {counts['foreign']} foreign, {counts['bad answers']} bad, {rate:,.0f}/s",
                flush=True,
            )
    took = time.perf_counter() - start
    print()
    print(f"build:             {build}")
    print(f"inputs:            {counts['inputs']:,} ({', '.join(f'{k} {v:,}' for k, v in sorted(by_call.items()))})")
    print(f"accepted:          {counts['accepted']:,}")
    print(f"refused:           {counts['refused']:,} (ChronologyError)")
    print(f"foreign exceptions:{counts['foreign']:>10,}")
    print(f"bad answers:       {counts['bad answers']:,}")
    print(f"seconds:           {took:,.1f} ({counts['inputs'] / took:,.0f} inputs/s)")
    for line in shown:
        print("  " + line)
    return 1 if counts["foreign"] or counts["bad answers"] else 0


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 100 else text[:99] + "…"


if __name__ == "__main__":
    sys.exit(main())
