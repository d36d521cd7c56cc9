"""How many events read from a review `chronology.reading.relevance.background` would take off the timeline.

For each review: how many events `chronology.read` makes from the text, how many of them the rule
marks as background (by reason), and, on the synthetic reviews (benchmarks/synthetic/*.json), how
many annotated true events it would wrongly drop. A true event is an event of the reader whose
clause holds a mention annotated with an event of the review's hidden timeline (``truth``); the
truth also holds the review's own process (the panel's meetings, the publication), which the rule
is meant to drop, so those are counted apart from the events of the case (truth events naming
people).

On the Child S review (../shared/seeds) and the held-out public excerpts (../corpus/reviews, see
benchmarks/reviews/README.md), each skipped where absent, there is no truth for events: the rows
marked are printed (with --show) for a person to judge.

    python benchmarks/measure_relevance.py [--show]
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

import chronology
from chronology.reading.relevance import background

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(
    os.environ.get("CHRONOLOGY_SHARED")
    or next((p for p in (ROOT / ".." / "shared", ROOT / ".." / ".." / "shared") if p.exists()), ROOT / ".." / "shared")
)
SEED = SHARED / "seeds" / "coventry-child-s-review.txt"
CORPUS = Path(os.environ.get("CHRONOLOGY_CORPUS", ROOT / ".." / "corpus" / "reviews"))
if not CORPUS.exists() and (ROOT / ".." / ".." / "corpus" / "reviews").exists():
    CORPUS = ROOT / ".." / ".." / "corpus" / "reviews"
SYNTHETIC = ROOT / "benchmarks" / "synthetic"

# A heading: a short line standing alone, without a full stop at its end.
_HEADING = re.compile(r"(?m)^[ \t]*((?:\d+(?:\.\d+)*\.?\s+)?[A-Z][^\n.]{2,70})[ \t]*$")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``: from the last full stop or blank line before it to the next."""
    back = max(text.rfind(". ", 0, start) + 2, text.rfind("\n\n", 0, start) + 2, 0)
    ahead = [i for i in (text.find(". ", end - 1), text.find("\n\n", end - 1)) if i >= 0]
    return text[back : min(ahead) + 1 if ahead else len(text)]


def headings(text: str) -> list[tuple[int, str]]:
    """Lines that look like headings (preceded by a blank line), with where they start."""
    out = []
    for m in _HEADING.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        if m.start() == 0 or before.endswith("\n\n") or before == "\n" and m.start() == 1:
            out.append((m.start(), m.group(1).strip()))
    return out


def section_of(heads: list[tuple[int, str]], at: int) -> str | None:
    found = None
    for start, words in heads:
        if start > at:
            break
        found = words
    return found


def judge(text: str, source: str) -> list[tuple[chronology.Event, str | None]]:
    """Each event read from ``text`` with the rule's reason (None: an event of the case)."""
    chron = chronology.read(text, source=source)
    heads = headings(text)
    out = []
    for event in chron.case.events:
        excerpt = event.source
        if not isinstance(excerpt, chronology.Excerpt) or excerpt.end is None:
            continue  # births and deaths the reader adds for people: not read from one clause
        clause = text[excerpt.start : excerpt.end]
        sentence = sentence_around(text, excerpt.start, excerpt.end)
        reason = background(
            clause,
            sentence,
            section=section_of(heads, excerpt.start),
            names_case_person=bool(event.people),
        )
        out.append((event, reason))
    return out


def report(name: str, judged: list[tuple[chronology.Event, str | None]]) -> None:
    marked = Counter(r for _, r in judged if r is not None)
    total = sum(marked.values())
    print(f"{name}: {len(judged)} events read from clauses, {total} marked background {dict(marked)}")


def synthetic(path: Path, show: bool) -> tuple[int, int, int, int]:
    text = path.read_text("utf-8")
    truth = json.loads(path.with_suffix(".json").read_text("utf-8"))
    people_of = {t["id"]: bool(t.get("people")) for t in truth["truth"]}
    judged = judge(text, path.name)
    report(path.stem, judged)
    spans = [(m["start"], m["end"], m["event"]) for m in truth["mentions"] if m.get("event") in people_of]
    case_dropped = process_dropped = true_events = 0
    for event, reason in judged:
        excerpt = event.source
        assert isinstance(excerpt, chronology.Excerpt) and excerpt.end is not None
        events = {e for a, b, e in spans if excerpt.start <= a and b <= excerpt.end}
        if not events:
            if show and reason is not None:
                print(f"  marked ({reason}): {' '.join(text[excerpt.start : excerpt.end].split())[:150]}")
            continue
        true_events += 1
        if reason is None:
            continue
        if any(people_of[e] for e in events):
            case_dropped += 1
            print(f"  WRONGLY DROPPED ({reason}): {' '.join(text[excerpt.start : excerpt.end].split())[:150]}")
        else:
            process_dropped += 1
            if show:
                print(f"  process dropped ({reason}): {' '.join(text[excerpt.start : excerpt.end].split())[:150]}")
    print(
        f"  true events read: {true_events}; case events wrongly dropped: {case_dropped}; "
        f"review-process truth events dropped: {process_dropped}"
    )
    return len(judged), sum(r is not None for _, r in judged), true_events, case_dropped


def main() -> int:
    show = "--show" in sys.argv[1:]
    if SEED.exists():
        text = SEED.read_text("utf-8")
        judged = judge(text, SEED.name)
        report("Child S", judged)
        if show:
            for event, reason in judged:
                if reason is not None:
                    assert isinstance(event.source, chronology.Excerpt)
                    print(f"  [{reason}] {' '.join(event.source.text.split())[:140]}")
    else:
        print(f"Child S: skipped ({SEED} is absent)")
    if CORPUS.exists():
        # the held-out public excerpts (benchmarks/reviews): no truth of events, only the rows to judge
        for path in sorted(CORPUS.glob("*.txt")):
            judged = judge(path.read_text("utf-8"), path.name)
            report(path.stem, judged)
            if show:
                for event, reason in judged:
                    if reason is not None:
                        assert isinstance(event.source, chronology.Excerpt)
                        print(f"  [{reason}] {' '.join(event.source.text.split())[:140]}")
    else:
        print(f"held-out excerpts: skipped ({CORPUS} is absent)")
    totals = [0, 0, 0, 0]
    for path in sorted(SYNTHETIC.glob("*.txt")):
        if path.with_suffix(".json").exists():
            for k, n in enumerate(synthetic(path, show)):
                totals[k] += n
    read, marked, true_events, dropped = totals
    print(
        f"synthetic, all: {read} events read, {marked} marked background; "
        f"{true_events} true events read, {dropped} case events wrongly dropped"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
