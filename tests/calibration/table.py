"""Print the calibration table (Markdown) that docs/calibration.md shows.

.venv/bin/python tests/calibration/table.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.calibration.calibration import markdown, rows

if __name__ == "__main__":
    print(markdown(rows()))
