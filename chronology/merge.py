"""Agencies' own chronology tables in: one combined chronology, every row accounted for.

Each agency sends its chronology as a table (CSV or Excel) whose dates were
written by people: "12/03/2013", "w/c 12/03/2013", "approx March 2013",
"early 2012 (exact date unknown)".  :func:`merge` reads every table, finds the
columns by their headers, reads each date with the grammar (never guessing one
it cannot read), and combines the rows into one :class:`Merged` chronology:

- the same event recorded by two agencies (overlapping dates, the same people,
  similar words) becomes one event listing both rows;
- two agencies that date one event incompatibly (very similar words, dates a
  few days apart that cannot both be true) give one event placed by both rows,
  and the clash is reported as a conflict naming both rows, never settled silently;
- a row whose date cannot be read is kept, undated, with the reason.

``Merged.rows`` lists every input row and what became of it, so that rows in =
events out + rows merged into another's event.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "police.csv").write_text(
...     "Date,Event,People\\n12/03/2013,Police attended home after neighbour reported shouting,Mother S\\n"
...     "w/c 99/99/2013,Officer spoke to Mother S,Mother S\\n")
>>> _ = (folder / "social-care.csv").write_text(
...     "Date,Details,People\\n12/03/2013,Police notification: officers attended home after neighbour reported"
...     " shouting,Mother S\\n")
>>> merged = merge(folder / "police.csv", folder / "social-care.csv")
>>> len(merged.rows), len(merged.duplicates), len(merged.undated)
(3, 1, 1)
>>> print(merged.summary())
3 rows from 2 tables: 2 events; 1 row merged into another agency's record of the same event; 1 row undated
  undated: police.csv row 3 ('w/c 99/99/2013'): could not read the date
"""

from __future__ import annotations

import csv
import heapq
import io
import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import attrs

from chronology.case import Case, Chronology, Event, Person, WhenLike
from chronology.errors import ChronologyError, FileError, InvalidValue, UnreadableTable
from chronology.model import When
from chronology.phrases import parse_when
from chronology.settings import DEFAULT, Settings

__all__ = ["merge", "Merged", "TableRow", "FIELDS"]

# -- the columns ---------------------------------------------------------------------------------

FIELDS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "date of event",
        "event date",
        "date of contact",
        "contact date",
        "date of incident",
        "incident date",
        "date time",
        "date and time",
        "when",
    ),
    "time": ("time", "time of event", "time of contact"),
    "agency": ("agency", "organisation", "organization", "service", "agency service"),
    "event": (
        "event",
        "events",
        "details",
        "event details",
        "details of event",
        "details of contact",
        "description",
        "summary",
        "what happened",
        "contact",
        "incident",
        "narrative",
        "entry",
    ),
    "source": ("source", "source document", "record", "record reference", "reference", "ref", "document"),
    "author": ("recorded by", "author", "practitioner", "worker", "staff member", "entered by", "completed by"),
    "recorded": ("date recorded", "recorded on", "date entered", "entered on", "recorded date", "recorded"),
    "significance": (
        "significance",
        "significance for the child",
        "significance for child",
        "impact on child",
        "impact on the child",
        "impact",
        "significance impact",
        "analysis",
        "comment",
        "comments",
    ),
    "action": ("action", "actions", "action taken", "actions taken", "action taken or why none", "response"),
    "outcome": ("outcome", "outcomes", "result"),
    "people": ("people", "persons", "people involved", "persons involved", "family members", "subject", "names"),
}
"""Each field a row may give, and the headers (case and punctuation aside) that name it.

A header matches a field when it is one of these, or starts with one of the
date's ("Date (dd/mm/yyyy)").  ``merge(columns={"event": "Notes"})`` names others.
"""

_REQUIRED = ("date", "event")
_DETAIL_FIELDS = ("author", "recorded", "significance", "action", "outcome", "time")

# Rows whose dates cannot both be true are one event only when their words are this alike: a notice
# received the day after an incident repeats its words, but is another event.
_CLASH_SIMILARITY = 0.8

# A row dated more loosely than this is not matched with others by date: "2012" says too little
# to call two records the same event.
_MATCH_DAYS = 92


