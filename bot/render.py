"""Rendering helpers shared by every feature: WIB times and splitting long messages on line boundaries."""

from datetime import datetime, tzinfo

from db.clock import LOCAL_TZ

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_ANSWER_LIMIT = 200
CALLBACK_DATA_LIMIT = 64

WIB = LOCAL_TZ  # the display zone: TIMEZONE, Asia/Jakarta unless configured otherwise


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji outside the BMP counts twice)."""
    return len(text.encode("utf-16-le")) // 2


def visible_len(html_text: str) -> int:
    """Rough UTF-16 length of HTML text after Telegram strips tags and decodes entities (an upper bound)."""
    import html as _html
    import re

    return utf16_len(_html.unescape(re.sub(r"<[^>]+>", "", html_text)))


def fmt_dt(value: datetime, tz: tzinfo = WIB, *, with_zone: bool = True) -> str:
    """`27/11/2024 14:05 WIB` — the way times are shown everywhere."""
    local = value.astimezone(tz)
    suffix = f" {local.tzname()}" if with_zone else ""
    return local.strftime("%d/%m/%Y %H:%M") + suffix


def fmt_date(value: datetime, tz: tzinfo = WIB) -> str:
    """`27/11/2024` in the display time zone."""
    return value.astimezone(tz).strftime("%d/%m/%Y")


def shorten(text: str, limit: int) -> str:
    """Cut plain text to `limit` characters with an ellipsis (escape it afterwards)."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def _cut_points(line: str, limit: int) -> list[str]:
    """Split one over-long line at spaces, never inside a tag or an HTML entity."""
    pieces: list[str] = []
    while visible_len(line) > limit:
        cut = _safe_cut(line, limit)
        pieces.append(line[:cut].rstrip())
        line = line[cut:].lstrip()
    if line:
        pieces.append(line)
    return pieces


def _safe_cut(line: str, limit: int) -> int:
    best_space = -1
    best_any = 1
    visible = 0
    inside_tag = inside_entity = False
    for i, char in enumerate(line):
        if char == "<":
            inside_tag = True
        elif char == ">" and inside_tag:
            inside_tag = False
            continue
        elif char == "&":
            inside_entity = True
            visible += 1  # an entity shows as one character
        elif char == ";" and inside_entity:
            inside_entity = False
            continue
        if inside_tag or inside_entity:
            if char != "&":
                continue
        else:
            visible += utf16_len(char)
        if visible > limit:
            break
        if not inside_tag and (not inside_entity or char == "&"):
            best_any = i
            if char == " ":
                best_space = i
    return best_space if best_space > 0 else max(best_any, 1)


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split HTML text into parts Telegram accepts, on line boundaries (renderers keep tags within a line)."""
    if visible_len(text) <= limit:
        return [text]
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for raw_line in text.split("\n"):
        for line in _cut_points(raw_line, limit) or [""]:
            line_size = visible_len(line) + (1 if current else 0)
            if current and size + line_size > limit:
                parts.append("\n".join(current))
                current, size = [], 0
                line_size = visible_len(line)
            current.append(line)
            size += line_size
    if current:
        parts.append("\n".join(current))
    return [p for p in parts if p.strip()] or [text[:limit]]
