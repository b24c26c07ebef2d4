"""Telegram's HTML parse mode, ported from TDLib's ``parse_html`` (td/telegram/MessageEntity.cpp).

The port keeps TDLib's byte-level scanning so that error texts and byte offsets are the ones
Telegram answers with. Offsets in errors are UTF-8 byte offsets into the sent text; entity
offsets and lengths are UTF-16 code units of the parsed plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_At = Callable[[int], int]  # reads the byte at an index, 0 past the end like a C string

ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)

# TDLib's is_space() also treats NUL as a space: its scans stop at the end of the C string.
_SPACES = frozenset(b" \t\r\n\x00\x0b\x0c")
_ALNUM = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ALPHA = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGITS = frozenset(b"0123456789")
_HEX = frozenset(b"0123456789abcdefABCDEF")
_NAMED = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}
_USER_LINK = re.compile(r"^tg://user\?id=(\d{1,19})$", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")

# TDLib's sort priorities, so equal-range entities come out in Telegram's order.
PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "mention": 50,
    "hashtag": 50,
    "cashtag": 50,
    "bot_command": 50,
    "url": 50,
    "email": 50,
    "phone_number": 50,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}


class HtmlParseError(ValueError):
    """An HTML parse error; the message is TDLib's text (the Bot API prefixes it)."""


@dataclass
class _Open:
    tag: str
    argument: str
    utf16_offset: int
    byte_begin: int


def sort_entities(entities: list[dict[str, Any]]) -> None:
    """Sort entities the way TDLib does: by offset, longer first, then by type priority."""
    entities.sort(key=lambda e: (e["offset"], -int(str(e["length"])), PRIORITY.get(str(e["type"]), 50)))


def check_link(url: str) -> str | None:
    """Return the URL Telegram would keep for a text link, or None when it drops the link."""
    url = url.strip()
    match = _SCHEME.match(url)
    if match:
        scheme = match.group(1).lower()
        rest = url[match.end() :]
        if scheme in ("tg", "ton"):
            return url if rest else None
        if scheme not in ("http", "https") or not _host_ok(rest):
            return None
        return url
    return f"http://{url}" if _host_ok(url) else None


def _host_ok(rest: str) -> bool:
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    if not host or any(c.isspace() for c in host):
        return False
    labels = host.split(".")
    return (len(labels) >= 2 and all(labels)) or host == "localhost"


def _decode_entity(data: bytes, pos: int) -> tuple[int, int]:
    """Decode an HTML character reference at ``pos`` (a '&'): (code point or 0, next position)."""
    n = len(data)

    def at(i: int) -> int:
        return data[i] if i < n else 0

    end = pos + 1
    code = 0
    if at(pos + 1) == ord("#"):
        end += 1
        if at(pos + 2) == ord("x"):
            end += 1
            while at(end) in _HEX:
                code = code * 16 + int(chr(at(end)), 16)
                end += 1
        else:
            while at(end) in _DIGITS:
                code = code * 10 + at(end) - ord("0")
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while at(end) in _ALPHA:
            end += 1
        named = _NAMED.get(data[pos + 1 : end])
        if named is None:
            return 0, pos
        code = ord(named)
    return code, end + 1 if at(end) == ord(";") else end


