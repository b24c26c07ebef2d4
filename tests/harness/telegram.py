"""Scenario helpers over the simulated Telegram: the real Application, driven as users would drive it.

`sandbox.say(user, "/lapor ...", chat=group)` delivers what Telegram would deliver to the bot and lets the
Application handle it; `await sandbox.next_message(chat)` first lets the outbox dispatcher send whatever
is due, then returns the next bot message in that chat. Anything else is the raw Sandbox's API.
"""

from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.dispatcher import Dispatcher, DispatcherOptions
from bot.sandbox import Sandbox
from bot.sandbox.state import SChat, SMessage, SUser
from bot.sandbox.transport import make_request
from db.session import SessionFactory, make_engine, make_session_factory

TOKEN = "123456:TEST-sinergi-token"


class Driver:
    """The bot under test (Application + dispatcher) and the sandbox it talks to."""

    def __init__(self, sandbox: Sandbox, settings: Settings, session_factory: SessionFactory) -> None:
        self.raw = sandbox
        self.settings = settings
        self.session_factory = session_factory
        self.app: Application | None = None  # type: ignore[type-arg]
        self.dispatcher: Dispatcher | None = None
        self._engines: list[Any] = []
        sandbox.update_sink = self._process

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)

    async def start(self, session_factory: SessionFactory | None = None) -> Application:  # type: ignore[type-arg]
        """Build and initialise an Application (no polling: updates are handed to it directly)."""
        factory = session_factory or self.session_factory
        app = build_application(self.settings, session_factory=factory, token=TOKEN,
                                request=make_request(self.raw), get_updates_request=make_request(self.raw))
        await app.initialize()
        dispatcher = Dispatcher(app.bot, factory, self.settings, DispatcherOptions(poll_interval=3600))
        app.bot_data["dispatcher"] = dispatcher
        self.app, self.dispatcher = app, dispatcher
        return app

    async def restart(self, db_url: str) -> Application:  # type: ignore[type-arg]
        """Abandon the running Application without stopping it (a killed process) and start a fresh one with
        its own engine on the same database, as a new process would."""
        engine = make_engine(db_url)
        self._engines.append(engine)
        self.session_factory = make_session_factory(engine)
        return await self.start(self.session_factory)

    async def stop(self) -> None:
        """Shut the Application down and close extra engines."""
        if self.app is not None:
            await self.app.shutdown()
        for engine in self._engines:
            await engine.dispose()

    async def _process(self, update: dict[str, Any]) -> None:
        assert self.app is not None
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def deliver(self, updates: dict[str, Any] | list[dict[str, Any]] | None) -> None:
        """Hand updates made by the sandbox's scenario methods to the bot."""
        if updates is None:
            return
        for update in updates if isinstance(updates, list) else [updates]:
            await self._process(update)

    async def say(self, user: SUser, text: str | None = None, *, chat: SChat | None = None,
                  **kwargs: Any) -> SMessage:
        """The user writes in a chat (their private chat by default); the bot handles it if it would see it."""
        update = self.raw.user_message(user, text, chat=chat, **kwargs)
        if update is not None:
            await self._process(update)
        target = chat or self.raw.chats[user.id]
        return [m for m in self.raw.messages(target) if m.from_user is not None and m.from_user.id == user.id][-1]

    async def press(self, user: SUser, message: SMessage, label: str) -> None:
        """The user presses the inline button labelled `label` on `message`."""
        await self._process(self.raw.press(user, message, label))

    async def press_data(self, user: SUser, message: SMessage, data: str) -> None:
        """The user's app sends callback data of its own making (forged or stale)."""
        await self._process(self.raw.press_data(user, message, data))

    async def dispatch(self) -> int:
        """Let the dispatcher send everything that is due now."""
        assert self.dispatcher is not None
        return await self.dispatcher.drain()

    async def next_message(self, chat: SChat | SUser | int) -> SMessage:
        """The next bot message in `chat` (after the outbox sent what was due); fails if there is none."""
        message = self.raw.take(chat)
        if message is None:
            await self.dispatch()
            message = self.raw.take(chat)
        assert message is not None, f"no new bot message in chat {getattr(chat, 'id', chat)}"
        return message

    async def assert_no_message(self, chat: SChat | SUser | int) -> None:
        """Assert the bot sent nothing new to `chat` (the outbox included)."""
        await self.dispatch()
        message = self.raw.take(chat)
        assert message is None, f"unexpected message in {getattr(chat, 'id', chat)}: {message.text!r}"

    def last_answer(self) -> str | None:
        """The text of the latest answerCallbackQuery (what the person saw as a toast or alert)."""
        for call in reversed(self.raw.calls):
            if call.method == "answerCallbackQuery":
                text = call.params.get("text")
                return None if text is None else str(text)
        return None
