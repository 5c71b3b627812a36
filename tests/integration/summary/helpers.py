"""Seeding for summary tests: the sample plan and its progress reports."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from bot.domain import ReportStatus
from bot.services.progress import record_report
from bot.services.tasks import get_task
from bot.services.units import get_unit
from db.engine import Database
from tests.fakes import plan_from_expected, seed_plan
from tests.support.paths import SAMPLES

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN_112 = SAMPLES / "ke-hoach-112-chuyen-doi-so.expected.json"


def local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A moment in Hà Nội time."""
    return datetime(year, month, day, hour, minute, tzinfo=HANOI)


async def add_report(
    db: Database,
    code: str,
    unit: str,
    text: str,
    at: datetime,
    status: str | None = None,
) -> None:
    """Record a progress report of `unit` on task `code`, as the office would enter it."""
    async with db.transaction() as session:
        task = await get_task(session, code)
        found = await get_unit(session, unit)
        override = ReportStatus(status) if status else None
        await record_report(
            session, task=task, unit=found, text=text, source="office", entered_by="test",
            reported_at=at, status_override=override, tz=HANOI,
        )  # fmt: skip


async def seed_sample_with_reports(db: Database) -> int:
    """Plan 112 with the reports the issue names: 1 done 20/3, 2 at 50% on 1/6, 3 done 5/9."""
    plan_id = await seed_plan(db, plan_from_expected(PLAN_112))
    await add_report(
        db, "1", "UBND các xã, thị trấn", "Đã ban hành kế hoạch", local(2025, 3, 20), "done"
    )
    await add_report(
        db, "2", "Phòng Văn hóa và Thông tin huyện", "Đang thực hiện 50%", local(2025, 6, 1)
    )
    await add_report(
        db, "3", "Phòng Nội vụ huyện", "Đã tổ chức xong tập huấn", local(2025, 9, 5), "done"
    )
    return plan_id


# The LibreOffice module that opens each kind of export: its library and its Debian package.
LIBREOFFICE_MODULES = {
    "docx": ("libswlo.so", "libreoffice-writer-nogui"),
    "xlsx": ("libsclo.so", "libreoffice-calc-nogui"),
}


def render_pdf(content: bytes, suffix: str, folder: Path) -> PdfReader:
    """A .docx or .xlsx export converted by LibreOffice, as the people who print it will see it."""
    library, package = LIBREOFFICE_MODULES[suffix]
    soffice = shutil.which("soffice")
    if soffice is None or not (Path(soffice).resolve().parent / library).exists():
        pytest.skip(
            f"LibreOffice ({package}) is not installed: apt-get install -y {package} poppler-utils"
        )
    source = folder / f"report.{suffix}"
    source.write_bytes(content)
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return PdfReader(folder / "report.pdf")
