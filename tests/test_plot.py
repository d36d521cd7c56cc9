"""The timeline: what is drawn where, that labels stay apart, and that only our errors escape."""

from __future__ import annotations

import itertools
import runpy
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from timelines import child_t, crowd  # noqa: E402

from chronology import Case, ChronologyError, Interval, InvalidValue, When  # noqa: E402
from chronology.render.plot import Timeline, _pack, layout, rows_order  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def child() -> tuple[Timeline, dict[str, object]]:
    chronology, events = child_t()
    return layout(chronology), {"chronology": chronology, **events}


def child_m():  # type: ignore[no-untyped-def]
    module = runpy.run_path(str(EXAMPLES / "child_m_case.py"))
    return module["build"]((EXAMPLES / "review-child-m.txt").read_text(encoding="utf-8")).solve(strict=False)


def _bar(timeline: Timeline, event: object):  # type: ignore[no-untyped-def]
    return next(bar for bar in timeline.bars if bar.event is event)


# -- what goes where -----------------------------------------------------------------------


def test_plotting_loads_matplotlib_only_when_asked() -> None:
    code = (
        "import sys, chronology\n"
        "case = chronology.Case(); case.event('visit', 'March 2012', agency='GP'); c = case.solve()\n"
        "print(sorted(m for m in ('matplotlib', 'chronology.render.plot', 'chronology.render.report')"
        " if m in sys.modules))\n"
        "import matplotlib; matplotlib.use('Agg'); c.plot()\n"
        "print('matplotlib' in sys.modules and 'chronology.render.plot' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[]", "True"]


def test_one_lane_per_agency_in_order_of_first_contact(child: tuple[Timeline, dict[str, object]]) -> None:
    timeline, _ = child
    names = [lane.name for lane in timeline.lanes]
    assert names == ["midwifery", "health visiting", "GP", "police", "children's social care", "nursery", "housing"]
    # lanes tile the rows, and every bar sits in its own agency's lane
    assert [lane.first_row for lane in timeline.lanes] == list(
        itertools.accumulate([0] + [lane.rows for lane in timeline.lanes[:-1]])
    )
    for bar in timeline.bars:
        lane = timeline.lanes[bar.lane]
        assert lane.name == bar.event.agency
        assert lane.first_row <= bar.row < lane.first_row + lane.rows


def test_births_and_deaths_are_lines_not_bars(child: tuple[Timeline, dict[str, object]]) -> None:
    timeline, e = child
    assert {line.kind: line.event for line in timeline.lines} == {"birth": e["birth"], "death": e["death"]}
    assert not any(bar.event in (e["birth"], e["death"]) for bar in timeline.bars)
    birth = next(line for line in timeline.lines if line.kind == "birth")
    # 'in the early winter of 2010' after a booking in June 2010: December 2010, not known to the day
    assert (date.fromordinal(birth.first), date.fromordinal(birth.last)) == (date(2010, 12, 1), date(2010, 12, 31))
    assert timeline.age is not None and timeline.age.name == "Child T"
    assert (timeline.age.first, timeline.age.last) == (birth.first, birth.last)


def test_each_bar_is_as_uncertain_as_its_dates(child: tuple[Timeline, dict[str, object]]) -> None:
    timeline, e = child
    chronology = e["chronology"]
    for bar in timeline.bars:
        bounds = chronology.bounds(bar.event)  # type: ignore[attr-defined]
        assert (date.fromordinal(bar.first), date.fromordinal(bar.last)) == (bounds.earliest, bounds.latest)
        if bar.core is not None:  # the sure days lie inside the envelope
            assert bar.first <= bar.core[0] <= bar.core[1] <= bar.last
    exact = _bar(timeline, e["exact"])
    assert exact.exact and exact.core is None and exact.first == exact.last == date(2012, 2, 12).toordinal()
    # 'from March 2012 to May 2012': it surely ran from the end of March to the start of May
    housing = _bar(timeline, e["housing"])
    assert housing.core == (date(2012, 3, 31).toordinal(), date(2012, 5, 1).toordinal())
    # an instant known only to a stretch has no sure days
    assert _bar(timeline, e["gp"]).core is None and not _bar(timeline, e["gp"]).exact