def _utf16_units(first_byte: int) -> int:
    # Called on the first byte of a UTF-8 sequence; 4-byte sequences are surrogate pairs.
    return 2 if first_byte >= 0xF0 else 1


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (plain text, entities) or raise HtmlParseError."""
    data = text.encode("utf-8")
    n = len(data)

    def at(i: int) -> int:
        return data[i] if i < n else 0

    out = bytearray()
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    utf16 = 0
    i = 0
    while i < n:
        c = data[i]
        if c == ord("&"):
            code, nxt = _decode_entity(data, i)
            if code:
                if 0xD800 <= code <= 0xDFFF:
                    raise HtmlParseError(
                        "Text contains invalid Unicode characters after decoding HTML entities, "
                        "check for unmatched surrogate code units"
                    )
                utf16 += 2 if code > 0xFFFF else 1
                out += chr(code).encode("utf-8")
                i = nxt
                continue
        if c != ord("<"):
            if c & 0xC0 != 0x80:
                utf16 += _utf16_units(c)
            out.append(c)
            i += 1
            continue
        begin = i
        i += 1
        if at(i) != ord("/"):
            i = _start_tag(data, begin, i, at, stack, utf16, len(out))
        else:
            i = _end_tag(data, begin, i, at, stack, entities, out, utf16)
        i += 1
    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)  # TDLib drops a language left on a plain code entity
    sort_entities(entities)
    return out.decode("utf-8"), entities


def _start_tag(data: bytes, begin: int, i: int, at: _At, stack: list[_Open], utf16: int, out_len: int) -> int:
    """Parse a start tag from ``i`` (just after '<'); return the index of its closing '>'."""
    while at(i) not in _SPACES and at(i) != ord(">"):
        i += 1
    if at(i) == 0:
        raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
    tag = data[begin + 1 : i].decode("utf-8", "replace").lower()
    if tag not in ALLOWED_TAGS:
        raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
    argument = ""
    while at(i) != ord(">"):
        while at(i) != 0 and at(i) in _SPACES:
            i += 1
        if at(i) == ord(">"):
            break
        attr_begin = i
        while at(i) not in _SPACES and at(i) not in b"=>/\"'":
            i += 1
        attr = data[attr_begin:i]
        if not attr:
            raise HtmlParseError(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
        while at(i) != 0 and at(i) in _SPACES:
            i += 1
        if at(i) != ord("="):
            if at(i) == 0:
                raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
            if tag == "blockquote" and attr == b"expandable":
                argument = "1"
            continue
        i += 1
        while at(i) != 0 and at(i) in _SPACES:
            i += 1
        if at(i) == 0:
            raise HtmlParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
        if at(i) not in (ord("'"), ord('"')):
            token_begin = i
            while at(i) in _ALNUM or at(i) in (ord("."), ord("-")):
                i += 1
            value = data[token_begin:i].decode("ascii").lower()
            if at(i) not in _SPACES and at(i) != ord(">"):
                raise HtmlParseError(f"Unexpected end of name token at byte offset {token_begin}")
        else:
            quote = at(i)
            i += 1
            raw = bytearray()
            while at(i) != quote and at(i) != 0:
                if at(i) == ord("&"):
                    code, nxt = _decode_entity(data, i)
                    if code:
                        raw += chr(code).encode("utf-8", "surrogatepass")
                        i = nxt
                        continue
                raw.append(at(i))
                i += 1
            if at(i) == quote:
                i += 1
            value = raw.decode("utf-8", "replace")
        if at(i) == 0:
            raise HtmlParseError(f"Unclosed start tag at byte offset {begin}")
        if tag == "a" and attr == b"href":
            argument = value
        elif tag == "code" and attr == b"class" and value.startswith("language-"):
            argument = value[9:]
        elif tag == "span" and attr == b"class" and value.startswith("tg-"):
            argument = value[3:]
        elif (tag == "tg-emoji" and attr == b"emoji-id") or (tag == "blockquote" and attr == b"expandable"):
            argument = value if tag == "tg-emoji" else "1"
    if tag == "span" and argument != "spoiler":
        raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
    stack.append(_Open(tag, argument, utf16, out_len))
    return i


def _end_tag(
    data: bytes,
    begin: int,
    i: int,
    at: _At,
    stack: list[_Open],
    entities: list[dict[str, Any]],
    out: bytearray,
    utf16: int,
) -> int:
    """Parse an end tag from ``i`` (at the '/'); add its entity; return the index of its '>'."""
    if not stack:
        raise HtmlParseError(f"Unexpected end tag at byte offset {begin}")
    while at(i) not in _SPACES and at(i) != ord(">"):
        i += 1
    end_name = data[begin + 2 : i].decode("utf-8", "replace").lower()
    while at(i) in _SPACES and at(i) != 0:
        i += 1
    if at(i) != ord(">"):
        raise HtmlParseError(f"Unclosed end tag at byte offset {begin}")
    top = stack[-1]
    if end_name and end_name != top.tag:
        raise HtmlParseError(
            f'Unmatched end tag at byte offset {begin}, expected "</{top.tag}>", found "</{end_name}>"'
        )
    stack.pop()
    if utf16 > top.utf16_offset:
        _add_entity(top, utf16 - top.utf16_offset, entities, bytes(out[top.byte_begin :]))
    return i


_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}


def _add_entity(top: _Open, length: int, entities: list[dict[str, Any]], inner: bytes) -> None:
    offset = top.utf16_offset
    entity: dict[str, Any] = {"offset": offset, "length": length}
    last = entities[-1] if entities else None
    same_range = last is not None and last["offset"] == offset and last["length"] == length
    if top.tag in _SIMPLE:
        entity["type"] = _SIMPLE[top.tag]
    elif top.tag == "tg-emoji":
        try:
            emoji_id = int(top.argument)
        except ValueError:
            emoji_id = 0
        if emoji_id == 0 or not -(2**63) <= emoji_id < 2**63:
            raise HtmlParseError("Invalid custom emoji identifier specified")
        entity.update(type="custom_emoji", custom_emoji_id=str(emoji_id))
    elif top.tag == "a":
        url = top.argument or inner.decode("utf-8", "replace")
        user = _USER_LINK.match(url.strip())
        if user:
            entity.update(type="text_mention", user_id=int(user.group(1)))
        else:
            checked = check_link(url)
            if checked is None:
                return  # TDLib silently drops links it cannot use
            entity.update(type="text_link", url=checked)
    elif top.tag == "pre":
        if last is not None and same_range and last["type"] == "code" and last.get("language"):
            last["type"] = "pre"
            return
        entity["type"] = "pre"
    elif top.tag == "code":
        if last is not None and same_range and last["type"] == "pre" and top.argument:
            last["language"] = top.argument
            return
        entity["type"] = "code"
        if top.argument:
            entity["language"] = top.argument  # kept only if an enclosing <pre> claims it
    else:  # blockquote
        entity["type"] = "expandable_blockquote" if top.argument else "blockquote"
    entities.append(entity)
