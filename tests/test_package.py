"""The package as users meet it: light to import, typed, and silent on the network."""

from __future__ import annotations

import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import chronology


def test_import_is_light() -> None:
    code = "import sys, chronology; print(sorted(m for m in ('spacy', 'matplotlib', 'dateparser') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_package_is_typed() -> None:
    assert (Path(chronology.__file__).parent / "py.typed").exists()


def test_no_network_while_parsing_and_solving(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("chronology tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for phrase in ("early summer 2011", "9th July 2013", "Easter 2012", "the next working day", "09/07/2013"):
        chronology.parse_when(phrase, reference=date(2012, 12, 21))
    case = chronology.Case()
    born = case.event("birth", "early winter 2010")
    case.event("visit", "the following day", reference=born)
    case.solve()
