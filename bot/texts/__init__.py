"""Every user-facing string, Vietnamese first, English second.

Each module of this package defines `VI` and `EN` dicts for one conversation area;
`t(key, locale, **values)` looks a key up across all of them.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

DEFAULT_LOCALE = "vi"


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {"vi": {}, "en": {}}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for locale, table in (("vi", module.VI), ("en", getattr(module, "EN", {}))):
            clash = merged[locale].keys() & table.keys()
            if clash:
                raise RuntimeError(f"text keys defined twice: {sorted(clash)}")
            merged[locale].update(table)
    return merged


def t(key: str, locale: str | None = None, /, **values: object) -> str:
    """The text for `key` in `locale` (falling back to Vietnamese), formatted with `values`."""
    catalogue = _catalogue()
    template = catalogue.get(locale or DEFAULT_LOCALE, {}).get(key) or catalogue["vi"][key]
    return template.format(**values) if values else template
