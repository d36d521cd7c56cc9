"""Placeholder: the grammar lands here (phrase -> syntax tree -> When)."""

from __future__ import annotations

from typing import Any


def parse(phrase: str, **kwargs: Any) -> Any:
    raise NotImplementedError("the grammar is being written")


def parse_when(phrase: str, **kwargs: Any) -> Any:
    raise NotImplementedError("the grammar is being written")