def test_alternative_readings_are_drawn_apart(child: tuple[Timeline, dict[str, object]]) -> None:
    timeline, e = child
    winter = _bar(timeline, e["winter"])
    assert [(date.fromordinal(a), date.fromordinal(b)) for a, b in sorted(winter.readings)] == [
        (date(2011, 12, 1), date(2012, 2, 29)),
        (date(2012, 12, 1), date(2013, 2, 28)),
    ]
    assert sum(1 for bar in timeline.bars if bar.readings) == 1


def test_conflicts_are_marked_on_the_events_they_name(child: tuple[Timeline, dict[str, object]]) -> None:
    timeline, e = child
    marked = {bar.event for bar in timeline.bars if bar.conflict}
    assert marked == {e["police"], e["referral"], e["visit"]}


def test_a_statement_set_aside_links_the_events_it_names() -> None:
    case = Case()
    meeting = case.event("strategy meeting", date(2011, 1, 5), agency="police")
    case.place(meeting, "early January 2011")
    referral = case.event("referral", date(2011, 1, 1), agency="children's social care")
    case.place(referral, "January 2011")
    case.before(meeting, referral)  # the one statement a relaxed solve sets aside
    chronology = case.solve(strict=False)
    timeline = layout(chronology)
    assert [(p.event, q.event) for p, q in timeline.links] == [(meeting, referral)]
    assert all(bar.conflict for bar in timeline.bars)
    ax = chronology.plot()
    dashed = [c for c in ax.collections if c.get_linestyle()[0][1] is not None and len(c.get_segments()) == 1]
    assert len(dashed) == 1


def test_gaps_are_exactly_the_long_stretches_with_no_possible_contact(
    child: tuple[Timeline, dict[str, object]],
) -> None:
    timeline, e = child
    chronology = e["chronology"]
    possible = set()
    for bar in timeline.bars:
        for reading in chronology.when(bar.event).readings:  # type: ignore[attr-defined]
            possible |= set(range(reading.earliest.toordinal(), reading.latest.toordinal() + 1))
    first, last = min(possible), max(possible)
    quiet = [d for d in range(first, last + 1) if d not in possible]
    runs: list[list[int]] = []
    for day in quiet:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    expected = [(run[0], run[-1]) for run in runs if len(run) > 90]
    shaded = [(g.days.earliest.toordinal(), g.days.latest.toordinal()) for g in timeline.gaps]
    assert shaded == expected and len(shaded) == 2
    assert layout(chronology, gap=None).gaps == ()
    assert len(layout(chronology, gap="a year").gaps) == 0
    assert len(layout(chronology, gap=timedelta(days=150)).gaps) == 2  # five and six months quiet


def test_options_choose_lanes_view_and_age(child: tuple[Timeline, dict[str, object]]) -> None:
    _, e = child
    chronology = e["chronology"]
    chosen = layout(chronology, agencies=["Housing", "police"])  # names match regardless of case
    assert [lane.name for lane in chosen.lanes] == ["housing", "police"]
    assert {bar.event.agency for bar in chosen.bars} == {"housing", "police"}
    everyone = {lane.name: lane.colour for lane in layout(chronology).lanes}
    assert {lane.name: lane.colour for lane in chosen.lanes} == {n: everyone[n] for n in ("housing", "police")}
    cut = layout(chronology, since="2012", until=date(2012, 12, 31))
    assert cut.view == (date(2012, 1, 1).toordinal(), date(2012, 12, 31).toordinal())
    gp_letter = _bar(cut, e["open"])
    assert not gp_letter.open_before and gp_letter.open_after  # runs to Feb 2013, beyond the view
    assert e["booking"] not in {bar.event for bar in cut.bars}
    assert layout(chronology, person="Mother T").age is None  # nothing bounds her birth
    with pytest.raises(InvalidValue) as error:
        layout(chronology, agencies=["probation"])
    lanes = ", ".join(repr(lane.name) for lane in layout(chronology).lanes)
    assert str(error.value).endswith(f"its agencies are: {lanes}")  # births and deaths are no agency's lane


