"""Measure ``chronology.read`` on annotated reviews: mentions found, and their solved bounds.

Run: ``python benchmarks/measure_reading.py [--misses] [--only NAME]``.

For each annotated text (the Child S development set in ``../shared/eval/``, the
held-out reviews in ``benchmarks/reviews/*.json`` whose texts sit outside the
repository in ``../corpus/reviews/``, and the project's synthetic review), the
whole text is read and solved, and:

- mentions: a found mention matches an annotated one when their character spans
  overlap.  Precision counts only found mentions of kinds the annotation marks:
  phrases that place something in time, citations with a year, and durations
  where the annotation lists durations (the development set does not); a found
  citation without a year ("section 47") or a frequency is listed but not
  counted.  Found mentions overlapping the annotation's page furniture are not
  counted either.
- bounds: for each annotated ``sure`` mention on the timeline that a found one
  matches (the one overlapping it most), the found mention's solved bounds must
  contain the annotated ``core`` and lie inside its ``envelope`` (for each
  reading, where the annotation keeps several).  *Strict* also wants no reading
  of ours beyond the annotated ones; *lenient* allows them.
- citations: annotated citations found as citations (kept off the timeline).

Texts that are absent are skipped with a note.  Nothing from the texts is printed
unless ``--misses`` asks for the misses (annotated words and ours only).
Directories can be overridden with ``CHRONOLOGY_SHARED``, ``CHRONOLOGY_CORPUS``
and ``CHRONOLOGY_ANNOTATIONS``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from chronology import Interval, Mention, read

ROOT = Path(__file__).resolve().parents[1]


def _first_dir(env: str, *candidates: Path) -> Path:
    if os.environ.get(env):
        return Path(os.environ[env])
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[0]


SHARED = _first_dir("CHRONOLOGY_SHARED", ROOT / ".." / "shared", ROOT / ".." / ".." / "shared")
CORPUS = _first_dir("CHRONOLOGY_CORPUS", ROOT / ".." / "corpus" / "reviews", ROOT / ".." / ".." / "corpus" / "reviews")
ANNOTATIONS = _first_dir("CHRONOLOGY_ANNOTATIONS", ROOT / "benchmarks" / "reviews")
SYNTHETIC = ROOT / "examples" / "review-child-t.json"
SYNTHETICS = ROOT / "benchmarks" / "synthetic"  # long synthetic reviews with a known truth (another engineer's)

_TIMELESS = frozenset(("citation", "duration", "frequency"))


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


def judge(mention: dict[str, Any], found: Mention) -> tuple[bool, bool, str]:
    """``(strict, lenient, reason)`` for a found mention's solved bounds against the annotation."""
    if found.when is None:
        return False, False, f"no bounds: {found.reason}"
    wanted = annotated_readings(mention)

    def fits(reading: Interval, core: Interval | None, envelope: Interval) -> bool:
        return envelope.covers(reading) and (core is None or reading.covers(core))

    ours = found.when.readings
    unmatched = [(c, e) for c, e in wanted if not any(fits(r, c, e) for r in ours)]
    extra = [r for r in ours if not any(fits(r, c, e) for c, e in wanted)]
    got = " | ".join(str(r) for r in ours)
    reasons = [f"{got} vs core {c} / envelope {e}" for c, e in unmatched]
    if extra and not unmatched:
        reasons.append(f"extra reading(s) {' | '.join(str(r) for r in extra)}")
    return not unmatched and not extra, not unmatched, "; ".join(reasons)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _texts() -> Iterator[tuple[str, dict[str, Any] | None, str | None, str]]:
    """``(name, annotation, text, note)`` for every annotated text, the text ``None`` where absent."""
    dev = SHARED / "eval" / "dev_child_s.json"
    if dev.exists():
        data = json.loads(dev.read_text("utf-8"))
        seed = SHARED / "seeds" / data["source"]
        text = seed.read_text("utf-8") if seed.exists() else None
        yield "child-s (dev)", data, text, "" if text is not None else f"text {seed} absent"
    else:
        yield "child-s (dev)", None, None, f"annotation {dev} absent"
    if SYNTHETIC.exists():
        data = json.loads(SYNTHETIC.read_text("utf-8"))
        path = SYNTHETIC.with_name(data["source"])
        yield "child-t (synthetic)", data, path.read_text("utf-8"), ""
    for path in sorted(SYNTHETICS.glob("*.json")) if SYNTHETICS.exists() else []:
        data = json.loads(path.read_text("utf-8"))
        target = path.with_suffix(".txt")
        if target.exists():
            yield f"{path.stem} (synthetic)", data, target.read_text("utf-8"), ""
        else:
            yield path.stem, data, None, f"text {target.name} absent"
    for path in sorted(ANNOTATIONS.glob("*.json")) if ANNOTATIONS.exists() else []:
        data = json.loads(path.read_text("utf-8"))
        source = data.get("source", {})
        file = Path(source.get("file", "") if isinstance(source, dict) else str(source)).name
        target = CORPUS / file
        if not target.exists():
            yield path.stem, data, None, f"text {file} absent from {CORPUS}"
            continue
        text = target.read_text("utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if data.get("sha256") and digest != data["sha256"]:
            yield path.stem, data, None, f"text {file} differs from the annotated one (sha256)"
            continue
        yield path.stem, data, text, ""


def score(name: str, data: dict[str, Any], text: str, show: bool) -> dict[str, Any]:
    """Read ``text`` and score it against ``data``; returns the counts."""
    annotated: list[dict[str, Any]] = data["mentions"]
    kinds = {m["kind"] for m in annotated}
    furniture = [(f["start"], f["end"]) for f in data.get("furniture", [])]
    document = None
    started = time.perf_counter()
    chronology = read(text, source=name, document_date=document)
    seconds = time.perf_counter() - started
    found = list(chronology.mentions)

    def counted(m: Mention) -> bool:
        if any(_overlap((m.start, m.end), f) for f in furniture):
            return False
        if m.kind == "frequency":
            return False
        if m.kind == "duration":
            return "duration" in kinds
        if m.kind == "citation":
            return any(ch.isdigit() and len(w) == 4 for w in m.text.split() for ch in w[:1]) or _has_year(m.text)
        return True

    scored = [m for m in found if counted(m)]
    matched_found = [m for m in scored if any(_overlap((m.start, m.end), (a["start"], a["end"])) for a in annotated)]
    matched_annotated = [a for a in annotated if any(_overlap((m.start, m.end), (a["start"], a["end"])) for m in found)]
    misses: list[str] = []
    for a in annotated:
        if a not in matched_annotated:
            misses.append(f"  missed  {a['id']} {a['kind']} {a['text']!r}")
    for m in scored:
        if m not in matched_found:
            misses.append(f"  extra   {m.kind} {m.text!r}")
    sure_total = strict = lenient = 0
    citations = cited = 0
    for a in annotated:
        best = max(found, key=lambda m: _overlap((m.start, m.end), (a["start"], a["end"])), default=None)
        if best is None or not _overlap((best.start, best.end), (a["start"], a["end"])):
            continue
        if a["kind"] == "citation":
            citations += 1
            cited += best.kind == "citation"
            if best.kind != "citation":
                misses.append(f"  placed  {a['id']} citation {a['text']!r} as {best.kind} {best.text!r}")
            continue
        if a["kind"] in _TIMELESS or not a.get("sure", True) or a.get("envelope", 0) is None and "readings" not in a:
            continue
        sure_total += 1
        s, le, reason = judge(a, best)
        strict += s
        lenient += le
        if not s:
            misses.append(f"  bounds  {a['id']} {a['kind']} {a['text']!r} <- {best.text!r}: {reason}")
    if show and misses:
        print(f"{name}:")
        print("\n".join(misses))
    return {
        "name": name,
        "annotated": len(annotated),
        "found": len(found),
        "scored": len(scored),
        "tp_found": len(matched_found),
        "tp_annotated": len(matched_annotated),
        "sure": sure_total,
        "strict": strict,
        "lenient": lenient,
        "citations": citations,
        "cited": cited,
        "events": len(chronology.events),
        "conflicts": len(chronology.conflicts),
        "seconds": seconds,
    }


def _has_year(words: str) -> bool:
    return any(len(part) >= 4 and part[:4].isdigit() and part[:2] in ("19", "20") for part in words.split())


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list misses (annotated words and ours only)")
    parser.add_argument("--only", help="score only texts whose name contains this")
    args = parser.parse_args(argv)
    rows = []
    for name, data, text, note in _texts():
        if args.only and args.only not in name:
            continue
        if data is None or text is None:
            print(f"skipped {name}: {note}")
            continue
        rows.append(score(name, data, text, args.misses))
    if not rows:
        print("nothing to measure")
        return 0
    head = (
        f"{'text':46s} {'ann':>4s} {'found':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} "
        f"{'sure':>5s} {'strict':>7s} {'lenient':>8s} {'cite':>6s} {'events':>6s} {'confl':>5s} {'s':>6s}"
    )
    print(head)
    print("-" * len(head))
    held = {k: 0 for k in ("scored", "tp_found", "annotated", "tp_annotated", "sure", "strict", "lenient")}
    synthetic = dict(held)
    for r in rows:
        p = _ratio(r["tp_found"], r["scored"])
        rc = _ratio(r["tp_annotated"], r["annotated"])
        f1 = 2 * p * rc / (p + rc) if p + rc else float("nan")
        print(
            f"{r['name'][:46]:46s} {r['annotated']:4d} {r['found']:5d} {p:6.1%} {rc:6.1%} {f1:6.3f} "
            f"{r['sure']:5d} {_ratio(r['strict'], r['sure']):7.1%} {_ratio(r['lenient'], r['sure']):8.1%} "
            f"{r['cited']:>2d}/{r['citations']:<3d} {r['events']:6d} {r['conflicts']:5d} {r['seconds']:6.2f}"
        )
        pool = synthetic if r["name"].endswith("(synthetic)") else held
        if not r["name"].startswith(("child-s", "child-t")):
            for k in pool:
                pool[k] += r[k]
    print("-" * len(head))
    for label, pool in (("held-out reviews (pooled)", held), ("long synthetic reviews (pooled)", synthetic)):
        if not pool["annotated"]:
            continue
        p = _ratio(pool["tp_found"], pool["scored"])
        rc = _ratio(pool["tp_annotated"], pool["annotated"])
        f1 = 2 * p * rc / (p + rc) if p + rc else float("nan")
        print(
            f"{label:46s} {pool['annotated']:4d} {'':5s} {p:6.1%} {rc:6.1%} {f1:6.3f} "
            f"{pool['sure']:5d} {_ratio(pool['strict'], pool['sure']):7.1%} "
            f"{_ratio(pool['lenient'], pool['sure']):8.1%}"
        )
    print()
    print("P, R, F1: mentions (spans overlap); strict / lenient: matched sure mentions whose solved bounds")
    print("contain the core and lie inside the envelope (strict: no extra reading); cite: citations kept off")
    print("the timeline; s: seconds to read and solve (the first text includes warming the grammar's caches).")
    print("Floors on Child S: F1 >= 0.95, bounds right (strict) >= 90%.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