def _header_key(text: object) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text or "").casefold()).split())


# -- reading tables ----------------------------------------------------------------------------------


@attrs.frozen
class _Sheet:
    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (row number as a spreadsheet shows it, cells)


def _read(path: Path) -> _Sheet:
    if not path.exists():
        raise FileError(str(path), "no such file")
    if path.is_dir():
        raise FileError(str(path), "is a folder, not a table")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        grid = _csv_grid(path)
    elif suffix in (".xlsx", ".xlsm"):
        grid = _xlsx_grid(path)
    else:
        raise UnreadableTable(str(path), "not a table this reads: save it as .csv or .xlsx")
    return _sheet(path, grid)


def _csv_grid(path: Path) -> list[tuple[int, tuple[Any, ...]]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileError(str(path), error.strerror or str(error)) from None
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise UnreadableTable(str(path), "not a text table (it holds binary data): save it as .csv or .xlsx")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as error:
        raise UnreadableTable(str(path), f"not readable as CSV: {error}") from None
    return [(n, tuple(record)) for n, record in enumerate(records, start=1)]


def _xlsx_grid(path: Path) -> list[tuple[int, tuple[Any, ...]]]:
    try:
        import openpyxl
    except ImportError:
        raise ChronologyError(f"{path}: reading .xlsx needs openpyxl: pip install 'chronology[xlsx]'") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise FileError(str(path), error.strerror or str(error)) from None
    except Exception as error:  # openpyxl raises zipfile, XML and key errors for a damaged workbook
        raise UnreadableTable(str(path), f"not a readable Excel workbook ({type(error).__name__})") from None
    try:
        best: list[tuple[int, tuple[Any, ...]]] = []
        for sheet in book.worksheets:
            grid = [(n, tuple(row)) for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
            if _header_row(grid) is not None:
                return grid
            best = best or grid
        return best
    except Exception as error:  # a damaged sheet fails while its rows are read
        raise UnreadableTable(str(path), f"not a readable Excel workbook ({type(error).__name__})") from None
    finally:
        book.close()


def _header_row(grid: Sequence[tuple[int, tuple[Any, ...]]]) -> int | None:
    """Index in ``grid`` of the first row (of the first twenty) that names a date column."""
    for index, (_, cells) in enumerate(grid[:20]):
        if any(_field_of(_header_key(c)) == "date" for c in cells):
            return index
    return None


def _field_of(key: str) -> str | None:
    for field, names in FIELDS.items():
        if key in names:
            return field
    if any(key.startswith(name + " ") for name in FIELDS["date"][:3]):
        return "date"
    return None


def _sheet(path: Path, grid: list[tuple[int, tuple[Any, ...]]]) -> _Sheet:
    rows = [(n, cells) for n, cells in grid if any(_text(c) for c in cells)]
    if not rows:
        raise UnreadableTable(str(path), "the table is empty")
    at = _header_row(rows)
    if at is None:
        at = 0  # no date column: the first row is taken as the header, and the error names what it holds
    headers = tuple(_text(c) for c in rows[at][1])
    return _Sheet(path.name, headers, tuple(rows[at + 1 :]))


def _columns(sheet: _Sheet, path: Path, override: Mapping[str, str]) -> dict[str, int]:
    """Which cell of a row holds each field."""
    keys = [_header_key(h) for h in sheet.headers]
    found: dict[str, int] = {}
    for field, header in override.items():
        wanted = _header_key(header)
        if wanted not in keys:
            raise UnreadableTable(str(path), f"no column {header!r} (the {field} column asked for); {_shown(sheet)}")
        found[field] = keys.index(wanted)
    taken = set(found.values())
    for index, key in enumerate(keys):
        named = _field_of(key)
        if named is not None and named not in found and index not in taken:
            found[named] = index
            taken.add(index)
    for field in _REQUIRED:
        if field not in found:
            what = "dates" if field == "date" else "what happened (Event, Details, Description...)"
            looked = ", ".join(FIELDS[field][:4])
            raise UnreadableTable(
                str(path), f"no column of {what}: looked for {looked}... ({_shown(sheet)}); name it with columns="
            )
    return found


def _shown(sheet: _Sheet) -> str:
    named = [h for h in sheet.headers if h]
    return "its headers are " + ", ".join(repr(h) for h in named[:12]) if named else "it has no header row"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


# -- one row ----------------------------------------------------------------------------------------


Status = Literal["event", "duplicate", "undated"]


@attrs.frozen(eq=False)
class TableRow:
    """One row of an agency's table, and what became of it.

    ``status`` is ``"event"`` (it became an event), ``"duplicate"`` (it is
    another agency's record of an event already listed: ``event`` is that
    event, which names both rows) or ``"undated"`` (its date could not be read:
    ``problem`` says why; it is still an event, undated).
    """

    table: str
    row: int
    agency: str
    date: str
    text: str
    status: Status
    problem: str
    event: Event = attrs.field(repr=False)

    @property
    def label(self) -> str:
        """The row's name in sources and conflicts: ``"police.csv row 4"``."""
        return f"{self.table} row {self.row}"


@attrs.define(eq=False)
class _Record:
    table: str
    order: int  # the table's place among the sources
    row: int
    agency: str
    date: str
    text: str
    fields: dict[str, str]
    extra: dict[str, str]  # cells of columns no field names, under their headers
    people: tuple[str, ...]
    when: When | None
    problem: str
    tokens: frozenset[str]
    people_key: frozenset[str] = frozenset()
    first: int = 0  # the envelope as ordinals (matchable records only)
    last: int = 0

    @property
    def label(self) -> str:
        return f"{self.table} row {self.row}"


_SPLIT_PEOPLE = re.compile(r"\s*(?:[,;/&+]|\band\b)\s*", re.IGNORECASE)


def _records(sheet: _Sheet, order: int, path: Path, override: Mapping[str, str], settings: Settings) -> list[_Record]:
    columns = _columns(sheet, path, override)
    used = set(columns.values())
    default_agency = _agency_from_name(path)
    records = []
    for number, cells in sheet.rows:

        def cell(field: str, cells: tuple[Any, ...] = cells) -> Any:
            index = columns.get(field)
            return cells[index] if index is not None and index < len(cells) else None

        raw_date = cell("date")
        when, problem = _when(raw_date, settings)
        text = _text(cell("event"))
        fields = {f: _text(cell(f)) for f in (*_DETAIL_FIELDS, "source") if _text(cell(f))}
        extra = {
            header: _text(cells[i])
            for i, header in enumerate(sheet.headers)
            if i not in used and header and i < len(cells) and _text(cells[i])
        }
        people = tuple(p for p in _SPLIT_PEOPLE.split(_text(cell("people"))) if p)
        records.append(
            _Record(
                sheet.name,
                order,
                number,
                _text(cell("agency")) or default_agency,
                _text(raw_date),
                text,
                fields,
                extra,
                people,
                when,
                problem,
                _tokens(text),
                _people_key(people),
            )
        )
    return records


def _agency_from_name(path: Path) -> str:
    """An agency named by the file when the table has no Agency column: "agency-police.csv" -> "police"."""
    name = re.sub(r"^(?:agency|chronology)[-_ ]+|[-_ ]+(?:chronology|agency)$", "", path.stem, flags=re.IGNORECASE)
    return " ".join(re.split(r"[-_]+", name)) or path.stem


def _when(value: object, settings: Settings) -> tuple[When | None, str]:
    """The days a date cell allows, or ``None`` and why it could not be read (never a guess)."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return When.of(value, value.isoformat(), "day"), ""
    text = _text(value)
    if not text:
        return None, "no date given"
    try:
        return parse_when(text, settings=settings), ""
    except ChronologyError as error:
        return None, f"could not read the date ({error})"


# -- which rows are one event ---------------------------------------------------------------------

_STOPWORDS = (
    "a an the and or of to in on at by for from with was were is are be been has had have his her their they "
    "he she it this that who which as not no re"
)
_STOP = frozenset(_STOPWORDS.split())


def _tokens(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return frozenset(_stem(w) for w in words if w not in _STOP)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _similar(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice's coefficient of two sets of words (0: none shared, 1: the same)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _people_key(people: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(p.casefold().split()) for p in people)


@attrs.define(eq=False)
class _Group:
    records: list[_Record]
    tables: set[str]
    last: int  # the last day any record allows (ordinal)
    common: tuple[int, int] | None  # the days every record allows (None: they clash)


def _group(records: list[_Record], similarity: float, window: int) -> list[list[_Record]]:
    """Rows of different tables that record one event, found by a sweep over their days.

    Records are taken by earliest day; each is compared only with the groups
    whose days reach within ``window`` days of it and that share one of its
    rarer words (prefix filtering: two records as alike as ``similarity`` must
    share one of the first words of each, in one order of words by rarity), so
    the work grows with the rows, not with their square.
    """
    for record in records:
        if record.when is not None:
            envelope = record.when.envelope
            record.first = envelope.earliest.toordinal() if envelope.earliest is not None else 0
            record.last = envelope.latest.toordinal() if envelope.latest is not None else 0
    matchable = [r for r in records if r.first and r.last and r.last - r.first < _MATCH_DAYS and r.tokens]
    matchable.sort(key=lambda r: (r.first, r.order, r.row))
    frequency = Counter(t for r in matchable for t in r.tokens)
    share = similarity / (2 - similarity)  # Dice >= s means the shared words are at least s/(2-s) of each set
    groups: list[_Group] = []
    postings: dict[str, list[int]] = {}  # a rare word -> groups with a record that has it among its first words
    active: list[tuple[int, int]] = []  # heap of (group's last day, group id)
    live: set[int] = set()
    strong = max(similarity, _CLASH_SIMILARITY)
    for record in matchable:
        while active and active[0][0] < record.first - window:
            last, gid = heapq.heappop(active)
            if groups[gid].last != last:  # the group grew since: keep it at its new end
                heapq.heappush(active, (groups[gid].last, gid))
            else:
                live.discard(gid)
        ordered = sorted(record.tokens, key=lambda t: (frequency[t], t))
        prefix = ordered[: len(ordered) - math.ceil(share * len(ordered) - 1e-9) + 1]
        candidates: set[int] = set()
        for token in prefix:
            posted = postings.get(token)
            if posted:
                posted[:] = [gid for gid in posted if gid in live]  # groups gone out of reach leave for good
                candidates.update(posted)
        best: tuple[float, int] | None = None
        for gid in sorted(candidates):
            group = groups[gid]
            if record.table in group.tables:
                continue
            if record.people_key and any(r.people_key and not r.people_key & record.people_key for r in group.records):
                continue  # both name people, and no one in common
            score = max(_similar(record.tokens, r.tokens) for r in group.records)
            common = group.common
            overlaps = common is not None and record.first <= common[1] and common[0] <= record.last
            if score >= (similarity if overlaps else strong) and (best is None or score > best[0]):
                best = (score, gid)
        if best is None:
            gid = len(groups)
            groups.append(_Group([record], {record.table}, record.last, (record.first, record.last)))
            heapq.heappush(active, (record.last, gid))
            live.add(gid)
        else:
            gid = best[1]
            group = groups[gid]
            group.records.append(record)
            group.tables.add(record.table)
            group.last = max(group.last, record.last)
            if group.common is not None:
                low, high = max(group.common[0], record.first), min(group.common[1], record.last)
                group.common = (low, high) if low <= high else None
        for token in prefix:
            postings.setdefault(token, []).append(gid)
    grouped = {id(r) for g in groups for r in g.records}
    found = [sorted(g.records, key=lambda r: (r.order, r.row)) for g in groups]
    found += [[r] for r in records if id(r) not in grouped]
    return sorted(found, key=lambda g: (g[0].order, g[0].row))


# -- the merged chronology ----------------------------------------------------------------------------


class Merged(Chronology):
    """A chronology merged from agencies' tables, with every input row accounted for.

    ``rows`` holds every row read (blank rows aside), in the order of the tables
    and their rows, each with what became of it (:class:`TableRow`); ``tables``
    the tables' names.
    """

    def __init__(self, solved: Chronology, rows: tuple[TableRow, ...], tables: tuple[str, ...]) -> None:
        agencies = tuple(dict.fromkeys(r.agency for r in rows if r.agency))
        super().__init__(solved.case, solved._solution, source=", ".join(tables), agencies=agencies)
        self.rows = rows
        self.tables = tables

    @property
    def undated(self) -> tuple[TableRow, ...]:
        """Rows whose date could not be read: kept as undated events, each with the reason."""
        return tuple(r for r in self.rows if r.status == "undated")

    @property
    def duplicates(self) -> tuple[TableRow, ...]:
        """Rows that another agency's row already records (their event lists both rows)."""
        return tuple(r for r in self.rows if r.status == "duplicate")

    def summary(self) -> str:
        """What was read and what became of it, in a few lines (the rows named, never their text)."""
        events = len({id(r.event) for r in self.rows})
        parts = [f"{len(self.rows)} row{_s(len(self.rows))} from {len(self.tables)} table{_s(len(self.tables))}"]
        parts.append(f"{events} event{_s(events)}")
        if self.duplicates:
            n = len(self.duplicates)
            parts.append(f"{n} row{_s(n)} merged into another agency's record of the same event")
        if self.undated:
            parts.append(f"{len(self.undated)} row{_s(len(self.undated))} undated")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} conflict{_s(len(self.conflicts))} between agencies")
        lines = [parts[0] + ": " + "; ".join(parts[1:])]
        for row in self.undated:
            reason = row.problem.split(" (", 1)[0]
            written = f" ({row.date!r})" if row.date else ""
            lines.append(f"  undated: {row.label}{written}: {reason}")
        for conflict in self.conflicts:
            named = sorted({str(s.source) for s in conflict if s.source})
            lines.append(f"  conflict: {' and '.join(named)} date one event incompatibly")
        return "\n".join(lines)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def merge(
    *sources: str | os.PathLike[str],
    settings: Settings | None = None,
    columns: Mapping[str, str] | None = None,
    subject: str | None = None,
    born: WhenLike = None,
    similarity: float = 0.5,
    window: int = 7,
    progress: Callable[[int, int, str], None] | None = None,
) -> Merged:
    """Merge agencies' chronology tables (CSV or Excel) into one chronology.

    ``columns`` names a header for a field where the usual names do not match
    (``{"event": "Notes", "date": "Contact"}``; fields are those of
    :data:`FIELDS`).  Rows of different tables are one event when their days
    overlap, their people (where both say) are the same and their words are
    similar (Dice's coefficient of their words at least ``similarity``); rows
    with very similar words (0.8) whose days are at most ``window`` days apart
    but cannot both be true are one event in conflict.  ``subject`` names the
    person the review is about, and ``born`` (a date or phrase) their birth,
    from which the table counts ages.  ``progress(done, total, name)`` is called as
    each table is read.

    Raises :class:`~chronology.FileError` for a missing file and
    :class:`~chronology.UnreadableTable` for a table with no date column; a
    date that cannot be read is never an error: the row is kept, undated.
    """
    if not sources:
        raise InvalidValue("merge() needs at least one agency table")
    if subject is not None and (not isinstance(subject, str) or not subject.strip()):
        raise InvalidValue(f"subject must be a person's name, not {subject!r}")
    if born is not None and subject is None:
        raise InvalidValue("born= places the subject's birth: name the subject too (subject=...)")
    conf = settings if settings is not None else DEFAULT
    if not isinstance(conf, Settings):
        raise InvalidValue(f"settings must be a chronology.Settings, not {settings!r}")
    override = _override(columns)
    if isinstance(similarity, bool) or not isinstance(similarity, (int, float)) or not 0 < similarity <= 1:
        raise InvalidValue(f"similarity must be a number above 0 and at most 1, not {similarity!r}")
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise InvalidValue(f"window must be a whole number of days, not {window!r}")
    paths = [_path(s) for s in sources]
    records: list[_Record] = []
    names: list[str] = []
    for order, path in enumerate(paths):
        sheet = _read(path)
        records += _records(sheet, order, path, override, conf)
        names.append(path.name)
        if progress is not None:
            progress(order + 1, len(paths), path.name)
    case, rows = _build(_group(records, similarity, window), conf, subject, born)
    return Merged(case.solve(strict=False), rows, tuple(names))


def _path(source: object) -> Path:
    if isinstance(source, (str, os.PathLike)):
        return Path(source)
    raise InvalidValue(f"an agency table is given by its path, not {source!r}")


def _override(columns: Mapping[str, str] | None) -> dict[str, str]:
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise InvalidValue(f"columns must map fields to headers, such as {{'event': 'Notes'}}, not {columns!r}")
    for field, header in columns.items():
        if field not in FIELDS:
            raise InvalidValue(f"no field {field!r} to name a column for (fields: {', '.join(FIELDS)})")
        if not isinstance(header, str) or not header.strip():
            raise InvalidValue(f"the header for {field!r} must be text, not {header!r}")
    return dict(columns)


def _build(
    groups: list[list[_Record]], settings: Settings, subject: str | None, born: WhenLike
) -> tuple[Case, tuple[TableRow, ...]]:
    case = Case(settings=settings)
    people: dict[str, Person] = {}
    for group in groups:
        for record in group:
            for name in record.people:
                key = " ".join(name.casefold().split())
                if key not in people:
                    people[key] = case.person(name)
    if subject is not None:
        key = " ".join(subject.casefold().split())
        if key not in people:
            people[key] = case.person(subject)
        case.subject = people[key]
        if born is not None:
            case.place(people[key].birth, born)
    made: dict[int, tuple[Event, Status]] = {}
    for group in groups:
        event = _event(case, group, people)
        for i, record in enumerate(group):
            made[id(record)] = (event, "undated" if record.when is None else "duplicate" if i else "event")
    rows = []
    for record in sorted((r for g in groups for r in g), key=lambda r: (r.order, r.row)):
        event, status = made[id(record)]
        rows.append(
            TableRow(record.table, record.row, record.agency, record.date, record.text, status, record.problem, event)
        )
    return case, tuple(rows)


def _say(details: dict[str, str], name: str, said: list[tuple[str, str]], *, always_label: bool = False) -> None:
    """``details[name]``: what the rows say under one heading; where they differ, each with its row."""
    said = [(label, text) for label, text in said if text]
    if not said:
        return
    values = list(dict.fromkeys(text for _, text in said))
    if len(values) == 1 and not always_label:
        details[name] = values[0]
    else:
        details[name] = "; ".join(f"{text} ({label})" for label, text in said)


def _event(case: Case, group: list[_Record], people: Mapping[str, Person]) -> Event:
    """One event for a group of rows: placed by each row's date, with each row as a statement's source."""
    first = group[0]
    labels = [r.label for r in group]
    details: dict[str, str] = {"sources": "; ".join(labels)}
    agencies = list(dict.fromkeys(r.agency for r in group if r.agency))
    if len(agencies) > 1:
        details["agencies"] = "; ".join(agencies)
    for field in (*_DETAIL_FIELDS, "source"):
        _say(details, "record" if field == "source" else field, [(r.label, r.fields.get(field, "")) for r in group])
    _say(details, "date as written", [(r.label, r.date) for r in group], always_label=len(group) > 1)
    for header in dict.fromkeys(h for r in group for h in r.extra):
        name = header if header.casefold() not in {k.casefold() for k in details} else f"{header} (table)"
        _say(details, name, [(r.label, r.extra.get(header, "")) for r in group])
    if len(group) > 1:
        details["also recorded"] = "; ".join(f"{r.agency} ({r.label}): {r.text}" for r in group[1:] if r.text)
    if first.problem and first.when is None:
        details["date problem"] = first.problem
    involved = tuple(dict.fromkeys(people[" ".join(n.casefold().split())] for r in group for n in r.people))
    event = case.event(
        first.text or "(no details in the table)",
        agency=first.agency or None,
        people=involved,
        source="; ".join(labels),
        details=details,
    )
    for record in group:
        if record.when is not None:
            # Each row's date is its own statement, sourced to its row, so that a clash names both rows.
            case.place(event, record.when, source=record.label, reference=event)
    return event
