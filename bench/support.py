"""What the benches share: where the sample plans are (the tests' copies, read as data)."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "samples"
