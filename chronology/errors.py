"""The errors ``chronology`` raises.

Every error is a :class:`ChronologyError`; each also subclasses the builtin it
resembles, so ``except ValueError`` keeps working for callers who expect one.
Errors carry the facts (the words, their position) as attributes as well as in
their message, so that a program can report them without parsing text.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "shown",
    "ChronologyError",
    "UnrecognisedPhrase",
    "MissingAnchor",
    "InvalidValue",
    "Inconsistent",
    "UnknownEvent",
    "InternalError",
    "UnreadableText",
    "ReadingFailed",
    "UnreadableTable",
    "FileError",
]


class ChronologyError(Exception):
    """Base class of every error this library raises on purpose."""


class InvalidValue(ChronologyError, ValueError):
    """A value was built from facts that cannot hold (e.g. earliest > latest)."""


class UnrecognisedPhrase(ChronologyError, ValueError):
    """A phrase, or part of it, is not a temporal expression the grammar knows.

    ``phrase`` is the whole input, ``start``/``end`` the character offsets of
    the words that were not understood, and ``reason`` what was expected.

    >>> err = UnrecognisedPhrase("early blorp 2011", 6, 11, "expected a month, season or year")
    >>> err.words
    'blorp'
    >>> print(err)
    could not understand 'blorp' at characters 6-11 of 'early blorp 2011': expected a month, season or year
    """

    def __init__(self, phrase: str, start: int = 0, end: int | None = None, reason: str = "") -> None:
        # The message is made when it is asked for (str), not here: the grammar raises and
        # catches many refusals while it tries readings, and a refusal must be cheap.
        super().__init__()
        self.phrase = phrase
        self.start = max(0, min(start, len(phrase)))
        self.end = len(phrase) if end is None else max(self.start, min(end, len(phrase)))
        self.reason = reason

    @property
    def words(self) -> str:
        """The words that were not understood."""
        return self.phrase[self.start : self.end]

    def __str__(self) -> str:
        words = _clip(self.words, _WORDS_SHOWN)
        where = f"at characters {self.start}-{self.end}"
        if len(self.phrase) <= _PHRASE_SHOWN:
            message = f"could not understand {words!r} {where} of {self.phrase!r}"
        else:
            message = f"could not understand {words!r} {where} of a {len(self.phrase):,}-character phrase"
            message += f" ({_window(self.phrase, self.start, self.end)!r})"
        return f"{message}: {self.reason}" if self.reason else message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.phrase, self.start, self.end, self.reason))


class MissingAnchor(ChronologyError, ValueError):
    """A phrase needs a point it counts from (``birth``, ``anchor`` or ``reference``).

    >>> print(MissingAnchor("when he was ten weeks old", "birth"))
    'when he was ten weeks old' counts from a birth, but no birth was given (pass birth=...)
    """

    _WHAT = {
        "birth": "a birth",
        "person": "a person's birth",
        "anchor": "another event",
        "reference": "the narrative's reference time",
        "document_date": "the document's own date",
    }

    def __init__(self, phrase: str, needs: str, anchor_words: str | None = None) -> None:
        super().__init__()  # the message is made when asked for
        self.phrase = phrase
        self.needs = needs
        self.anchor_words = anchor_words

    def __str__(self) -> str:
        what = self._WHAT.get(self.needs, self.needs)
        if self.anchor_words:
            what = f"{what} ({self.anchor_words!r})"
        missing = self.needs.replace("_", " ")
        return f"{_clip(self.phrase)!r} counts from {what}, but no {missing} was given (pass {self.needs}=...)"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.phrase, self.needs, self.anchor_words))


class UnknownEvent(ChronologyError, KeyError):
    """An event, person or statement does not belong to this case."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown event"


class Inconsistent(ChronologyError, ValueError):
    """The statements of a case cannot all be true.

    ``conflict`` is a minimal set of statements that cannot all hold: drop any
    one of them and the rest can.  Its ``str`` lists each with its words and
    source, for a reviewer to read as a finding.
    """

    def __init__(self, conflict: tuple[Any, ...], message: str | None = None) -> None:
        self.conflict = tuple(conflict)
        self._message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if self._message:
            return self._message
        lines = [f"these {len(self.conflict)} statements cannot all be true:"]
        lines += [f"  - {statement}" for statement in self.conflict]
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.conflict, self._message))


class InternalError(ChronologyError, RuntimeError):
    """A call failed in a way the library did not foresee: a bug, to report.

    The public entry points raise it in place of any other exception, with the
    original as its ``__cause__``, and leave the case as it was before the call.
    """


