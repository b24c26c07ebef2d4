"""A small JSON control API (under /sandbox/) to drive the sandbox from another process."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.sandbox.state import SChat, SMessage, SUser

if TYPE_CHECKING:
    from bot.sandbox.core import Sandbox


def message_json(message: SMessage) -> dict[str, Any]:
    """Return a message as the Bot API sees it plus the sandbox's own fields."""
    return {
        **message.to_dict(),
        "from_bot": message.from_bot,
        "html": message.html,
        "deleted": message.deleted,
        "edits": len(message.edits),
    }


def control_routes(sandbox: Sandbox) -> list[Route]:
    """Return the /sandbox/... routes for ``sandbox``."""

    def error(text: str, status: int = 400) -> Response:
        return JSONResponse({"ok": False, "description": text}, status_code=status)

    def user(user_id: Any) -> SUser | None:
        return sandbox.users.get(int(user_id)) if str(user_id).lstrip("-").isdigit() else None

    def chat(chat_id: Any) -> SChat | None:
        return sandbox.chats.get(int(chat_id)) if str(chat_id).lstrip("-").isdigit() else None

    async def create_user(request: Request) -> Response:
        data = await request.json()
        try:
            created = sandbox.add_user(
                data.get("first_name", "Test"),
                user_id=data.get("user_id"),
                username=data.get("username"),
                last_name=data.get("last_name"),
                language_code=data.get("language_code", "id"),
                opened=bool(data.get("opened", True)),
            )
        except ValueError as exc:
            return error(str(exc))
        return JSONResponse({**created.to_dict(), "opened": created.opened})

    async def create_group(request: Request) -> Response:
        data = await request.json()
        members = [u for u in (user(i) for i in data.get("member_ids", [])) if u]
        admins = [u for u in (user(i) for i in data.get("admin_ids", [])) if u]
        group = sandbox.add_group(
            str(data.get("title", "Group")),
            members=members,
            admins=admins,
            creator=user(data["creator_id"]) if data.get("creator_id") else None,
            supergroup=bool(data.get("supergroup", False)),
            bot_status=str(data.get("bot_status", "member")),
        )
        return JSONResponse(group.to_dict())

    async def say(request: Request) -> Response:
        data = await request.json()
        speaker = user(data.get("user_id"))
        target = chat(data["chat_id"]) if data.get("chat_id") is not None else None
        if speaker is None or (data.get("chat_id") is not None and target is None):
            return error("unknown user or chat", 404)
        where = target or sandbox.chats[speaker.id]
        reply = where.messages.get(int(data["reply_to_message_id"])) if data.get("reply_to_message_id") else None
        try:
            update = sandbox.user_message(speaker, str(data.get("text", "")), chat=target, reply_to=reply)
        except ValueError as exc:
            return error(str(exc))
        if update is not None:
            sandbox.queue(update)
        return JSONResponse({"delivered": update is not None, "update": update})

    async def press(request: Request) -> Response:
        data = await request.json()
        presser, where = user(data.get("user_id")), chat(data.get("chat_id"))
        message = where.messages.get(int(data.get("message_id", 0))) if where else None
        if presser is None or message is None:
            return error("unknown user, chat or message", 404)
        try:
            update = sandbox.press(presser, message, str(data.get("label", "")))
        except (LookupError, ValueError) as exc:
            return error(str(exc))
        sandbox.queue(update)
        return JSONResponse({"update": update})

    async def messages(request: Request) -> Response:
        where = chat(request.query_params.get("chat_id"))
        if where is None:
            return error("unknown chat", 404)
        return JSONResponse([message_json(m) for m in sandbox.messages(where)])

    async def calls(request: Request) -> Response:
        return JSONResponse([r.to_dict() for r in sandbox.calls])

    async def rejections(request: Request) -> Response:
        return JSONResponse([r.to_dict() for r in sandbox.rejections])

    async def inject(request: Request) -> Response:
        data = await request.json()
        err = data.get("error")
        sandbox.inject(
            data.get("method"),
            error=(int(err[0]), str(err[1])) if err else None,
            retry_after=data.get("retry_after"),
            network=data.get("network"),
            times=int(data.get("times", 1)),
            chat_id=data.get("chat_id"),
            latency=float(data.get("latency", 0.0)),
        )
        return JSONResponse({"ok": True})

    return [
        Route("/sandbox/users", create_user, methods=["POST"]),
        Route("/sandbox/groups", create_group, methods=["POST"]),
        Route("/sandbox/say", say, methods=["POST"]),
        Route("/sandbox/press", press, methods=["POST"]),
        Route("/sandbox/inject", inject, methods=["POST"]),
        Route("/sandbox/messages", messages, methods=["GET"]),
        Route("/sandbox/calls", calls, methods=["GET"]),
        Route("/sandbox/rejections", rejections, methods=["GET"]),
    ]
