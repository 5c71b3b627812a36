"""Find, create and group units by their normalized names."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import UnitKind
from bot.services.audit import audit
from bot.services.unit_resolver import Resolution, UnitResolver
from bot.unitnames import clean_name, looks_like_group, unit_key
from db.models import Unit, UnitAlias, UnitMember


class UnitNotFound(LookupError):
    """No unit has that name."""

    def __init__(self, name: str, similar: list[Unit] | None = None):
        hint = "; ".join(f"“{unit.name}”" for unit in similar or [])
        super().__init__(
            f"Không có đơn vị nào tên “{name}”."
            + (f" Có phải: {hint}?" if hint else "")
            + " Xem danh sách bằng: dondoc units"
        )
        self.name = name
        self.similar = similar or []


class UnitAmbiguous(LookupError):
    """More than one unit fits the name; the caller asks which."""

    def __init__(self, name: str, candidates: list[Unit]):
        listed = "\n".join(f"  - {unit.name}" for unit in candidates)
        super().__init__(f"“{name}” khớp với nhiều đơn vị, hãy ghi rõ tên:\n{listed}")
        self.name = name
        self.candidates = candidates


async def find_unit(session: AsyncSession, name: str) -> Unit | None:
    """The unit whose name or alias normalizes like `name`."""
    key = unit_key(name)
    return await session.scalar(
        select(Unit)
        .outerjoin(UnitAlias, UnitAlias.unit_id == Unit.id)
        .where(or_(Unit.key == key, UnitAlias.key.in_([key, _spelling_key(name)])))
        .limit(1)
    )


def _spelling_key(name: str) -> str:
    """An alias is remembered by its own spelling, so admins can add ones the normalizer misses."""
    return clean_name(name).lower()


async def get_unit(session: AsyncSession, name: str) -> Unit:
    """The one unit `name` denotes as people write it; none or several is an error for the user."""
    return chosen(await resolve_unit(session, name))


async def resolve_unit(session: AsyncSession, name: str) -> Resolution:
    """What `name` denotes, exactly or loosely (abbreviations, no diacritics, no level word)."""
    unit = await find_unit(session, name)
    if unit is not None:
        return Resolution(name, unit=unit, candidates=[unit])
    return (await UnitResolver.load(session)).resolve(name)


def chosen(resolution: Resolution) -> Unit:
    """The resolved unit, or the error that says none or which several fit."""
    if resolution.unit is not None:
        return resolution.unit
    if resolution.ambiguous:
        raise UnitAmbiguous(resolution.name, resolution.candidates)
    raise UnitNotFound(resolution.name, resolution.similar)


async def ensure_unit(session: AsyncSession, name: str, actor: str) -> Unit:
    """The unit for `name`, created (kind guessed from the name) if none fits; new spellings
    become aliases."""
    unit = (await resolve_unit(session, name)).unit
    if unit is None:
        kind = UnitKind.GROUP if looks_like_group(name) else UnitKind.BODY
        unit = Unit(key=unit_key(name), name=clean_name(name), kind=kind)
        session.add(unit)
        await session.flush()
        await audit(session, actor, "create", "unit", unit.id, name=unit.name, kind=kind)
    await _remember_spelling(session, unit, name)
    return unit


async def _remember_spelling(session: AsyncSession, unit: Unit, name: str) -> None:
    spelling = clean_name(name)
    alias_key = _spelling_key(name)
    if alias_key == unit.key:
        return
    exists = await session.scalar(select(UnitAlias.id).where(UnitAlias.key == alias_key))
    if exists is None:
        session.add(UnitAlias(unit_id=unit.id, key=alias_key, alias=spelling))


async def add_member(session: AsyncSession, group_name: str, member_name: str, actor: str) -> Unit:
    """Make `member_name` a member of the group unit `group_name`."""
    group = await get_unit(session, group_name)
    member = await ensure_unit(session, member_name, actor)
    if group.id == member.id:
        raise ValueError("Một đơn vị không thể là thành viên của chính nó.")
    group.kind = UnitKind.GROUP
    exists = await session.get(UnitMember, (group.id, member.id))
    if exists is None:
        session.add(UnitMember(group_id=group.id, member_id=member.id))
        await audit(session, actor, "add_member", "unit", group.id, member=member.name)
    return member


async def members_of(session: AsyncSession, group_id: int) -> list[Unit]:
    """The member units of a group, by name."""
    rows = await session.scalars(
        select(Unit)
        .join(UnitMember, UnitMember.member_id == Unit.id)
        .where(UnitMember.group_id == group_id)
        .order_by(Unit.name)
    )
    return list(rows)
