"""Reading the reader's TOML data files, with errors that say which file, table and row is wrong.

>>> table = load_text('[labels]\\nchild = { gender = "", role = "child" }', "example.toml")
>>> table["labels"]["child"]["role"]
'child'
>>> load_text("[labels\\n", "broken.toml")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
chronology.errors.InvalidValue: broken.toml is not valid TOML: Expected ']' ... (at line 1, column 8)
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chronology.errors import InvalidValue

__all__ = ["load_text", "load_file", "require"]

# TOML is read by the standard library from Python 3.11, by its backport (tomli) before.
_TOML_MODULE = "tomllib" if sys.version_info >= (3, 11) else "tomli"


def load_text(text: str, where: str) -> dict[str, Any]:
    """The TOML ``text`` as a dict; ``where`` names it in errors."""
    module = importlib.import_module(_TOML_MODULE)
    loads: Callable[[str], dict[str, Any]] = module.loads
    try:
        return loads(text)
    except module.TOMLDecodeError as error:
        raise InvalidValue(f"{where} is not valid TOML: {error}") from None


def load_file(path: Path | str) -> dict[str, Any]:
    """The TOML file at ``path`` as a dict (errors name the file)."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidValue(f"cannot read {path}: {error}") from None
    return load_text(text, str(path))


def require(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    """``value`` if it is of ``kind``, else an :class:`InvalidValue` saying where and what was wanted.

    >>> require("x", str, "people.toml [labels] child.role")
    'x'
    >>> require(3, str, "people.toml [labels] child.role")
    Traceback (most recent call last):
    ...
    chronology.errors.InvalidValue: people.toml [labels] child.role: expected str, got int (3)
    """
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        wanted = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise InvalidValue(f"{where}: expected {wanted}, got {type(value).__name__} ({value!r:.40})")
    return value
