"""``python -m chronology``: see :mod:`chronology.cli`."""

import sys

from chronology.cli import main

if __name__ == "__main__":
    sys.exit(main())
