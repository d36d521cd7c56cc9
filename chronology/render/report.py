"""The report: one self-contained HTML file a review panel can open, read and print.

:func:`write` (what :meth:`Chronology.to_html <chronology.Chronology.to_html>`
calls) writes a page holding the timeline (inline SVG), the table of events,
the conflicts with their statements, the questions the text leaves open, and,
for every date, *why* it is what it is, on demand (``<details>``: no script).
Nothing in it is fetched: the styles and the drawing are inline, the fonts are
the reader's own, and the page makes no request when opened.

>>> from chronology import Case
>>> case = Case()
>>> child = case.person("Child A", born="early winter 2011")
>>> _ = case.event("new birth visit", "when she was twelve days old", agency="health visiting")
>>> page = render(case.solve())
>>> page.startswith("<!doctype html>"), "<svg" in page, "new birth visit" in page
(True, True, True)
"""

from __future__ import annotations

import html
import io
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from chronology.case import Chronology, Event, Explanation, Statement
from chronology.errors import FileError, InvalidValue
from chronology.model import Excerpt
from chronology.render.plot import Timeline, figure_of, layout, rows_order

__all__ = ["render", "fragment", "write", "svg"]

# Past this many events a report leaves the explanations out unless asked (explain=True).
_EXPLAIN_UP_TO = 2_000

# How much of the text shows either side of the words a statement came from.
_CONTEXT = 160

# Every rule is scoped to .chronology-report, so that the same styles serve the page and a Jupyter
# cell without touching the notebook's own.
_STYLE = """
.chronology-report { --ink: #1a1a1a; --muted: #5f6368; --line: #d9d9d9; --soft: #f5f5f5; --red: #b3121b;
  --green: #1b7837; color: var(--ink); max-width: 1240px; margin: 0 auto; padding: 1.2rem 1.6rem 3rem;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif; }
.chronology-report * { box-sizing: border-box; }
.chronology-report h1 { font-size: 1.6rem; margin: 0.2rem 0 0.3rem; }
.chronology-report h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; border-bottom: 2px solid var(--line);
  padding-bottom: 0.2rem; }
.chronology-report p.facts { color: var(--muted); margin: 0 0 0.6rem; }
.chronology-report nav { font-size: 0.9rem; margin: 0.4rem 0 1rem; }
.chronology-report nav a { margin-right: 1rem; color: #1a4f8b; }
.chronology-report figure.timeline { margin: 0; overflow-x: auto; }
.chronology-report figure.timeline svg { width: 100%; height: auto; display: block; }
.chronology-report figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.4rem; }
.chronology-report table.events { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
.chronology-report table.events th { text-align: left; background: #eef1f4; position: sticky; top: 0; z-index: 1; }
.chronology-report table.events th, .chronology-report table.events td { padding: 0.35rem 0.5rem;
  border-bottom: 1px solid var(--line); vertical-align: top; }
.chronology-report table.events tbody tr:nth-child(even) { background: #fafafa; }
.chronology-report td.n { color: var(--muted); text-align: right; width: 2.5rem; font-variant-numeric: tabular-nums; }
.chronology-report td.when { width: 13rem; font-variant-numeric: tabular-nums; }
.chronology-report td.agency { width: 9rem; }
.chronology-report td.event { width: 15rem; }
.chronology-report td.when .or { color: var(--muted); }
.chronology-report tr.conflict td:first-child { border-left: 4px solid var(--red); }
.chronology-report tr.conflict .event { color: var(--red); }
.chronology-report .tag { display: inline-block; font-size: 0.75rem; padding: 0 0.35rem; border-radius: 0.6rem;
  margin-left: 0.3rem; border: 1px solid currentColor; white-space: nowrap; }
.chronology-report .tag.readings { color: #7a4a00; }
.chronology-report .tag.conflict { color: var(--red); }
.chronology-report .tag.exact { color: var(--green); }
.chronology-report .tag.undated { color: var(--muted); }
.chronology-report .note { color: var(--muted); font-size: 0.85rem; }
.chronology-report td.age { width: 8rem; }
.chronology-report q.words { quotes: "\\201C" "\\201D"; font-style: italic; }
.chronology-report .where { color: var(--muted); font-size: 0.8rem; }
.chronology-report details { margin-top: 0.2rem; }
.chronology-report details summary { cursor: pointer; color: #1a4f8b; font-size: 0.85rem; }
.chronology-report details .why { margin: 0.3rem 0 0.2rem; padding: 0.4rem 0.6rem; background: var(--soft);
  border-radius: 4px; }
.chronology-report details .why h4 { margin: 0.2rem 0; font-size: 0.85rem; }
.chronology-report details .why ol { margin: 0.1rem 0 0.4rem 1.2rem; padding: 0; }
.chronology-report .context { color: var(--muted); }
.chronology-report .from { color: var(--muted); font-size: 0.85rem; margin: 0.05rem 0 0.3rem; }
.chronology-report .context mark { background: #fff1a8; color: var(--ink); }
.chronology-report section.conflicts ol > li { margin-bottom: 0.8rem; }
.chronology-report .aside { color: var(--red); font-weight: 600; }
.chronology-report .ok { color: var(--green); }
.chronology-report footer { margin-top: 2.5rem; color: var(--muted); font-size: 0.85rem; }
"""

