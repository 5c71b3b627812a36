"""The committees of a deployment: add, edit, find by name, and run a job once inside each."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import UnitKind
from bot.services.unit_admin import UnitConflict, rename
from bot.unitnames import unit_key
from db.engine import Database
from db.models import Contact, Plan, Unit
from db.models.committees import Committee
from db.scope import Scope, acting_for

FORMS = ("party", "state")
DAY_KINDS = ("off", "work")
_ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]{0,99}")


class CommitteeError(ValueError):
    """A committee that cannot be added or changed as asked; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class CommitteeChanges:
    """What `committee add`/`edit` sets; None leaves a field as it is."""

    name: str | None = None
    parent: str | None = None
    no_parent: bool = False
    place: str | None = None
    form: str | None = None
    telegram_token_env: str | None = None
    zalo_token_env: str | None = None
    calendar: dict[str, str] | None = None


async def find_committee(session: AsyncSession, name: str) -> Committee:
    """The committee so named (spelling, case and "UBND"/"Ủy ban nhân dân" aside)."""
    found = await session.scalar(select(Committee).where(Committee.key == unit_key(name)))
    if found is None:
        known = ", ".join(await session.scalars(select(Committee.name).order_by(Committee.id)))
        raise CommitteeError(f"Không có cấp ủy/cơ quan “{name}”. Hiện có: {known}.")
    return found


async def add_committee(session: AsyncSession, name: str, changes: CommitteeChanges) -> Committee:
    """A new committee named `name`."""
    committee = Committee(name=" ".join(name.split()), key=unit_key(name), calendar={})
    if not committee.name:
        raise CommitteeError("Tên cấp ủy/cơ quan không được để trống.")
    await _refuse_taken_name(session, committee.key, committee.name)
    session.add(committee)
    await _apply(session, committee, changes)
    await session.flush()
    await _unit_in_parent(session, committee)
    return committee


async def edit_committee(
    session: AsyncSession, name: str, changes: CommitteeChanges, *, actor: str
) -> Committee:
    """The committee named `name`, changed; renamed, its unit in its parent is renamed too."""
    committee = await find_committee(session, name)
    before = committee.name
    if changes.name is not None:
        new_key = unit_key(changes.name)
        if new_key != committee.key:
            await _refuse_taken_name(session, new_key, changes.name)
        committee.name, committee.key = " ".join(changes.name.split()), new_key
    await _apply(session, committee, changes)
    await session.flush()
    if committee.name != before:
        await _rename_unit_in_parent(session, committee, before, actor)
    await _unit_in_parent(session, committee)
    return committee


async def _rename_unit_in_parent(
    session: AsyncSession, committee: Committee, before: str, actor: str
) -> None:
    """The parent's unit named like the child was follows the child's new name (its tasks and
    groups keep it), as `dondoc units rename` would."""
    if committee.parent_id is None:
        return
    unit = await session.scalar(
        select(Unit).where(Unit.committee_id == committee.parent_id, Unit.key == unit_key(before))
    )
    if unit is None:
        return
    try:
        await rename(session, unit, committee.name, actor)
    except UnitConflict as conflict:
        raise CommitteeError(str(conflict)) from None


async def _unit_in_parent(session: AsyncSession, committee: Committee) -> None:
    """Give the parent a unit named like its child, so the parent's tasks can name the child and
    its groups ("Các đảng ủy xã") can count it as a member (`dondoc units add-member`)."""
    if committee.parent_id is None:
        return
    key = unit_key(committee.name)
    taken = select(Unit.id).where(Unit.committee_id == committee.parent_id, Unit.key == key)
    if await session.scalar(taken) is None:
        session.add(
            Unit(
                committee_id=committee.parent_id,
                key=key,
                name=committee.name,
                kind=UnitKind.BODY.value,
            )
        )
        await session.flush()


async def _refuse_taken_name(session: AsyncSession, key: str, name: str) -> None:
    if await session.scalar(select(Committee.id).where(Committee.key == key)) is not None:
        raise CommitteeError(f"Đã có cấp ủy/cơ quan “{name}”.")


