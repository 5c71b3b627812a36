"""One resolver from a typed unit name to a unit: exact, then loose, else ambiguity or suggestions."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.unitmatch import loosely_matches, match_tokens, similarity
from bot.unitnames import clean_name, unit_key
from db.models import Unit, UnitAlias

NEAR_DUPLICATE = 0.82


@dataclass(frozen=True)
class Resolution:
    """What a typed name denotes: one unit, several candidates, or none (with look-alikes)."""

    name: str
    unit: Unit | None = None
    candidates: list[Unit] = field(default_factory=list)
    similar: list[Unit] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        """More than one unit fits."""
        return self.unit is None and len(self.candidates) > 1


class UnitResolver:
    """The units of the registry, loaded once, answering many names (a whole file's worth)."""

    def __init__(self, units: list[Unit], aliases: list[UnitAlias]):
        self._by_id = {unit.id: unit for unit in units}
        self._exact = {unit.key: unit for unit in units}
        self._spellings: list[tuple[tuple[str, ...], Unit]] = [
            (match_tokens(unit.name), unit) for unit in units
        ]
        for alias in aliases:
            unit = self._by_id.get(alias.unit_id)
            if unit is not None:
                self._exact.setdefault(alias.key, unit)
                self._spellings.append((match_tokens(alias.alias), unit))

    @classmethod
    async def load(cls, session: AsyncSession) -> UnitResolver:
        """A resolver over every unit and alias now in the registry."""
        units = list(await session.scalars(select(Unit).order_by(Unit.name)))
        aliases = list(await session.scalars(select(UnitAlias)))
        return cls(units, aliases)

    def add(self, unit: Unit) -> None:
        """Know a unit created after loading."""
        self._by_id[unit.id] = unit
        self._exact[unit.key] = unit
        self._spellings.append((match_tokens(unit.name), unit))

    def resolve(self, name: str) -> Resolution:
        """The unit `name` denotes, if exactly one fits."""
        exact = self._exact.get(unit_key(name)) or self._exact.get(clean_name(name).lower())
        if exact is not None:
            return Resolution(name, unit=exact, candidates=[exact])
        query = match_tokens(name)
        found: dict[int, Unit] = {}
        for tokens, unit in self._spellings:
            if unit.id not in found and loosely_matches(query, tokens):
                found[unit.id] = unit
        candidates = sorted(found.values(), key=lambda unit: unit.name)
        if len(candidates) == 1:
            return Resolution(name, unit=candidates[0], candidates=candidates)
        if candidates:
            return Resolution(name, candidates=candidates)
        return Resolution(name, similar=self.similar(name))

    def similar(self, name: str, *, exclude: int | None = None) -> list[Unit]:
        """Units whose names read almost like `name` (likely the same body), most alike first."""
        scored = [
            (similarity(name, unit.name), unit)
            for unit in self._by_id.values()
            if unit.id != exclude
        ]
        scored.sort(key=lambda pair: (-pair[0], pair[1].name))
        return [unit for score, unit in scored if score >= NEAR_DUPLICATE]


async def near_duplicates(session: AsyncSession, names: list[str]) -> list[tuple[str, list[Unit]]]:
    """Names no unit fits but that read almost like existing units: likely the same body."""
    resolver = await UnitResolver.load(session)
    found = []
    for name in dict.fromkeys(names):
        answer = resolver.resolve(name)
        if answer.unit is None and not answer.ambiguous and answer.similar:
            found.append((name, answer.similar))
    return found