# The page alone: its margins, and how it prints (every explanation open: Chromium prints the content
# of a closed <details> given this rule).
_PAGE_STYLE = """
body { margin: 0; background: #fff; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  .chronology-report { max-width: none; padding: 0; font-size: 10pt; }
  .chronology-report nav, .chronology-report details summary { display: none; }
  .chronology-report details::details-content { content-visibility: visible; display: contents; }
  .chronology-report table.events th { position: static; }
  .chronology-report figure, .chronology-report li { break-inside: avoid; }
  .chronology-report details .why { font-size: 8.5pt; }
  .chronology-report a { color: inherit; text-decoration: none; }
}
"""


# -- public entry points -----------------------------------------------------------------


def write(
    chronology: Chronology, path: str | os.PathLike[str], *, title: str | None = None, explain: bool | None = None
) -> Path:
    """Write the report to ``path`` (replacing it whole, or not at all) and return the path.

    ``explain`` says whether each date's explanation is in it: by default
    (``None``) up to 2,000 events, beyond which the solver's one-by-one
    explanations would take minutes (the page says they were left out).

    >>> import tempfile
    >>> from chronology import Case
    >>> case = Case()
    >>> _ = case.event("referral", "March 2012", agency="police")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write(case.solve(), Path(folder) / "chronology.html")
    ...     written.name, written.read_text(encoding="utf-8").count("<tr")
    ('chronology.html', 2)
    """
    if not isinstance(path, (str, os.PathLike)) or not str(os.fspath(path)).strip():
        raise InvalidValue(f"the report needs a file path, not {path!r}")
    target = Path(os.fspath(path))
    if target.is_dir():
        raise FileError(str(target), "is a folder: give the report a file name")
    page = render(chronology, title=title, explain=explain)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".chronology-", suffix=".html", dir=target.parent or ".")
    except OSError as error:
        raise FileError(str(target), f"cannot write the report: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(page)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise FileError(str(target), f"cannot write the report: {error.strerror or error}") from None
    return target


def render(chronology: Chronology, *, title: str | None = None, explain: bool | None = None) -> str:
    """The report as one HTML page (a string); ``explain`` as for :func:`write`."""
    _check(chronology, title)
    if explain is not None and not isinstance(explain, bool):
        raise InvalidValue(f"explain must be True, False or None, not {explain!r}")
    timeline = layout(chronology)
    heading = title if title is not None else timeline.title
    body = _body(chronology, timeline, heading, explain)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # no request of any kind: nothing may load from anywhere
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">\n'
        f"<title>{_e(heading)}</title>\n<style>{_STYLE}{_PAGE_STYLE}</style>\n</head>\n<body>\n"
        f"<main class='chronology-report'>\n{body}\n</main>\n"
        "</body>\n</html>\n"
    )