class UnreadableText(ChronologyError, ValueError):
    """A text could not be read: a file that cannot be opened, or bytes the encoding cannot decode.

    ``path`` names the file (or ``None``), ``offset`` is the byte where decoding failed
    (or ``None``), ``encoding`` the encoding tried.

    >>> print(UnreadableText("review.txt", "bytes that are not utf-8 text", offset=1204, encoding="utf-8"))
    cannot read 'review.txt': bytes that are not utf-8 text at byte 1204 (utf-8; pass encoding=... to read it otherwise)
    """

    def __init__(self, path: str | None, reason: str, offset: int | None = None, encoding: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.offset = offset
        self.encoding = encoding
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"cannot read {self.path!r}" if self.path is not None else "cannot read the text"
        at = f" at byte {self.offset}" if self.offset is not None else ""
        how = f" ({self.encoding}; pass encoding=... to read it otherwise)" if self.encoding else ""
        return f"{where}: {self.reason}{at}{how}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason, self.offset, self.encoding))


class ReadingFailed(ChronologyError, RuntimeError):
    """Reading a text failed in a way the reader did not foresee: a fault of the library, not
    of the text.  ``source`` names the text, ``stage`` says how far reading got, and the
    original exception is chained as ``__cause__``.

    >>> print(ReadingFailed("review.txt", "events", "IndexError: list index out of range"))
    reading 'review.txt' failed while finding events (IndexError: list index out of range); please report it
    """

    def __init__(self, source: str | None, stage: str, detail: str) -> None:
        self.source = source
        self.stage = stage
        self.detail = detail
        super().__init__(str(self))

    def __str__(self) -> str:
        what = f"reading {self.source!r}" if self.source else "reading the text"
        return f"{what} failed while finding {self.stage} ({self.detail}); please report it"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.source, self.stage, self.detail))


class _AboutAFile(ChronologyError):
    """An error about one file: ``path`` names it and ``reason`` says what was wrong."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason))


class UnreadableTable(_AboutAFile, ValueError):
    """An agency's chronology table cannot be used as one (no header row, no date column...).

    >>> print(UnreadableTable("police.csv", "no column of dates (looked for: Date, Date of event)"))
    police.csv: no column of dates (looked for: Date, Date of event)
    """


class FileError(_AboutAFile, OSError):
    """A file could not be read or written (missing, a folder, no permission, not the format its name says).

    >>> print(FileError("reviews/missing.txt", "no such file"))
    reviews/missing.txt: no such file
    """


# How much of the input a message quotes: the words not understood, and the phrase around them.
_WORDS_SHOWN = 40
_PHRASE_SHOWN = 80
_CONTEXT = 30


def _clip(text: str, limit: int = _PHRASE_SHOWN) -> str:
    """Shorten ``text`` for a message, so that an error never dumps a document (only the
    first ``limit`` characters and a little more are looked at, whatever its length).

    >>> _clip("word " * 100_000, 12)
    'word word w…'
    """
    head = " ".join(text[: limit * 2].split())
    return head if len(head) <= limit and len(text) <= limit * 2 else head[: limit - 1] + "…"


def shown(value: object) -> str:
    """``value`` as a message may show it: the repr of a plain value (clipped), else its type.

    Never calls a method of an object it does not know, so that a message about a bad
    argument can always be made.

    >>> shown("15/12/2010"), shown(3), shown(object())
    ("'15/12/2010'", '3', 'a value of type object')
    """
    if type(value) is str:
        return repr(_clip(value, 40))
    if type(value) in (int, float, bool, type(None)) or type(value).__module__ == "datetime":
        text = repr(value)
        return text if len(text) <= 60 else text[:59] + "…"
    return f"a value of type {type(value).__name__}"


def _window(text: str, start: int, end: int) -> str:
    """The words ``text[start:end]`` (clipped) with a little of the text either side.

    >>> _window("x" * 50 + " early blorp 2011 " + "y" * 50, 56, 61)
    '…xxxxxxxxxxxxxxxxxxxxxxxx early blorp 2011 yyyyyyyyyyyyyyyyyyyyyyy…'
    """
    before = text[max(0, start - _CONTEXT) : start]
    middle = text[start:end] if end - start <= _WORDS_SHOWN else text[start : start + _WORDS_SHOWN - 1] + "…"
    after = text[end : end + _CONTEXT]
    shown = " ".join(f"{before}\x00{middle}\x00{after}".split()).replace("\x00", "")
    return ("…" if start > _CONTEXT else "") + shown + ("…" if end + _CONTEXT < len(text) else "")
