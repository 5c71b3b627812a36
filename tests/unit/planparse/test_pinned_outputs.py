"""The text reader's whole output on the samples and fixtures, pinned field by field.

`*.expected.json` checks what a careful reader would; these files pin every field (titles, full
text, sources, confidence), so a faster matcher must read exactly as the one before it did.
Written from the reader of commit 82997b8 (before the plan-text speed work).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.hostile_files import FIXTURES, SAMPLES
from bench.import_bench import plan_text
from bot.planparse import read_plan

PINNED = Path(__file__).parent / "pinned"
FILES = [
    SAMPLES / "ke-hoach-730-khcn.txt",
    SAMPLES / "ke-hoach-112-chuyen-doi-so.docx",
    FIXTURES / "ke-hoach-85-cai-cach-hanh-chinh.txt",
    FIXTURES / "ke-hoach-45-dai-hoi-dang-bo.txt",
]
DOCX_FIXTURES = ["ke-hoach-27-phong-chong-thien-tai.docx", "ke-hoach-15-an-toan-thuc-pham.docx"]


def _pinned(name: str) -> dict:
    return json.loads((PINNED / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_samples_read_as_pinned(path):
    assert read_plan(path).to_json(with_details=True) == _pinned(path.name)


@pytest.mark.parametrize("name", DOCX_FIXTURES)
def test_docx_fixtures_read_as_pinned(name, built_docx):
    assert read_plan(built_docx[name]).to_json(with_details=True) == _pinned(name)


def test_the_benchmark_plan_reads_as_pinned(tmp_path):
    path = tmp_path / "ke-hoach-bench.txt"
    path.write_text(plan_text(60), encoding="utf-8")
    assert read_plan(path).to_json(with_details=True) == _pinned(path.name)