def test_a_birth_with_two_readings_is_drawn_as_both_and_counts_no_age() -> None:
    case = Case()
    child = case.person("Child Y", born="in the early winter of 2010")  # December 2010 or December 2009
    case.event("health visit", "early summer 2011", agency="health visiting")
    timeline = layout(case.solve())
    (birth,) = timeline.lines
    assert birth.event is child.birth
    assert [(date.fromordinal(a), date.fromordinal(b)) for a, b in sorted(birth.readings)] == [
        (date(2009, 12, 1), date(2009, 12, 31)),
        (date(2010, 12, 1), date(2010, 12, 31)),
    ]
    assert timeline.age is None and "2 readings" in timeline.age_note


def test_events_far_from_all_the_others_are_left_out_of_the_default_view_and_counted() -> None:
    case = Case()
    near = [case.event(f"visit {m}", f"{month} 2012", agency="GP") for m, month in enumerate(["March", "May", "July"])]
    near += [case.event(f"call {m}", f"{month} 2013", agency="police") for m, month in enumerate(["January", "June"])]
    near += [case.event(f"letter {m}", f"{month} 2011", agency="GP") for m, month in enumerate(["June", "October"])]
    far = [case.event("review published", "2035", agency="GP"), case.event("a teenager", "1992", agency="police")]
    chronology = case.solve()
    timeline = layout(chronology)
    assert set(timeline.beyond) == set(far)
    assert {bar.event for bar in timeline.bars} == set(near)
    assert date.fromordinal(timeline.view[0]).year == 2011 and date.fromordinal(timeline.view[1]).year == 2013
    wide = layout(chronology, since="1990", until="2036")
    assert wide.beyond == () and {bar.event for bar in wide.bars} == set(near + far)
    assert set(layout(crowd(7)).beyond) == set()  # too few events to call any far off


def test_bars_are_numbered_as_the_table_rows() -> None:
    case = Case()
    case.person("Mother U")  # named in passing: nothing dates her birth
    undated = case.event("letter, date not known", agency="GP")
    visit = case.event("home visit", "March 2012", agency="health visiting")
    referral = case.event("referral", "February 2012", agency="police")
    chronology = case.solve()
    assert rows_order(chronology) == (referral, visit, undated)
    timeline = layout(chronology)
    assert {bar.event: bar.number for bar in timeline.bars} == {referral: 1, visit: 2}
    assert timeline.unplaced == (undated,)


def test_crowded_timelines_number_their_bars_then_stop_labelling() -> None:
    few = layout(crowd(20))
    assert few.labels == "text"
    many = layout(crowd(120))
    assert many.labels == "numbers"
    assert [bar.label for bar in many.bars] == [str(bar.number) for bar in many.bars]
    assert [n for n, _ in many.key] == sorted(bar.number for bar in many.bars)
    assert layout(crowd(600)).labels == "none"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 60)), max_size=40))
