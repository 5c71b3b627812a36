"""Per-plan settings of the documents dondoc writes: form, issuer, place, signer, number, recipients."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.audit import audit
from db.models import Plan

PARTY_FORM, STATE_FORM = "party", "state"
# Setting → what it means (shown by `dondoc plan show`).
FIELDS = {
    "form": "party (Hướng dẫn 36-HD/VPTW) | state (Nghị định 30/2020/NĐ-CP)",
    "issuer": "cơ quan cấp trên ở góc trái, vd “Huyện ủy Đông Hưng”",
    "office": "cơ quan ban hành, vd “Văn phòng”",
    "office_code": "ký hiệu cơ quan trong số văn bản, vd “VPHU” → “Số …-BC/VPHU”",
    "place": "địa danh ở dòng ngày tháng, vd “Đông Hưng”",
    "signer_title": "chức vụ người ký, vd “Chánh Văn phòng”",
    "signer_name": "họ tên người ký",
    "on_behalf": "thẩm quyền ký, vd “T/L Ban Thường vụ” hoặc “KT. Chánh Văn phòng”",
    "recipients": "nơi nhận, các dòng cách nhau bởi “;”",
}
MAX_LENGTH = 300


class SettingError(ValueError):
    """A setting that does not exist or has a wrong value (the message says which)."""


async def plan_or_latest(session: AsyncSession, plan_id: int | None) -> Plan:
    """The plan with this id, or the latest one."""
    query = select(Plan).order_by(Plan.id.desc()).limit(1)
    plan = await session.scalar(query if plan_id is None else query.where(Plan.id == plan_id))
    if plan is None:
        raise SettingError(f"Không có kế hoạch ID {plan_id}." if plan_id else "Chưa có kế hoạch.")
    return plan


def clean_value(field: str, value: str) -> str | list[str]:
    """A value checked and put in the stored shape (recipients: a list of lines)."""
    if field not in FIELDS:
        raise SettingError(f"Không có thiết lập “{field}”; dùng: {', '.join(FIELDS)}.")
    value = " ".join(value.split())
    if not value or len(value) > MAX_LENGTH * (10 if field == "recipients" else 1):
        raise SettingError(f"Giá trị của “{field}” trống hoặc quá dài.")
    if field == "form" and value not in (PARTY_FORM, STATE_FORM):
        raise SettingError(f"“form” là {PARTY_FORM} hoặc {STATE_FORM}.")
    if field == "recipients":
        lines = [line.strip(" -–,;.") for line in value.split(";")]
        return [line for line in lines if line]
    return value


async def update_report_settings(
    session: AsyncSession,
    plan: Plan,
    changes: dict[str, str],
    unset: list[str],
    actor: str,
) -> dict:
    """Set and unset a plan's report settings, audit-logged; returns the new settings."""
    settings = dict(plan.report_settings or {})
    for field in unset:
        clean_value(field, "x")  # the name must exist
        settings.pop(field, None)
    for field, value in changes.items():
        settings[field] = clean_value(field, value)
    before = plan.report_settings or {}
    if settings != before:
        plan.report_settings = settings
        await audit(
            session, actor, "report_settings", "plan", plan.id, before=before, after=settings
        )
    return settings
