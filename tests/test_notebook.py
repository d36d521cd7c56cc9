"""examples/tour.ipynb runs from top to bottom, and what it shows is what it prints today.

The notebook is committed with its outputs so that it reads well unrun; this
test runs it afresh (in a copy of ``examples/``, so that the report it writes
lands in a temporary folder) and holds every text output to the committed one.
After changing the tour, refresh the outputs with
``CHRONOLOGY_UPDATE_TOUR=1 python -m pytest tests/test_notebook.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TOUR = EXAMPLES / "tour.ipynb"


def _texts(cell: Any) -> list[str]:
    """A code cell's outputs as text: what it printed and the plain form of what it showed."""
    found: list[str] = []
    stream = None
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            # a kernel may send one print in several pieces: what counts is the whole text
            if stream == output["name"]:
                found[-1] += output["text"]
            else:
                found.append(f"{output['name']}: {output['text']}")
            stream = output["name"]
            continue
        stream = None
        if output["output_type"] in ("execute_result", "display_data"):
            data = output["data"]
            found.append("image" if "image/png" in data else data.get("text/plain", ""))
        elif output["output_type"] == "error":
            found.append(f"error: {output['ename']}: {output['evalue']}")
    return found


@pytest.fixture
def jupyter(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    # Jupyter's own paths, not the user's; the platformdirs layout (no deprecation warning)
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "jupyter-config"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    return tmp_path


def test_the_tour_runs_and_shows_what_it_says(jupyter: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    folder = jupyter / "examples"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.html", "__pycache__", ".ipynb_checkpoints"))
    committed = nbformat.read(TOUR, as_version=4)
    ran = nbformat.read(TOUR, as_version=4)
    NotebookClient(ran, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()

    if os.environ.get("CHRONOLOGY_UPDATE_TOUR") == "1":
        nbformat.write(ran, TOUR)
        committed = ran

    code = [(old, new) for old, new in zip(committed.cells, ran.cells, strict=True) if new.cell_type == "code"]
    assert len(code) >= 8
    for old, new in code:
        shown = _texts(new)
        assert not any(text.startswith("error") for text in shown), (new.source, shown)
        assert shown == _texts(old), f"the tour's outputs are stale at:\n{new.source}"
    plots = [new for _, new in code if ".plot(" in new.source]
    assert plots and all(_texts(cell) == ["image"] for cell in plots)
    assert (folder / "child-m-report.html").stat().st_size > 10_000
