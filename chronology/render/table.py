"""The combined chronology as a table: one row per event, in resolved order.

The columns are those UK practice expects of an integrated multi-agency
chronology (date and, for periods, end; agency and author; when it was
recorded; the event as a brief factual note; significance or impact on the
child; action taken or why none; outcome), and what only a solved chronology
can add: the date as written, the bounds, a short display date, the child's age
at the time, people, source, certainty and the statements that fixed the bounds.

Significance, action and outcome come from the event's ``details`` (what the
text or an agency's own table said): the table never writes them itself.

>>> from datetime import date
>>> from chronology import Case
>>> case = Case()
>>> child = case.person("Child S", born=date(2010, 12, 1))
>>> visit = case.event("health visit", "when he was ten weeks old", agency="health visiting",
...                    details={"outcome": "weight recorded"})
>>> table = case.solve().table()
>>> row = table[1]
>>> row.display, row.age, row.certainty, row.outcome
('9–15 Feb 2011', '10 weeks', 'bounded', 'weight recorded')
>>> print(table.to_markdown(columns=("number", "display", "age", "event")))
| No. | Date | Age | Event |
| --- | --- | --- | --- |
| 1 | 1 Dec 2010 | birth | birth of Child S |
| 2 | 9–15 Feb 2011 | 10 weeks | health visit |
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from chronology import calendar as cal
from chronology.errors import ChronologyError, InvalidValue
from chronology.model import Excerpt, Interval, When

if TYPE_CHECKING:
    from pathlib import Path

    from chronology.case import Chronology, Event, Person

__all__ = [
    "Column",
    "COLUMNS",
    "PANEL",
    "Row",
    "Table",
    "build_table",
    "short_date",
    "short_when",
    "age_between",
    "age_range",
]

_Date = date  # a Row has a field called "date"

_MONTH = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DASH = "–"


@attrs.frozen
class Column:
    """One column of the table: its ``key`` (a :class:`Row` field), ``header`` and what it holds."""

    key: str
    header: str
    help: str


COLUMNS: tuple[Column, ...] = (
    Column("number", "No.", "place in resolved order, from 1"),
    Column("display", "Date", "short display date, never more precise than the bounds"),
    Column("date", "Date (EDTF)", "the event's (or, for a period, its start's) days in ISO 8601-2 (EDTF) form"),
    Column("end", "End (EDTF)", "for a period, the days its end can fall on"),
    Column("earliest", "Earliest", "the first day the event can have happened on (ISO)"),
    Column("latest", "Latest", "the last day the event can have happened on (ISO)"),
    Column("age", "Age", "the subject's age at the time, as a range, where their birth is placed"),
    Column("agency", "Agency", "the agency (or agencies) that recorded the event"),
    Column("author", "Author", "who recorded it, where known"),
    Column("recorded", "Recorded", "when it was recorded, where known"),
    Column("event", "Event", "the event, as a brief factual note"),
    Column("significance", "Significance", "significance or impact on the child, where the record says it"),
    Column("action", "Action", "action taken, or why none, where the record says it"),
    Column("outcome", "Outcome", "outcome, where the record says it"),
    Column("as_written", "As written", "the words that dated the event"),
    Column("readings", "Readings", "every reading of those words that survives, as day ranges"),
    Column("people", "People", "the people the event involves"),
    Column("source", "Source", "where it was read: document and paragraph or line, or the agency table's row"),
    Column("certainty", "Certainty", "exact / bounded / two readings / in conflict / undated"),
    Column("because", "Because", "the statements that fixed the bounds (and, in conflict, those that clash)"),
    Column("kind", "Kind", "what sort of event (birth, death, referral, visit...) where known"),
)
"""Every column, in the order exports write them."""

PANEL: tuple[str, ...] = (
    "number",
    "display",
    "age",
    "agency",
    "event",
    "significance",
    "action",
    "outcome",
    "as_written",
    "source",
    "certainty",
)
"""The columns a review panel reads (HTML, Markdown and Word); CSV, JSON and Excel write them all."""

_KEYS = frozenset(c.key for c in COLUMNS)
_HEADERS = {c.key: c.header for c in COLUMNS}


@attrs.frozen
class Row:
    """One event of the chronology as a row of plain values.

    Text fields are ``""`` where nothing is known; ``earliest``/``latest`` are
    ``None`` where that side is open.
    """

    number: int
    display: str
    date: str
    end: str
    earliest: _Date | None
    latest: _Date | None
    age: str
    agency: str
    author: str
    recorded: str
    event: str
    significance: str
    action: str
    outcome: str
    as_written: str
    readings: tuple[Interval, ...]
    people: tuple[str, ...]
    source: str
    certainty: str
    _because: tuple[str, ...] | Callable[[], tuple[str, ...]] = attrs.field(eq=False, repr=False)
    kind: str = ""

    @property
    def because(self) -> tuple[str, ...]:
        """The statements that fixed the bounds (asked of the solver the first time it is read)."""
        value = self._because
        if callable(value):
            value = value()
            object.__setattr__(self, "_because", value)
        return value

    def cell(self, key: str) -> str:
        """The field ``key`` as text: dates in ISO form, lists joined with ``"; "``.

        >>> row = Row(1, "Jun 2011", "2011-06", "", date(2011, 6, 1), date(2011, 6, 30), "", "police", "", "",
        ...           "visit", "", "", "", "early summer 2011", (Interval.month(2011, 6),), ("Mother S",),
        ...           "", "bounded", (), "")
        >>> row.cell("earliest"), row.cell("readings"), row.cell("people")
        ('2011-06-01', '2011-06-01..2011-06-30', 'Mother S')
        """
        value = self.value(key)
        if value is None:
            return ""
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, tuple):
            if key == "readings":
                return " | ".join(_range(r) for r in value)
            return "; ".join(str(v) for v in value)
        return str(value)

    def value(self, key: str) -> Any:
        """The field ``key`` as it is (a ``date``, ``int``, tuple or text)."""
        if key not in _KEYS:
            raise InvalidValue(f"a chronology table has no column {key!r} (columns: {', '.join(_HEADERS)})")
        return getattr(self, key)


@attrs.frozen
class Table:
    """The rows of a chronology in resolved order, with a ``title``.

    A ``Table`` shows itself as HTML in Jupyter, and writes Markdown, CSV,
    JSON, Excel and Word (:meth:`write`; Excel needs ``openpyxl`` and Word
    ``python-docx``: ``pip install 'chronology[xlsx,docx]'``).

    >>> from chronology import Case
    >>> case = Case()
    >>> _ = case.event("referral", "early summer 2011", agency="police")
    >>> table = case.solve().table()
    >>> len(table), table[0].display, table.column("agency")
    (1, 'Jun 2011', ('police',))
    """

    rows: tuple[Row, ...]
    title: str = ""
    conflicts: tuple[tuple[str, ...], ...] = ()

    columns = COLUMNS

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __getitem__(self, index: int) -> Row:
        return self.rows[index]

    def column(self, key: str) -> tuple[Any, ...]:
        """Every row's value of the column ``key``."""
        _check_columns((key,))
        return tuple(row.value(key) for row in self.rows)

    def records(self, columns: Sequence[str] | None = None) -> list[dict[str, str]]:
        """The rows as ``{header: text}`` dictionaries (all columns unless ``columns`` names some)."""
        keys = _check_columns(columns)
        return [{_HEADERS[k]: row.cell(k) for k in keys} for row in self.rows]

    # -- text forms ----------------------------------------------------------
    def to_markdown(self, columns: Sequence[str] | None = PANEL) -> str:
        """A Markdown (GitHub) table of ``columns`` (default: :data:`PANEL`)."""
        from chronology.render.export import markdown

        return markdown(self, _check_columns(columns))

    def to_csv(self, columns: Sequence[str] | None = None) -> str:
        """CSV text with a header row (all columns unless ``columns`` names some)."""
        from chronology.render.export import csv_text

        return csv_text(self, _check_columns(columns))

    def to_json(self, columns: Sequence[str] | None = None) -> str:
        """JSON ``{"title", "columns", "rows", "conflicts"}``; rows keyed by column (dates ISO, lists as arrays)."""
        from chronology.render.export import json_text

        return json_text(self, _check_columns(columns))

    def to_html(self, columns: Sequence[str] | None = PANEL) -> str:
        """An HTML ``<table>`` of ``columns``; the date cell's tooltip says which statements fixed it."""
        from chronology.render.export import html_table

        return html_table(self, _check_columns(columns))

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_pandas(self, columns: Sequence[str] | None = None) -> Any:
        """A ``pandas.DataFrame`` of the rows (needs pandas); dates stay ``datetime.date``."""
        try:
            import pandas
        except ImportError:
            raise ChronologyError("to_pandas() needs pandas: pip install pandas") from None
        keys = _check_columns(columns)
        return pandas.DataFrame([[row.value(k) for k in keys] for row in self.rows], columns=list(keys))

    # -- files -----------------------------------------------------------------
    def write(self, path: str | Path, columns: Sequence[str] | None = None) -> Path:
        """Write the table to ``path``, in the format its suffix names.

        ``.md`` Markdown, ``.csv``, ``.json``, ``.html``, ``.xlsx`` (openpyxl)
        or ``.docx`` (python-docx).  ``columns`` defaults to every column for
        CSV, JSON and Excel and to the panel's (:data:`PANEL`) for the others.
        Returns the path written.
        """
        from chronology.render.export import write_table

        return write_table(self, path, None if columns is None else _check_columns(columns))

    def to_xlsx(self, path: str | Path, columns: Sequence[str] | None = None) -> Path:
        """Write an Excel workbook (needs openpyxl: ``pip install 'chronology[xlsx]'``)."""
        from chronology.render.export import xlsx

        return xlsx(self, path, _check_columns(columns))

    def to_docx(self, path: str | Path, columns: Sequence[str] | None = PANEL) -> Path:
        """Write a Word document for a review panel (needs python-docx: ``pip install 'chronology[docx]'``)."""
        from chronology.render.export import docx

        return docx(self, path, _check_columns(columns))

    def __str__(self) -> str:
        return self.to_markdown()


