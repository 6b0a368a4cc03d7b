#!/usr/bin/env python
"""Django's command-line utility for Step Up."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from stepup.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
