"""Validation of reply markup (inline keyboards, reply keyboards, remove/force reply).

Error texts are the Bot API's (its JSON parsing: "can't parse inline keyboard button: ...") and
TDLib's (button checks, first letter lowercased by the Bot API) as observed from Telegram.
"""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.errors import bad_request, tdlib_error

CALLBACK_DATA_MAX_BYTES = 64
COPY_TEXT_MAX = 256
# An inline button needs exactly one of these; "" for url/callback_data counts as absent.
INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
# Reply keyboard request buttons and TDLib's text when they are used outside private chats.
_PRIVATE_ONLY = {
    "request_contact": "Phone number can be requested in private chats only",
    "request_location": "Location can be requested in private chats only",
    "request_poll": "Poll can be requested in private chats only",
    "web_app": "Web App buttons can be used in private chats only",
    "request_users": "Users can be requested in private chats only",
    "request_user": "Users can be requested in private chats only",
    "request_chat": "Chats can be requested in private chats only",
    "request_managed_bot": "Managed bots can be requested in private chats only",
}
_BOOLEAN_FIELDS = (
    "resize_keyboard",
    "one_time_keyboard",
    "selective",
    "is_persistent",
    "force_reply",
    "remove_keyboard",
)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://(.*)$", re.DOTALL)


def _url_problem(url: str, *, https_only: bool = False) -> str | None:
    """Return TDLib's complaint about a button URL, or None when Telegram accepts it."""
    match = _SCHEME.match(url.strip())
    if match:
        scheme, rest = match.group(1).lower(), match.group(2)
        if https_only and scheme != "https":
            return "Only HTTPS links are allowed"
        if scheme in ("tg", "ton"):
            return None if rest else "Wrong URL"
        if scheme not in ("http", "https"):
            return "Unsupported URL protocol"
    else:
        if https_only:
            return "Only HTTPS links are allowed"
        rest = url.strip()
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    if not host:
        return "URL host is empty"
    labels = host.split(".")
    if any(c.isspace() for c in host) or (host != "localhost" and (len(labels) < 2 or not all(labels))):
        return "Wrong HTTP URL"
    return None


def _check_booleans(markup: dict[str, Any]) -> None:
    for name in _BOOLEAN_FIELDS:
        if name in markup and not isinstance(markup[name], bool):
            raise bad_request(f'field "{name}" must be of type Boolean')


def validate_reply_markup(markup: Any, *, private: bool, inline_only: bool = False) -> dict[str, Any] | None:
    """Validate a decoded reply_markup for a chat; return it, or None for an empty object.

    ``inline_only`` is set for edits, where only an inline keyboard is allowed.
    """
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("Object expected as reply markup")
    _check_booleans(markup)
    if "inline_keyboard" in markup:
        _validate_inline(markup["inline_keyboard"], private=private)
        return markup
    if inline_only:
        raise tdlib_error("Inline keyboard expected")
    if "keyboard" in markup:
        _validate_keyboard(markup["keyboard"], private=private)
        return markup
    if markup.get("remove_keyboard") or markup.get("force_reply"):
        return markup
    return None  # the Bot API ignores a markup object it does not recognise


def _validate_inline(rows: Any, *, private: bool) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" must be of type Array')
    for row in rows:
        for button in row:
            _validate_inline_button(button, private=private)


def _validate_inline_button(button: Any, *, private: bool) -> None:
    prefix = "can't parse inline keyboard button: "
    if not isinstance(button, dict):
        raise bad_request(prefix + "Object expected")
    if "text" not in button:
        raise bad_request(prefix + 'Can\'t find field "text"')
    if not isinstance(button["text"], str):
        raise bad_request(prefix + 'Field "text" must be of type String')
    actions = [
        name
        for name in INLINE_ACTIONS
        if name in button and not (name in ("url", "callback_data") and button[name] in ("", None))
    ]
    if not actions:
        raise bad_request(prefix + "Text buttons are unallowed in the inline keyboard")
    action = actions[0]  # the Bot API reads the first action it finds and ignores the rest
    value = button[action]
    if action == "callback_data":
        if not isinstance(value, str) or len(value.encode("utf-8")) > CALLBACK_DATA_MAX_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    elif action == "url":
        problem = _url_problem(str(value))
        if problem:
            raise bad_request(f"inline keyboard button URL '{value}' is invalid: {problem}")
    elif action == "web_app":
        url = str(value.get("url", "")) if isinstance(value, dict) else ""
        problem = _url_problem(url, https_only=True)
        if problem:
            raise bad_request(f"inline keyboard button Web App URL '{url}' is invalid: {problem}")
        if not private:
            raise bad_request("BUTTON_TYPE_INVALID")
    elif action in ("pay", "callback_game"):
        raise bad_request("BUTTON_TYPE_INVALID")  # only valid on invoices and games
    elif action == "copy_text":
        text = value.get("text") if isinstance(value, dict) else None
        if not isinstance(text, str) or not 1 <= len(text) <= COPY_TEXT_MAX:
            raise bad_request("BUTTON_COPY_TEXT_INVALID")
    if not button["text"]:
        raise bad_request("BUTTON_TEXT_INVALID")  # refused by the server, after the Bot API checks


def _validate_keyboard(rows: Any, *, private: bool) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "keyboard" must be of type Array')
    for row in rows:
        for button in row:
            if isinstance(button, str):
                button = {"text": button}
            if not isinstance(button, dict):
                raise bad_request("can't parse keyboard button: Object expected")
            if "text" not in button:
                raise bad_request("can't parse keyboard button: Can't find field \"text\"")
            if not isinstance(button["text"], str):
                raise bad_request('can\'t parse keyboard button: Field "text" must be of type String')
            if not button["text"]:
                raise tdlib_error("Keyboard button text must be non-empty")
            for field, message in _PRIVATE_ONLY.items():
                if button.get(field) and not private:
                    # TDLib refuses request buttons outside private chats (get_keyboard_button):
                    # only the user in a private chat can be asked to share a contact/location.
                    raise tdlib_error(message)
            web_app = button.get("web_app")
            if isinstance(web_app, dict):
                url = str(web_app.get("url", ""))
                problem = _url_problem(url, https_only=True)
                if problem:
                    raise bad_request(f"keyboard button Web App URL '{url}' is invalid: {problem}")


def inline_buttons(markup: dict[str, Any] | None) -> list[list[dict[str, Any]]]:
    """Return the rows of inline buttons of a markup (empty when it is not an inline keyboard)."""
    if not markup or not isinstance(markup.get("inline_keyboard"), list):
        return []
    return [list(row) for row in markup["inline_keyboard"]]


def keyboard_rows(markup: dict[str, Any] | None) -> list[list[dict[str, Any]]]:
    """Return the rows of any keyboard (inline or reply) as button dicts."""
    if not markup:
        return []
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    return [[{"text": b} if isinstance(b, str) else b for b in row] for row in rows]