def _check_columns(columns: Sequence[str] | None) -> tuple[str, ...]:
    if columns is None:
        return tuple(c.key for c in COLUMNS)
    if isinstance(columns, str) or not all(isinstance(c, str) for c in columns):
        raise InvalidValue(f"columns must be a sequence of column keys, not {columns!r}")
    unknown = [c for c in columns if c not in _KEYS]
    if unknown:
        raise InvalidValue(f"a chronology table has no column {unknown[0]!r} (columns: {', '.join(_HEADERS)})")
    if not columns:
        raise InvalidValue("a table needs at least one column")
    return tuple(columns)


# -- building the table ---------------------------------------------------------------


def listed(chronology: Chronology, *, background: bool = False) -> tuple[Event, ...]:
    """The events a table lists, in its rows' order (which also numbers the timeline's bars).

    That is ``chronology.events`` (the resolved order), except that events
    nothing dates at all come last, as "undated", where a panel looks for them;
    a person's birth which nothing dates or mentions (a parent named in passing)
    is left out; and so, unless ``background`` is true, are events the reader
    marked as the review's background rather than the case (policy, services in
    general, the review's own process, plans: ``event.detail("background")``
    says which; they stay in ``chronology.events`` and their words in
    ``chronology.mentions``).
    """
    events = [
        e
        for e in chronology.events
        if not (e.kind == "birth" and e.words is None and _undated(chronology.bounds(e)))
        and (background or e.detail("background") is None)
    ]
    undated = [e for e in events if _undated(chronology.bounds(e))]
    if not undated:
        return tuple(events)
    return tuple(e for e in events if not _undated(chronology.bounds(e))) + tuple(undated)


