"""Where the repository and the sample plans the tests read are."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
SAMPLES = FIXTURES / "samples"  # copies of the committee's sample plans, kept with the tests
