"""Writers for the chronology table: Markdown, CSV, JSON, HTML, Excel and Word.

Excel needs ``openpyxl`` and Word ``python-docx`` (``pip install
'chronology[xlsx,docx]'``); each is imported only when that format is written.
Text a review panel reads (HTML, Markdown, Word) shows the panel's columns by
default; data formats (CSV, JSON, Excel) write every column.

>>> from chronology import Case
>>> case = Case()
>>> _ = case.event("police attend; | shouting", "early summer 2011", agency="police")
>>> print(case.solve().table().to_markdown(columns=("display", "event")))
| Date | Event |
| --- | --- |
| Jun 2011 | police attend; \\| shouting |
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from chronology.errors import ChronologyError, FileError, InvalidValue
from chronology.model import Excerpt, Interval
from chronology.render.table import COLUMNS, PANEL

if TYPE_CHECKING:
    from chronology.case import Case, Chronology, Event, Person
    from chronology.render.table import Row, Table

__all__ = [
    "markdown",
    "csv_text",
    "json_text",
    "html_table",
    "html_page",
    "xlsx",
    "docx",
    "write_table",
    "chronology_record",
    "chronology_json",
    "chronology_from_json",
]

_HEADERS = {c.key: c.header for c in COLUMNS}
_HELP = {c.key: c.help for c in COLUMNS}
_ALL = tuple(c.key for c in COLUMNS)

# Characters XML (so .xlsx and .docx) cannot hold: C0 controls other than tab, newline and return.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_NOTE = (
    "Dates are the days the review's words allow, never more precise than they are; "
    "'c.' marks dates the words themselves hedge. Certainty: exact (one day), bounded (a range of days), "
    "two readings (the words allow either), in conflict (accounts cannot all be true), undated."
)


# -- text ------------------------------------------------------------------------------------


def markdown(table: Table, columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table (pipes escaped, line breaks as spaces)."""

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    lines = ["| " + " | ".join(_HEADERS[k] for k in columns) + " |", "| " + " | ".join("---" for _ in columns) + " |"]
    lines += ["| " + " | ".join(cell(row.cell(k)) for k in columns) + " |" for row in table.rows]
    return "\n".join(lines)


def csv_text(table: Table, columns: Sequence[str]) -> str:
    """CSV text: a header row of column headers, then one row per event."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_HEADERS[k] for k in columns])
    for row in table.rows:
        writer.writerow([row.cell(k) for k in columns])
    return out.getvalue()


def _json_value(row: Row, key: str) -> Any:
    value = row.value(key)
    if isinstance(value, date):
        return value.isoformat()
    if key == "readings":
        return [[_iso(r.earliest), _iso(r.latest)] for r in value]
    if isinstance(value, tuple):
        return list(value)
    return value


def json_text(table: Table, columns: Sequence[str]) -> str:
    """``{"title", "columns", "rows", "conflicts"}`` as JSON; rows are objects keyed by column key."""
    document = {
        "title": table.title,
        "columns": [{"key": k, "header": _HEADERS[k], "help": _HELP[k]} for k in columns],
        "rows": [{k: _json_value(row, k) for k in columns} for row in table.rows],
        "conflicts": [list(c) for c in table.conflicts],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# -- HTML ----------------------------------------------------------------------------------------

_CERTAINTY_STYLE = {
    "exact": "",
    "bounded": "",
    "undated": "color:#777;font-style:italic",
    "in conflict": "color:#a00;font-weight:bold",
}


def html_table(table: Table, columns: Sequence[str]) -> str:
    """An HTML ``<table>``; the date cell's tooltip gives the bounds and the statements that fixed them."""
    esc = html.escape
    head = "".join(f'<th title="{esc(_HELP[k])}">{esc(_HEADERS[k])}</th>' for k in columns)
    body = []
    for row in table.rows:
        cells = []
        for key in columns:
            text = esc(row.cell(key))
            if key in ("display", "date"):
                tip = _date_tip(row)
                cells.append(f'<td title="{esc(tip)}" style="white-space:nowrap">{text}</td>')
            elif key == "certainty":
                style = _CERTAINTY_STYLE.get(row.certainty, "color:#850")
                cells.append(f'<td style="{style}">{text}</td>' if style else f"<td>{text}</td>")
            elif key == "as_written" and text:
                cells.append(f"<td><q>{text}</q></td>")
            else:
                cells.append(f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    caption = f"<caption>{esc(table.title)}</caption>" if table.title else ""
    return (
        f'<table class="chronology-table">{caption}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def _date_tip(row: Row) -> str:
    lines = [f"{row.cell('earliest') or '…'} to {row.cell('latest') or '…'}"]
    if row.because:
        lines.append("because:")
        lines += [f"- {s}" for s in row.because]
    return "\n".join(lines)


def html_page(table: Table, columns: Sequence[str]) -> str:
    """A whole HTML document holding the table, the note on certainty and any conflicts."""
    esc = html.escape
    conflicts = ""
    if table.conflicts:
        items = "".join("<li>" + "<br>".join(esc(s) for s in conflict) + "</li>" for conflict in table.conflicts)
        conflicts = f"<h2>Statements that cannot all be true</h2><ol>{items}</ol>"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(table.title or 'Chronology')}</title><style>"
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:90%}"
        "th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left}"
        "th{background:#eee;position:sticky;top:0}caption{font-size:130%;font-weight:bold;margin-bottom:.5em}"
        "</style></head><body>\n"
        f"{html_table(table, columns)}\n<p><small>{esc(_NOTE)}</small></p>{conflicts}\n</body></html>\n"
    )


