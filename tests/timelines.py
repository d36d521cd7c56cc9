"""Chronologies built by hand for the timeline and report tests (synthetic: invented people and events).

``child_t()`` has what a timeline must show: several agencies, a birth and a
death, ages, an event with two surviving readings, an event with a length,
one known to the day, one with an open bound, a conflict set aside by a
relaxed solve, and a long stretch with no contact.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from chronology import Case, Chronology, Event, Interval, When


def child_t() -> tuple[Chronology, dict[str, Event]]:
    """The synthetic Child T case, solved with ``strict=False``, and its events by short name."""
    case = Case()
    child = case.person("Child T", born="in the early winter of 2010")
    case.person("Mother T")
    case.subject = child
    e: dict[str, Event] = {"birth": child.birth}
    e["booking"] = case.event("pregnancy registered", "early summer 2010", agency="midwifery")
    case.before(e["booking"], child.birth)
    e["new birth"] = case.event(
        "new birth visit", "when he was twelve days old", agency="health visiting", person=child
    )
    e["gp"] = case.event("GP check: bruise to ear", "at six to eight weeks of age", agency="GP", person=child)
    e["police"] = case.event("police called: shouting", "in the spring of 2011", agency="police")
    e["referral"] = case.event("referral to social care", "the following day", agency="police")
    e["visit"] = case.event("social worker visit; no one home", "three days later", agency="children's social care")
    # the review puts the visit in January 2011 elsewhere: it cannot be both (set aside by a relaxed solve)
    case.place(e["visit"], "January 2011")
    e["housing"] = case.event("temporary accommodation", "from March 2012 to May 2012", agency="housing")
    e["exact"] = case.event("homelessness application", date(2012, 2, 12), agency="housing")
    e["winter"] = case.event("nursery: bruise on cheek", "in the winter of 2012", agency="nursery")
    e["open"] = case.event("GP letter unanswered", "by the end of February 2013", agency="GP")
    case.after(e["open"], e["housing"])
    e["death"] = case.event("death of Child T", "in the late spring of 2013", agency="police", kind="death")
    return case.solve(strict=False), e


def crowd(n: int, seed: int = 1, agencies: int = 8) -> Chronology:
    """``n`` events over some years across ``agencies`` agencies, with births, spans and two-reading events."""
    rng = random.Random(seed)
    case = Case()
    child = case.person("Child C", born=date(2010, 3, 1))
    day = date(2010, 3, 1)
    for i in range(n):
        day += timedelta(days=rng.choice((0, 1, 1, 2, 3, 5)))
        width = rng.choice((0, 0, 0, 6, 30, 90))
        agency = f"agency {i % agencies}"
        kind = rng.random()
        if kind < 0.05:
            other = Interval(day - timedelta(days=365), day - timedelta(days=365 - width))
            when = When((Interval(day, day + timedelta(days=width)), other), "winter")
            case.event(f"event {i}", when, agency=agency)
        elif kind < 0.15:
            e = case.event(f"event {i}", agency=agency, span=True)
            case.place(e, Interval(day, day + timedelta(days=width + 20)))
        else:
            case.event(f"event {i}", Interval(day, day + timedelta(days=width)), agency=agency)
    case.event("death of Child C", day + timedelta(days=30), agency="police", kind="death")
    case.subject = child
    return case.solve(strict=False)
