"""The HTML report: one self-contained page, every event and statement in it, and a browser renders it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import matplotlib
import matplotlib.image

matplotlib.use("Agg")

import pytest  # noqa: E402
from timelines import child_t, crowd  # noqa: E402

from chronology import Case, FileError, InvalidValue  # noqa: E402
from chronology.render.plot import rows_order  # noqa: E402
from chronology.render.report import render  # noqa: E402

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@pytest.fixture(scope="module")
def page() -> tuple[str, object, dict[str, object]]:
    chronology, events = child_t()
    return render(chronology), chronology, events


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr id='event-\d+'.*?</tr>", body, flags=re.S)


def test_the_page_holds_the_timeline_the_table_and_the_conflicts(page: tuple[str, object, dict[str, object]]) -> None:
    text, chronology, e = page
    assert text.startswith("<!doctype html>") and text.count("<svg") == 1
    rows = _rows(text)
    events = rows_order(chronology)  # type: ignore[arg-type]
    assert len(rows) == len(events) == len(chronology.events) - 1  # Mother T's birth: nothing dates or mentions it
    table = chronology.table()  # type: ignore[attr-defined]
    for number, (row, event, line) in enumerate(zip(rows, events, table.rows, strict=True), start=1):
        assert f"<td class='n'>{number}</td>" in row
        assert f"<td class='event'>{event.description.replace(chr(39), '&#x27;')}</td>" in row
        assert f"<td class='when'>{line.display}" in row and f"<td class='age'>{line.age}</td>" in row
        for words in chronology.placed_by(event):  # type: ignore[attr-defined]
            assert f"<q class='words'>{words.text}</q>" in row.split("<details>")[0]
    conflicts = text.split("<section id='conflicts'", 1)[1].split("</section>", 1)[0]
    for statement in chronology.conflicts[0]:  # type: ignore[attr-defined]
        assert statement.says.replace("'", "&#x27;") in conflicts
    (aside,) = chronology.set_aside  # type: ignore[attr-defined]
    assert f"set aside: </span>{aside.says}<div class='from'>from <q class='words'>{aside.words.text}</q>" in conflicts
    flagged = [row for row in rows if "class=conflict" in row]
    assert len(flagged) == 3  # the three events the conflicting statements name


def test_every_date_explains_itself_on_demand(page: tuple[str, object, dict[str, object]]) -> None:
    text, chronology, _ = page
    for row, event in zip(_rows(text), rows_order(chronology), strict=True):  # type: ignore[arg-type]
        (why,) = re.findall(r"<details><summary>why</summary>(.*?)</details>", row, flags=re.S)
        explanation = chronology.explain(event)  # type: ignore[attr-defined]
        said = [s.says for s in explanation.earliest_because + explanation.latest_because]
        assert why.count("<li>") == len(said)
        for says in said:
            assert says.replace("'", "&#x27;") in why


def test_the_page_fetches_nothing(page: tuple[str, object, dict[str, object]]) -> None:
    text, _, _ = page
    for pattern in (r"<script", r"<link", r"<img", r"<iframe", r"@import", r"\bsrc\s*=", r"url\((?!#)"):
        assert not re.search(pattern, text, flags=re.I), pattern
    # the only addresses are XML namespace names (never fetched) and in-page anchors
    assert all(target.startswith("#") for target in re.findall(r"href=['\"]([^'\"]*)", text))
    for address in re.finditer(r"https?://", text):
        before = text[max(0, address.start() - 20) : address.start()]
        assert re.search(r"xmlns(:\w+)?=\"$", before), text[address.start() - 40 : address.start() + 40]
    assert "default-src 'none'" in text


def test_text_is_escaped() -> None:
    case = Case()
    case.event("<script>alert('x')</script> & more", "March 2012", agency="<b>police</b>")
    text = render(case.solve())
    assert "<script>" not in text and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in text
    assert "&lt;b&gt;police&lt;/b&gt;" in text


def test_to_html_writes_the_whole_file_or_nothing(tmp_path: Path) -> None:
    chronology, _ = child_t()
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    assert chronology.to_html(target) == target
    assert target.read_text(encoding="utf-8") == render(chronology)
    with pytest.raises(FileError, match="cannot write the report: No such file or directory") as missing:
        chronology.to_html(tmp_path / "missing" / "report.html")
    assert isinstance(missing.value, OSError) and missing.value.path == str(tmp_path / "missing" / "report.html")
    with pytest.raises(FileError, match="is a folder"):
        chronology.to_html(tmp_path)
    with pytest.raises(InvalidValue, match="needs a file path"):
        chronology.to_html(42)  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary file left


def test_a_chronology_shows_itself_in_jupyter() -> None:
    chronology, _ = child_t()
    shown = chronology._repr_html_()
    assert shown.startswith("<div class='chronology-report'>") and "<svg" in shown
    assert len(re.findall(r"<tr id='event-", shown)) == len(rows_order(chronology))
    assert "<html" not in shown and "<script" not in shown
    assert "<details>" not in shown  # explanations are the report's: showing stays quick
    # its styles touch nothing of the notebook's own
    style = shown.split("<style>", 1)[1].split("</style>", 1)[0]
    selectors = [sel.strip() for rule in re.findall(r"([^{}]+)\{", style) for sel in rule.split(",")]
    assert selectors and all(sel.startswith(".chronology-report") for sel in selectors), selectors


# -- in a real browser -------------------------------------------------------------------------


def _browser() -> str:
    for name in (os.environ.get("CHRONOLOGY_BROWSER"), *BROWSERS):
        found = shutil.which(name) if name else None
        if found:
            return found
    pytest.skip("no headless browser here (Debian: apt-get install chromium; .ci/run installs it)")


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_a_headless_browser_renders_the_report(tmp_path: Path) -> None:
    browser = _browser()
    chronology, _ = child_t()
    report = chronology.to_html(tmp_path / "report.html")
    shot = tmp_path / "report.png"
    done = _run(browser, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri())
    assert shot.exists(), done.stderr[-2000:]
    image = matplotlib.image.imread(str(shot))[:, :, :3]
    assert image.shape[:2] == (2000, 1280)
    # not blank: many pixels are not white, and the timeline's lane colours are there
    assert (image.min(axis=2) < 0.9).mean() > 0.05
    assert image.std() > 0.1
    top = image[:900].reshape(-1, 3)
    saturated = top[(top.max(axis=1) - top.min(axis=1)) > 0.25]
    assert len({tuple((c * 8).astype(int)) for c in saturated}) >= 6
    dom = _run(browser, tmp_path / "profile", "--dump-dom", report.as_uri()).stdout
    assert len(re.findall(r'<tr id="event-\d+"', dom)) == len(rows_order(chronology))
    assert "<svg" in dom and "set aside" in dom


def test_the_example_draws_the_timeline_and_writes_the_report(tmp_path: Path) -> None:
    import runpy

    example = Path(__file__).resolve().parents[1] / "examples" / "child_m_case.py"
    main = runpy.run_path(str(example))["main"]
    main(["--plot", str(tmp_path / "child-m.png"), "--html", str(tmp_path / "child-m.html")])
    image = matplotlib.image.imread(str(tmp_path / "child-m.png"))
    assert image.shape[1] > 1000 and image[:, :, :3].std() > 0.1
    page = (tmp_path / "child-m.html").read_text(encoding="utf-8")
    assert page.count("<tr id='event-") == 18 and "death of Child M" in page


def test_where_the_text_is_at_hand_each_statement_shows_its_sentence() -> None:
    import runpy

    from chronology import Chronology

    examples = Path(__file__).resolve().parents[1] / "examples"
    text = (examples / "review-child-m.txt").read_text(encoding="utf-8")
    solved = runpy.run_path(str(examples / "child_m_case.py"))["build"](text).solve()
    # what chronology.read gives: the same solve, holding the text it was read from
    read = Chronology(solved.case, solved._solution, text=text, source="review-child-m.txt")
    page = render(read)
    assert "from review-child-m.txt" in page
    marked = re.findall(r"<div class='context'>(.*?)<mark>(.*?)</mark>(.*?)</div>", page)
    assert len(marked) >= 18
    flat = " ".join(text.split())
    for before, words, after in marked:
        shown = " ".join(f"{before}{words}{after}".replace("&#x27;", "'").strip("…").split())
        at = flat.find(shown)
        assert at >= 0  # the words in their own sentence
        # cut at word edges, never inside a word
        assert at == 0 or not flat[at - 1].isalnum()
        assert at + len(shown) == len(flat) or not flat[at + len(shown)].isalnum()
    assert "review-child-m.txt, characters 1027–1050" in page  # "the day after his birth"
    assert text[1027:1050] == "the day after his birth"


def test_an_event_placed_after_it_was_made_shows_the_words_that_placed_it() -> None:
    case = Case()
    visit = case.event("home visit", agency="health visiting")  # as a reader makes them: first the event...
    case.place(visit, "in the spring of 2012")  # ...then each phrase that places it
    case.event("call", date(2012, 1, 9), agency="police")  # a date given by code has no words
    call, row = _rows(render(case.solve()))
    assert "<q class='words'>in the spring of 2012</q>" in row.split("<details>")[0]
    assert "given by code" not in row.split("<details>")[0]
    assert "given by code" in call.split("<details>")[0]


def test_the_open_questions_name_the_events_the_timeline_leaves_out() -> None:
    case = Case()
    for i, month in enumerate(["March 2012", "May 2012", "July 2012", "January 2013", "June 2013", "June 2011"]):
        case.event(f"visit {i}", month, agency="GP")
    case.event("probation order as a teenager", "1992", agency="probation")
    case.event("the last visit", "October 2012", agency="GP")
    page = render(case.solve())
    questions = page.split("<section id='open'>", 1)[1]
    assert "probation order as a teenager: 1992" in questions and "visit 0" not in questions


@pytest.mark.parametrize("make", [lambda: child_t()[0], lambda: crowd(150)], ids=["child T", "crowd"])
def test_the_timeline_numbers_events_as_the_table_does(make) -> None:  # type: ignore[no-untyped-def]
    chronology = make()
    table = chronology.table()
    assert [row.event for row in table.rows] == [event.description for event in rows_order(chronology)]
    assert [row.number for row in table.rows] == list(range(1, len(table.rows) + 1))


def test_explanations_can_be_left_out_and_the_page_says_so() -> None:
    chronology, _ = child_t()
    page = render(chronology, explain=False)
    assert "<details>" not in page and "explanations are left out of this page" in page
    assert render(chronology, explain=True).count("<details>") == len(rows_order(chronology))
    with pytest.raises(InvalidValue, match="explain must be"):
        render(chronology, explain="yes")  # type: ignore[arg-type]


def test_a_large_chronology_leaves_the_explanations_out_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from chronology.render import report

    chronology, _ = child_t()
    assert "<details>" in render(chronology)
    monkeypatch.setattr(report, "_EXPLAIN_UP_TO", len(rows_order(chronology)) - 1)
    assert "<details>" not in render(chronology) and "explanations are left out" in render(chronology)
