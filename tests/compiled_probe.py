"""What the grammar says about each phrase, as plain strings: run in this process and in another.

``tests/test_compiled.py`` runs this file as a script with an installed
``chronology`` (compiled by mypyc where the build could) and compares its answers
with the source tree's, imported here by the test itself.

As a script: reads a JSON list of phrases on stdin; writes a JSON object with the
file of the ``chronology.phrases._grammar`` it imported and, per phrase, its outcomes.
"""

from __future__ import annotations

import json
import sys
from datetime import date

ANCHORS = {
    "birth": date(2010, 12, 1),
    "anchor": date(2013, 11, 26),
    "reference": date(2012, 7, 15),
    "document_date": date(2014, 7, 1),
}


def outcomes(phrase: str) -> list[str]:
    """The tree, the readings with every anchor a day, with every anchor a period (one of two
    readings), and with none (or the error each gives)."""
    from chronology import ChronologyError, Interval, When, parse, parse_when

    out: list[str] = []
    wide = {
        "birth": Interval(date(2010, 11, 20), date(2010, 12, 10)),
        "anchor": (date(2013, 11, 1), date(2013, 11, 30)),
        "reference": When((Interval.month(2012, 7), Interval.month(2011, 7)), "July", "month"),
        "document_date": Interval.year(2014),
    }
    attempts = (
        lambda: repr(parse(phrase)),
        lambda: repr(parse_when(phrase, **ANCHORS)),  # type: ignore[arg-type]
        lambda: repr(parse_when(phrase, **wide)),  # type: ignore[arg-type]
        lambda: repr(parse_when(phrase)),
    )
    for attempt in attempts:
        try:
            out.append(attempt())
        except ChronologyError as error:
            out.append(f"{type(error).__name__}: {error} {vars(error)!r}")
    return out


def bad_arguments() -> list[str]:
    """What the entry points say to arguments of the wrong type or shape (compiled code checks
    argument types itself, with a TypeError: the entry points must get there first)."""
    from chronology import ChronologyError, parse, parse_when

    calls = [
        lambda: parse(123),  # type: ignore[arg-type]
        lambda: parse_when(None),  # type: ignore[arg-type]
        lambda: parse_when(b"2011"),  # type: ignore[arg-type]
        lambda: parse_when("2011", settings="uk"),  # type: ignore[arg-type]
        lambda: parse_when("aged 3", birth=(date(2010, 1, 1),)),  # type: ignore[arg-type]
        lambda: parse_when("aged 3", birth=(1, 2)),  # type: ignore[arg-type]
        lambda: parse_when("aged 3", birth="2010"),  # type: ignore[arg-type]
        lambda: parse_when("the following day", reference=[date(2010, 1, 1)]),  # type: ignore[arg-type]
    ]
    out = []
    for call in calls:
        try:
            out.append(repr(call()))
        except ChronologyError as error:
            out.append(f"{type(error).__name__}: {error}")
        except Exception as error:  # noqa: BLE001 (reported, and the test fails on it)
            out.append(f"ESCAPED {type(error).__name__}: {error}")
    return out


def main() -> None:
    import chronology.phrases._grammar

    phrases = json.load(sys.stdin)
    json.dump(
        {
            "module": chronology.phrases._grammar.__file__,
            "outcomes": [outcomes(p) for p in phrases],
            "bad_arguments": bad_arguments(),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
