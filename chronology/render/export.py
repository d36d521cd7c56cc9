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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronology.errors import ChronologyError, FileError, InvalidValue
from chronology.render.table import COLUMNS, PANEL

if TYPE_CHECKING:
    from chronology.render.table import Row, Table

__all__ = ["markdown", "csv_text", "json_text", "html_table", "html_page", "xlsx", "docx", "write_table"]

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
