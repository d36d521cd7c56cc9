"""Renderings of a solved chronology: tables, timelines, reports and exports.

Each module takes the plain values a :class:`~chronology.Chronology` gives and
imports what it draws with (matplotlib) only when it is used.
"""