# -- Excel ---------------------------------------------------------------------------------------

_WIDTHS = {
    "number": 6,
    "display": 22,
    "date": 16,
    "end": 16,
    "earliest": 12,
    "latest": 12,
    "age": 16,
    "agency": 18,
    "event": 50,
    "significance": 30,
    "action": 30,
    "outcome": 30,
    "as_written": 28,
    "readings": 26,
    "source": 26,
    "certainty": 13,
    "because": 60,
}


def xlsx(table: Table, path: str | Path, columns: Sequence[str]) -> Path:
    """An Excel workbook: the chronology sheet (frozen header, filters, real dates), and sheets
    describing the columns and listing any conflicts."""
    target_path = _target(path)
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise ChronologyError("writing .xlsx needs openpyxl: pip install 'chronology[xlsx]'") from None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chronology"
    sheet.append([_HEADERS[k] for k in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    top = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(table.rows, start=2):
        for c, key in enumerate(columns, start=1):
            value = row.value(key)
            target = sheet.cell(row=r, column=c)
            if isinstance(value, (date, int)) and not isinstance(value, bool):
                target.value = value
                if isinstance(value, date):
                    target.number_format = "yyyy-mm-dd"
            else:
                text = row.cell(key)
                if text:
                    target.value = _NOT_XML.sub(" ", text)
                    target.data_type = "s"  # text stays text: a cell starting with "=" is not a formula
            target.alignment = top
    for c, key in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = _WIDTHS.get(key, 14)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(table.rows) + 1}"
    about = book.create_sheet("Columns")
    about.append(["Column", "Holds"])
    for key in columns:
        about.append([_HEADERS[key], _HELP[key]])
    about.append([])
    about.append(["Note", _NOTE])
    if table.conflicts:
        clash = book.create_sheet("Conflicts")
        clash.append(["Conflict", "Statement"])
        for n, conflict in enumerate(table.conflicts, start=1):
            for statement in conflict:
                clash.append([n, _NOT_XML.sub(" ", statement)])
    _save(lambda: book.save(target_path), target_path)
    return target_path


# -- Word ----------------------------------------------------------------------------------------


def docx(table: Table, path: str | Path, columns: Sequence[str]) -> Path:
    """A Word document for a review panel: landscape, the table with its header repeated on every page,
    the note on certainty and any conflicts."""
    target = _target(path)
    try:
        import docx as python_docx
        from docx.enum.section import WD_ORIENT
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt
    except ImportError:
        raise ChronologyError("writing .docx needs python-docx: pip install 'chronology[docx]'") from None

    def clean(text: str) -> str:
        return _NOT_XML.sub(" ", text)

    document = python_docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(36))
    document.add_heading(clean(table.title or "Chronology"), level=1)
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    header = grid.rows[0]
    properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for cell, key in zip(header.cells, columns, strict=True):
        run = cell.paragraphs[0].add_run(_HEADERS[key])
        run.bold = True
        run.font.size = Pt(8)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, key in zip(cells, columns, strict=True):
            run = cell.paragraphs[0].add_run(clean(row.cell(key)))
            run.font.size = Pt(8)
            if key == "certainty" and row.certainty == "in conflict":
                run.bold = True
    note = document.add_paragraph()
    note.add_run(_NOTE).font.size = Pt(8)
    if table.conflicts:
        document.add_heading("Statements that cannot all be true", level=2)
        for n, conflict in enumerate(table.conflicts, start=1):
            document.add_paragraph(f"Conflict {n}:")
            for statement in conflict:
                document.add_paragraph(clean(statement), style="List Bullet")
    _save(lambda: document.save(str(target)), target)
    return target