def fragment(chronology: Chronology) -> str:
    """The timeline and the table, for Jupyter (a chronology's ``_repr_html_``).

    It leaves out the explanations, which the solver works out one by one, so
    that showing a large chronology stays quick: ``chronology.explain(event)``
    gives one, and the report (:func:`write`) all of them.
    """
    _check(chronology, None)
    timeline = layout(chronology)
    conflicts = _conflicts(chronology) if chronology.conflicts else ""
    return (
        f"<div class='chronology-report'><style>{_STYLE}</style>"
        f"<h3>{_e(timeline.title)}</h3>{_timeline_figure(timeline)}{_table(chronology, timeline, why=False)}"
        f"{conflicts}</div>"
    )


def svg(chronology: Chronology, **options: object) -> str:
    """The timeline as an inline ``<svg>`` element (text kept as text, no metadata, no external reference).

    ``options`` are :func:`chronology.render.plot.plot`'s.
    """
    if not isinstance(chronology, Chronology):
        raise InvalidValue(f"a timeline is drawn from a Chronology, not {chronology!r}")
    return _svg(layout(chronology, **options))  # type: ignore[arg-type]


def _svg(timeline: Timeline) -> str:
    from matplotlib import rc_context

    drawn = figure_of(timeline, key=False)
    out = io.StringIO()
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "chronology", "svg.image_inline": True}):
        drawn.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = out.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r'(<svg[^>]*?) width="[\d.]+pt" height="[\d.]+pt"', r"\1", text, count=1)
    label = _e(f"Timeline: {len(timeline.bars)} events in {len(timeline.lanes)} lanes, one per agency")
    return text.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


# -- the sections -------------------------------------------------------------------------


def _check(chronology: object, title: object) -> None:
    if not isinstance(chronology, Chronology):
        raise InvalidValue(f"a report is made from a Chronology, not {chronology!r}")
    if title is not None and not isinstance(title, str):
        raise InvalidValue(f"title must be text or None, not {title!r}")


def _body(chronology: Chronology, timeline: Timeline, heading: str, explain: bool | None) -> str:
    events = rows_order(chronology)
    why = explain if explain is not None else len(events) <= _EXPLAIN_UP_TO
    said = (
        "open <em>why</em> for the statements that fix it."
        if why
        else f"the explanations are left out of this page ({len(events):,} events: the solver explains one at "
        "a time); <code>chronology.explain(event)</code> gives any of them, and "
        "<code>render.report.write(..., explain=True)</code> all."
    )
    agencies = {e.agency for e in events if e.agency}
    facts = [f"{len(events)} events", f"{len(agencies)} agencies"]
    if chronology.source:
        facts.insert(0, f"from {chronology.source}")
    if chronology.subject is not None:
        facts.append(f"about {chronology.subject.name}")
    count = len(chronology.conflicts)
    facts.append(f"{count} conflict{'s' if count != 1 else ''}" if count else "no conflict")
    ambiguous = chronology.ambiguous()
    sections = [
        f"<header><h1>{_e(heading)}</h1><p class='facts'>{_e(' · '.join(facts))}</p>",
        "<nav><a href='#timeline'>Timeline</a><a href='#events'>Events</a>"
        "<a href='#conflicts'>Conflicts</a><a href='#open'>Open questions</a></nav></header>",
        "<section id='timeline'><h2>Timeline</h2>",
        _timeline_figure(timeline),
        "</section>",
        "<section id='events'><h2>Events</h2>",
        "<p class='facts'>In resolved order: by earliest day, then latest. Each date is as tight as every "
        f"statement allows and no tighter; {said}</p>",
        _table(chronology, timeline, why=why),
        "</section>",
        "<section id='conflicts' class='conflicts'><h2>Conflicts</h2>",
        _conflicts(chronology),
        "</section>",
        "<section id='open'><h2>Open questions</h2>",
        _open_questions(chronology, timeline, ambiguous),
        "</section>",
        "<footer>Made by the chronology library. Everything is in this file: nothing was or will be fetched. "
        "Dates are day bounds that every statement allows; they claim no more precision than the text gives."
        "</footer>",
    ]
    return "\n".join(sections)


def _timeline_figure(timeline: Timeline) -> str:
    caption = (
        "Pale band: the event happened (or ran) somewhere in that stretch. Solid bar: days it surely covers. "
        "Diamond: known to the day. Hatched: one of several readings the words allow. Red: named in a conflict. "
        "Vertical lines: births and deaths. Grey: no agency shown could have been in contact. "
        "Numbers, where shown, are the rows of the table below."
    )
    return f"<figure class='timeline'>{_svg(timeline)}<figcaption>{_e(caption)}</figcaption></figure>"


