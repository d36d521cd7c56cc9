"""Draw the images the docs show, from the project's synthetic example review (never from a real one).

Run from the repository root after changing the timeline: ``python docs/images/make.py``.
Then look at each image before committing it.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def main() -> None:
    import chronology as library
    from chronology.render.plot import figure

    # what README's main command draws: the example review, read
    chronology = library.read_file(ROOT / "examples" / "review-child-m.txt")

    out = HERE / "child-m-timeline.png"
    figure(chronology).savefig(out, dpi=100, bbox_inches="tight", metadata={"Software": None})
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
