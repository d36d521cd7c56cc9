"""The timeline: one lane per agency, every event drawn exactly as uncertain as its dates.

:func:`layout` works out what goes where (lanes, rows, bars, labels, gaps,
birth and death lines, the age axis) from a solved
:class:`~chronology.Chronology`, with no drawing library involved; :func:`draw`
puts a layout on a matplotlib ``Axes``; :func:`plot` (what
:meth:`Chronology.plot <chronology.Chronology.plot>` calls) does both on a new
figure or on the ``Axes`` it is given.  ``import chronology`` does not import
this module, nor matplotlib: they load when something is plotted.

How an event is drawn:

- a pale band from its earliest possible day to its latest, with a tick at
  each end: the event falls (or runs) somewhere in there;
- a solid bar over the days it *surely* covers (an event with a length whose
  latest possible start comes before its earliest possible end);
- a diamond where the day is known exactly;
- hatched boxes, apart, for the readings of words that are still ambiguous
  ("winter 2010": Dec 2010 – Feb 2011 or Dec 2009 – Feb 2010);
- an arrow where a bound is open (or beyond the view);
- a red outline, red label, and a dashed red link for events named by a
  statement that conflicts with the others.

Births and deaths are lines across every lane (bands where the day is not
known); grey stretches are where no agency shown could have been in contact
for longer than ``gap``; the top axis counts the subject's age.

>>> from datetime import date
>>> from chronology import Case
>>> case = Case()
>>> child = case.person("Child A", born=date(2012, 3, 1))
>>> _ = case.event("new birth visit", "when she was twelve days old", agency="health visiting")
>>> _ = case.event("referral", "September 2012", agency="police")
>>> timeline = layout(case.solve())
>>> [lane.name for lane in timeline.lanes]
['health visiting', 'police']
>>> [(str(g.days), g.length) for g in timeline.gaps]
[('14 Mar 2012 – 31 Aug 2012', 'over 5 months')]
"""

from __future__ import annotations

import heapq
import textwrap
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

import attrs

from chronology.case import Chronology, Event, Person, Statement
from chronology.errors import InvalidValue
from chronology.model import Count, Interval, When

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "Bar",
    "Lane",
    "Line",
    "Gap",
    "Timeline",
    "layout",
    "draw",
    "plot",
    "figure",
    "figure_of",
    "rows_order",
    "DEFAULT_GAP",
]

LabelMode = Literal["auto", "text", "numbers", "none"]
Days = tuple[int, int]  # first and last day, as ordinals, both included
Colour = tuple[float, float, float, float]

DEFAULT_GAP = 90
"""Days without possible contact after which a stretch is shaded (about three months)."""

NO_AGENCY = "agency not named"
_LINES = ("birth", "death")  # kinds of event drawn as lines across every lane

# Labels: the widest text label, when text gives way to numbers, and when to label nothing.
_LABEL_CHARS = 48
_TEXT_MAX_BARS = 60
_TEXT_MAX_ROWS = 40
_NUMBER_MAX_BARS = 500
_KEY_MAX = 160
_LANE_MAX_ROWS = 60  # beyond this a lane's bars share rows (a crowd too big to label)

# Sizes, in inches and points.
_FIG_WIDTH = 12.0
_LEFT, _RIGHT, _TOP, _BOTTOM = 1.8, 0.35, 1.05, 1.35
_ROW_IN = {"text": 0.27, "numbers": 0.22, "none": 0.16}  # a row's height, by what labels it
_MAX_ROWS_IN = 30.0
_FONT = 7.5
_CHAR_IN = 0.56 * _FONT / 72  # a character's mean width
_KEY_LINE_IN = 0.16
_NOTE_ROWS = 4  # rows of words under the date axis
_NOTE_ROW_PT = 10
_NOTE_CHAR_IN = 0.56 * 6.5 / 72
_KEY_COLUMNS = 3

_BIRTH_COLOUR = "#1b7837"
_DEATH_COLOUR = "#222222"
_CONFLICT_COLOUR = "#d7191c"
_GAP_COLOUR = "#9e9e9e"
_NEUTRAL = "#555555"
_DAYS_PER_MONTH = 365.2425 / 12
_OUTLIERS_FROM = 8  # events before far-off ones are left out of the default view
_OUTLIER_SPREADS = 3  # how far off: beyond three interquartile spreads (at least a year each) of the middles
_AGE_SPREAD = 92  # an age axis counts from a birth known to within about a season either way


# -- the layout: plain values ------------------------------------------------------------


@attrs.frozen
class Lane:
    """One agency's lane: its place, rows ``[first_row, first_row + rows)`` and colour.

    ``colour`` numbers the agency among all the chronology's (in order of first
    contact), so that an agency keeps its colour whichever lanes are shown.
    """

    name: str
    index: int
    first_row: int
    rows: int
    colour: int


@attrs.frozen
class Bar:
    """One event as drawn: where, how sure, and its label.

    ``first``/``last`` are the envelope's days (ordinals) cut to the view;
    ``open_before``/``open_after`` say a bound is open or was cut.  ``core``
    is the stretch the event surely covers, ``readings`` its surviving
    readings when there are several, ``exact`` whether it is known to the day.
    ``number`` is the event's row in the table (1-based; see :func:`rows_order`).
    The label is anchored at ``label_x`` on ``label_side``.
    """

    event: Event
    number: int
    lane: int
    row: int
    first: int
    last: int
    open_before: bool
    open_after: bool
    core: Days | None
    readings: tuple[Days, ...]
    exact: bool
    conflict: bool
    label: str
    label_x: float
    label_side: Literal["right", "left"]


@attrs.frozen
class Line:
    """A birth or death: a line across every lane (a band from ``first`` to ``last`` if not known to the day).

    ``readings``, where the words still allow several, are drawn as bands apart.
    """

    event: Event
    kind: str
    first: int
    last: int
    label: str
    conflict: bool
    readings: tuple[Days, ...] = ()


@attrs.frozen
class Gap:
    """A stretch of ``days`` on which no event shown could have happened."""

    days: Interval
    length: str


