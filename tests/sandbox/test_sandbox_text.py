"""Unit tests of the HTML parser, text processing and spec decoding (no Bot involved)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.sandbox import spec
from bot.sandbox.errors import ApiError
from bot.sandbox.html import HtmlParseError, parse_html
from bot.sandbox.text import find_entities, format_text, utf16_len

ROOT = Path(__file__).resolve().parents[2]
SHARED_SPEC = Path("/work/shared/telegram-bot-api-spec/api.json")


def fmt(text: str, parse_mode: str | None = "HTML", entities: object = None, kind: str = "text") -> object:
    return format_text(text, parse_mode, entities, kind=kind, users=lambda uid: None)  # type: ignore[arg-type]


def test_every_allowed_tag_gives_its_entity() -> None:
    text, entities = parse_html(
        "<b>b</b><strong>B</strong><i>i</i><em>I</em><u>u</u><ins>U</ins><s>s</s><strike>S</strike>"
        '<del>D</del><tg-spoiler>p</tg-spoiler><span class="tg-spoiler">P</span><a href="https://e.org/x">l</a>'
        '<code>c</code><pre>r</pre><pre><code class="language-python">y</code></pre>'
        "<blockquote>q</blockquote>"
        '<blockquote expandable>Q</blockquote><tg-emoji emoji-id="5368324170671202286">e</tg-emoji>'
    )
    assert text == "bBiIuUsSDpPlcryqQe"
    types = [(e["type"], e["offset"]) for e in entities]
    assert types == [
        ("bold", 0),
        ("bold", 1),
        ("italic", 2),
        ("italic", 3),
        ("underline", 4),
        ("underline", 5),
        ("strikethrough", 6),
        ("strikethrough", 7),
        ("strikethrough", 8),
        ("spoiler", 9),
        ("spoiler", 10),
        ("text_link", 11),
        ("code", 12),
        ("pre", 13),
        ("pre", 14),
        ("blockquote", 15),
        ("expandable_blockquote", 16),
        ("custom_emoji", 17),
    ]
    assert entities[11]["url"] == "https://e.org/x"
    assert entities[14]["language"] == "python"
    assert "language" not in entities[13]
    assert entities[17]["custom_emoji_id"] == "5368324170671202286"


def test_character_references_and_utf16_offsets() -> None:
    text, entities = parse_html("&lt;&gt;&amp;&quot;&#123;&#x1F600;😀<b>x</b>&nbsp;")
    assert text == '<>&"{😀😀x&nbsp;'
    # 5 one-unit characters, then two astral characters of 2 UTF-16 units each.
    assert entities == [{"offset": 9, "length": 1, "type": "bold"}]


def test_nested_tags_and_case_insensitive_names() -> None:
    text, entities = parse_html("<B><I>x</I></B>")
    assert text == "x"
    assert {e["type"] for e in entities} == {"bold", "italic"}


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("line<br>break", 'Unsupported start tag "br" at byte offset 4'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>test</b></i>", 'Unmatched end tag at byte offset 10, expected "</i>", found "</b>"'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("I <3 you", 'Unsupported start tag "3" at byte offset 2'),
        ("I <3", "Unclosed start tag at byte offset 2"),
        ("é <x>", 'Unsupported start tag "x" at byte offset 3'),  # offsets are UTF-8 bytes
        ("<a href=x/>y</a>", "Unexpected end of name token at byte offset 8"),
        ("</b>", "Unexpected end tag at byte offset 0"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
        ("<b >x</ b>", "Unclosed end tag at byte offset 5"),
        (
            "&#xD83D;",
            "Text contains invalid Unicode characters after decoding HTML entities, check for "
            "unmatched surrogate code units",
        ),
    ],
)
def test_html_errors_are_telegrams(html: str, error: str) -> None:
    with pytest.raises(HtmlParseError) as info:
        parse_html(html)
    assert str(info.value) == error


def test_format_trims_cleans_and_counts_utf16() -> None:
    result = fmt("  \n<b>hi</b>\tthere\r\n \n", "HTML")
    assert result.text == "hi there"  # type: ignore[attr-defined]
    assert result.entities == [{"offset": 0, "length": 2, "type": "bold"}]  # type: ignore[attr-defined]
    assert utf16_len("😀a") == 3


def test_format_limits_and_empty_text() -> None:
    assert fmt("x" * 4096, None).text == "x" * 4096  # type: ignore[attr-defined]
    assert fmt("😀" * 2048, None).text  # type: ignore[attr-defined]  # 4096 UTF-16 units
    with pytest.raises(ApiError, match="message is too long"):
        fmt("😀" * 2049, None)
    with pytest.raises(ApiError, match="message is too long"):
        fmt("<b>" + "x" * 4097 + "</b>")
    assert fmt("<b>" + "x" * 4096 + "</b>").text == "x" * 4096  # type: ignore[attr-defined]  # markup is free
    with pytest.raises(ApiError, match="message caption is too long"):
        fmt("x" * 1025, None, kind="caption")
    with pytest.raises(ApiError, match="text must be non-empty"):
        fmt(" \n ", None)
    with pytest.raises(ApiError, match="unsupported parse_mode"):
        fmt("x", "bbcode")
    with pytest.raises(ApiError, match="not simulated"):
        fmt("*x*", "MarkdownV2")


def test_explicit_entities_are_validated() -> None:
    ok = fmt("hello", None, [{"type": "bold", "offset": 0, "length": 5}])
    assert ok.entities == [{"type": "bold", "offset": 0, "length": 5}]  # type: ignore[attr-defined]
    cases = [
        (
            [{"type": "bold", "offset": 100, "length": 1}],
            "entity begins after the end of the text at UTF-16 offset 100",
        ),
        (
            [{"type": "bold", "offset": 0, "length": 100}],
            "entity beginning at UTF-16 offset 0 ends after the end of the text at UTF-16 offset 100",
        ),
        (
            [{"type": "nope", "offset": 0, "length": 1}],
            "can't parse MessageEntity: Unsupported type specified",
        ),
        ([{"type": "bold", "offset": -1, "length": 1}], "receive an entity with incorrect offset -1"),
        (
            [{"type": "text_link", "offset": 0, "length": 5}],
            "can't parse MessageEntity: Can't find field \"url\"",
        ),
        (
            [{"type": "text_link", "offset": 0, "length": 5, "url": "not-a-url"}],
            "entity URL 'not-a-url' is invalid: Wrong HTTP URL",
        ),
        ([{"type": "text_mention", "offset": 0, "length": 5, "user": {"id": 9}}], "user not found"),
    ]
    for entities, error in cases:
        with pytest.raises(ApiError) as info:
            fmt("hello", None, entities)
        assert info.value.description == f"Bad Request: {error}"


def test_find_entities_detects_commands_mentions_hashtags_urls() -> None:
    found = find_entities("/start@sinergi_bot hi @budi_s #posko https://e.org/a, a/b /x@ab")
    assert [(e["type"], e["offset"], e["length"]) for e in found] == [
        ("bot_command", 0, 18),
        ("mention", 22, 7),
        ("hashtag", 30, 6),
        ("url", 37, 15),
    ]


def test_decoding_keeps_strings_and_parses_json_fields() -> None:
    method = spec.find_method("sendmessage")
    assert method is not None and method.name == "sendMessage"
    decoded = spec.decode_params(
        method,
        {
            "chat_id": "-1001",
            "text": "0",
            "disable_notification": "True",
            "reply_markup": '{"remove_keyboard":true}',
        },
    )
    assert decoded == {
        "chat_id": -1001,
        "text": "0",
        "disable_notification": True,
        "reply_markup": {"remove_keyboard": True},
    }
    assert spec.decode_params(method, {"chat_id": "@posko"})["chat_id"] == "@posko"
    with pytest.raises(ApiError, match="can't parse reply keyboard markup JSON object"):
        spec.decode_params(method, {"reply_markup": "{nope"})
    with pytest.raises(ApiError, match="invalid message_thread_id specified"):
        spec.decode_params(method, {"message_thread_id": "abc"})


@pytest.mark.skipif(not SHARED_SPEC.exists(), reason="the full Bot API spec is not available here")
def test_packaged_spec_is_generated_from_the_full_spec(tmp_path: Path) -> None:
    out = tmp_path / "api_spec.json"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts/gen_sandbox_spec.py"), str(SHARED_SPEC), str(out)],
        check=True,
        capture_output=True,
    )
    assert json.loads(out.read_text()) == json.loads((ROOT / "bot/sandbox/api_spec.json").read_text())
