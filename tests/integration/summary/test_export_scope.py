"""The .xlsx history of one committee never shows another committee's reports, though its rows
are read on the bare connection (where the session's scope does not reach by itself)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import openpyxl

from bot.services.exports import export_document, export_period
from bot.services.period_words import parse_cli_period
from db.scope import Scope, acting_for
from tests.integration.committees.test_scope import FIRST, SECOND, seed_two_committees
from tests.integration.summary.helpers import HANOI

HEADER_ROW = 4  # three title rows, then the header


def history_titles(content: bytes) -> list[str]:
    """The task titles of the history sheet's rows."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[1]
    return [row[2] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


async def test_each_committee_exports_only_its_own_reports(db):
    await seed_two_committees(db)
    later = datetime.now(UTC) + timedelta(days=1)
    for committee in (FIRST, SECOND):
        with acting_for(Scope.of(committee)):
            async with db.reading() as session:
                document = await export_document(session, "xlsx", later, HANOI)
        assert history_titles(document.content) == [f"Việc của {committee}"]
    with acting_for(Scope(own=FIRST, readable=(FIRST, SECOND))):
        async with db.reading() as session:
            document = await export_document(session, "xlsx", later, HANOI)
    assert sorted(history_titles(document.content)) == ["Việc của 1", "Việc của 2"]


async def test_a_period_workbook_keeps_to_its_committee(db):
    await seed_two_committees(db)
    later = datetime.now(UTC) + timedelta(days=1)
    period = parse_cli_period(f"{later.astimezone(HANOI):%Y-%m}")
    with acting_for(Scope.of(SECOND)):
        async with db.reading() as session:
            document = await export_period(session, "xlsx", period, later, HANOI, None)
    assert history_titles(document.content) == ["Việc của 2"]
