"""Plan fixtures: the .docx fixtures, built once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.hostile_files import FIXTURES, build_docx


@pytest.fixture(scope="session")
def built_docx(tmp_path_factory) -> dict[str, Path]:
    """Every `*.docx.json` spec under tests/fixtures/plans built into a .docx, by stem."""
    folder = tmp_path_factory.mktemp("docx")
    built = {}
    for spec_path in sorted(FIXTURES.glob("*.docx.json")):
        name = spec_path.name.removesuffix(".json")
        built[name] = build_docx(json.loads(spec_path.read_text(encoding="utf-8")), folder / name)
    return built
