"""Renderings of a solved chronology: the table and its exports (the plot and report live beside them).

Nothing here is imported by ``import chronology``: ``Chronology.table()`` and
the other conveniences import what they need inside the method, so that
rendering depends on the solved values and never the reverse.
"""

from __future__ import annotations

from chronology.render.table import COLUMNS, PANEL, Column, Row, Table, build_table

__all__ = ["COLUMNS", "PANEL", "Column", "Row", "Table", "build_table"]