def build_table(chronology: Chronology, *, background: bool = False) -> Table:
    """The table of a solved chronology (what ``Chronology.table()`` returns): a row for each
    event :func:`listed` lists."""
    events = listed(chronology, background=background)
    clashing = _clashing(chronology)
    explainer = _Explainer(chronology)
    places = _Places(chronology.text, chronology.source)
    subject = chronology.subject
    birth = subject.birth if subject is not None else None
    born = chronology.bounds(birth) if birth is not None else None
    days = _days_from(birth, chronology, events) if birth is not None else {}
    died = _died(chronology, subject)
    rows = []
    for number, event in enumerate(events, start=1):
        rows.append(_row(chronology, event, number, clashing, explainer, places, birth, born, days, died))
    conflicts = tuple(tuple(str(s) for s in conflict) for conflict in chronology.conflicts)
    return Table(tuple(rows), _title(chronology), conflicts)


def _title(chronology: Chronology) -> str:
    if chronology.subject is not None:
        return f"Chronology: {chronology.subject.name}"
    return f"Chronology: {chronology.source}" if chronology.source else "Chronology"


def _clashing(chronology: Chronology) -> dict[int, list[str]]:
    """Events named by a conflict or a set-aside statement -> the statements, as text."""
    found: dict[int, list[str]] = {}
    for statements in (*chronology.conflicts, chronology.set_aside):
        for statement in statements:
            for event in statement.events:
                said = found.setdefault(id(event), [])
                if str(statement) not in said:
                    said.append(str(statement))
    return found


