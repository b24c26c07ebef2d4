"""Every user-facing string and button label, Bahasa Indonesia first, English second.

Each feature keeps its texts in a module of this package (`TEXTS` dict); they are merged here and a key may
be defined only once. Keys read `feature.message`.
"""

import html
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Final

LANGUAGES: Final = ("id", "en")
DEFAULT_LANG: Final = "id"

_MODULES: Final = ("core", "access", "people", "groups", "incidents", "response", "stages", "lapsit", "broadcast",
                   "meetings", "review", "web")


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for name in _MODULES:
        texts: Mapping[str, dict[str, str]] = import_module(f"bot.texts.{name}").TEXTS
        for key, variants in texts.items():
            if key in merged:
                raise RuntimeError(f"text key {key!r} defined twice (bot/texts/{name}.py)")
            merged[key] = variants
    return merged


TEXTS: Final[dict[str, dict[str, str]]] = _merge()


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The text `key` in `lang` (falling back to Indonesian) with its placeholders filled."""
    variants = TEXTS[key]
    template = variants.get(lang) or variants[DEFAULT_LANG]
    return template.format(**params) if params else template


def esc(value: object) -> str:
    """HTML-escape user-supplied text (names, positions, descriptions) before it goes into a message."""
    return html.escape(str(value), quote=False)


def has(key: str) -> bool:
    """Tell whether the catalog has `key`."""
    return key in TEXTS


def lookup(lang: str) -> Callable[[str], str | None]:
    """A key → text function in `lang` that answers None for keys the catalog does not have (for db/ code)."""
    return lambda key: t(key, lang) if key in TEXTS else None
