"""Where the shared, read-only texts are: ``../shared`` beside the repository, or ``$CHRONOLOGY_SHARED``.

Tests read the real reviews from there and skip, saying why, where they are absent;
nothing of them is copied into the project.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The shared folder: ``$CHRONOLOGY_SHARED``, else the first ``shared`` found above the repository."""
    if os.environ.get("CHRONOLOGY_SHARED"):
        return Path(os.environ["CHRONOLOGY_SHARED"])
    for candidate in (ROOT / ".." / "shared", ROOT / ".." / ".." / "shared"):
        if candidate.exists():
            return candidate
    return ROOT / ".." / "shared"


def seed_text(name: str) -> str:
    """The text of a shared seed, or skip the test that wanted it."""
    path = shared_dir() / "seeds" / name
    if not path.exists():
        pytest.skip(f"the shared seed {name} is not at {path}")
    return path.read_text("utf-8")


CHILD_S = "coventry-child-s-review.txt"