def _row(
    chronology: Chronology,
    event: Event,
    number: int,
    clashing: dict[int, list[str]],
    explainer: _Explainer,
    places: _Places,
    birth: Event | None,
    born: Interval | None,
    days: dict[int, tuple[int | None, int | None]],
    died: date | None = None,
) -> Row:
    when = chronology.when(event)
    bounds = chronology.bounds(event)
    start = end = None
    if not event.is_instant:
        start, end = chronology.start(event), chronology.end(event)
    hedged = _hedged(when.text)
    if start is not None and end is not None:
        display = _period(start, end)
        date_form = start.to_edtf() if start.is_bounded else ""
        end_form = end.to_edtf() if end.is_bounded else ""
    else:
        display = short_when(when, hedged=hedged)
        date_form = "" if _undated(bounds) else (when.to_edtf() or " | ".join(r.to_edtf() for r in when.readings))
        end_form = ""
    conflict = clashing.get(id(event))
    because = tuple(conflict) if conflict else () if _undated(bounds) else explainer.of(event)
    details = dict(event.details)
    agencies = details.get("agencies") or event.agency or ""
    return Row(
        number=number,
        display=display,
        date=date_form,
        end=end_form,
        earliest=bounds.earliest,
        latest=bounds.latest,
        age="after death"
        if died is not None and bounds.earliest is not None and bounds.earliest > died
        else _age(chronology, event, birth, born, days),
        agency=agencies,
        author=details.get("author", ""),
        recorded=details.get("recorded", ""),
        event=event.description,
        significance=details.get("significance", ""),
        action=details.get("action", ""),
        outcome=details.get("outcome", ""),
        as_written=details.get("date as written") or "; ".join(w.text for w in chronology.placed_by(event)),
        readings=() if _undated(bounds) else when.readings,
        people=tuple(p.name for p in event.people),
        source=places.describe(event.source if event.source is not None else event.words),
        certainty=_certainty(chronology, event, when, bounds, start, end, conflict is not None),
        because=because,
        kind=event.kind or "",
    )


