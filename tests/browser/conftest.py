"""Make `import axe` work however pytest is invoked (the helper lives next to the tests)."""

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
