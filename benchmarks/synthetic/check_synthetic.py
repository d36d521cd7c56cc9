"""Check the synthetic reviews' annotations against their texts and their hidden timelines.

Run: ``python benchmarks/synthetic/check_synthetic.py``.

Standard library only: it never imports ``chronology``, so the annotations stay an
independent measure.  For every ``<slug>.json`` beside this file it checks that

- the text's sha256 and length are the ones recorded;
- every mention's and furniture item's ``text`` is ``text[start:end]`` and ``line`` is
  1 + the newlines before ``start``; mentions do not overlap; ``core`` lies inside
  ``envelope``; every ``from_id`` and ``event`` exists;
- the true date (or period) of the event a mention dates lies inside its envelope (inside
  one reading's, where there are readings) -- except for the statements planted as false
  (``conflict.true`` is false), whose bounds or ages must contradict the truth;
- an age (``age_of``: the person and the count of completed units) holds at the true date
  of its event for the person's true birth in ``people``, and a planted false age does not;
- every ``expected_order`` pair is in that order in the truth.

It prints one line of figures per text and every problem found, and exits 1 if any.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _span(event: dict[str, Any]) -> tuple[date, date]:
    if "date" in event:
        day = date.fromisoformat(event["date"])
        return day, day
    return date.fromisoformat(event["start"]), date.fromisoformat(event["end"])


def _inside(span: tuple[date, date], bounds: list[str | None]) -> bool:
    first, last = _day(bounds[0]), _day(bounds[1])
    return (first is None or first <= span[0]) and (last is None or span[1] <= last)


def check(path: Path) -> list[str]:
    """Every problem in one annotation file (an empty list when it is sound)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    problems = []
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != data["sha256"] or len(text) != data["characters"]:
        problems.append("the text's sha256 or length differs from the annotation's")
    truth = {event["id"]: event for event in data["truth"]}
    ids = {mention["id"] for mention in data["mentions"]}
    previous_end = -1
    for item in data["mentions"] + data["furniture"]:
        if text[item["start"] : item["end"]] != item["text"]:
            problems.append(f"{item['id']}: offsets do not give {item['text']!r}")
        if item["line"] != text.count("\n", 0, item["start"]) + 1:
            problems.append(f"{item['id']}: wrong line")
    for mention in data["mentions"]:
        name = mention["id"]
        if mention["start"] < previous_end:
            problems.append(f"{name}: overlaps the mention before it")
        previous_end = mention["end"]
        core, envelope = mention.get("core"), mention.get("envelope")
        if core and envelope and not _inside((date.fromisoformat(core[0]), date.fromisoformat(core[1])), envelope):
            problems.append(f"{name}: core outside envelope")
        from_id = mention.get("anchor", {}).get("from_id")
        if from_id is not None and from_id not in ids:
            problems.append(f"{name}: from_id {from_id} does not exist")
        event = mention.get("event")
        if event is None:
            continue
        if event not in truth:
            problems.append(f"{name}: event {event} not in the truth")
            continue
        span = _span(truth[event])
        envelopes = [reading["envelope"] for reading in mention["readings"]] if "readings" in mention else [envelope]
        holds = any(_inside(span, bounds) for bounds in envelopes)
        planted_false = mention.get("conflict", {}).get("true") is False
        if planted_false and holds and mention["kind"] != "age":
            problems.append(f"{name}: planted as false but its bounds contain the truth")
        if not planted_false and not holds:
            problems.append(f"{name}: truth {span[0]}..{span[1]} outside {envelopes}")
    for first, second in data["expected_order"]:
        if not _span(truth[first])[1] < _span(truth[second])[0]:
            problems.append(f"expected order {first} < {second} does not hold in the truth")
    problems.extend(_ages(data, truth))
    return problems


def _add(day: date, count: int, unit: str) -> date:
    """``day`` plus whole calendar units (a month end is kept inside a shorter month)."""
    if unit == "days":
        return day + timedelta(days=count)
    if unit == "weeks":
        return day + timedelta(weeks=count)
    months = count * (12 if unit == "years" else 1)
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def _ages(data: dict[str, Any], truth: dict[str, dict[str, Any]]) -> list[str]:
    """An age holds at the true date of its event for the person's true birth (completed units);
    an age planted as false must not."""
    problems = []
    births = {person["id"]: person.get("born") for person in data.get("people", [])}
    for mention in data["mentions"]:
        age = mention.get("age_of")
        if not age or mention.get("event") not in truth or not births.get(age["person"]):
            continue
        born = date.fromisoformat(births[age["person"]])
        first, last = _add(born, age["from"], age["unit"]), _add(born, age["to"] + 1, age["unit"])
        start = _span(truth[mention["event"]])[0]
        holds = first <= start < last
        planted_false = mention.get("conflict", {}).get("true") is False
        if holds == planted_false:
            verdict = "holds although planted as false" if holds else "does not hold"
            problems.append(f"{mention['id']}: the age {mention['text']!r} {verdict} at {start}")
    return problems


def main() -> int:
    failed = False
    for path in sorted(HERE.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        kinds = Counter(mention["kind"] for mention in data["mentions"])
        sure = sum(mention["sure"] for mention in data["mentions"])
        by_kind = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())
        print(
            f"{path.stem}: {data['characters']} characters, {len(data['mentions'])} mentions ({sure} sure), "
            f"furniture {len(data['furniture'])}, truth {len(data['truth'])}, "
            f"order pairs {len(data['expected_order'])}; {by_kind}"
        )
        for problem in check(path):
            failed = True
            print(f"  PROBLEM {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
