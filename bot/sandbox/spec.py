"""The trimmed Bot API spec (``api_spec.json``) and decoding of request parameters by it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from bot.sandbox.errors import ApiError, bad_request


@dataclass(frozen=True)
class Field:
    """One parameter of a method or field of a type."""

    name: str
    types: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class Method:
    """One Bot API method: its canonical name, parameters and return types."""

    name: str
    fields: dict[str, Field]
    returns: tuple[str, ...]


@cache
def _raw() -> dict[str, Any]:
    """Load the packaged spec once."""
    text = resources.files("bot.sandbox").joinpath("api_spec.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _fields(entries: list[list[Any]]) -> dict[str, Field]:
    return {name: Field(name, tuple(types), bool(req)) for name, types, req in entries}


@cache
def methods() -> dict[str, Method]:
    """Return all methods keyed by lowercase name (the Bot API matches names case-insensitively)."""
    return {
        name.lower(): Method(name, _fields(entry["fields"]), tuple(entry.get("returns", [])))
        for name, entry in _raw()["methods"].items()
    }


def find_method(name: str) -> Method | None:
    """Return the method called ``name`` (any case), or None when the Bot API has no such method."""
    return methods().get(name.lower())


@cache
def type_fields(type_name: str) -> dict[str, Field]:
    """Return the fields of a Bot API type (empty for unknown types)."""
    entry = _raw()["types"].get(type_name)
    return _fields(entry["fields"]) if entry else {}


def version() -> str:
    """Return the Bot API version the packaged spec describes."""
    return str(_raw().get("version", ""))


_TRUE = {"true", "1", "yes", "on"}


def _decode_integer(name: str, value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
        try:
            return int(float(value.strip()))  # the Bot API reads "10.0" as 10, it does not refuse it
        except (ValueError, OverflowError):
            pass
    raise bad_request(f"invalid {name} specified")


def _decode_float(name: str, value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
    raise bad_request(f"invalid {name} specified")


def _decode_boolean(value: Any) -> bool:
    # The Bot API never rejects a boolean: anything but a true-ish word is false.
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    return str(value).strip().lower() in _TRUE


def _decode_json(name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value  # a JSON request body already carries parsed objects
    try:
        return json.loads(value)
    except ValueError:
        if name == "reply_markup":
            raise bad_request("can't parse reply keyboard markup JSON object") from None
        raise bad_request(f"can't parse {name} JSON object") from None


def decode_value(field: Field, value: Any) -> Any:
    """Decode one raw parameter value according to its spec types.

    Form-encoded requests carry scalars as plain strings and objects/arrays as JSON strings;
    a String field is never JSON-decoded, so the text "0" stays "0".
    """
    types = field.types
    if "String" in types:
        if "Integer" in types:  # chat_id and friends: an id or an @username
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            text = str(value).strip()
            try:
                return int(text)
            except ValueError:
                return text
        if "InputFile" in types:
            return value  # a file_id, URL or attach:// reference (uploads arrive as files)
        if isinstance(value, str):
            return value
        # A JSON body may carry a number or object for a String field; Telegram stringifies it.
        return value if isinstance(value, dict | list) else str(value)
    if types == ("Integer",):
        return _decode_integer(field.name, value)
    if types == ("Float",) or types == ("Float", "Integer"):
        return _decode_float(field.name, value)
    if types == ("Boolean",):
        return _decode_boolean(value)
    if "InputFile" in types:
        return value
    return _decode_json(field.name, value)


def decode_params(method: Method, raw: dict[str, Any]) -> dict[str, Any]:
    """Decode all known parameters of ``method``; unknown ones are kept raw (Telegram ignores them)."""
    decoded: dict[str, Any] = {}
    for name, value in raw.items():
        field = method.fields.get(name)
        decoded[name] = value if field is None else decode_value(field, value)
    return decoded


def build(type_name: str, values: dict[str, Any]) -> dict[str, Any]:
    """Build a ``type_name`` object: ``values`` plus defaults for required scalar fields.

    Required Booleans default to False, Integers to 0 and Strings to "". A required object
    field without a value is a bug in the sandbox, so it raises.
    """
    result = dict(values)
    for f in type_fields(type_name).values():
        if not f.required or f.name in result:
            continue
        if f.types == ("Boolean",) or f.types == ("True",):
            result[f.name] = False
        elif f.types == ("Integer",):
            result[f.name] = 0
        elif f.types == ("String",):
            result[f.name] = ""
        else:
            raise ApiError(500, f"Internal Server Error: sandbox cannot default {type_name}.{f.name}")
    return result


def missing_required(type_name: str, obj: dict[str, Any]) -> list[str]:
    """Return the required fields of ``type_name`` absent from ``obj`` (used by self-checks)."""
    return [f.name for f in type_fields(type_name).values() if f.required and f.name not in obj]
