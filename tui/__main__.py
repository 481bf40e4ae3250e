"""`python -m tui`: the same `dcpower` command, whose entry is `calc.__main__`."""

import sys

from calc.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
