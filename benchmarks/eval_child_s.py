"""Measure the grammar on the development annotation of the Child S review.

Run: ``python benchmarks/eval_child_s.py [--all]``.

For every annotated mention, ``parse_when`` reads its exact words with the
anchors the annotation states (a birth, another event, the narrative's
reference), and the result is scored by the eval README's rule: a reading is
right when it contains the annotation's ``core`` and lies inside its
``envelope``.  Mentions marked ``sure: false`` count for parsing, not for
bounds.  Citations (a title or a law with a year) must not reach the timeline:
their words with the title before them must be rejected.

This measures the grammar alone: finding mentions in running text is not
scored here.  Nothing from the review is written anywhere; misses are listed
by id, with the annotated words only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from chronology import ChronologyError, Interval, MissingAnchor, When, parse_when


def _shared() -> Path:
    """The team's shared material: $CHRONOLOGY_SHARED, else the nearest ``shared`` folder beside
    a folder holding this repository (``../shared`` from the repository, or from a worktree's)."""
    if os.environ.get("CHRONOLOGY_SHARED"):
        return Path(os.environ["CHRONOLOGY_SHARED"])
    here = Path(__file__).resolve()
    for parent in here.parents[1:]:
        if (parent / "shared" / "eval").is_dir():
            return parent / "shared"
    return here.parents[2] / "shared"


SHARED = _shared()
ANNOTATION = SHARED / "eval" / "dev_child_s.json"
SEEDS = SHARED / "seeds"

_RESOLVED = re.compile(r"resolved(?: to)? (\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d)")
# Where a citation's title stops, walking back from its year.
_CLAUSE_END = re.compile(r"[.,;:*'‘’\"\n²³⁴¹]")


def _interval(pair: list[str | None]) -> Interval:
    return Interval(*(None if x is None else date.fromisoformat(x) for x in pair))


def annotated_readings(mention: dict[str, Any]) -> list[tuple[Interval | None, Interval]]:
    """``(core, envelope)`` per annotated reading (core may be ``None``)."""
    if "readings" in mention:
        return [
            (None if r.get("core") is None else _interval(r["core"]), _interval(r["envelope"]))
            for r in mention["readings"]
        ]
    core = mention.get("core")
    return [(None if core is None else _interval(core), _interval(mention["envelope"]))]


def resolve_anchor(mention: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> Interval | None:
    """The days the annotation's anchor is known to: the dates its ``what`` states,
    else the envelope of the mention it points to."""
    anchor = mention.get("anchor")
    if not anchor:
        return None
    found = _RESOLVED.search(anchor.get("what", ""))
    if found:
        return Interval(date.fromisoformat(found.group(1)), date.fromisoformat(found.group(2)))
    source = by_id.get(anchor.get("from_id", ""))
    if source is None:
        return None
    return Interval.hull_of(envelope for _, envelope in annotated_readings(source))


def anchors_for(mention: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Interval]:
    """Keyword anchors for ``parse_when``: a birth anchor is the ``birth`` (and the
    narrative's reference); any other anchor is the named event and the reference."""
    days = resolve_anchor(mention, by_id)
    if days is None:
        return {}
    if "birth" in mention["anchor"].get("what", "").lower():
        return {"birth": days, "reference": days}
    return {"anchor": days, "reference": days}


def read(words: str, anchors: dict[str, Interval]) -> When:
    """``parse_when`` with ``anchors``; where the phrase names the birth as another
    event ("the day after his birth") and only a birth is given, the birth is
    passed as that event too.  Any other missing anchor is left to raise."""
    try:
        return parse_when(words, **anchors)  # type: ignore[arg-type]
    except MissingAnchor as error:
        named = (error.anchor_words or "").lower()
        if error.needs != "anchor" or "birth" not in named or "birth" not in anchors:
            raise
        return parse_when(words, anchor=anchors["birth"], **anchors)  # type: ignore[arg-type]


def citation_words(text: str, start: int, end: int, max_words: int = 6) -> str:
    """The citation's year with its title: the run of capitalised words (and the
    small words inside titles) just before it, else the clause's last few words.

    >>> citation_words("in line with Working Together 2013.", 30, 34)
    'Working Together 2013'
    """
    window = max(0, start - 200)
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, window, start)), default=window)
    before = text[clause_start:start].split()
    title: list[str] = []
    for word in reversed(before):
        if word[:1].isupper() or word.lower() in _TITLE_SMALL_WORDS or word[:2].isupper() or word in {"-", "–"}:
            title.insert(0, word)
        else:
            break
    while title and title[0].lower() in _TITLE_SMALL_WORDS - {"the"}:
        title.pop(0)
    if not any(word[:1].isupper() for word in title):
        title = before[-max_words:]
    return " ".join(title + [text[start:end]])


_TITLE_SMALL_WORDS = frozenset({"of", "and", "for", "the", "on", "in"})


