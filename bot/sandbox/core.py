"""The ``Sandbox``: a strict, stateful fake of the Telegram Bot API."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bot.sandbox import spec
from bot.sandbox.base import Clock, Fault, UpdateSink
from bot.sandbox.errors import (
    ApiError,
    ClientGoneError,
    InjectedNetworkError,
    NetworkKind,
    bad_request,
    not_simulated,
    too_many_requests,
)
from bot.sandbox.files import Files
from bot.sandbox.flood import FloodLimits
from bot.sandbox.methods_chats import QUERY_INVALID, ChatMethods
from bot.sandbox.methods_messages import MessageMethods
from bot.sandbox.scenario import ScenarioMixin
from bot.sandbox.state import CallRecord, Expectation

Handler = Callable[[dict[str, Any], Files], Awaitable[Any]]

# How the Bot API words a missing required parameter, where it is not 'parameter "x" is required'.
_MISSING = {
    "chat_id": "chat_id is empty",
    "from_chat_id": "from_chat_id is empty",
    "text": "message text is empty",
    "photo": "there is no photo in the request",
    "document": "there is no document in the request",
    "latitude": "latitude is empty",
    "longitude": "longitude is empty",
    "message_id": "message identifier is not specified",
    "callback_query_id": QUERY_INVALID,
    "user_id": "invalid user_id specified",
}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _describe_files(files: Files) -> dict[str, str]:
    return {name: f"<file {filename!r}, {len(data)} bytes>" for name, (filename, data, _) in files.items()}


class Sandbox(ScenarioMixin, MessageMethods, ChatMethods):
    """A strict, stateful fake of the Telegram Bot API for one bot.

    ``handle()`` answers a Bot API call like Telegram would (status and JSON body); the
    scenario methods (``add_user``, ``user_message``, ``press``...) act as Telegram's users;
    ``calls``/``rejections`` record everything the bot did.
    """

    def __init__(
        self,
        token: str = "123456:TEST",
        *,
        bot_username: str = "sinergi_test_bot",
        bot_first_name: str = "Sinergi Test Bot",
        clock: Clock | None = None,
        flood: FloodLimits | None = None,
        flood_enabled: bool | None = None,
        callback_timeout: float = 15.0,
        privacy_mode: bool = True,
        update_sink: UpdateSink | None = None,
    ) -> None:
        super().__init__(
            token,
            bot_username=bot_username,
            bot_first_name=bot_first_name,
            clock=clock,
            flood=flood,
            callback_timeout=callback_timeout,
            privacy_mode=privacy_mode,
            update_sink=update_sink,
        )
        if flood_enabled is not None:
            self.flood_enabled = flood_enabled
        self._handlers: dict[str, Handler] = {}
        for method in spec.methods().values():
            handler = getattr(self, f"api_{_snake(method.name)}", None)
            if handler is not None:
                self._handlers[method.name] = handler

    @property
    def simulated_methods(self) -> list[str]:
        """Return the Bot API methods the sandbox implements."""
        return sorted(self._handlers)

    # --- the API entry point -------------------------------------------------------------------

    async def handle(
        self, token: str, method: str, params: dict[str, Any], files: Files | None = None
    ) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call: (HTTP status, Telegram's JSON body).

        Raises InjectedNetworkError for an injected network failure (the transport turns it into an
        httpx exception).
        """
        files = files or {}
        found = spec.find_method(method)
        name = found.name if found else method
        record = CallRecord(name, {**params, **_describe_files(files)}, 200, None, time.monotonic())
        try:
            if token != self.token:
                raise ApiError(
                    401 if re.fullmatch(r"\d+:[\w-]+", token) else 404,
                    "Unauthorized" if re.fullmatch(r"\d+:[\w-]+", token) else "Not Found",
                )
            if found is None:
                raise ApiError(404, "Not Found")
            decoded = spec.decode_params(found, params)
            record.params = {**decoded, **_describe_files(files)}
            await self._apply_faults(name, decoded, record)
            self._check_required(found, decoded, files)
            handler = self._handlers.get(name)
            if handler is None:
                raise not_simulated(f"method {name}")
            result = await handler(decoded, files)
            status, body = 200, {"ok": True, "result": result}
        except ApiError as exc:
            status, body = exc.code, exc.body()
            record.description, record.parameters = exc.description, exc.parameters
        except InjectedNetworkError as fault:
            record.status, record.description = 599, f"network fault: {fault.kind}"
            self._record(record)
            raise
        except ClientGoneError:
            # Kept in the call log for debugging, but not a rejection: no client saw an answer.
            record.status, record.description = 499, "client closed the request"
            self.calls.append(record)
            raise
        record.status = status
        self._record(record)
        return status, body

    def _record(self, record: CallRecord) -> None:
        self.calls.append(record)
        if not record.ok:
            self.rejections.append(record)
            for expectation in self.expectations:
                if expectation.matches(record):
                    expectation.matched += 1

    @staticmethod
    def _check_required(method: spec.Method, params: dict[str, Any], files: Files) -> None:
        for field in method.fields.values():
            if not field.required or field.name in files:
                continue
            value = params.get(field.name)
            if value is None or value == "":
                raise bad_request(_MISSING.get(field.name, f'parameter "{field.name}" is required'))

    async def _apply_faults(self, method: str, params: dict[str, Any], record: CallRecord) -> None:
        for fault in list(self.faults):
            if not fault.matches(method, params):
                continue
            if fault.latency:
                await asyncio.sleep(fault.latency)
            if not fault.failing:
                continue
            fault.times -= 1
            if fault.times <= 0:
                self.faults.remove(fault)
            record.injected = True
            if fault.network is not None:
                raise InjectedNetworkError(fault.network)
            if fault.error is not None:
                parameters = {"retry_after": fault.retry_after} if fault.retry_after is not None else None
                raise ApiError(fault.error[0], fault.error[1], parameters)
            raise too_many_requests(int(fault.retry_after or 1))

    # --- fault injection and records -----------------------------------------------------------

    def inject(
        self,
        method: str | None = None,
        *,
        error: tuple[int, str] | None = None,
        retry_after: int | None = None,
        network: NetworkKind | None = None,
        times: int = 1,
        chat_id: int | None = None,
        latency: float = 0.0,
    ) -> Fault:
        """Make the next ``times`` matching calls fail (error / 429 / network), or slow them all.

        A fault with only ``latency`` applies to every matching call until ``clear_faults()``.
        """
        fault = Fault(method, error, retry_after, network, times, chat_id, latency)
        self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        """Remove all injected faults and latencies."""
        self.faults.clear()

    def expect_rejection(self, method: str | None = None, contains: str | None = None) -> Expectation:
        """Declare that rejections matching method/description substring are expected."""
        expectation = Expectation(method, contains)
        self.expectations.append(expectation)
        for record in self.rejections:
            if expectation.matches(record):
                expectation.matched += 1
        return expectation

    def unexpected_rejections(self) -> list[CallRecord]:
        """Return rejections that were neither injected nor declared expected."""
        return [r for r in self.rejections if not r.injected and not any(e.matches(r) for e in self.expectations)]

    def count(self, method: str, chat_id: int | None = None, *, include_failed: bool = False) -> int:
        """Count successful calls of ``method`` (optionally to one chat; failed ones on request)."""
        return sum(
            1
            for r in self.calls
            if r.method.lower() == method.lower()
            and (include_failed or r.ok)
            and (chat_id is None or r.params.get("chat_id") == chat_id)
        )

    def reset_records(self) -> None:
        """Forget recorded calls, rejections and expectations (state is kept)."""
        self.calls.clear()
        self.rejections.clear()
        self.expectations.clear()