@attrs.frozen
class Note:
    """Words under the date axis, centred on day ``x`` (an ordinal) in row ``row``: a gap's length or a line's name."""

    x: float
    text: str
    kind: str
    row: int


@attrs.frozen
class Age:
    """The person whose age the top axis counts, and the bounds of their birth (ordinals)."""

    name: str
    first: int
    last: int


@attrs.frozen
class Timeline:
    """Everything the timeline shows, worked out before anything is drawn.

    ``view`` is the first and last day shown; ``rows`` the rows of all lanes;
    ``labels`` what the bars are labelled with (``text``, ``numbers`` or
    ``none``); ``age`` the person the top axis counts the age of, or ``None``
    with ``age_note`` saying why there is none; ``beyond`` the events outside
    the view (left out by ``since``/``until``, or far from all the others);
    ``notes`` the words under the date axis; ``unplaced`` the events shown nowhere because nothing bounds
    them; ``links`` pairs of bars joined by a statement set aside.
    """

    title: str
    lanes: tuple[Lane, ...]
    bars: tuple[Bar, ...]
    lines: tuple[Line, ...]
    gaps: tuple[Gap, ...]
    gap_days: int | None
    gap_words: str
    view: Days
    rows: int
    labels: Literal["text", "numbers", "none"]
    age: Age | None
    age_note: str
    beyond: tuple[Event, ...]
    notes: tuple[Note, ...]
    unplaced: tuple[Event, ...]
    links: tuple[tuple[Bar, Bar], ...]

    @property
    def key(self) -> tuple[tuple[int, str], ...]:
        """The numbers on the bars and what each stands for (when labelled by number)."""
        return tuple((bar.number, _key_text(bar.event)) for bar in sorted(self.bars, key=_by_number))


@attrs.frozen
class _Options:
    person: Person | None
    agencies: tuple[str, ...] | None
    since: int | None
    until: int | None
    gap: int | None
    gap_words: str
    labels: LabelMode


# -- public entry points ---------------------------------------------------------------