class _Explainer:
    """Which statements fixed each event's bounds, asked only when a row's ``because`` is read.

    An event that no statement links to another is fixed by its own statements
    alone, which are known without asking the solver; for the others the solver
    explains (``Chronology.explain``), which is the costly part of a large table.
    """

    def __init__(self, chronology: Chronology) -> None:
        self.chronology = chronology
        self.own: dict[int, list[str]] = {}
        self.linked: dict[int, Event] = {}
        self.explained: dict[int, tuple[str, ...]] | None = None
        aside = set(chronology.set_aside)
        for statement in chronology.case.statements:
            if statement in aside:
                continue
            if len(statement.events) == 1:
                self.own.setdefault(id(statement.events[0]), []).append(str(statement))
            else:
                self.linked.update((id(e), e) for e in statement.events)

    def of(self, event: Event) -> tuple[str, ...] | Callable[[], tuple[str, ...]]:
        if id(event) not in self.linked:
            return tuple(self.own.get(id(event), ()))
        return lambda: self.explain(event)

    def explain(self, event: Event) -> tuple[str, ...]:
        """The statements behind ``event``'s bounds: the first row read asks the solver for every
        linked event at once (``Chronology.explanations``), so reading them all stays linear."""
        if self.explained is None:
            try:
                found = self.chronology.explanations(self.linked.values())
            except ChronologyError:  # the case changed after this solve: the bounds stand, the chains cannot be asked
                found = ()
            self.explained = {id(x.event): tuple(str(s) for s in x.statements) for x in found}
        return self.explained.get(id(event), ())


def _undated(bounds: Interval) -> bool:
    return bounds.earliest is None and bounds.latest is None


def _certainty(
    chronology: Chronology,
    event: Event,
    when: When,
    bounds: Interval,
    start: Interval | None,
    end: Interval | None,
    in_conflict: bool,
) -> str:
    if in_conflict:
        return "in conflict"
    if _undated(bounds):
        return "undated"
    if when.is_ambiguous:
        n = len(when.readings)
        return f"{_NUMBER_WORDS.get(n, str(n))} readings"
    days = (start.days, end.days) if start is not None and end is not None else (bounds.days,)
    return "exact" if all(n == 1 for n in days) else "bounded"


_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}

# Words that hedge a date: "c." is shown only where the words themselves hedge.
_HEDGE = re.compile(
    r"\b(?:about|around|approx(?:imately|\.)?|circa|c\.|ca\.|roughly|or so|estimated|est\.)(?=\W|$)"
    r"|\(approx|\?",
    re.IGNORECASE,
)


def _hedged(words: str) -> bool:
    return bool(words) and _HEDGE.search(words) is not None


# -- display dates ------------------------------------------------------------------------


def short_when(when: When, *, hedged: bool = False) -> str:
    """A short display date for a When: its readings joined by "or", "c." only for hedged words.

    >>> from chronology import parse_when
    >>> short_when(parse_when("early winter 2010"))
    'Dec 2010 or Dec 2009'
    >>> short_when(When.of(Interval.month(2011, 6)), hedged=True)
    'c. Jun 2011'
    """
    if len(when.readings) == 1 and hedged:
        centre = _centre_unit(when.readings[0])
        if centre is not None:
            return f"c. {centre}"
    return " or ".join(short_date(r) for r in when.readings)


def _centre_unit(reading: Interval) -> str | None:
    """The calendar month (or year) at the middle of ``reading``, if it lies wholly inside it.

    "c. Jun 2011" names the period the hedged words are about; where no such
    period fits inside the bounds, the plain bounds are shown instead.
    """
    if reading.earliest is None or reading.latest is None:
        return None
    middle = reading.earliest + (reading.latest - reading.earliest) / 2
    if (reading.latest - reading.earliest).days <= 124:
        month = Interval.month(middle.year, middle.month)
        if reading.covers(month):
            return f"{_MONTH[middle.month - 1]} {middle.year}"
    year = Interval.year(middle.year)
    if (reading.latest - reading.earliest).days <= 3 * 366 and reading.covers(year):
        return str(middle.year)
    return None


