"""The command line: ``python -m chronology when "early summer 2011"``.

Commands:

- ``when PHRASE``: the phrase's readings as day bounds, with ``--birth``,
  ``--anchor``, ``--reference`` and ``--document-date`` for phrases that count
  from something.  Each of those takes an ISO day (``2010-12-01``), a range of
  days (``2010-12-01..2010-12-31``) or a phrase (``"early winter 2010"``).
- ``parse PHRASE``: the syntax tree, before anything is resolved.

``--json`` prints machine-readable output.  Errors go to standard error with
exit status 2; nothing is sent anywhere and nothing is logged.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date

import attrs

from chronology.errors import ChronologyError, UnrecognisedPhrase
from chronology.model import Interval, When
from chronology.phrases import parse, parse_when
from chronology.settings import Settings

__all__ = ["main"]


def _anchor(text: str, settings: Settings) -> When | Interval:
    """An anchor given on the command line: a day, a ``first..last`` range or a phrase."""
    text = text.strip()
    if ".." in text:
        first, _, last = text.partition("..")
        return Interval(_iso_day(first, text), _iso_day(last, text))
    try:
        return Interval.on(date.fromisoformat(text))
    except ValueError:
        return parse_when(text, settings=settings)


def _iso_day(text: str, whole: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        start = whole.find(text)
        raise UnrecognisedPhrase(whole, start, start + len(text), "expected an ISO day such as 2010-12-01") from None


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(
        seasons=args.seasons,
        day_first=not args.month_first,
        reporting_year=args.reporting_year,
    )


def _when_record(when: When) -> dict[str, object]:
    return {
        "text": when.text,
        "kind": when.kind,
        "readings": [
            {
                "earliest": None if r.earliest is None else r.earliest.isoformat(),
                "latest": None if r.latest is None else r.latest.isoformat(),
                "note": when.notes[i] if i < len(when.notes) else None,
            }
            for i, r in enumerate(when.readings)
        ],
        "edtf": when.to_edtf(),
    }


def _print_when(when: When) -> None:
    print(f"{when.text!r} ({when.kind})")
    for i, reading in enumerate(when.readings):
        label = f"  reading {i + 1}: " if when.is_ambiguous else "  "
        first = "…" if reading.earliest is None else reading.earliest.isoformat()
        last = "…" if reading.latest is None else reading.latest.isoformat()
        note = f"  [{when.notes[i]}]" if i < len(when.notes) and when.notes[i] else ""
        print(f"{label}{first} .. {last}  ({reading}){note}")
    edtf = when.to_edtf()
    if edtf:
        print(f"  EDTF: {edtf}")


def _tree_record(node: object) -> object:
    kind = type(node)
    if attrs.has(kind):
        record: dict[str, object] = {"node": kind.__name__}
        for field in attrs.fields(kind):
            record[field.name] = _tree_record(getattr(node, field.name))
        return record
    if isinstance(node, tuple):
        return [_tree_record(item) for item in node]
    if isinstance(node, date):
        return node.isoformat()
    return node


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chronology",
        description="Vague temporal phrases from safeguarding reviews as honest day bounds.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("when", "print a phrase's readings as day bounds"),
        ("parse", "print a phrase's syntax tree"),
    ):
        command = sub.add_parser(name, help=help_text)
        command.add_argument("phrase", help='the phrase, e.g. "early summer 2011"')
        command.add_argument("--json", action="store_true", help="machine-readable output")
        command.add_argument("--seasons", choices=("meteorological", "astronomical"), default="meteorological")
        command.add_argument("--month-first", action="store_true", help="numeric dates are month-first (US)")
        command.add_argument("--reporting-year", choices=("financial", "academic"), default="financial")
        if name == "when":
            for anchor in ("birth", "anchor", "reference", "document-date"):
                command.add_argument(f"--{anchor}", metavar="DAY|FIRST..LAST|PHRASE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> main(["when", "early summer 2011"])
    'early summer 2011' (season)
      2011-06-01 .. 2011-06-30  (Jun 2011)
      EDTF: 2011-06
    0
    """
    args = _build_parser().parse_args(argv)
    try:
        settings = _settings(args)
        if args.command == "parse":
            tree = parse(args.phrase, settings=settings)
            print(json.dumps(_tree_record(tree), indent=2) if args.json else tree)
            return 0
        anchors: dict[str, When | Interval] = {}
        for name in ("birth", "anchor", "reference"):
            value = getattr(args, name)
            if value is not None:
                anchors[name] = _anchor(value, settings)
        document_date = None
        if args.document_date is not None:
            given = _anchor(args.document_date, settings)
            span = given.envelope if isinstance(given, When) else given
            if span.earliest is None or span.earliest != span.latest:
                raise UnrecognisedPhrase(args.document_date, 0, None, "a document date must be one day")
            document_date = span.earliest
        when = parse_when(
            args.phrase,
            birth=anchors.get("birth"),
            anchor=anchors.get("anchor"),
            reference=anchors.get("reference"),
            document_date=document_date,
            settings=settings,
        )
    except ChronologyError as error:
        print(f"chronology: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(_when_record(when), indent=2))
    else:
        _print_when(when)
    return 0
