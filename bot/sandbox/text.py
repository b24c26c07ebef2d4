"""Message text processing as the Bot API does it: parse mode, entities, cleaning, trimming, limits.

The steps follow TDLib's ``fix_formatted_text``: control characters become spaces, ``\\r`` and a
few invisible characters are removed, the text is trimmed of spaces and newlines, and an
all-blank text is refused. Entity offsets/lengths are UTF-16 code units.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from bot.sandbox.errors import ApiError, bad_request, not_simulated
from bot.sandbox.html import HtmlParseError, check_link, parse_html, sort_entities

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024

# Types a bot may send explicitly; the auto-detected ones are accepted but re-detected by Telegram.
USER_TYPES = frozenset(
    {
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "code",
        "pre",
        "text_link",
        "text_mention",
        "custom_emoji",
        "blockquote",
        "expandable_blockquote",
    }
)
AUTO_TYPES = frozenset(
    {"mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number", "bank_card_number"}
)
# Entities that detected entities may not intersect (TDLib's "continuous" entities).
_CONTINUOUS = frozenset({"code", "pre", "text_link", "text_mention", "custom_emoji"})
_REMOVED = frozenset(
    {"\r", "\u2028", "\u2029", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u0333", "\u033f", "\u030a"}
)

UserLookup = Callable[[int], dict[str, Any] | None]


@dataclass
class Formatted:
    """A processed text: plain text and its entities (Bot API MessageEntity dicts)."""

    text: str
    entities: list[dict[str, Any]]


def utf16_len(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _u16_index(text: str) -> list[int]:
    """Map each code-point index (0..len) to its UTF-16 offset."""
    result = [0]
    for ch in text:
        result.append(result[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return result


def format_text(
    text: str,
    parse_mode: str | None,
    entities: Any,
    *,
    kind: Literal["text", "caption"],
    users: UserLookup,
) -> Formatted:
    """Process a text or caption as sendMessage/sendPhoto would; raise ApiError like Telegram."""
    mode = (parse_mode or "").strip().lower()
    if mode == "html":
        try:
            plain, found = parse_html(text)
        except HtmlParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
        result = [e for e in found if _resolve_mention(e, users, strict=False)]
    elif mode in ("markdown", "markdownv2"):
        raise not_simulated(f"parse_mode {parse_mode}")
    elif mode in ("", "none"):
        plain = text
        result = _explicit_entities(text, entities, users)
    else:
        raise bad_request("unsupported parse_mode")
    plain, result = _clean(plain, result)
    plain, result = _trim(plain, result)
    if not plain.strip(" \n") and kind == "text":
        raise bad_request("text must be non-empty")
    limit = TEXT_LIMIT if kind == "text" else CAPTION_LIMIT
    if utf16_len(plain) > limit:
        raise bad_request("message is too long" if kind == "text" else "message caption is too long")
    result = _merge(result, find_entities(plain))
    return Formatted(plain, result)


def _resolve_mention(entity: dict[str, Any], users: UserLookup, *, strict: bool) -> bool:
    """Replace a text_mention's user id by the user; False drops an unknown user's mention."""
    if entity["type"] != "text_mention":
        return True
    user_id = entity.pop("user_id", None)
    if user_id is None:
        user_id = entity.get("user", {}).get("id") if isinstance(entity.get("user"), dict) else None
    user = users(int(user_id)) if isinstance(user_id, int) else None
    if user is None:
        if strict:
            raise bad_request("user not found")
        return False
    entity["user"] = user
    return True


def _field_error(name: str) -> ApiError:
    return bad_request(f"can't parse MessageEntity: Can't find field \"{name}\"")


def _explicit_entities(text: str, raw: Any, users: UserLookup) -> list[dict[str, Any]]:
    """Validate entities a bot passed explicitly (TDLib's get_message_entities + checks)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise bad_request('field "entities" must be of type Array')
    result: list[dict[str, Any]] = []
    for item in raw:
        if not isinstance(item, dict):
            raise bad_request("can't parse MessageEntity: Object expected")
        for name in ("type", "offset", "length"):
            if name not in item:
                raise _field_error(name)
        kind = item["type"]
        if kind not in USER_TYPES and kind not in AUTO_TYPES:
            raise bad_request("can't parse MessageEntity: Unsupported type specified")
        for name in ("offset", "length"):
            if not isinstance(item[name], int) or isinstance(item[name], bool):
                raise bad_request(f'can\'t parse MessageEntity: Field "{name}" must be a valid Number')
        entity: dict[str, Any] = {"type": kind, "offset": item["offset"], "length": item["length"]}
        if kind == "text_link":
            if "url" not in item:
                raise _field_error("url")
            url = str(item["url"])
            checked = check_link(url)
            if checked is None:
                reason = "URL host is empty" if not url.strip() else "Wrong HTTP URL"
                raise bad_request(f"entity URL '{url}' is invalid: {reason}")
            entity["url"] = checked
        elif kind == "text_mention":
            if "user" not in item:
                raise _field_error("user")
            entity["user"] = item["user"]
            _resolve_mention(entity, users, strict=True)
        elif kind == "custom_emoji":
            if "custom_emoji_id" not in item:
                raise _field_error("custom_emoji_id")
            emoji_id = str(item["custom_emoji_id"])
            if not re.fullmatch(r"-?\d{1,19}", emoji_id) or not -(2**63) <= int(emoji_id) < 2**63:
                raise bad_request('can\'t parse MessageEntity: Field "custom_emoji_id" must be a valid Number')
            entity["custom_emoji_id"] = emoji_id
        elif kind == "pre" and item.get("language"):
            entity["language"] = str(item["language"])
        for name in ("offset", "length"):
            if not 0 <= entity[name] <= 1_000_000:
                raise bad_request(f"receive an entity with incorrect {name} {entity[name]}")
        if kind in USER_TYPES and entity["length"] > 0:
            result.append(entity)
    total = utf16_len(text)
    sort_entities(result)
    for entity in result:
        if entity["offset"] > total:
            raise bad_request(f"entity begins after the end of the text at UTF-16 offset {entity['offset']}")
        end = entity["offset"] + entity["length"]
        if end > total:
            raise bad_request(
                f"entity beginning at UTF-16 offset {entity['offset']} ends after the end of the text "
                f"at UTF-16 offset {end}"
            )
    return result


def _clean(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Replace control characters by spaces and drop removed characters, moving entities along."""
    out: list[str] = []
    new_pos = [0]  # new UTF-16 offset for every old UTF-16 offset
    pos = 0
    for ch in text:
        units = 2 if ord(ch) > 0xFFFF else 1
        if ch in _REMOVED:
            new_pos.extend([pos] * units)
            continue
        if ord(ch) < 32 and ch != "\n":
            ch = " "
        out.append(ch)
        for _ in range(units):
            pos += 1
            new_pos.append(pos)
    for entity in entities:
        start = new_pos[entity["offset"]]
        end = new_pos[entity["offset"] + entity["length"]]
        entity["offset"], entity["length"] = start, end - start
    return "".join(out), [e for e in entities if e["length"] > 0]


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim spaces/newlines: all on the right, on the left only before the first entity."""
    stripped = text.rstrip(" \n")
    total = utf16_len(stripped)
    kept = []
    for entity in entities:
        if entity["offset"] >= total:
            continue
        entity["length"] = min(entity["length"], total - entity["offset"])
        kept.append(entity)
    first = min((e["offset"] for e in kept), default=total)
    lead = 0
    while lead < first and lead < len(stripped) and stripped[lead] in " \n":
        lead += 1
    for entity in kept:
        entity["offset"] -= lead
    sort_entities(kept)
    return stripped[lead:], kept


_COMMAND = re.compile(r"(?<![\w/<>])/([a-zA-Z0-9_]+)(@[a-zA-Z0-9_]*)?")
_MENTION = re.compile(r"(?<!\w)@([a-zA-Z0-9_]+)")
_HASHTAG = re.compile(r"(?<!\w)#(\w+)")
_URL = re.compile(r"(?<![\w@/])(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)


def _next_is(text: str, end: int, extra: str) -> bool:
    return end < len(text) and (text[end].isalnum() or text[end] == "_" or text[end] in extra)


def find_entities(text: str) -> list[dict[str, Any]]:
    """Detect the entities Telegram finds by itself: bot commands, mentions, hashtags and URLs."""
    idx = _u16_index(text)
    found: list[dict[str, Any]] = []

    def add(kind: str, start: int, end: int) -> None:
        found.append({"type": kind, "offset": idx[start], "length": idx[end] - idx[start]})

    for m in _COMMAND.finditer(text):
        bot = m.group(2)
        if len(m.group(1)) > 64 or (bot is not None and not 3 <= len(bot) - 1 <= 32):
            continue
        if not _next_is(text, m.end(), "/<>"):
            add("bot_command", m.start(), m.end())
    for m in _MENTION.finditer(text):
        if 3 <= len(m.group(1)) <= 32 and not _next_is(text, m.end(), ""):
            add("mention", m.start(), m.end())
    for m in _HASHTAG.finditer(text):
        if any(c.isalpha() for c in m.group(1)) and not text.startswith("#", m.end()):
            add("hashtag", m.start(), m.end())
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)":
            end -= 1
        add("url", m.start(), end)
    return found


def _merge(entities: list[dict[str, Any]], found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add detected entities that do not cross explicit continuous ones, nor each other."""
    blocked = [(e["offset"], e["offset"] + e["length"]) for e in entities if e["type"] in _CONTINUOUS]
    result = list(entities)
    for entity in sorted(found, key=lambda e: (e["offset"], -e["length"])):
        start, end = entity["offset"], entity["offset"] + entity["length"]
        if any(start < b_end and b_start < end for b_start, b_end in blocked):
            continue
        blocked.append((start, end))
        result.append(entity)
    sort_entities(result)
    return result