def short_date(interval: Interval) -> str:
    """A short honest form of day bounds: the shortest words that say exactly these days.

    >>> short_date(Interval(date(2011, 2, 9), date(2011, 2, 15)))
    '9–15 Feb 2011'
    >>> short_date(Interval(date(2011, 2, 9), date(2011, 3, 17)))
    '9 Feb – 17 Mar 2011'
    >>> short_date(Interval.months(2011, 6, 3)), short_date(Interval.months(2010, 12, 3))
    ('Jun – Aug 2011', 'Dec 2010 – Feb 2011')
    >>> short_date(Interval(date(2013, 5, 4), None)), short_date(Interval(None, date(2009, 2, 28)))
    ('after 3 May 2013', 'before Mar 2009')
    >>> short_date(Interval(None, None))
    'undated'
    """
    first, last = interval.earliest, interval.latest
    if first is None and last is None:
        return "undated"
    if last is None:
        assert first is not None
        return f"after {_before_day(first)}"
    if first is None:
        return f"before {_after_day(last)}"
    if first == last:
        return _day(first)
    if first.day == 1 and last == cal.month_end(last):
        if first.month == 1 and last.month == 12:
            return str(first.year) if first.year == last.year else f"{first.year} {_DASH} {last.year}"
        if (first.year, first.month) == (last.year, last.month):
            return _month(first)
        if first.year == last.year:
            return f"{_MONTH[first.month - 1]} {_DASH} {_month(last)}"
        return f"{_month(first)} {_DASH} {_month(last)}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{_DASH}{last.day} {_month(first)}"
    if first.year == last.year:
        return f"{first.day} {_MONTH[first.month - 1]} {_DASH} {_day(last)}"
    return f"{_day(first)} {_DASH} {_day(last)}"


def _period(start: Interval, end: Interval) -> str:
    """A period's display: where its start and end can fall ("May – Aug 2016 to Feb 2017")."""
    if _undated(start) and _undated(end):
        return "undated"
    if start.days == 1 and end.days == 1:
        assert start.earliest is not None and end.latest is not None
        return short_date(Interval(start.earliest, end.latest))
    if start.latest is None or end.earliest is None or start.latest >= end.earliest:
        # where it started and where it ended are not told apart: the days it lies within
        return short_date(Interval(start.earliest, end.latest))
    return f"{short_date(start)} to {short_date(end)}"


def _before_day(first: date) -> str:
    """What an open-ended "after ..." names: the unit just before ``first``."""
    if first.day == 1:
        if first.month == 1:
            return str(first.year - 1)
        return _month(first - timedelta(days=1))
    return _day(first - timedelta(days=1))


def _after_day(last: date) -> str:
    """What an open-started "before ..." names: the unit just after ``last``."""
    if last == cal.month_end(last):
        if last.month == 12:
            return str(last.year + 1)
        return _month(last + timedelta(days=1))
    return _day(last + timedelta(days=1))


def _day(day: date) -> str:
    return f"{day.day} {_MONTH[day.month - 1]} {day.year}"


def _month(day: date) -> str:
    return f"{_MONTH[day.month - 1]} {day.year}"


def _range(reading: Interval) -> str:
    first = "" if reading.earliest is None else reading.earliest.isoformat()
    last = "" if reading.latest is None else reading.latest.isoformat()
    return f"{first}..{last}"


# -- ages ---------------------------------------------------------------------------------


def _days_from(
    birth: Event, chronology: Chronology, events: Sequence[Event]
) -> dict[int, tuple[int | None, int | None]]:
    """id(event) -> the days from ``birth`` to the event's start (fewest) and end (most), for the
    events that statements link to the birth, directly or through other events ("when he was ten
    weeks old", "the following day"): the solver gives them for all such events in one search
    (``Chronology.differences``).  For the others nothing but their dates relates them, so the
    two events' bounds give exactly the same days without a search."""
    tied = _linked_to(birth, chronology)
    linked = [e for e in events if id(e) in tied and e is not birth]
    spans = [e for e in linked if not e.is_instant]
    try:
        starts = chronology.differences(birth, linked)
        ends = chronology.differences(birth, spans, b_point="end")
    except ChronologyError:  # a stale solve: the solver cannot be asked, the bounds still hold
        return {}
    days = {id(e): found for e, found in zip(linked, starts, strict=True)}
    for e, (_, hi) in zip(spans, ends, strict=True):
        days[id(e)] = (days[id(e)][0], hi)
    return days


