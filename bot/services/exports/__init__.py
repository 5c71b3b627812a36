"""Reports to hand over: a summary as .docx, .xlsx or a PNG chart."""

from __future__ import annotations

import asyncio
import importlib
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages import Document
from bot.services.reminders.periods import Period
from bot.services.rollup import RollUp
from bot.services.summary import build_summary

# format → (module, builder, file name stem, MIME type)
FORMATS = {
    "docx": (
        "docx_report", "build_docx", "bao-cao",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        "xlsx", "build_xlsx", "tong-hop",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "png": ("chart", "build_chart", "bieu-do", "image/png"),
}  # fmt: skip


PERIOD_FORMATS = ("docx", "xlsx")


async def export_document(
    session: AsyncSession,
    fmt: str,
    at: datetime,
    tz: ZoneInfo,
    plan_id: int | None = None,
    rollup: RollUp | None = None,
) -> Document:
    """The summary at `at` rendered as a file (a .docx or .xlsx with `rollup`'s committees below);
    the rendering runs off the event loop."""
    module_name, builder_name, stem, mime_type = FORMATS[fmt]
    # Imported on use: matplotlib and python-docx are slow to import for every CLI call.
    builder = getattr(importlib.import_module(f"{__name__}.{module_name}"), builder_name)
    summary_at = build_summary(session, at, tz, plan_id)
    if fmt == "xlsx":
        from bot.services.exports.history import load_reports_beside

        # Up to 100,000 reports: the database reads them while the summary is built.
        summary, history = await load_reports_beside(session, at, plan_id, summary_at)
        content = await asyncio.to_thread(builder, summary, history, tz, None, rollup)
    elif fmt == "docx":
        from bot.services.exports.details import load_details

        summary = await summary_at
        details = await load_details(session, at, plan_id)
        content = await asyncio.to_thread(builder, summary, tz, details, rollup)
    else:
        content = await asyncio.to_thread(builder, await summary_at, tz)
    file_name = f"{stem}-{at.astimezone(tz):%Y-%m-%d}.{fmt}"
    return Document(file_name=file_name, content=content, mime_type=mime_type)


async def export_period(
    session: AsyncSession,
    fmt: str,
    period: Period,
    at: datetime,
    tz: ZoneInfo,
    plan_id: int | None,
    rollup: RollUp | None = None,
) -> Document:
    """What happened in `period` (up to `at`) as a .docx report or an .xlsx workbook (with
    `rollup`'s committees below)."""
    from bot.services.exports.period import load_period_report

    _module, _builder, stem, mime_type = FORMATS[fmt]
    report = await load_period_report(session, period, at, tz, plan_id)
    if fmt == "docx":
        from bot.services.exports.docx_period import build_period_docx

        content = await asyncio.to_thread(build_period_docx, report, tz, rollup)
    else:
        from bot.services.exports.common import short_date, vi
        from bot.services.exports.xlsx import build_xlsx

        line = vi("export.xlsx.period", label=report.label, start=short_date(period.start),
                  end=short_date(report.end.astimezone(tz).date()))  # fmt: skip
        content = await asyncio.to_thread(
            build_xlsx, report.summary, report.reports, tz, line, rollup
        )
    return Document(file_name=f"{stem}-{period.key}.{fmt}", content=content, mime_type=mime_type)


def reply_date(today: date, days: int = 7) -> date:
    """The day a letter asks for a report by: a week on, moved off a weekend to the Monday."""
    day = today + timedelta(days=days)
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


async def urging_letters(
    session: AsyncSession, at: datetime, tz: ZoneInfo, plan_id: int, *,
    unit_id: int | None = None, reply_by: date | None = None,
) -> list[tuple[str, Document]]:  # fmt: skip
    """(unit name, .docx) for each unit lagging on the plan (only `unit_id` when given)."""
    from bot.services.exports.docx_letter import build_letter
    from bot.services.exports.letters import file_slug, lagging_letters

    today = at.astimezone(tz).date()
    reply_by = reply_by or reply_date(today)
    documents = []
    for letter in await lagging_letters(session, at, tz, plan_id, unit_id):
        content = await asyncio.to_thread(build_letter, letter, today, reply_by, tz)
        name = f"cong-van-don-doc-{file_slug(letter.unit)}-{today:%Y-%m-%d}.docx"
        documents.append(
            (letter.unit, Document(file_name=name, content=content, mime_type=FORMATS["docx"][3]))
        )
    return documents