def judge(mention: dict[str, Any], when: When) -> tuple[bool, bool, str]:
    """``(strict, lenient, reason)``.

    Strict: every annotated reading is matched by one of ours and every reading
    of ours matches an annotated one (contains its core, inside its envelope).
    Lenient: every annotated reading is matched; extra readings of ours are
    allowed (the review's other facts rule them out later, in the engine).
    """
    wanted = annotated_readings(mention)

    def fits(reading: Interval, core: Interval | None, envelope: Interval) -> bool:
        return envelope.covers(reading) and (core is None or reading.covers(core))

    unmatched = [(c, e) for c, e in wanted if not any(fits(r, c, e) for r in when.readings)]
    extra = [r for r in when.readings if not any(fits(r, c, e) for c, e in wanted)]
    lenient = not unmatched
    strict = lenient and not extra
    reasons = []
    for core, envelope in unmatched:
        got = " | ".join(str(r) for r in when.readings)
        if any(envelope.covers(r) for r in when.readings):
            reasons.append(f"{got} does not contain the core {core}")
        else:
            reasons.append(f"{got} is not inside the envelope {envelope}")
    if extra and lenient:
        reasons.append(f"extra reading(s) {' | '.join(str(r) for r in extra)} (annotation keeps {len(wanted)})")
    return strict, lenient, "; ".join(reasons)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="show every mention's result, not only the misses")
    args = parser.parse_args(argv)
    if not ANNOTATION.exists():
        print(f"skipped: the annotation {ANNOTATION} is not here")
        return 0
    data = json.loads(ANNOTATION.read_text(encoding="utf-8"))
    seed = SEEDS / data["source"]
    if not seed.exists():
        print(f"skipped: the review {seed.name} is not in {SEEDS}")
        return 0
    text = seed.read_text(encoding="utf-8")
    mentions: list[dict[str, Any]] = data["mentions"]
    by_id = {m["id"]: m for m in mentions}
    misplaced = [m["id"] for m in mentions if text[m["start"] : m["end"]] != m["text"]]
    if misplaced:
        print(f"warning: {len(misplaced)} mention offsets do not match the review: {', '.join(misplaced)}")

    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[str] = []
    shown: list[str] = []
    for mention in mentions:
        kind, words, ident = mention["kind"], mention["text"], mention["id"]
        row = table[kind]
        row["n"] += 1
        if kind == "citation":
            title = citation_words(text, mention["start"], mention["end"])
            try:
                when = parse_when(title)
            except ChronologyError as error:
                row["rejected"] += 1
                shown.append(f"{ident} citation {title!r}: rejected ({type(error).__name__})")
                continue
            misses.append(f"{ident} citation {title!r}: placed on the timeline as {when}")
            shown.append(misses[-1])
            continue
        anchors = anchors_for(mention, by_id)
        sure = bool(mention.get("sure", True))
        row["sure"] += sure
        try:
            when = read(words, anchors)
        except ChronologyError as error:
            given = ", ".join(f"{k}={v}" for k, v in anchors.items()) or "no anchors"
            misses.append(f"{ident} {kind} {words!r} [{given}]: not parsed: {type(error).__name__}: {error}")
            shown.append(misses[-1])
            continue
        row["parsed"] += 1
        strict, lenient, reason = judge(mention, when)
        row["strict"] += strict
        row["lenient"] += lenient
        row["strict_sure"] += strict and sure
        row["lenient_sure"] += lenient and sure
        flag = "" if sure else " (sure: false)"
        line = f"{ident} {kind} {words!r}{flag}: {when}" + (f" -- {reason}" if reason else "")
        shown.append(line)
        if not strict:
            misses.append(line)

    print(f"Child S development annotation: {len(mentions)} mentions ({data['source']})")
    print("right: each annotated reading has one of ours containing its core and inside its envelope;")
    print("  strict also wants no reading of ours beyond the annotated ones, lenient allows them")
    print("  (the review's other facts rule those out later).  'sure' rows count for bounds.")
    print()
    head = f"{'kind':10s} {'n':>4s} {'parsed':>7s} {'sure':>5s} {'strict|sure':>12s} {'lenient|sure':>13s}"
    head += f" {'strict|all':>11s}"
    print(head)
    print("-" * len(head))
    totals: dict[str, int] = defaultdict(int)
    for kind in sorted(table):
        if kind == "citation":
            continue
        row = table[kind]
        for key, value in row.items():
            totals[key] += value
        print(
            f"{kind:10s} {row['n']:4d} {row['parsed']:7d} {row['sure']:5d} {row['strict_sure']:12d} "
            f"{row['lenient_sure']:13d} {row['strict']:11d}"
        )
    print("-" * len(head))
    n, sure = totals["n"], totals["sure"]
    print(
        f"{'all':10s} {n:4d} {totals['parsed']:7d} {sure:5d} {totals['strict_sure']:12d} "
        f"{totals['lenient_sure']:13d} {totals['strict']:11d}"
    )
    print()
    if n:
        print(f"parsed              {totals['parsed']}/{n} = {totals['parsed'] / n:.1%}")
    if sure:
        print(f"bounds right, sure  strict {totals['strict_sure']}/{sure} = {totals['strict_sure'] / sure:.1%}", end="")
        print(f"   lenient {totals['lenient_sure']}/{sure} = {totals['lenient_sure'] / sure:.1%}")
    if n:
        print(f"bounds right, all   strict {totals['strict']}/{n} = {totals['strict'] / n:.1%}")
    citations = table.get("citation")
    if citations:
        print(f"citations rejected  {citations['rejected']}/{citations['n']} (read with the title before the year)")
    print()
    listing = shown if args.all else misses
    print(f"{'all results' if args.all else 'misses'} ({len(listing)}):")
    for line in listing:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