def _age(
    chronology: Chronology,
    event: Event,
    birth: Event | None,
    born: Interval | None,
    days: dict[int, tuple[int | None, int | None]],
) -> str:
    """The subject's age at the event: from the days between birth and event the statements allow
    (``days``, from :func:`_days_from`; else the two events' bounds)."""
    if birth is None or born is None:
        return ""
    if event is birth:
        return "birth"
    bounds = chronology.bounds(event)
    lo, hi = days.get(id(event), (None, None))
    if lo is None and bounds.earliest is not None and born.latest is not None:
        lo = (bounds.earliest - born.latest).days
    if hi is None and bounds.latest is not None and born.earliest is not None:
        hi = (bounds.latest - born.earliest).days
    if lo is None or hi is None:
        return ""
    return age_between(lo, hi, born, bounds)


def _died(chronology: Chronology, subject: Person | None) -> date | None:
    """The last day the subject's death may fall on (``None`` if the case holds no dated death of theirs):
    an event surely after it has no age."""
    if subject is None:
        return None
    for event in chronology.events:
        if event.kind == "death" and (subject in event.people or event.description == f"death of {subject.name}"):
            return chronology.bounds(event).latest
    return None


def _linked_to(birth: Event, chronology: Chronology) -> frozenset[int]:
    """Events that statements link to ``birth``, directly or through others (a union-find over statements)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for statement in chronology.case.statements:
        ids = [id(e) for e in statement.events]
        for one in ids:
            parent.setdefault(one, one)
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])
    home = find(id(birth))
    return frozenset(x for x in list(parent) if find(x) == home)


def age_between(lo: int, hi: int, born: Interval, when: Interval | None = None) -> str:
    """An age as a range, from ``lo`` to ``hi`` days after a birth that fell within ``born``.

    Ages are completed units, as people state them, counted from every birth
    day ``born`` allows (and, where given, every day ``when`` the event
    allows), so that the range is always true.

    >>> born = Interval.on(date(2010, 12, 1))
    >>> age_between(70, 76, born), age_between(120, 160, born), age_between(850, 880, born)
    ('10 weeks', '3–5 months', '2 years 3 months – 2 years 4 months')
    >>> age_between(-30, -2, born), age_between(-30, 20, born)
    ('before birth', 'before birth – 2 weeks')
    >>> age_between(3000, 3400, Interval.year(2010))
    '8–9 years'
    """
    if hi < 0:
        return "before birth"
    low, high, unit = age_range(max(lo, 0), hi, born, when)
    if unit == "month" and high >= 24:
        first, last = _years_months(low), _years_months(high)
        if lo < 0:
            return f"before birth {_DASH} {last}"
        return first if first == last else f"{first} {_DASH} {last}"
    if lo < 0:
        return f"before birth {_DASH} {_units(high, unit)}"
    return _units(high, unit) if low == high else f"{low}{_DASH}{high} {unit}s"


def age_range(lo: int, hi: int, born: Interval, when: Interval | None = None) -> tuple[int, int, str]:
    """The fewest and most completed units of age, and the unit, ``lo`` to ``hi`` days after a birth in ``born``
    (and, where ``when`` is given, on a day in ``when``).

    The unit follows the age, as chronologies write it: days up to two weeks,
    weeks up to thirteen, months up to five years, then years.

    >>> age_range(70, 76, Interval.on(date(2010, 12, 1)))
    (10, 10, 'week')
    >>> born = Interval(date(2016, 12, 2), date(2017, 1, 31))
    >>> age_range(335, 425, born), age_range(335, 425, born, Interval.month(2018, 1))
    ((11, 14, 'month'), (11, 13, 'month'))
    """
    if lo < 0 or hi < lo:
        raise InvalidValue(f"an age runs from 0 or more days to no fewer, not {lo}..{hi}")
    if hi < 14:
        return lo, hi, "day"
    if hi < 91:
        return lo // 7, hi // 7, "week"
    low, high = _months(lo, born, when, upper=False), _months(hi, born, when, upper=True)
    if high >= 60:
        return low // 12, high // 12, "year"
    return low, high, "month"


def _units(n: int, unit: str) -> str:
    return f"{n} {unit}" + ("" if n == 1 else "s")


def _years_months(months: int) -> str:
    years, rest = divmod(months, 12)
    if not years:
        return _units(rest, "month")
    text = f"{years} year" + ("" if years == 1 else "s")
    if rest:
        text += f" {rest} month" + ("" if rest == 1 else "s")
    return text


def _months(days: int, born: Interval, when: Interval | None, *, upper: bool) -> int:
    """Completed months at ``days`` after a birth in ``born`` (the event in ``when``): the fewest or the most."""
    first, last = born.earliest, born.latest
    if first is not None and last is not None and (last - first).days <= _BIRTH_DAYS_COUNTED:
        edge = None if when is None else (when.latest if upper else when.earliest)
        start = first.toordinal()
        bound = None if edge is None else edge.toordinal()
        day_of = date.fromordinal
        counts = []
        for born_on in range(start, last.toordinal() + 1):
            reached = born_on + days
            if bound is not None and (reached > bound if upper else reached < bound):
                reached = bound  # the event cannot be later (earlier) than its own bounds
            counts.append(_completed_months(day_of(born_on), day_of(reached)))
        return max(counts) if upper else min(counts)
    # A birth known less well: a month of days is 28 to 31 of them, a year 365 or 366, whatever the day.
    months = days // 28 + 1
    side = 0 if upper else 1
    while months > 0 and cal.shift_day_range(months, 0)[side] > days:
        months -= 1
    return months


# Up to this many days of uncertainty in a birth, ages are counted from each possible birth day.
_BIRTH_DAYS_COUNTED = 92


def _completed_months(birth: date, reached: date) -> int:
    """Whole calendar months from ``birth`` to ``reached`` (a month from 31 January ends on the last
    day of February, as ``calendar.add_months`` clamps it)."""
    months = (reached.year - birth.year) * 12 + reached.month - birth.month
    if months > 0 and min(birth.day, cal.days_in_month(reached.year, reached.month)) > reached.day:
        months -= 1  # the same day ``months`` months on (clamped to the month's end) is after ``reached``
    return max(months, 0)


# -- sources -------------------------------------------------------------------------------

_PARAGRAPH = re.compile(r"\s*(\d{1,3}(?:\.\d{1,3})+)\.?\s")


class _Places:
    """Where words stand in the chronology's text: its numbered paragraph, or its line."""

    def __init__(self, text: str | None, name: str | None) -> None:
        self.text = text
        self.name = name
        self._lines: list[int] | None = None

    def describe(self, source: Excerpt | str | None) -> str:
        if source is None:
            return ""
        if isinstance(source, str):
            return source
        document = source.document or self.name or ""
        text = self.text
        if text is None or (source.document is not None and self.name is not None and source.document != self.name):
            if source.document is None:
                return ""  # words given without a document: their offsets say nowhere
            return f"{document}, characters {source.start}{_DASH}{source.end}"
        if self._lines is None:
            self._lines = [i for i, c in enumerate(text) if c == "\n"]
        start = source.start
        while start < len(text) - 1 and start < source.start + 8 and text[start].isspace():
            start += 1  # words that begin with a line break stand on the next line
        line = bisect.bisect_right(self._lines, start - 1)  # 0-based line index
        paragraph = self._paragraph(line)
        where = f"para {paragraph}" if paragraph else f"line {line + 1}"
        return f"{document}, {where}" if document else where

    def _paragraph(self, line: int) -> str | None:
        """The number of the numbered paragraph holding ``line``: its own start or the nearest above, within the
        paragraph (no blank line between)."""
        assert self.text is not None and self._lines is not None
        for index in range(line, max(-1, line - 60), -1):
            begin = 0 if index == 0 else self._lines[index - 1] + 1
            stop = self._lines[index] if index < len(self._lines) else len(self.text)
            content = self.text[begin:stop]
            found = _PARAGRAPH.match(content + " ")
            if found:
                return found.group(1)
            if not content.strip() and index != line:
                return None
        return None