def plot(
    chronology: Chronology,
    ax: Axes | None = None,
    *,
    person: Person | str | None = None,
    agencies: Iterable[str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    gap: int | timedelta | str | Count | None = DEFAULT_GAP,
    labels: LabelMode = "auto",
) -> Axes:
    """Draw the timeline on ``ax`` (a new pyplot figure if ``None``) and return the Axes.

    ``person`` (a Person or name) is whose age the top axis counts (default
    the chronology's subject); ``agencies`` the lanes to show, in order
    (default every agency, by first contact); ``since`` / ``until`` (a date or
    a phrase such as ``"2017"``) the stretch shown; ``gap`` (days, a
    ``timedelta``, a phrase such as ``"three months"``, or ``None``) how long
    a stretch with no possible contact must be to be shaded; ``labels``
    ``"text"``, ``"numbers"`` (with a key below a new figure), ``"none"``, or
    ``"auto"`` (text while it fits, numbers when events crowd).
    """
    options = _options(chronology, person, agencies, since, until, gap, labels)
    if ax is None:
        import matplotlib.pyplot as plt

        timeline = _layout(chronology, options, _FIG_WIDTH - _LEFT - _RIGHT)
        made = plt.figure(figsize=_figure_size(timeline))
        return _compose(made, timeline)
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise InvalidValue(f"ax must be a matplotlib Axes or None, not {ax!r}")
    return draw(_layout(chronology, options, _axes_width(ax)), ax)


def figure(
    chronology: Chronology,
    *,
    person: Person | str | None = None,
    agencies: Iterable[str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    gap: int | timedelta | str | Count | None = DEFAULT_GAP,
    labels: LabelMode = "auto",
    key: bool = True,
) -> Figure:
    """The timeline on a figure of its own, outside pyplot (nothing to close; for files and reports).

    ``key=False`` leaves out the key to numbered bars (a report has the table beside it).
    """
    options = _options(chronology, person, agencies, since, until, gap, labels)
    return figure_of(_layout(chronology, options, _FIG_WIDTH - _LEFT - _RIGHT), key=key)


def figure_of(timeline: Timeline, *, key: bool = True) -> Figure:
    """A figure of its own for a timeline already laid out (at the standard width: see :func:`layout`)."""
    from matplotlib.figure import Figure

    made = Figure(figsize=_figure_size(timeline, key=key))
    _compose(made, timeline, key=key)
    return made


def layout(
    chronology: Chronology,
    *,
    person: Person | str | None = None,
    agencies: Iterable[str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    gap: int | timedelta | str | Count | None = DEFAULT_GAP,
    labels: LabelMode = "auto",
    width: float = _FIG_WIDTH - _LEFT - _RIGHT,
) -> Timeline:
    """What the timeline shows, as plain values (see :func:`plot` for the options).

    ``width`` is the width of the plotting area in inches, which decides how
    much room labels take.
    """
    if isinstance(width, bool) or not isinstance(width, (int, float)) or not 1 <= width <= 1000:
        raise InvalidValue(f"width must be the plotting area's width in inches (1 to 1000), not {width!r}")
    options = _options(chronology, person, agencies, since, until, gap, labels)
    return _layout(chronology, options, float(width))


# -- checking the options ----------------------------------------------------------------


def _options(
    chronology: object,
    person: object,
    agencies: object,
    since: object,
    until: object,
    gap: object,
    labels: object,
) -> _Options:
    if not isinstance(chronology, Chronology):
        raise InvalidValue(f"a timeline is drawn from a Chronology, not {chronology!r}")
    first = _day_option("since", since, earliest=True)
    last = _day_option("until", until, earliest=False)
    if first is not None and last is not None and first > last:
        raise InvalidValue(f"since ({date.fromordinal(first)}) is after until ({date.fromordinal(last)})")
    if labels not in ("auto", "text", "numbers", "none"):
        raise InvalidValue(f"labels must be 'auto', 'text', 'numbers' or 'none', not {labels!r}")
    return _Options(
        _person_option(chronology, person),
        _agencies_option(chronology, agencies),
        first,
        last,
        _gap_option(gap),
        f"{gap} ({_gap_option(gap)} days)" if isinstance(gap, str) else f"{_gap_option(gap)} days",
        labels,
    )


def _person_option(chronology: Chronology, person: object) -> Person | None:
    if person is None:
        return chronology.subject
    if isinstance(person, Person) and any(p is person for p in chronology.people):
        return person
    if isinstance(person, str):
        for someone in chronology.people:
            if someone.name.casefold() == person.strip().casefold():
                return someone
    known = ", ".join(repr(p.name) for p in chronology.people) or "none"
    raise InvalidValue(f"person must be one of the chronology's people ({known}), not {person!r}")


def _agencies_option(chronology: Chronology, agencies: object) -> tuple[str, ...] | None:
    if agencies is None:
        return None
    if isinstance(agencies, str) or not isinstance(agencies, Iterable):
        raise InvalidValue(f"agencies must be a list of agency names, not {agencies!r}")
    wanted = list(agencies)
    known = {_lane_name(e).casefold(): _lane_name(e) for e in chronology.events if e.kind not in _LINES}
    names: list[str] = []
    for name in wanted:
        if not isinstance(name, str):
            raise InvalidValue(f"agencies must be a list of agency names, not {agencies!r} (holding {name!r})")
        found = known.get(name.strip().casefold())
        if found is None:
            shown = ", ".join(repr(k) for k in known.values()) or "none"
            raise InvalidValue(f"no event of this chronology is from {name!r}; its agencies are: {shown}")
        if found not in names:
            names.append(found)
    return tuple(names)


def _day_option(name: str, value: object, *, earliest: bool) -> int | None:
    if value is None:
        return None
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value.toordinal()
    if isinstance(value, str):
        from chronology.phrases import parse_when

        when = parse_when(value)
        day = when.earliest if earliest else when.latest
        if day is None:
            raise InvalidValue(f"{name}={value!r} leaves the {'earliest' if earliest else 'latest'} day open")
        return day.toordinal()
    if isinstance(value, (When, Interval)):
        day = value.earliest if earliest else value.latest
        if day is not None:
            return day.toordinal()
    raise InvalidValue(f"{name} must be a date or a phrase such as '2017', not {value!r}")


def _gap_option(gap: object) -> int | None:
    if gap is None:
        return None
    if isinstance(gap, bool):
        raise InvalidValue(f"gap must be a number of days, a timedelta, a phrase or None, not {gap!r}")
    if isinstance(gap, int):
        if gap < 0:
            raise InvalidValue(f"gap must not be negative, not {gap!r}")
        return gap
    if isinstance(gap, timedelta):
        return _gap_option(gap.days)
    count: object = gap
    if isinstance(gap, str):
        from chronology.phrases import parse

        count = getattr(parse(gap), "count", None)
        if not isinstance(count, Count):
            raise InvalidValue(f"gap={gap!r} is not a length of time (expected e.g. 'three months')")
    if isinstance(count, Count):
        # A stretch "longer than three months" is longer than any reading of the words.
        low, high = count.day_range()
        return low if high is None else high
    raise InvalidValue(f"gap must be a number of days, a timedelta, a phrase or None, not {gap!r}")


# -- working out the layout ---------------------------------------------------------------


@attrs.define
class _Placed:
    """An event's days before it is cut to the view (ordinals; ``None``: open)."""

    event: Event
    number: int
    first: int | None
    last: int | None
    core: Days | None
    readings: tuple[Days, ...]
    exact: bool


def rows_order(chronology: Chronology) -> tuple[Event, ...]:
    """The events in the order of the table's rows, which number the timeline's bars.

    That is ``chronology.events`` (resolved order), with the events nothing
    dates moved to the end, and a birth that nothing dates or mentions (a
    parent named in passing) and the review's background left out, as
    ``chronology.table()`` lists them (:func:`chronology.render.table.listed`).
    """
    from chronology.render.table import listed

    return listed(chronology)


def _layout(chronology: Chronology, options: _Options, width: float) -> Timeline:
    events = chronology.events
    flagged, aside = _conflicted(chronology)
    placed: list[_Placed] = []
    lines_placed: list[_Placed] = []
    unplaced: list[Event] = []
    for number, event in enumerate(rows_order(chronology), start=1):
        if event.kind in _LINES:
            found = _place(chronology, event, number)
            if found.first is not None and found.last is not None:
                lines_placed.append(found)
            continue
        if options.agencies is not None and _lane_name(event) not in options.agencies:
            continue
        found = _place(chronology, event, number)
        if found.first is None and found.last is None:
            unplaced.append(event)
        else:
            placed.append(found)

    subject = options.person
    view = _view(placed, lines_placed, subject, options)
    beyond = tuple(p.event for p in placed if not _meets(p, view))
    placed = [p for p in placed if _meets(p, view)]
    names = options.agencies if options.agencies is not None else _lane_order(p.event for p in placed)
    lane_of = {name: i for i, name in enumerate(names)}
    everyone = _lane_order(e for e in events if e.kind not in _LINES)
    colour_of = {name: i for i, name in enumerate(everyone)}

    days_per_inch = (view[1] + 1 - view[0]) / max(width, 0.5)
    mode = _mode(options.labels, placed, lane_of, view, days_per_inch, flagged)
    bars, lanes, rows = _rows(placed, lane_of, names, view, days_per_inch, mode, flagged)
    lanes = tuple(attrs.evolve(lane, colour=colour_of.get(lane.name, len(colour_of) + lane.index)) for lane in lanes)
    gaps = _gaps(placed, view, options.gap)
    by_event = {id(bar.event): bar for bar in bars}
    links = tuple(
        (by_event[id(a)], by_event[id(b)])
        for statement in aside
        for a, b in zip(statement.events, statement.events[1:], strict=False)
        if id(a) in by_event and id(b) in by_event and a is not b
    )
    lines = tuple(
        Line(
            p.event,
            p.event.kind or "",
            max(p.first, view[0]),
            min(p.last, view[1]),
            p.event.description,
            id(p.event) in flagged,
            tuple((max(a, view[0]), min(b, view[1])) for a, b in p.readings if b >= view[0] and a <= view[1]),
        )
        for p in lines_placed
        if p.first is not None and p.last is not None and p.last >= view[0] and p.first <= view[1]
    )
    age, age_note = None, ""
    if subject is not None:
        birth = next((p for p in lines_placed if p.event is subject.birth), None)
        if birth is not None and birth.first is not None and birth.last is not None:
            if birth.readings:
                age_note = f"no age axis: the words leave {subject.name}'s birth with {len(birth.readings)} readings"
            elif birth.last - birth.first > 2 * _AGE_SPREAD:
                age_note = (
                    f"no age axis: {subject.name}'s birth is known only to {_length(birth.last - birth.first + 1)}"
                )
            else:
                age = Age(subject.name, birth.first, birth.last)
    return Timeline(
        title=_title(chronology, subject),
        lanes=lanes,
        bars=bars,
        lines=lines,
        gaps=gaps,
        gap_days=options.gap,
        gap_words=options.gap_words,
        view=view,
        rows=rows,
        labels=mode,
        age=age,
        age_note=age_note,
        beyond=beyond,
        notes=_notes(lines, gaps, view, days_per_inch),
        unplaced=tuple(unplaced),
        links=links,
    )


def _place(chronology: Chronology, event: Event, number: int) -> _Placed:
    start, end = chronology.start(event), chronology.end(event)
    first, last = _ordinal(start.earliest), _ordinal(end.latest)
    core = None
    sure_from, sure_to = _ordinal(start.latest), _ordinal(end.earliest)
    if not event.is_instant and sure_from is not None and sure_to is not None and sure_from <= sure_to:
        core = (sure_from, sure_to)
    exact = first is not None and first == last
    if exact:
        core = None
    readings: tuple[Days, ...] = ()
    when = chronology.when(event)
    if when.is_ambiguous:
        readings = tuple(
            (r.earliest.toordinal(), r.latest.toordinal())
            for r in when.readings
            if r.earliest is not None and r.latest is not None
        )
        if len(readings) < 2:
            readings = ()
    return _Placed(event, number, first, last, core, readings, exact)


def _conflicted(chronology: Chronology) -> tuple[set[int], tuple[Statement, ...]]:
    """Ids of the events any conflict names, and the statements set aside."""
    aside = chronology.set_aside
    flagged = {id(e) for conflict in chronology.conflicts for s in conflict for e in s.events}
    flagged |= {id(e) for s in aside for e in s.events}
    return flagged, aside


def _middle_day(p: _Placed) -> float:
    if p.first is not None and p.last is not None:
        return (p.first + p.last) / 2
    return float(p.first if p.first is not None else p.last if p.last is not None else 0)


def _view(placed: list[_Placed], lines: list[_Placed], subject: Person | None, options: _Options) -> Days:
    """The days shown: every event's, but for a few far from all the others (a parent's childhood, an
    event the text placed decades off), which would squeeze the rest into a corner."""
    kept = placed
    if len(placed) >= _OUTLIERS_FROM:
        middles = sorted(_middle_day(p) for p in placed)
        q1, q3 = middles[len(middles) // 4], middles[(3 * len(middles)) // 4]
        spread = max(q3 - q1, 365.0)
        low, high = q1 - _OUTLIER_SPREADS * spread, q3 + _OUTLIER_SPREADS * spread
        kept = [p for p in placed if low <= _middle_day(p) <= high]
    people = [p for p in lines if (subject is not None and p.event is subject.birth) or p.event.kind == "death"]
    finite = [d for p in kept + people for d in (p.first, p.last) if d is not None]
    if not finite:
        today = date(2000, 1, 1).toordinal()
        finite = [options.since or options.until or today]
    lo, hi = min(finite), max(finite)
    pad = max(15, (hi - lo) // 40)
    first = options.since if options.since is not None else lo - pad
    last = options.until if options.until is not None else hi + pad
    if last < first:  # only one of since/until given, and beyond every event
        first, last = (first, first + 2 * pad) if options.since is not None else (last - 2 * pad, last)
    return first, last


def _meets(p: _Placed, view: Days) -> bool:
    return (p.first is None or p.first <= view[1]) and (p.last is None or p.last >= view[0])


def _lane_name(event: Event) -> str:
    return event.agency if event.agency else NO_AGENCY


def _lane_order(events: Iterable[Event]) -> tuple[str, ...]:
    """Agencies in order of first contact; events with no agency last."""
    names = list(dict.fromkeys(_lane_name(e) for e in events))
    if NO_AGENCY in names:
        names.remove(NO_AGENCY)
        names.append(NO_AGENCY)
    return tuple(names)


def _mode(
    asked: LabelMode,
    placed: list[_Placed],
    lane_of: dict[str, int],
    view: Days,
    days_per_inch: float,
    flagged: set[int],
) -> Literal["text", "numbers", "none"]:
    if asked != "auto":
        return asked
    if not placed:
        return "none"
    if len(placed) <= _TEXT_MAX_BARS:
        _, _, rows = _rows(placed, lane_of, tuple(lane_of), view, days_per_inch, "text", flagged)
        if rows <= _TEXT_MAX_ROWS:
            return "text"
    return "numbers" if len(placed) <= _NUMBER_MAX_BARS else "none"


def _rows(
    placed: list[_Placed],
    lane_of: dict[str, int],
    names: tuple[str, ...],
    view: Days,
    days_per_inch: float,
    mode: Literal["text", "numbers", "none"],
    flagged: set[int],
) -> tuple[tuple[Bar, ...], tuple[Lane, ...], int]:
    """Each lane's bars on as few rows as keep bars and labels apart (first fit, n log n)."""
    per_lane: list[list[tuple[float, float, _Placed, str, float, Literal["right", "left"]]]] = [[] for _ in names]
    pad = 0.08 * days_per_inch  # a small space between a bar and its label, in days
    for p in placed:
        first = view[0] if p.first is None else max(p.first, view[0])
        last = view[1] if p.last is None else min(p.last, view[1])
        label = _label(p, mode)
        width = len(label) * _CHAR_IN * days_per_inch
        side: Literal["right", "left"] = "right"
        x = last + 1 + pad + (0.1 * days_per_inch if p.last is None or p.last > view[1] else 0)
        mark = 0.06 * days_per_inch  # half a diamond's width, in days
        left_end, right_end = min(float(first), first + 0.5 - mark), max(x + width, last + 0.5 + mark)
        if label and right_end > view[1] + 1 and first - pad - width >= view[0]:
            side, x = "left", first - pad - (0.1 * days_per_inch if p.first is None or p.first < view[0] else 0)
            left_end, right_end = x - width, max(float(last + 1), last + 0.5 + mark)
        per_lane[lane_of[_lane_name(p.event)]].append((left_end, right_end + pad, p, label, x, side))
    bars: list[Bar] = []
    lanes: list[Lane] = []
    row = 0
    for index, (name, items) in enumerate(zip(names, per_lane, strict=True)):
        items.sort(key=lambda item: (item[0], item[2].number))
        fits = _pack([(a, b) for a, b, *_ in items])
        used = min(max(fits, default=-1) + 1, _LANE_MAX_ROWS) or 1
        for (_, _, p, label, x, side), fit in zip(items, fits, strict=True):
            bars.append(_bar(p, index, row + fit % _LANE_MAX_ROWS, view, label, x, side, id(p.event) in flagged))
        lanes.append(Lane(name, index, row, used, index))
        row += used
    bars.sort(key=_by_number)
    return tuple(bars), tuple(lanes), row


def _pack(spans: list[tuple[float, float]]) -> list[int]:
    """For spans sorted by start, the lowest row free at each start (rows reused once a span ends)."""
    free: list[int] = []
    busy: list[tuple[float, int]] = []
    rows = 0
    found = []
    for start, end in spans:
        while busy and busy[0][0] < start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            row = heapq.heappop(free)
        else:
            row, rows = rows, rows + 1
        heapq.heappush(busy, (end, row))
        found.append(row)
    return found


def _bar(
    p: _Placed, lane: int, row: int, view: Days, label: str, x: float, side: Literal["right", "left"], conflict: bool
) -> Bar:
    first = view[0] if p.first is None else max(p.first, view[0])
    last = view[1] if p.last is None else min(p.last, view[1])
    core = None
    if p.core is not None and p.core[1] >= view[0] and p.core[0] <= view[1]:
        core = (max(p.core[0], view[0]), min(p.core[1], view[1]))
    readings = tuple((max(a, view[0]), min(b, view[1])) for a, b in p.readings if b >= view[0] and a <= view[1])
    return Bar(
        event=p.event,
        number=p.number,
        lane=lane,
        row=row,
        first=first,
        last=last,
        open_before=p.first is None or p.first < view[0],
        open_after=p.last is None or p.last > view[1],
        core=core,
        readings=readings,
        exact=p.exact,
        conflict=conflict,
        label=label,
        label_x=x,
        label_side=side,
    )


def _label(p: _Placed, mode: str) -> str:
    if mode == "numbers":
        return str(p.number)
    if mode == "text":
        return textwrap.shorten(p.event.description, _LABEL_CHARS, placeholder="…")
    return ""


def _gaps(placed: list[_Placed], view: Days, threshold: int | None) -> tuple[Gap, ...]:
    """Stretches longer than ``threshold`` days that no event's possible days touch (n log n)."""
    if threshold is None or not placed:
        return ()
    spans = sorted(
        (a if a is not None else view[0] - 1, b if b is not None else view[1] + 1)
        for p in placed
        for a, b in (p.readings or ((p.first, p.last),))
    )
    found = []
    reach = spans[0][1]
    for a, b in spans[1:]:
        if a - reach - 1 > threshold:
            first, last = reach + 1, a - 1
            if last >= view[0] and first <= view[1]:
                found.append(Gap(Interval(date.fromordinal(first), date.fromordinal(last)), _length(last - first + 1)))
        reach = max(reach, b)
    return tuple(found)


def _notes(lines: tuple[Line, ...], gaps: tuple[Gap, ...], view: Days, days_per_inch: float) -> tuple[Note, ...]:
    """Births', deaths' and gaps' words under the date axis, packed into rows so that none overlaps another."""
    wanted: list[tuple[float, str, str]] = []
    for line in lines:
        said = line.label
        if line.readings:
            said += f" (one of {len(line.readings)} readings)"
        if line.conflict:
            said += " (in a conflict)"
        wanted.append(((line.first + line.last + 1) / 2, said, line.kind))
    for gap in gaps:
        assert gap.days.earliest is not None and gap.days.latest is not None
        middle = (gap.days.earliest.toordinal() + gap.days.latest.toordinal() + 1) / 2
        wanted.append((middle, f"no contact: {gap.length}", "gap"))
    spans = []
    for x, text, kind in wanted:
        half = (len(text) * _NOTE_CHAR_IN + 0.1) * days_per_inch / 2
        x = min(max(x, view[0] + half), view[1] + 1 - half)  # kept inside the axes
        spans.append((x - half, x + half, x, text, kind))
    spans.sort()
    rows = _pack([(a, b) for a, b, *_ in spans])
    return tuple(
        Note(x, text, kind, row) for (_, _, x, text, kind), row in zip(spans, rows, strict=True) if row < _NOTE_ROWS
    )


def _length(days: int) -> str:
    """A stretch's length in words, never rounded up."""
    if days < 56:
        return f"{days} days"
    if days < 730:
        months = int(days // _DAYS_PER_MONTH)
        return f"{months} months" if days - months * _DAYS_PER_MONTH < 1 else f"over {months} months"
    return f"over {int(days * 10 // 365.2425) / 10:g} years"


def _title(chronology: Chronology, subject: Person | None) -> str:
    if subject is not None:
        return f"Chronology of {subject.name}"
    if chronology.source:
        return f"Chronology: {chronology.source}"
    return "Chronology"


def _key_text(event: Event) -> str:
    return f"{event.description} ({event.agency})" if event.agency else event.description


def _by_number(bar: Bar) -> int:
    return bar.number


def _ordinal(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


# -- drawing ---------------------------------------------------------------------------


def _figure_size(timeline: Timeline, *, key: bool = True) -> tuple[float, float]:
    return _FIG_WIDTH, _TOP + _rows_height(timeline) + _bottom(timeline) + (_key_height(timeline) if key else 0.0)


def _bottom(timeline: Timeline) -> float:
    """Room under the axes: the date labels, the notes and the legend."""
    return _BOTTOM + _note_rows(timeline) * _NOTE_ROW_PT / 72


def _rows_height(timeline: Timeline) -> float:
    return min(_MAX_ROWS_IN, max(1.2, timeline.rows * _ROW_IN[timeline.labels]))


def _key_height(timeline: Timeline) -> float:
    if timeline.labels != "numbers" or len(timeline.bars) > _KEY_MAX:
        return 0.0
    lines = -(-len(timeline.bars) // _KEY_COLUMNS)
    return 0.3 + lines * _KEY_LINE_IN


def _compose(fig: Figure, timeline: Timeline, *, key: bool = True) -> Axes:
    """Lay the timeline (and the key, when bars are numbered) out on ``fig`` with fixed margins."""
    width, height = fig.get_figwidth(), fig.get_figheight()
    key_height = _key_height(timeline) if key else 0.0
    rows = _rows_height(timeline)
    bottom = _bottom(timeline) + key_height
    ax = fig.add_axes((_LEFT / width, bottom / height, 1 - (_LEFT + _RIGHT) / width, rows / height))
    draw(timeline, ax)
    ax.set_title(timeline.title, loc="left", fontsize=11, fontweight="bold", pad=30 if timeline.age else 8)
    if key_height:
        box = (_LEFT / width, 0.05 / height, 1 - (_LEFT + _RIGHT) / width, (key_height - 0.1) / height)
        keyed = fig.add_axes(box)
        _draw_key(timeline, keyed)
    return ax


def draw(timeline: Timeline, ax: Axes) -> Axes:
    """Draw ``timeline`` on ``ax`` and return it."""
    from matplotlib.collections import LineCollection, PolyCollection

    shift = _shift()
    colours = _colours(max(lane.colour for lane in timeline.lanes) + 1 if timeline.lanes else 1)
    lane_colour = [colours[lane.colour] for lane in timeline.lanes]
    bars = timeline.bars

    # lanes: faint alternate backgrounds, separators and names
    for lane in timeline.lanes:
        top, bottom = lane.first_row - 0.5, lane.first_row + lane.rows - 0.5
        if lane.index % 2:
            ax.axhspan(top, bottom, color="#f6f6f6", zorder=0, lw=0)
        ax.axhline(bottom, color="#d0d0d0", lw=0.6, zorder=0.5)
    ax.set_yticks([lane.first_row + (lane.rows - 1) / 2 for lane in timeline.lanes])
    row_in = _axes_size(ax)[1] / max(timeline.rows, 1)
    ax.set_yticklabels([_lane_label(lane, row_in) for lane in timeline.lanes], fontsize=8.5)
    for tick, colour in zip(ax.get_yticklabels(), lane_colour, strict=True):
        tick.set_color(_darker(colour))
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(max(timeline.rows, 1) - 0.5, -0.5)
    ax.set_xlim(timeline.view[0] + shift, timeline.view[1] + 1 + shift)

    # no contact: grey stretches behind everything
    for gap in timeline.gaps:
        assert gap.days.earliest is not None and gap.days.latest is not None
        a, b = gap.days.earliest.toordinal() + shift, gap.days.latest.toordinal() + 1 + shift
        ax.axvspan(a, b, color=_GAP_COLOUR, alpha=0.22, lw=0, zorder=0.2)

    # births and deaths: lines (or bands) across every lane
    for line in timeline.lines:
        ink = _BIRTH_COLOUR if line.kind == "birth" else _DEATH_COLOUR
        for first, last in line.readings or ((line.first, line.last),):
            a, b = first + shift, last + 1 + shift
            if first == last:
                ax.axvline((a + b) / 2, color=ink, lw=1.6, zorder=3)
            else:
                ax.axvspan(a, b, color=ink, alpha=0.10, lw=0, zorder=0.4, hatch="////" if line.readings else None)
                ax.axvline(a, color=ink, lw=1.0, ls=(0, (4, 2)), zorder=3)
                ax.axvline(b, color=ink, lw=1.0, ls=(0, (4, 2)), zorder=3)

    # the bars: one collection per kind of mark, so that thousands of events draw quickly
    band_h, core_h, cap_h = 0.30, 0.56, 0.56
    band_verts, band_colours, caps, cap_colours = [], [], [], []
    core_verts, core_colours = [], []
    read_verts, read_colours, joins, join_colours = [], [], [], []
    exact_x, exact_y, exact_c = [], [], []
    opens: dict[str, tuple[list[float], list[float], list[Colour]]] = {"<": ([], [], []), ">": ([], [], [])}
    outline_verts = []
    for bar in bars:
        colour = lane_colour[bar.lane]
        y = bar.row
        a, b = bar.first + shift, bar.last + 1 + shift
        if bar.readings:
            for first, last in bar.readings:
                read_verts.append(_box(first + shift, last + 1 + shift, y, core_h))
                read_colours.append(colour)
            ends = sorted(bar.readings)
            for (_, last), (first, _) in zip(ends, ends[1:], strict=False):
                if first > last + 1:
                    joins.append(((last + 1 + shift, y), (first + shift, y)))
                    join_colours.append(colour)
        elif bar.exact and not bar.open_before and not bar.open_after:
            exact_x.append((a + b) / 2)
            exact_y.append(y)
            exact_c.append(colour)
        else:
            band_verts.append(_box(a, b, y, band_h))
            band_colours.append(colour)
            for x, open_side in ((a, bar.open_before), (b, bar.open_after)):
                if not open_side:
                    caps.append(((x, y - cap_h / 2), (x, y + cap_h / 2)))
                    cap_colours.append(colour)
            if bar.core is not None:
                core_verts.append(_box(bar.core[0] + shift, bar.core[1] + 1 + shift, y, core_h))
                core_colours.append(colour)
        for side, x, is_open in (("<", a, bar.open_before), (">", b, bar.open_after)):
            if is_open:
                opens[side][0].append(x)
                opens[side][1].append(y)
                opens[side][2].append(colour)
        if bar.conflict:
            outline_verts.append(_box(a - 0.6 * (b - a < 3), b + 0.6 * (b - a < 3), y, 0.86))

    ax.add_collection(PolyCollection(band_verts, facecolors=band_colours, alpha=0.45, linewidths=0, zorder=2))
    ax.add_collection(LineCollection(caps, colors=cap_colours, linewidths=1.1, zorder=2.1))
    ax.add_collection(PolyCollection(core_verts, facecolors=core_colours, linewidths=0, zorder=2.2))
    if read_verts:
        ax.add_collection(
            PolyCollection(
                read_verts,
                facecolors="none",
                edgecolors=read_colours,
                hatch="/////",
                linewidths=0.9,
                zorder=2.2,
            )
        )
        ax.add_collection(LineCollection(joins, colors=join_colours, linewidths=0.9, linestyles=":", zorder=2.1))
    if outline_verts:
        ax.add_collection(
            PolyCollection(outline_verts, facecolors="none", edgecolors=_CONFLICT_COLOUR, linewidths=1.4, zorder=2.4)
        )
    if exact_x:
        ax.scatter(exact_x, exact_y, s=34, marker="D", c=exact_c, edgecolors="#222222", linewidths=0.6, zorder=2.5)
    for side, (xs, ys, cs) in opens.items():
        if xs:
            ax.scatter(xs, ys, s=22, marker=side, c=cs, linewidths=0, zorder=2.5)
    if timeline.links:
        segments = [((_middle(p) + shift, p.row), (_middle(q) + shift, q.row)) for p, q in timeline.links if p is not q]
        ax.add_collection(
            LineCollection(segments, colors=_CONFLICT_COLOUR, linewidths=1.0, linestyles="--", zorder=2.6)
        )

    # labels
    for bar in bars:
        if not bar.label:
            continue
        ax.text(
            bar.label_x + shift,
            bar.row,
            bar.label,
            ha="left" if bar.label_side == "right" else "right",
            va="center",
            fontsize=_FONT if timeline.labels == "text" else _FONT - 0.5,
            color=_CONFLICT_COLOUR if bar.conflict else "#1a1a1a",
            fontweight="bold" if timeline.labels == "numbers" else "normal",
            zorder=4,
            clip_on=True,
        )

    _date_axis(ax)
    _draw_notes(ax, timeline, shift)
    if timeline.age is not None:
        _age_axis(ax, timeline, shift)
    elif timeline.age_note:
        ax.text(
            1, 1.01, timeline.age_note, transform=ax.transAxes, ha="right", va="bottom", fontsize=7, color=_BIRTH_COLOUR
        )
    _legend(ax, timeline)
    if not bars and not timeline.lines:
        ax.text(0.5, 0.5, "no event here has a date", transform=ax.transAxes, ha="center", va="center")
    return ax


def _lane_label(lane: Lane, row_in: float) -> str:
    """The lane's name, wrapped to the lines its rows have room for (a long one shortened)."""
    lines = max(1, min(4, int(lane.rows * row_in / 0.125)))
    wrapped = textwrap.wrap(lane.name, 22) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[: lines - 1] + [textwrap.shorten(" ".join(wrapped[lines - 1 :]), 22, placeholder="…")]
    return "\n".join(wrapped)


def _shift() -> float:
    """What to add to a day's ordinal to get matplotlib's number for it (its epoch is a setting)."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(date(2000, 1, 1))) - date(2000, 1, 1).toordinal()  # type: ignore[no-untyped-call]


def _axes_size(ax: Axes) -> tuple[float, float]:
    """The axes' width and height in inches."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    box = ax.get_position()
    return float(box.width * figure.get_figwidth()), float(box.height * figure.get_figheight())


def _axes_width(ax: Axes) -> float:
    """The axes' width in inches."""
    return _axes_size(ax)[0]


def _note_rows(timeline: Timeline) -> int:
    """Rows of words under the date axis: the notes', and one more saying what lies beyond the view."""
    return max((note.row + 1 for note in timeline.notes), default=0) + (1 if timeline.beyond else 0)


def _draw_notes(ax: Axes, timeline: Timeline, shift: float) -> None:
    colours = {"birth": _BIRTH_COLOUR, "death": _DEATH_COLOUR}
    for note in timeline.notes:
        ax.annotate(
            note.text,
            xy=(note.x + shift, 0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(0, -20 - _NOTE_ROW_PT * note.row),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=6.5,
            color=colours.get(note.kind, "#666666"),
            style="italic" if note.kind == "gap" else "normal",
        )
    if timeline.beyond:
        rows = max((note.row + 1 for note in timeline.notes), default=0)
        count = len(timeline.beyond)
        events = f"{count} event{'s' if count > 1 else ''}"
        said = f"not shown: {events} outside these dates (see the table; since= and until= widen the view)"
        ax.annotate(
            said,
            xy=(0, 0),
            xycoords="axes fraction",
            xytext=(0, -20 - _NOTE_ROW_PT * rows),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=6.5,
            color="#666666",
        )


def _box(a: float, b: float, y: float, height: float) -> list[tuple[float, float]]:
    return [(a, y - height / 2), (b, y - height / 2), (b, y + height / 2), (a, y + height / 2)]


def _middle(bar: Bar) -> float:
    return (bar.first + bar.last + 1) / 2


def _colours(n: int) -> list[Colour]:
    """Lane colours: matplotlib's tab10, then Dark2, each without its grey (grey is for gaps).

    Strong tones only: a pale band of a light tone would all but vanish.
    """
    from matplotlib import colormaps

    first, second = colormaps["tab10"], colormaps["Dark2"]
    palette = [first(i) for i in (0, 1, 2, 3, 4, 5, 6, 8, 9)] + [second(i) for i in range(7)]
    return [palette[i % len(palette)] for i in range(max(n, 1))]


def _darker(colour: tuple[float, float, float, float]) -> tuple[float, float, float]:
    return (colour[0] * 0.7, colour[1] * 0.7, colour[2] * 0.7)


def _date_axis(ax: Axes) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=5, maxticks=12)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    # the year once, not "2011-Apr", where the ticks do not say it
    offsets = ["", "%Y", "%Y", "%Y", "%Y", "%Y"]
    formatter = mdates.ConciseDateFormatter(locator, offset_formats=offsets)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(formatter)
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#e4e4e4", lw=0.6, zorder=0.1)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _age_axis(ax: Axes, timeline: Timeline, shift: float) -> None:
    import numpy as np
    from numpy.typing import ArrayLike

    age = timeline.age
    assert age is not None
    middle = (age.first + age.last + 1) / 2 + shift

    def to_months(x: ArrayLike) -> ArrayLike:
        return (np.asarray(x, dtype=float) - middle) / _DAYS_PER_MONTH

    def to_days(m: ArrayLike) -> ArrayLike:
        return np.asarray(m, dtype=float) * _DAYS_PER_MONTH + middle

    top = ax.secondary_xaxis("top", functions=(to_months, to_days))
    span = (timeline.view[1] - timeline.view[0]) / _DAYS_PER_MONTH
    step = 1 if span <= 18 else 3 if span <= 48 else 6 if span <= 96 else 12 if span <= 240 else 60
    low = (timeline.view[0] + shift - middle) / _DAYS_PER_MONTH
    high = (timeline.view[1] + 1 + shift - middle) / _DAYS_PER_MONTH
    ticks = [m for m in range(0, int(high) + 1, step) if m >= low]
    top.set_xticks(ticks)
    top.set_xticklabels([_age_text(m) for m in ticks], fontsize=7.5, color=_BIRTH_COLOUR)
    top.tick_params(axis="x", colors=_BIRTH_COLOUR, labelsize=7.5)
    spread = (age.last - age.first + 1) // 2
    known = "birth known to the day" if age.first == age.last else f"birth known to ±{spread} days"
    top.set_xlabel(f"age of {age.name} ({known})", fontsize=8, color=_BIRTH_COLOUR, labelpad=3)


def _age_text(months: int) -> str:
    if months == 0:
        return "birth"
    if months < 24:
        return f"{months} m"
    years, rest = divmod(months, 12)
    return f"{years} y" if not rest else f"{years} y {rest} m"


def _legend(ax: Axes, timeline: Timeline) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.transforms import ScaledTranslation

    bars = timeline.bars
    handles: list[Patch | Line2D] = []

    def has(test: object) -> bool:
        return any(test(bar) for bar in bars)  # type: ignore[operator]

    if has(lambda b: not b.readings and not b.exact):
        handles.append(Patch(facecolor=_NEUTRAL, alpha=0.45, label="somewhere in this stretch (earliest to latest)"))
    if has(lambda b: b.core is not None):
        handles.append(Patch(facecolor=_NEUTRAL, label="days it surely covers"))
    if has(lambda b: b.exact and not b.readings):
        handles.append(
            Line2D([], [], marker="D", ls="", color=_NEUTRAL, markeredgecolor="#222222", label="known to the day")
        )
    if has(lambda b: b.readings):
        handles.append(Patch(facecolor="none", edgecolor=_NEUTRAL, hatch="/////", label="one of these readings"))
    if has(lambda b: b.open_before or b.open_after):
        handles.append(Line2D([], [], marker=">", ls="", color=_NEUTRAL, label="open, or beyond the view"))
    if has(lambda b: b.conflict) or any(line.conflict for line in timeline.lines):
        handles.append(
            Patch(facecolor="none", edgecolor=_CONFLICT_COLOUR, lw=1.4, label="named in a conflict (see the report)")
        )
    kinds = {line.kind for line in timeline.lines}
    if "birth" in kinds:
        handles.append(Line2D([], [], color=_BIRTH_COLOUR, lw=1.6, label="birth (dashed: when not known to the day)"))
    if "death" in kinds:
        handles.append(Line2D([], [], color=_DEATH_COLOUR, lw=1.6, label="death"))
    if timeline.gaps:
        quiet = f"no agency shown in contact for over {timeline.gap_words}"
        handles.append(Patch(facecolor=_GAP_COLOUR, alpha=0.4, label=quiet))
    if not handles:
        return
    drop = 0.42 + _note_rows(timeline) * _NOTE_ROW_PT / 72
    below = ax.transAxes + ScaledTranslation(0, -drop, ax.get_figure(root=True).dpi_scale_trans)  # type: ignore[union-attr]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below,
        ncol=3,
        fontsize=7.5,
        frameon=False,
        handlelength=2.2,
        columnspacing=1.6,
    )


def _draw_key(timeline: Timeline, ax: Axes) -> None:
    ax.set_axis_off()
    rows = timeline.key
    per_column = -(-len(rows) // _KEY_COLUMNS)
    # characters of 7-point monospace a column has room for, less the number and a margin
    room = max(12, int(_axes_size(ax)[0] / _KEY_COLUMNS * 72 / (7 * 0.61)) - 7)
    ax.text(0, 1, "Key: the numbers are the rows of chronology.table()", fontsize=8, fontweight="bold", va="bottom")
    for i, (number, text) in enumerate(rows):
        column, line = divmod(i, per_column)
        ax.text(
            column / _KEY_COLUMNS,
            1 - (line + 1) / max(per_column, 1),
            f"{number:>3}  {textwrap.shorten(text, room, placeholder='…')}",
            fontsize=7,
            va="bottom",
            family="monospace",
        )
