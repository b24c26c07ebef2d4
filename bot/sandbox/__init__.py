"""A strict, stateful fake of the Telegram Bot API (in-process for tests, or over HTTP).

Usage in tests::

    sandbox = Sandbox(token="123456:TEST", bot_username="sinergi_test_bot")
    bot = telegram.Bot(
        sandbox.token, request=make_request(sandbox), get_updates_request=make_request(sandbox)
    )
"""

from bot.sandbox.base import Fault
from bot.sandbox.core import Sandbox
from bot.sandbox.errors import ApiError, InjectedNetworkError
from bot.sandbox.files import TINY_PNG
from bot.sandbox.flood import FloodLimits
from bot.sandbox.state import CallRecord, Expectation, SCallbackQuery, SChat, SFile, SMember, SMessage, SUser
from bot.sandbox.transport import SandboxTransport, make_request

__all__ = [
    "TINY_PNG",
    "ApiError",
    "CallRecord",
    "Expectation",
    "Fault",
    "FloodLimits",
    "InjectedNetworkError",
    "SCallbackQuery",
    "SChat",
    "SFile",
    "SMember",
    "SMessage",
    "SUser",
    "Sandbox",
    "SandboxTransport",
    "make_request",
]
