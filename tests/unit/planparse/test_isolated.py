"""Parsing in a child process: the document comes back, and a file too slow or too big is stopped."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from bot.plandoc import PlanFileError
from bot.planparse.isolated import parse_plan_file_off_loop, parse_plan_file_safely
from tests.conftest import REPO
from tests.unit.planparse.builders import alias_bomb

EXAMPLE = REPO / "examples" / "example-plan.yaml"
sys.path.insert(0, str(REPO / "bench"))
from import_bench import plan_text  # noqa: E402  (the plan generator the benches use)


def test_the_document_comes_back_from_the_child():
    document = parse_plan_file_safely(EXAMPLE)
    assert [task.code for task in document.tasks] == ["1", "2", "3"]


def test_a_refusal_keeps_its_message(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    with pytest.raises(PlanFileError, match=r"^bom.yaml, dòng 6: không hỗ trợ tham chiếu YAML"):
        parse_plan_file_safely(path)


@pytest.fixture(scope="module")
def big_text(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "ke-hoach.txt"
    path.write_text(plan_text(9000), encoding="utf-8")  # about 3 MB
    return path


def test_a_parse_over_its_time_is_stopped_with_a_clear_message(big_text):
    with pytest.raises(PlanFileError) as caught:
        parse_plan_file_safely(big_text, seconds=0.5)
    assert str(caught.value) == (
        "ke-hoach.txt: đọc quá 0.5 giây nên đã dừng — tệp quá lớn hoặc bất thường."
    )


def test_a_parse_over_its_memory_is_stopped_with_a_clear_message(tmp_path):
    path = tmp_path / "dai.txt"
    path.write_bytes(
        b"Nhiem vu\n" * 4_000_000
    )  # 36 MB: its bytes and its text alone pass the bound
    with pytest.raises(PlanFileError) as caught:
        parse_plan_file_safely(path, memory=150 * 1024 * 1024, seconds=300)
    assert str(caught.value) == (
        "dai.txt: đọc tệp cần quá nhiều bộ nhớ nên đã dừng — tệp quá lớn hoặc bất thường."
    )


async def test_the_event_loop_keeps_running_while_a_file_is_parsed():
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    ticker = asyncio.create_task(tick())
    document = await parse_plan_file_off_loop(EXAMPLE)
    ticker.cancel()
    assert len(document.tasks) == 3 and ticks > 5
