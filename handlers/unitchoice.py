"""Asking which unit a typed name means: the units that fit (or look alike) as buttons."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from bot.callback_data import CallbackData
from bot.messages import Button
from bot.services.unit_resolver import Resolution
from bot.services.units import resolve_unit
from db.models import Unit
from handlers.context import Context
from handlers.conversation import shorten

MAX_CHOICES = 8


def choices(resolution: Resolution) -> list[Unit]:
    """The units to offer for a name that denotes no single unit: those that fit, else look-alikes."""
    found = resolution.candidates if resolution.ambiguous else resolution.similar
    return found[:MAX_CHOICES]


def question(ctx: Context, resolution: Resolution) -> str:
    """ "“Phòng VH” khớp với nhiều đơn vị. Chọn đơn vị:" or "Không có đơn vị … Có phải …?"."""
    key = "unitchoice.several" if resolution.ambiguous else "unitchoice.similar"
    return ctx.text(key, name=" ".join(resolution.name.split()))


def unit_buttons(units: list[Unit], data: Callable[[Unit], CallbackData]) -> list[list[Button]]:
    """One button per unit, each sending `data(unit)`."""
    return [[Button(shorten(unit.name), data(unit).pack())] for unit in units]


async def settle_names(
    session: AsyncSession, names: list[str], new: list[str]
) -> tuple[list[str], tuple[int, Resolution] | None]:
    """Typed names with each one that denotes one unit replaced by its name, and the first
    that needs asking (several fit, or look-alikes exist); names in `new` are left as typed,
    as are names nothing resembles (new units the preview flags)."""
    settled = list(names)
    for index, name in enumerate(names):
        if name in new:
            continue
        answer = await resolve_unit(session, name)
        if answer.unit is not None:
            settled[index] = answer.unit.name
        elif choices(answer):
            return settled, (index, answer)
    return settled, None