def _table(chronology: Chronology, timeline: Timeline, *, why: bool = True) -> str:
    """The events: ``chronology.table()``'s rows (short honest dates, ages, agencies, what the records say,
    certainty), each with the words that placed it in their sentence and, unless ``why`` is false, the
    statements behind its date on demand.  Rows are numbered as the timeline's bars are.
    """
    table = chronology.table()
    events = rows_order(chronology)
    text = chronology.text
    aged = any(row.age for row in table.rows)
    rows = []
    for row, event in zip(table.rows, events, strict=True):
        tag = _CERTAINTY_TAG.get(row.certainty, "readings")
        shown = f"<span class='tag {tag}'>{_e(row.certainty)}</span>" if tag else ""
        noted = "".join(
            f"<div class='note'>{label}: {_e(value)}</div>"
            for label, value in (("significance", row.significance), ("action", row.action), ("outcome", row.outcome))
            if value
        )
        said = chronology.placed_by(event)
        if said:
            words = "".join(f"<div>{_words(w, text)}</div>" for w in said)
        elif row.as_written:
            words = f"<q class='words'>{_e(row.as_written)}</q> <span class='where'>{_e(row.source)}</span>"
        else:
            words = "<span class='where'>given by code</span>"
        because = _why(chronology.explain(event), text) if why else ""
        conflict = row.certainty == "in conflict"
        rows.append(
            f"<tr id='event-{row.number}'{' class=conflict' if conflict else ''}>"
            f"<td class='n'>{row.number}</td><td class='when'>{_e(row.display)}{shown}</td>"
            + (f"<td class='age'>{_e(row.age)}</td>" if aged else "")
            + f"<td class='agency'>{_e(row.agency)}</td><td class='event'>{_e(row.event)}{noted}</td>"
            f"<td>{words}{because}</td></tr>"
        )
    last = "the words, and why" if why else "the words"
    age = "<th>age</th>" if aged else ""
    head = f"<tr><th>#</th><th>date</th>{age}<th>agency</th><th>event</th><th>{last}</th></tr>"
    return f"<table class='events'><thead>{head}</thead><tbody>\n{''.join(rows)}\n</tbody></table>"


# How each of the table's certainties is tagged ("" for none: a bounded date is the usual case;
# any other, such as "two readings", is tagged as readings).
_CERTAINTY_TAG = {"bounded": "", "exact": "exact", "in conflict": "conflict", "undated": "undated"}


def _why(explanation: Explanation, text: str | None) -> str:
    parts = []
    for label, day, chain in (
        ("earliest", explanation.earliest, explanation.earliest_because),
        ("latest", explanation.latest, explanation.latest_because),
    ):
        if day is None:
            parts.append(f"<h4>{label}: open</h4><p>nothing in the text bounds it</p>")
            continue
        from chronology.model import Interval

        items = "".join(f"<li>{_statement(s, text)}</li>" for s in chain)
        parts.append(f"<h4>{label} {_e(str(Interval.on(day)))}, because</h4><ol>{items}</ol>")
    return f"<details><summary>why</summary><div class='why'>{''.join(parts)}</div></details>"


def _statement(statement: Statement, text: str | None, *, set_aside: bool = False) -> str:
    """What the statement says, then the words it came from (and their sentence, when the text is at hand)."""
    flag = "<span class='aside'>set aside: </span>" if set_aside else ""
    if statement.words is None:
        return f"{flag}{_e(statement.says)} <span class='where'>(added by code)</span>"
    return f"{flag}{_e(statement.says)}<div class='from'>from {_words(statement.words, text)}</div>"