async def _apply(session: AsyncSession, committee: Committee, changes: CommitteeChanges) -> None:
    if changes.no_parent:
        committee.parent_id = None
    elif changes.parent is not None:
        parent = await find_committee(session, changes.parent)
        await _refuse_cycle(session, committee, parent)
        committee.parent_id = parent.id
    if changes.place is not None:
        committee.place = changes.place.strip() or None
    if changes.form is not None:
        if changes.form not in FORMS:
            raise CommitteeError("Thể thức phải là “party” (Đảng) hoặc “state” (chính quyền).")
        committee.form = changes.form
    for field in ("telegram_token_env", "zalo_token_env"):
        variable = getattr(changes, field)
        if variable is not None:
            setattr(committee, field, _env_name(variable))
    if changes.calendar:
        committee.calendar = {**(committee.calendar or {}), **_days(changes.calendar)}


async def _refuse_cycle(session: AsyncSession, committee: Committee, parent: Committee) -> None:
    ancestor: Committee | None = parent
    while ancestor is not None:
        if committee.id is not None and ancestor.id == committee.id:
            raise CommitteeError(
                f"“{parent.name}” thuộc “{committee.name}”: không thể làm cấp trên của nó."
            )
        ancestor = await session.get(Committee, ancestor.parent_id) if ancestor.parent_id else None


def _env_name(variable: str) -> str | None:
    """An environment variable's name ("" clears it); never a token pasted by mistake."""
    variable = variable.strip()
    if not variable:
        return None
    if not _ENV_NAME.fullmatch(variable):
        raise CommitteeError(
            "Hãy ghi TÊN biến môi trường chứa token (vd TELEGRAM_TOKEN_XA_AN_BINH), "
            "không ghi chính token."
        )
    return variable


def _days(days: dict[str, str]) -> dict[str, str]:
    checked = {}
    for day, kind in days.items():
        try:
            date.fromisoformat(day)
        except ValueError:
            raise CommitteeError(f"Ngày “{day}” không đúng dạng NĂM-THÁNG-NGÀY.") from None
        if kind not in DAY_KINDS:
            raise CommitteeError(f"Ngày {day}: ghi “off” (nghỉ) hoặc “work” (làm việc).")
        checked[day] = kind
    return checked


@dataclass(frozen=True)
class CommitteeRow:
    """A committee as `committee list` shows it."""

    id: int
    name: str
    parent: str | None
    place: str | None
    form: str
    telegram_token_env: str | None
    zalo_token_env: str | None
    calendar: dict[str, str]
    plans: int
    units: int
    people: int
    created_at: datetime

    def as_json(self) -> dict:
        """The `--json` shape."""
        return {
            "id": self.id,
            "name": self.name,
            "parent": self.parent,
            "place": self.place,
            "form": self.form,
            "telegram_token_env": self.telegram_token_env,
            "zalo_token_env": self.zalo_token_env,
            "calendar": self.calendar,
            "plans": self.plans,
            "units": self.units,
            "people": self.people,
        }


async def list_committees(session: AsyncSession) -> list[CommitteeRow]:
    """Every committee, parents before their children, with what each holds."""
    committees = list(await session.scalars(select(Committee).order_by(Committee.id)))
    names = {committee.id: committee.name for committee in committees}
    counts = {}
    for model in (Plan, Unit, Contact):
        rows = await session.execute(
            select(model.committee_id, func.count()).group_by(model.committee_id)
        )
        counts[model] = {committee_id: count for committee_id, count in rows}
    return [
        CommitteeRow(
            id=committee.id,
            name=committee.name,
            parent=names.get(committee.parent_id) if committee.parent_id else None,
            place=committee.place,
            form=committee.form,
            telegram_token_env=committee.telegram_token_env,
            zalo_token_env=committee.zalo_token_env,
            calendar=committee.calendar or {},
            plans=counts[Plan].get(committee.id, 0),
            units=counts[Unit].get(committee.id, 0),
            people=counts[Contact].get(committee.id, 0),
            created_at=committee.created_at,
        )
        for committee in committees
    ]


async def in_each_committee(db: Database, work: Callable[[], Awaitable[int]]) -> int:
    """Run `work` once inside each committee's scope (a job that speaks for one committee at a
    time: its summary, its chats); the sum of what each run returned."""
    async with db.reading() as session:
        committee_ids = list(await session.scalars(select(Committee.id).order_by(Committee.id)))
    total = 0
    for committee_id in committee_ids:
        with acting_for(Scope.of(committee_id)):
            total += await work()
    return total
