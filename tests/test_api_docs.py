"""docs/api.md names everything the package exports, and every public method of a case and a chronology."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import chronology
from chronology import Case, Chronology

API = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def _text() -> str:
    return API.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", chronology.__all__)
def test_every_export_has_an_entry(name: str) -> None:
    assert re.search(rf"^### `{re.escape(name)}\b", _text(), flags=re.M), f"docs/api.md has no entry for {name}"


@pytest.mark.parametrize(
    "member",
    [f"Case.{m}" for m in dir(Case) if not m.startswith("_")]
    + [f"Chronology.{m}" for m in dir(Chronology) if not m.startswith("_")],
)
def test_every_public_member_is_named(member: str) -> None:
    name = member.split(".", 1)[1]
    assert re.search(rf"`{re.escape(name)}\b", _text()), f"docs/api.md does not name {member}"
