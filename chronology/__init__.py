"""chronology: case chronologies from anonymised safeguarding reviews.

Vague temporal phrases become honest day bounds with every reading they allow;
events from many agencies are ordered by constraint resolution; conflicts are
explained by the statements that cannot all be true.

>>> import chronology
>>> print(chronology.parse_when("early summer 2011"))
Jun 2011 (early summer 2011)

``import chronology`` stays light: it imports neither spaCy nor matplotlib.
"""

from chronology.case import Case, Chronology, Event, Person, Statement
from chronology.errors import (
    ChronologyError,
    FileError,
    Inconsistent,
    InvalidValue,
    MissingAnchor,
    UnknownEvent,
    UnreadableTable,
    UnrecognisedPhrase,
)
from chronology.merge import merge
from chronology.model import Amount, Count, Excerpt, Interval, When
from chronology.phrases import parse, parse_when
from chronology.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Amount",
    "Case",
    "Chronology",
    "ChronologyError",
    "Count",
    "Event",
    "Excerpt",
    "FileError",
    "Inconsistent",
    "Interval",
    "InvalidValue",
    "MissingAnchor",
    "Person",
    "Settings",
    "Statement",
    "UnknownEvent",
    "UnreadableTable",
    "UnrecognisedPhrase",
    "When",
    "merge",
    "parse",
    "parse_when",
]
