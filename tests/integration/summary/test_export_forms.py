"""The .docx report in the issuer's form (Party or State), with its per-plan settings, rendered."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from docx import Document as open_docx
from sqlalchemy import select

from bot.services.exports import export_document
from bot.services.report_settings import SettingError, plan_or_latest, update_report_settings
from bot.services.status import end_of_day
from db.models import AuditEntry
from tests.fakes import plan_from_expected, seed_plan
from tests.integration.summary.helpers import HANOI, render_pdf, seed_sample_with_reports
from tests.support.paths import SAMPLES

JULY = end_of_day(date(2025, 7, 1), HANOI)
PLAN_730 = SAMPLES / "ke-hoach-730-khcn.expected.json"  # issued by "Ban Thường vụ Huyện ủy"
PAGE_FIELD = '<w:instrText xml:space="preserve"> PAGE </w:instrText>'


async def docx_bytes(db) -> bytes:
    async with db.reading() as session:
        return (await export_document(session, "docx", JULY, HANOI)).content


def header_block(content: bytes) -> list[str]:
    document = open_docx(io.BytesIO(content))
    return [p.text for cell in document.tables[0].rows[0].cells for p in cell.paragraphs]


def closing_block(content: bytes) -> list[str]:
    document = open_docx(io.BytesIO(content))
    return [p.text for cell in document.tables[-1].rows[0].cells for p in cell.paragraphs]


async def test_a_party_plan_gets_the_form_of_guide_36(sqlite_db):
    await seed_plan(sqlite_db, plan_from_expected(PLAN_730))
    content = await docx_bytes(sqlite_db)
    assert header_block(content) == [
        "HUYỆN ỦY", "VĂN PHÒNG", "*", "Số        -BC/VPHU",
        "ĐẢNG CỘNG SẢN VIỆT NAM", "", "……………, ngày 01 tháng 7 năm 2025",
    ]  # fmt: skip
    document = open_docx(io.BytesIO(content))
    nation = document.tables[0].rows[0].cells[1].paragraphs[0].runs[0]
    assert nation.bold and nation.underline
    assert "CỘNG HÒA" not in " ".join(p.text for p in document.paragraphs)
    closing = closing_block(content)
    assert closing[:2] == ["Nơi nhận:", "- Thường trực Huyện ủy (để báo cáo),"]
    assert closing[4] == "- Lưu Văn phòng." and "CHÁNH VĂN PHÒNG" in closing


async def test_a_plans_settings_head_and_sign_its_report_and_are_audited(sqlite_db):
    plan_id = await seed_plan(sqlite_db, plan_from_expected(PLAN_730))
    changes = {
        "place": "Đông Hưng", "signer_name": "Trần Văn Bình", "on_behalf": "T/L Ban Thường vụ",
        "recipients": "Thường trực Huyện ủy (để báo cáo); Lưu Văn phòng", "office_code": "VPHU",
    }  # fmt: skip
    async with sqlite_db.transaction() as session:
        plan = await plan_or_latest(session, None)
        await update_report_settings(session, plan, changes, [], "test")
    content = await docx_bytes(sqlite_db)
    assert header_block(content)[-1] == "Đông Hưng, ngày 01 tháng 7 năm 2025"
    closing = closing_block(content)
    assert closing[:3] == ["Nơi nhận:", "- Thường trực Huyện ủy (để báo cáo),", "- Lưu Văn phòng."]
    assert closing[3:5] == ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"]
    assert closing[-1] == "Trần Văn Bình"
    async with sqlite_db.transaction() as session:
        plan = await plan_or_latest(session, plan_id)
        await update_report_settings(session, plan, {}, ["place"], "test")
        with pytest.raises(SettingError):
            await update_report_settings(session, plan, {"form": "empire"}, [], "test")
        entries = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
    changes_logged = [e for e in entries if e.action == "report_settings"]
    assert len(changes_logged) == 2 and changes_logged[1].details["before"]["place"] == "Đông Hưng"
    assert "place" not in changes_logged[1].details["after"]
    assert header_block(await docx_bytes(sqlite_db))[-1].startswith("……………, ngày")


async def test_a_state_plan_keeps_the_form_of_decree_30(sqlite_db):
    await seed_sample_with_reports(sqlite_db)
    header = header_block(await docx_bytes(sqlite_db))
    assert header[:3] == ["UBND HUYỆN ĐÔNG HƯNG", "VĂN PHÒNG", ""]  # "" is the rule below
    assert header[3:] == [
        "Số:        /BC-VP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "", "Đông Hưng, ngày 01 tháng 7 năm 2025",
    ]  # fmt: skip


@pytest.mark.parametrize("form", ["party", "state"])
async def test_pages_are_numbered_from_the_second_and_headings_stay_with_their_table(
    sqlite_db, tmp_path, form
):
    if form == "party":
        await seed_plan(sqlite_db, plan_from_expected(PLAN_730))
    else:
        await seed_sample_with_reports(sqlite_db)
    content = await docx_bytes(sqlite_db)
    document = open_docx(io.BytesIO(content))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.first_page_header.paragraphs] in ([], [""])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        headers = [archive.read(n).decode() for n in archive.namelist() if "header" in n]
    assert sum(PAGE_FIELD in xml for xml in headers) == 1
    pdf = render_pdf(content, "docx", tmp_path)
    pages = [page.extract_text() for page in pdf.pages]
    assert 2 <= len(pages) <= 5
    assert not pages[0].startswith("1")  # no number on the first page
    for number, text in enumerate(pages[1:], 2):
        assert text.split("\n", 1)[0].strip() == str(number)  # the PAGE field, rendered
    table_page = next(text for text in pages if "BẢNG TỔNG HỢP" in text)
    assert "STT" in table_page
    signature_page = next(text for text in pages if "Nơi nhận" in text)
    assert "CHÁNH VĂN PHÒNG" in signature_page
