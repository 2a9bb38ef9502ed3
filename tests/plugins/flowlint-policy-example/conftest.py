"""Lets the tests run from a checkout, before the package is installed (src layout)."""

import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("flowlint_policy_example") is None:
    sys.path.insert(0, str(Path(__file__).parent / "src"))