# -- files ---------------------------------------------------------------------------------------


def _target(path: object) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidValue(f"a path must be a str or pathlib.Path, not {path!r}")
    return Path(path)


def _save(save: Any, path: Path) -> None:
    try:
        save()
    except (OSError, ValueError) as error:  # ValueError: a path the system cannot name (a NUL in it)
        raise FileError(str(path), getattr(error, "strerror", None) or str(error)) from None


def _write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    _save(lambda: _write(path, text, encoding), path)
    return path


def _write(path: Path, text: str, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        handle.write(text)


FORMATS = (".md", ".csv", ".json", ".html", ".xlsx", ".docx")


def write_table(table: Table, path: str | Path, columns: Sequence[str] | None) -> Path:
    """Write ``table`` to ``path`` in the format its suffix names (see :data:`FORMATS`)."""
    target = _target(path)
    suffix = target.suffix.lower()
    if suffix == ".md":
        return _write_text(target, markdown(table, columns or PANEL) + "\n")
    if suffix == ".csv":
        # a byte-order mark, so that Excel reads the en dashes and accents as UTF-8
        return _write_text(target, csv_text(table, columns or _ALL), encoding="utf-8-sig")
    if suffix == ".json":
        return _write_text(target, json_text(table, columns or _ALL))
    if suffix in (".html", ".htm"):
        return _write_text(target, html_page(table, columns or PANEL))
    if suffix == ".xlsx":
        return xlsx(table, target, columns or _ALL)
    if suffix == ".docx":
        return docx(table, target, columns or PANEL)
    raise InvalidValue(f"cannot tell what to write from {str(target)!r}: name it {', '.join(FORMATS)}")


# -- the chronology as JSON, and back ----------------------------------------------------------------

FORMAT = "chronology"
VERSION = 1


def chronology_record(chronology: Chronology) -> dict[str, Any]:
    """A JSON-ready record of a chronology: what rebuilds its case, statement for statement, and how it was solved.

    The case is kept as the calls that made it (people, events, each phrase or
    value that placed an event, each relation, each withdrawal), in the order
    they were made, so that loading replays them through the public ``Case``
    API and solves again: equal events, people, statements (with their words
    and numbers), bounds, readings and conflicts.
    """
    case = chronology.case
    events = list(case._events)
    number = {id(e): i for i, e in enumerate(events)}
    people = list(case.people)
    person_of = {id(p.birth): i for i, p in enumerate(people)}
    placements = case.placements()
    placed_statements = {id(s) for p in placements for s in p[4]}
    ops: list[tuple[float, dict[str, Any]]] = []  # (position in the statement order, operation)
    for event, tree, words, anchors, statements in placements:
        first = min((s.number for s in statements), default=None)
        ops.append(
            (
                first if first is not None else _just_after(event, case),
                {
                    "op": "place",
                    "event": number[id(event)],
                    "when": _when_record_of(event, tree, words),
                    "anchors": [number[id(a)] for a in anchors],
                    "source": _source_record(statements[0].source if statements else event.source),
                },
            )
        )
    for statement in case._statements:
        if id(statement) in placed_statements or statement.kind == "span":
            continue
        if statement in case._removed:
            # withdrawn before the solve: its days are gone, but its place in the numbering is kept
            linked = [number[id(e)] for e in statement.events] or [0]
            ops.append((statement.number, {"op": "withdrawn", "a": linked[0], "b": linked[-1]}))
            continue
        constraints = case.constraints(statement)
        pair = _pair_relation(constraints)
        if pair is not None:
            name, a, b = pair
            ops.append(
                (
                    statement.number,
                    {
                        "op": name,
                        "a": number[id(a)],
                        "b": number[id(b)],
                        "words": _excerpt_record(statement.words),
                        "source": _source_record(statement.source),
                    },
                )
            )
            continue
        if len(constraints) != 1:
            raise InvalidValue(f"cannot save {statement}: it is not a relation between two events' days")
        a, a_point, b, b_point, lo, hi = constraints[0]
        ops.append(
            (
                statement.number,
                {
                    "op": "relate",
                    "a": number[id(a)],
                    "a_point": a_point,
                    "b": number[id(b)],
                    "b_point": b_point,
                    "lo": lo,
                    "hi": hi,
                    "words": _excerpt_record(statement.words),
                    "source": _source_record(statement.source),
                    "kind": statement.kind,
                },
            )
        )
    ops.sort(key=lambda item: item[0])
    return {
        "format": FORMAT,
        "version": VERSION,
        "settings": {f.name: _plain(getattr(case.settings, f.name)) for f in attrs.fields(type(case.settings))},
        "people": [{"name": p.name, "birth": number[id(p.birth)]} for p in people],
        "subject": people.index(case.subject) if case.subject is not None else None,
        "events": [
            {
                "description": e.description,
                "instant": e.is_instant,
                "words": _excerpt_record(e.words),
                "agency": e.agency,
                "people": [people.index(p) for p in e.people],
                "source": _source_record(e.source),
                "kind": e.kind,
                "details": [list(pair) for pair in e.details],
                "person": person_of.get(id(e)),
                "document": e is case.document,
            }
            for e in events
        ],
        "operations": [op for _, op in ops],
        "removed": sorted(s.number for s in case._removed),
        "strict": not (chronology.set_aside or chronology.conflicts),
        "text": chronology.text,
        "source": chronology.source,
        "agencies": list(chronology.agencies),
    }


def _pair_relation(constraints: tuple[Any, ...]) -> tuple[str, Event, Event] | None:
    """The relation of two days' constraints that ``Case.same_day``, ``during`` or ``overlaps`` states."""
    if len(constraints) != 2:
        return None
    (a1, p1, b1, q1, lo1, hi1), (a2, p2, b2, q2, lo2, hi2) = constraints
    shape = (p1, q1, lo1, hi1, p2, q2, lo2, hi2)
    if a1 is a2 and b1 is b2 and shape == ("start", "start", 0, 0, "end", "end", 0, 0):
        return "same_day", a1, b1
    if a1 is a2 and b1 is b2 and shape == ("start", "start", 0, None, "end", "end", None, 0):
        return "during", b1, a1
    if a1 is b2 and b1 is a2 and shape == ("start", "end", 0, None, "start", "end", 0, None):
        return "overlaps", a1, b1
    return None


def _just_after(event: Event, case: Case) -> float:
    """Where a placement that made no statement goes: right after its event was made."""
    before = [s.number for s in case._statements if any(e.index <= event.index for e in s.events)]
    return max(before, default=-1) + 0.5


def _when_record_of(event: Event, tree: Any, words: Excerpt | None) -> dict[str, Any]:
    """How a placement's phrase or value is given again: its words (parsed again to the same tree) or its value."""
    from chronology.phrases import parse
    from chronology.phrases.syntax import Fixed

    if words is not None:
        try:
            again = parse(words.text)
        except ChronologyError:
            again = None
        if again == tree:
            return {"phrase": _excerpt_record(words)}
    if isinstance(tree, Fixed):
        return {
            "readings": [[_iso(r.earliest), _iso(r.latest)] for r in tree.readings],
            "kind": tree.kind,
            "notes": list(tree.notes),
            "words": _excerpt_record(words),
        }
    raise InvalidValue(f"cannot save how {event.description!r} was placed: a syntax tree built by hand")


def _excerpt_record(words: Excerpt | None) -> dict[str, Any] | None:
    if words is None:
        return None
    return {"text": words.text, "start": words.start, "end": words.end, "document": words.document}


def _source_record(source: object) -> Any:
    return _excerpt_record(source) if isinstance(source, Excerpt) else source


def _plain(value: object) -> Any:
    return str(value) if isinstance(value, Fraction) else value


def chronology_json(chronology: Chronology) -> str:
    """The chronology as JSON text (see :func:`chronology_record`)."""
    return json.dumps(chronology_record(chronology), ensure_ascii=False, indent=1) + "\n"


def chronology_from_json(text: str | bytes) -> Chronology:
    """A chronology from :func:`chronology_json`'s text: its case rebuilt by replaying it, and solved."""
    try:
        record = json.loads(text)
    except (TypeError, ValueError) as error:
        raise InvalidValue(f"not a saved chronology: {error}") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise InvalidValue("not a saved chronology (no 'format': 'chronology')")
    if record.get("version") != VERSION:
        raise InvalidValue(f"a saved chronology of version {record.get('version')!r}; this reads version {VERSION}")
    try:
        return _rebuild(record)
    except ChronologyError:
        raise
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
        raise InvalidValue(
            f"a saved chronology that does not hold together ({type(error).__name__}: {error})"
        ) from None


def _rebuild(record: dict[str, Any]) -> Chronology:
    from chronology.case import Case, Chronology
    from chronology.settings import Settings

    given: dict[str, Any] = dict(record["settings"])
    settings = Settings(**given)
    specs = record["events"]
    operations = list(record["operations"])
    document = next((i for i, e in enumerate(specs) if e["document"]), None)
    first_of: dict[int, int] = {}  # event -> index in operations of its first placement
    for i, op in enumerate(operations):
        if op["op"] == "place":
            first_of.setdefault(op["event"], i)
    made: dict[int, Event] = {}
    people: dict[int, Person] = {}
    done: set[int] = set()
    case = Case(settings=settings)
    if document is not None:
        at = first_of[document]
        case = Case(document_date=_when_of(operations[at]["when"]), settings=settings)
        assert case.document is not None
        made[document] = case.document
        done.add(at)

    def create(index: int) -> None:
        """Make the events up to ``index`` in order, each with its first phrase where it was made with one."""
        for i in range(len(made), index + 1):
            if i in made:
                continue
            spec = specs[i]
            at = first_of.get(i)
            with_words = spec["words"] is not None and at is not None
            when = _when_of(operations[at]["when"]) if with_words and at is not None else None
            if spec["person"] is not None:
                person = case.person(
                    record["people"][spec["person"]]["name"], born=when, source=_source_of(spec["source"])
                )
                people[spec["person"]] = person
                made[i] = person.birth
            else:
                kwargs = _anchor_kwargs(operations[at], made, case) if with_words and at is not None else {}
                made[i] = case.event(
                    spec["description"],
                    when,
                    agency=spec["agency"],
                    people=[people[p] for p in spec["people"]],
                    source=_source_of(spec["source"]),
                    span=not spec["instant"],
                    kind=spec["kind"],
                    details=dict(spec["details"]),
                    **kwargs,
                )
            if with_words and at is not None:
                done.add(at)

    for i, op in enumerate(operations):
        if i in done:
            continue
        if op["op"] == "place":
            create(max([op["event"], *op["anchors"]]))
            if i in done:
                continue
            case.place(
                made[op["event"]],
                _when_of(op["when"]),
                source=_source_of(op["source"]),
                **_anchor_kwargs(op, made, case),
            )
        elif op["op"] == "withdrawn":
            create(max(op["a"], op["b"]))
            case.relate(made[op["a"]], made[op["b"]], 0, None, kind="withdrawn")
        elif op["op"] in ("same_day", "during", "overlaps"):
            create(max(op["a"], op["b"]))
            relation = getattr(case, op["op"])
            relation(made[op["a"]], made[op["b"]], words=_excerpt_of(op["words"]), source=_source_of(op["source"]))
        else:
            create(max(op["a"], op["b"]))
            case.relate(
                made[op["a"]],
                made[op["b"]],
                op["lo"],
                op["hi"],
                a_point=op["a_point"],
                b_point=op["b_point"],
                words=_excerpt_of(op["words"]),
                source=_source_of(op["source"]),
                kind=op["kind"],
            )
    create(len(specs) - 1)
    if record["subject"] is not None:
        case.subject = people[record["subject"]]
    statements = case._statements
    for n in record["removed"]:
        case.remove(statements[n])
    solved = case.solve(strict=bool(record["strict"]))
    return Chronology(
        case,
        solved._solution,
        text=record["text"],
        source=record["source"],
        agencies=tuple(record["agencies"]),
    )


def _anchor_kwargs(op: dict[str, Any], made: dict[int, Event], case: Case) -> dict[str, Any]:
    """The ``person=``, ``anchor=`` and ``reference=`` that bind a phrase's leaves to the events they had."""
    from chronology.phrases import parse
    from chronology.phrases.syntax import Birth, Named, Reference, anchors_of

    if not op["anchors"] or "phrase" not in op["when"]:
        return {}
    leaves = anchors_of(parse(op["when"]["phrase"]["text"]))
    kwargs: dict[str, Any] = {}
    named: dict[str, Event] = {}
    births = {id(p.birth): p for p in case.people}
    for leaf, index in zip(leaves, op["anchors"], strict=True):
        event = made[index]
        if isinstance(leaf, Birth) and id(event) in births:
            kwargs["person"] = births[id(event)]
        elif isinstance(leaf, Named):
            named[leaf.words.text] = event
        elif isinstance(leaf, Reference):
            kwargs["reference"] = event
    if named:
        kwargs["anchor"] = named
    return kwargs


def _when_of(record: dict[str, Any]) -> Any:
    from chronology.model import When

    if "phrase" in record:
        return _excerpt_of(record["phrase"])
    readings = tuple(Interval(_day(a), _day(b)) for a, b in record["readings"])
    words = _excerpt_of(record["words"])
    return When(readings, words.text if words is not None else "", record["kind"], words, tuple(record["notes"]))


def _excerpt_of(record: dict[str, Any] | None) -> Excerpt | None:
    if record is None:
        return None
    return Excerpt(record["text"], record["start"], record["end"], record["document"])


def _source_of(record: Any) -> Any:
    return _excerpt_of(record) if isinstance(record, dict) else record


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
