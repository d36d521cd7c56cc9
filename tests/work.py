"""Counting work rather than timing it: a test that says "linear" counts what the code did, so the
answer does not depend on the machine or on what else runs beside it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

__all__ = ["lines_run", "per_item"]


def lines_run(action: Callable[[], object]) -> int:
    """How many lines of Python ``action`` runs (loops count once a turn): work, not time."""
    count = 0

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        action()
    finally:
        sys.settrace(previous)
    return count


def per_item(counts: dict[int, int]) -> list[float]:
    """Each size's count divided by the size, smallest size first."""
    return [counts[n] / n for n in sorted(counts)]