def test_packing_keeps_spans_apart_on_as_few_rows_as_can_be(raw: list[tuple[int, int]]) -> None:
    spans = sorted((float(a), float(a + w) + 0.5) for a, w in raw)
    rows = _pack(spans)
    by_row: dict[int, list[tuple[float, float]]] = {}
    for span, row in zip(spans, rows, strict=True):
        by_row.setdefault(row, []).append(span)
    for kept in by_row.values():
        assert all(b < c for (_, b), (c, _) in itertools.pairwise(kept))  # apart, in order
    deepest = max((sum(1 for a, b in spans if a <= x <= b) for x, _ in spans), default=0)
    assert len(by_row) == deepest  # no more rows than spans overlap at some moment


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 900), st.integers(0, 40), st.booleans()), min_size=1, max_size=12),
    st.integers(0, 120),
)
def test_gaps_are_the_long_stretches_no_event_could_touch(raw: list[tuple[int, int, bool]], threshold: int) -> None:
    case = Case()
    start = date(2015, 1, 1)
    for i, (a, w, two) in enumerate(raw):
        first = Interval(start + timedelta(days=a), start + timedelta(days=a + w))
        when = When((first, first.shifted(500)), "one of two") if two else When.of(first)
        case.event(f"event {i}", when, agency="police" if i % 2 else "GP")
    chronology = case.solve()
    timeline = layout(chronology, gap=threshold)
    possible = {
        d
        for bar in timeline.bars
        for r in chronology.when(bar.event).readings
        for d in range(r.earliest.toordinal(), r.latest.toordinal() + 1)
    }
    quiet = [d for d in range(min(possible), max(possible) + 1) if d not in possible]
    runs: list[list[int]] = []
    for day in quiet:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    expected = [(run[0], run[-1]) for run in runs if len(run) > threshold]
    assert [(g.days.earliest.toordinal(), g.days.latest.toordinal()) for g in timeline.gaps] == expected


_PHRASES = st.sampled_from(
    [
        "early summer 2011",
        "winter 2010",
        "by the end of February 2012",
        "since March 2013",
        "the following day",
        "three days later",
        "from March 2012 to May 2012",
        "12/02/2012",
        "when he was ten weeks old",
        "2011",
    ]
)


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(_PHRASES, st.sampled_from([None, "police", "GP", "a very long agency name that wraps"])),
        max_size=14,
    ),
    st.booleans(),
    st.booleans(),
)
def test_any_small_chronology_draws(events: list[tuple[str, str | None]], born: bool, died: bool) -> None:
    from matplotlib.figure import Figure

    from chronology.render.plot import draw

    case = Case()
    case.person("Child Z", born="in the early winter of 2010" if born else None)
    for i, (phrase, agency) in enumerate(events):
        case.event(f"event {i}", phrase, agency=agency)
    if died:
        case.event("death of Child Z", "in the late spring of 2013", kind="death")
    chronology = case.solve(strict=False)
    timeline = layout(chronology)
    assert {bar.event for bar in timeline.bars} | set(timeline.unplaced) == {
        e for e in rows_order(chronology) if e.kind not in ("birth", "death")
    }
    for bar in timeline.bars:
        assert timeline.view[0] <= bar.first <= bar.last <= timeline.view[1]
    ax = Figure(figsize=(12, 6)).add_subplot()
    draw(timeline, ax)
    ax.figure.canvas.draw()  # type: ignore[attr-defined]


# -- what the picture shows ------------------------------------------------------------------


