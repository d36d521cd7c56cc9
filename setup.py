"""Build: the phrase grammar's hot modules compiled with mypyc where that works, pure Python otherwise.

Everything else about the package is in ``pyproject.toml``.  The modules named in
``COMPILED`` are ordinary, fully typed Python (``mypy --strict`` clean); a wheel
built here also carries them compiled to C extensions by mypyc, which Python
imports in preference to the ``.py`` files beside them.  Behaviour is the same
(``tests/test_compiled.py`` checks it); only the speed differs.

The build falls back to pure Python, with a message and never a failed install,
when:

- ``CHRONOLOGY_PURE=1`` is set in the environment;
- the interpreter is not CPython, or mypyc cannot be imported;
- mypyc or the C compiler fails (no compiler, an unsupported Python, a newer mypy
  that reads the code differently);
- the install is editable (``pip install -e .``): a compiled module would shadow
  the source being edited.
"""

from __future__ import annotations

import os
import platform
import sys
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The commands that build the package (the others only read or write its metadata).
BUILDS = ("build", "build_ext", "bdist_wheel", "install", "editable_wheel", "develop")
COMPILED = [
    "chronology/phrases/_make.py",
    "chronology/calendar.py",
    "chronology/phrases/rules.py",
    "chronology/phrases/_grammar.py",
]


def _say(message: str) -> None:
    print(f"chronology build: {message}", file=sys.stderr)


def _editable() -> bool:
    return any(command in sys.argv for command in ("editable_wheel", "develop"))


def _extensions() -> list[Any]:
    if not any(command in sys.argv for command in BUILDS):
        return []  # metadata only: nothing is compiled
    if os.environ.get("CHRONOLOGY_PURE", "").strip() not in ("", "0"):
        _say("CHRONOLOGY_PURE is set: pure Python")
        return []
    if platform.python_implementation() != "CPython":
        _say(f"{platform.python_implementation()} is not CPython: pure Python")
        return []
    if _editable():
        _say("editable install: pure Python, so that edits to the source take effect")
        return []
    try:
        from mypyc.build import mypycify

        # The build environment has attrs (the value types' fields) but not the untyped runtime
        # dependencies (holidays, dateparser): their imports are Any here, as they are to mypy.
        flags = ["--ignore-missing-imports", "--no-warn-unused-ignores"]
        return list(mypycify([*flags, *COMPILED], opt_level="3", debug_level="0"))
    except BaseException as error:  # mypyc exits with SystemExit on a type error
        if isinstance(error, KeyboardInterrupt):
            raise
        _say(f"mypyc could not compile the grammar ({type(error).__name__}: {error}): pure Python")
        return []


class OptionalBuildExt(build_ext):
    """``build_ext`` that leaves a pure-Python package rather than fail, and never half a compiled one."""

    def run(self) -> None:
        if getattr(self, "editable_mode", False) or self.inplace:
            self.extensions = []
        try:
            super().run()
        except Exception as error:
            _say(f"compiling failed ({type(error).__name__}: {error}): pure Python")
            for path in self.get_outputs():
                if os.path.exists(path):
                    os.remove(path)
            self.extensions = []


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