def _words(words: Excerpt, text: str | None) -> str:
    """The words in quotes, where they stand, and (when the text is at hand) the sentence around them."""
    end = words.end if words.end is not None else words.start + len(words.text)
    where = ""
    if end > words.start and (words.document or text is not None):
        where = f"<span class='where'> {_e(words.document or 'text')}, characters {words.start}–{end}</span>"
    shown = f"<q class='words'>{_e(words.text)}</q>{where}"
    if text is not None and end > words.start and text[words.start : end] == words.text:
        before, after = _around(text, words.start, end)
        shown += f"<div class='context'>{_e(before)}<mark>{_e(words.text)}</mark>{_e(after)}</div>"
    return shown


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The rest of the sentence either side of ``text[start:end]``, within ``_CONTEXT`` characters.

    A side cut short ends in "…" at a word's edge, never in the middle of one.
    """
    before = text[max(0, start - _CONTEXT) : start]
    stop = max(before.rfind(". "), before.rfind("\n"))
    if stop >= 0:
        before = before[stop + 1 :].lstrip()
    elif start > _CONTEXT:
        before = "…" + before[before.find(" ") + 1 :] if " " in before else "…"
    after = text[end : end + _CONTEXT]
    stop = min((i for i in (after.find(". "), after.find("\n")) if i >= 0), default=-1)
    if stop >= 0:
        after = after[: stop + 1].rstrip()
    elif end + _CONTEXT < len(text):
        after = (after[: after.rfind(" ")] if " " in after else "") + "…"
    return _tidy(before), _tidy(after)


def _tidy(text: str) -> str:
    """Runs of white space (line breaks of the text) as one space, keeping a space at either end."""
    return re.sub(r"\s+", " ", text)


def _conflicts(chronology: Chronology) -> str:
    conflicts = chronology.conflicts
    if not conflicts:
        return "<p class='ok'>The statements hold together: there is no conflict.</p>"
    aside = set(chronology.set_aside)
    items = []
    for conflict in conflicts:
        events = _names(e for s in conflict for e in s.events)
        statements = "".join(f"<li>{_statement(s, chronology.text, set_aside=s in aside)}</li>" for s in conflict)
        items.append(
            f"<li><p>These {len(conflict)} statements cannot all be true (about {_e(events)}); "
            f"drop any one and the rest can hold:</p><ul>{statements}</ul></li>"
        )
    note = (
        f"<p>The solve set aside {len(aside)} statement{'s' if len(aside) != 1 else ''} (marked) to keep the rest; "
        "the dates above are without them. Which account is right is for the reader to judge.</p>"
        if aside
        else ""
    )
    return f"{note}<ol>{''.join(items)}</ol>"


def _open_questions(chronology: Chronology, timeline: Timeline, ambiguous: Sequence[Event]) -> str:
    parts = []
    if ambiguous:
        items = "".join(
            f"<li>{_e(e.description)}: {_e(' or '.join(str(r) for r in chronology.when(e).readings))}</li>"
            for e in ambiguous
        )
        parts.append(f"<p>The words of these events still allow more than one reading:</p><ul>{items}</ul>")
    if timeline.unplaced:
        parts.append(
            "<p>Nothing in the text bounds these events, so the timeline cannot show them:</p>"
            f"<ul>{''.join(f'<li>{_e(e.description)}</li>' for e in timeline.unplaced)}</ul>"
        )
    if timeline.beyond:
        items = "".join(
            f"<li>{_e(e.description)}: {_e(' or '.join(str(r) for r in chronology.when(e).readings))}</li>"
            for e in timeline.beyond
        )
        parts.append(
            "<p>These events lie far from all the others, so the timeline leaves them out (they are in the "
            f"table; the text may place them in a parent's past, or a phrase may have been read wrongly):</p>"
            f"<ul>{items}</ul>"
        )
    if timeline.gaps:
        items = "".join(f"<li>{_e(str(g.days))} ({_e(g.length)})</li>" for g in timeline.gaps)
        parts.append(
            f"<p>No agency could have been in contact for over {_e(timeline.gap_words)} in:</p><ul>{items}</ul>"
        )
    if not chronology.exact:
        parts.append("<p>The solver ran out of budget: the bounds are sound but may not be the tightest.</p>")
    return "".join(parts) or "<p class='ok'>None: every event has one reading and a place on the timeline.</p>"


def _names(events: Iterable[Event]) -> str:
    return ", ".join(dict.fromkeys(e.description for e in events))


def _e(text: str) -> str:
    return html.escape(text, quote=True)