def _overlaps(ax: Axes) -> list[tuple[str, str]]:
    """Pairs of labels whose drawn boxes overlap, and labels drawn over another event's bar."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    texts = [t for t in ax.texts if t.get_text() and t.get_rotation() == 0]
    boxes = [t.get_window_extent(renderer).shrunk(0.98, 0.9) for t in texts]
    pairs = itertools.combinations(zip(texts, boxes, strict=True), 2)
    return [(a.get_text(), b.get_text()) for (a, p), (b, q) in pairs if p.overlaps(q)]


def _bars_under_labels(ax: Axes, timeline: Timeline) -> list[str]:
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    to_data = ax.transData.inverted()
    labelled = {t.get_text(): t for t in ax.texts if t.get_text()}
    under = []
    shift = matplotlib.dates.date2num(date(2000, 1, 1)) - date(2000, 1, 1).toordinal()
    for bar in timeline.bars:
        text = labelled.get(bar.label)
        if text is None:
            continue
        (x0, _), (x1, _) = to_data.transform(text.get_window_extent(renderer).corners()[[0, 3]])
        for other in timeline.bars:
            if other is not bar and other.row == bar.row and other.first + shift < x1 and other.last + 1 + shift > x0:
                under.append(f"{bar.label} over {other.event.description}")
    return under


@pytest.mark.parametrize("make", [lambda: child_t()[0], child_m], ids=["child T", "child M"])
def test_labels_do_not_overlap_each_other_or_other_bars(make) -> None:  # type: ignore[no-untyped-def]
    chronology = make()
    ax = chronology.plot()
    timeline = layout(chronology)
    assert timeline.labels == "text"
    assert _overlaps(ax) == []
    assert _bars_under_labels(ax, timeline) == []


def test_numbered_labels_do_not_overlap() -> None:
    chronology = crowd(120)
    ax = chronology.plot()
    assert _overlaps(ax) == []
    (key,) = [other for other in ax.figure.axes if other is not ax]
    keyed = [t.get_text().split(maxsplit=1) for t in key.texts[1:]]
    by_number = {int(n): text for n, text in keyed}
    assert sorted(by_number) == sorted(bar.number for bar in layout(chronology).bars)
    assert all(by_number[bar.number].startswith(bar.event.description) for bar in layout(chronology).bars)


def test_the_drawing_uses_collections_not_one_artist_per_event() -> None:
    chronology = crowd(700)
    ax = chronology.plot()
    assert len(ax.texts) < 20 and len(ax.patches) < 20 and len(ax.collections) < 20
    drawn = sum(len(c.get_paths()) for c in ax.collections)
    assert drawn >= 700


def test_plot_draws_on_the_axes_given_and_returns_it() -> None:
    chronology, _ = child_t()
    fig, (left, right) = plt.subplots(1, 2, figsize=(14, 5))
    assert chronology.plot(right, agencies=["police"]) is right
    assert not left.has_data() and right.has_data()
    assert [t.get_text() for t in right.get_yticklabels()] == ["police"]
    assert right.get_legend() is not None


def test_an_empty_chronology_plots_with_a_note() -> None:
    ax = Case().solve().plot()
    assert any("no event" in t.get_text() for t in ax.texts)


# -- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"agencies": ["probation"]}, "no event of this chronology is from 'probation'"),
        ({"agencies": "police"}, "a list of agency names"),
        ({"since": "2013", "until": "2012"}, "is after until"),
        ({"since": 2012}, "a date or a phrase"),
        ({"gap": -3}, "must not be negative"),
        ({"gap": "March 2012"}, "not a length of time"),
        ({"labels": "all"}, "labels must be"),
        ({"person": "Child Q"}, "one of the chronology's people"),
    ],
    ids=lambda v: str(v)[:30],
)
def test_bad_options_raise_a_clear_error(options: dict[str, object], says: str) -> None:
    chronology, _ = child_t()
    with pytest.raises(InvalidValue, match=says.replace("(", r"\(").replace(")", r"\)")):
        chronology.plot(**options)  # type: ignore[arg-type]
    assert plt.get_fignums() == []  # nothing was drawn before the error


def test_plot_refuses_what_is_not_an_axes() -> None:
    chronology, _ = child_t()
    with pytest.raises(InvalidValue, match="matplotlib Axes"):
        chronology.plot("the left one")  # type: ignore[arg-type]


_ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.dates(),
    st.timedeltas(),
    st.lists(st.text(max_size=8), max_size=3),
    st.sampled_from(["2012", "three months", "police", "Child T", "numbers", "spring 2011", "his death"]),
)


@settings(max_examples=60, deadline=None)
@given(person=_ANYTHING, agencies=_ANYTHING, since=_ANYTHING, until=_ANYTHING, gap=_ANYTHING, labels=_ANYTHING)
def test_whatever_the_options_only_a_chronology_error_escapes(
    person: object, agencies: object, since: object, until: object, gap: object, labels: object
) -> None:
    chronology = _SMALL
    try:
        timeline = layout(
            chronology,
            person=person,  # type: ignore[arg-type]
            agencies=agencies,  # type: ignore[arg-type]
            since=since,  # type: ignore[arg-type]
            until=until,  # type: ignore[arg-type]
            gap=gap,  # type: ignore[arg-type]
            labels=labels,  # type: ignore[arg-type]
        )
    except ChronologyError:
        return
    assert timeline.view[0] <= timeline.view[1]


_SMALL = child_t()[0]
