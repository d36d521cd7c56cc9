"""The command line: ``chronology`` (or ``python -m chronology``).

Commands:

- ``read REVIEW.txt``: read a review into its multi-agency chronology.
- ``merge A.csv B.xlsx ...``: merge agencies' own chronology tables into one,
  with ``--subject``/``--born`` for the child's ages and ``--column FIELD=HEADER``
  where a table names a column unusually.
- ``when PHRASE``: the phrase's readings as day bounds, with ``--birth``,
  ``--anchor``, ``--reference`` and ``--document-date`` for phrases that count
  from something.  Each of those takes an ISO day (``2010-12-01``), a range of
  days (``2010-12-01..2010-12-31``) or a phrase (``"early winter 2010"``).
- ``parse PHRASE``: the syntax tree, before anything is resolved.

``read`` and ``merge`` print the chronology as a table, or write it with
``--csv``, ``--xlsx``, ``--docx``, ``--markdown``, ``--json``, ``--html`` and
``--plot`` (``.png``, ``.svg`` or ``.pdf``).  ``when`` and ``parse`` take
``--json`` for machine-readable output.

Bad input (a missing file, an unreadable table, a phrase the grammar does not
read) is one line on standard error and exit status 2; anything else that goes
wrong is one line and status 1, never a traceback.  Nothing is sent anywhere
and nothing is logged.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from chronology.errors import ChronologyError, FileError, UnrecognisedPhrase
from chronology.model import Interval, When
from chronology.phrases import parse, parse_when
from chronology.settings import Settings

if TYPE_CHECKING:
    from chronology.case import Chronology

__all__ = ["main"]

BAD_INPUT = 2
FAILED = 1


class _Usage(ChronologyError, ValueError):
    """A command line that asks for something that cannot be done."""


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


# -- the parser ---------------------------------------------------------------------------------------

_OUTPUTS = (
    ("csv", ".csv", "the table as CSV (every column)"),
    ("xlsx", ".xlsx", "the table as an Excel workbook (needs openpyxl)"),
    ("docx", ".docx", "the table as a Word document for a review panel (needs python-docx)"),
    ("markdown", ".md", "the table as Markdown"),
    ("json", ".json", "the chronology as JSON"),
    ("html", ".html", "an HTML page of the chronology"),
    ("plot", ".png|.svg|.pdf", "the timeline, one lane per agency"),
)


def _reading_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--seasons", choices=("meteorological", "astronomical"), default="meteorological")
    command.add_argument("--month-first", action="store_true", help="numeric dates are month-first (US)")
    command.add_argument("--reporting-year", choices=("financial", "academic"), default="financial")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chronology",
        description="Multi-agency chronologies from safeguarding reviews, with vague dates as honest day bounds.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    read = sub.add_parser("read", help="read a review into its multi-agency chronology")
    read.add_argument("review", help="the review, as a text file")
    merge = sub.add_parser("merge", help="merge agencies' own chronology tables (CSV or Excel) into one")
    merge.add_argument("tables", nargs="+", help="the agencies' tables, .csv or .xlsx")
    merge.add_argument("--subject", metavar="NAME", help="the child the review is about")
    merge.add_argument("--born", metavar="DATE", help="the subject's birth (a date or phrase), for ages")
    merge.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="the header of a column the usual names miss, e.g. event=Notes (repeatable)",
    )
    for command in (read, merge):
        for name, suffix, help_text in _OUTPUTS:
            command.add_argument(f"--{name}", metavar=f"FILE{suffix if '|' not in suffix else ''}", help=help_text)
        _reading_options(command)
    for name, help_text in (
        ("when", "print a phrase's readings as day bounds"),
        ("parse", "print a phrase's syntax tree"),
    ):
        command = sub.add_parser(name, help=help_text)
        command.add_argument("phrase", help='the phrase, e.g. "early summer 2011"')
        command.add_argument("--json", action="store_true", help="machine-readable output")
        _reading_options(command)
        if name == "when":
            for anchor in ("birth", "anchor", "reference", "document-date"):
                command.add_argument(f"--{anchor}", metavar="DAY|FIRST..LAST|PHRASE")
    return parser


# -- the commands ------------------------------------------------------------------------------------


def _phrase_command(args: argparse.Namespace, settings: Settings) -> int:
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
    if args.json:
        print(json.dumps(_when_record(when), indent=2))
    else:
        _print_when(when)
    return 0


def _progress(done: int, total: int, name: str) -> None:
    """A progress line on standard error, only where someone is watching it."""
    if not sys.stderr.isatty():
        return
    width = 20
    filled = width * done // total
    end = "\n" if done == total else ""
    print(f"\rreading [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name}\033[K", end=end, file=sys.stderr)


def _read_command(args: argparse.Namespace, settings: Settings) -> Chronology:
    import chronology

    read_file: Callable[..., Chronology] | None = getattr(chronology, "read_file", None)
    if read_file is None:
        raise _Usage("reading a review needs chronology.read_file, which this version does not have yet")
    read = read_file(args.review, settings=settings)
    print(_read_summary(args.review, read), file=sys.stderr)
    return read


def _read_summary(name: str, read: Chronology) -> str:
    """One line on what was read (counts only: never the review's words)."""
    events = read.events
    dated = sum(1 for e in events if read.when(e).earliest is not None or read.when(e).latest is not None)
    aside = sum(1 for e in events if e.detail("background") is not None)
    parts = [
        f"{len(events)} event{_s(len(events))} ({dated} dated, {aside} background left out of the table)",
        f"{len(read.people)} {'person' if len(read.people) == 1 else 'people'}",
        f"{len(read.agencies)} agenc{'y' if len(read.agencies) == 1 else 'ies'}",
        f"{len(read.conflicts)} conflict{_s(len(read.conflicts))}",
    ]
    return f"read {name}: " + ", ".join(parts)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _merge_command(args: argparse.Namespace, settings: Settings) -> Chronology:
    from chronology.merge import merge

    columns: dict[str, str] = {}
    for given in args.column:
        field, equals, header = given.partition("=")
        if not equals or not field.strip() or not header.strip():
            raise _Usage(f"--column takes FIELD=HEADER, such as event=Notes, not {given!r}")
        columns[field.strip()] = header.strip()
    merged = merge(
        *args.tables,
        settings=settings,
        columns=columns or None,
        subject=args.subject,
        born=args.born,
        progress=_progress if len(args.tables) > 1 else None,
    )
    print(merged.summary(), file=sys.stderr)
    return merged


def _write_outputs(chronology: Chronology, args: argparse.Namespace) -> bool:
    """Write every output asked for; whether any was."""
    wrote = False
    table = None
    for name, _, _ in _OUTPUTS:
        target = getattr(args, name)
        if target is None:
            continue
        path = Path(target)
        if name == "plot":
            _plot(chronology, path)
        elif name == "html":
            _html(chronology, path)
        elif name == "json":
            _text_file(path, chronology.to_json(), ".json")
        else:
            if table is None:
                table = chronology.table()
            wanted = {"markdown": ".md"}.get(name, f".{name}")
            if path.suffix.lower() != wanted:
                raise _Usage(f"--{name} writes a {wanted} file, not {str(path)!r}")
            table.write(path)
        print(f"wrote {path}", file=sys.stderr)
        wrote = True
    return wrote


def _html(chronology: Chronology, path: Path) -> None:
    """The report: one self-contained page (timeline, table, conflicts, explanations)."""
    if path.suffix.lower() not in (".html", ".htm"):
        raise _Usage(f"--html writes a .html file, not {str(path)!r}")
    chronology.to_html(path)


def _text_file(path: Path, text: str, suffix: str) -> None:
    if path.suffix.lower() not in (suffix, ".htm" if suffix == ".html" else suffix):
        raise _Usage(f"--{suffix[1:]} writes a {suffix} file, not {str(path)!r}")
    try:
        path.write_text(text, encoding="utf-8")
    except (OSError, ValueError) as error:
        raise FileError(str(path), getattr(error, "strerror", None) or str(error)) from None


def _plot(chronology: Chronology, path: Path) -> None:
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise _Usage(f"--plot writes a .png, .svg or .pdf file, not {str(path)!r}")
    plot: Callable[..., Any] | None = getattr(chronology, "plot", None)
    if plot is None:
        raise _Usage("plotting needs Chronology.plot(), which this version does not have yet")
    import matplotlib

    matplotlib.use("Agg")
    figure = plot()
    figure = getattr(figure, "figure", figure)
    try:
        figure.savefig(path)
    except OSError as error:
        raise FileError(str(path), error.strerror or str(error)) from None
    finally:
        import matplotlib.pyplot as plt

        plt.close("all")


def _run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.command in ("when", "parse"):
        return _phrase_command(args, settings)
    chronology = _read_command(args, settings) if args.command == "read" else _merge_command(args, settings)
    if not _write_outputs(chronology, args):
        print(chronology.table().to_markdown())
    return 0


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
        return _run(args)
    except BrokenPipeError:  # the reader of our output left (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return FAILED
    except (ChronologyError, OSError) as error:
        print(f"chronology: {_one_line(error)}", file=sys.stderr)
        return BAD_INPUT if isinstance(error, (ChronologyError, FileNotFoundError, IsADirectoryError)) else FAILED
    except KeyboardInterrupt:
        print("chronology: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: say so in one line (CHRONOLOGY_DEBUG=1 shows the traceback)
        if os.environ.get("CHRONOLOGY_DEBUG"):
            raise
        print(
            f"chronology: internal error ({type(error).__name__}: {_one_line(error)}); please report it",
            file=sys.stderr,
        )
        return FAILED


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())
