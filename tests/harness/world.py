"""Arranging a scenario: people, groups and the command post, in the database and in the sandbox at once."""

from typing import Any

from bot.sandbox import Sandbox
from bot.sandbox.state import SChat, SUser
from db import clock
from db.models import Chat, ChatType, Role, Stakeholder, Status
from db.session import SessionFactory

SUPERADMIN_ID = 900_001


class World:
    """Helpers that put people and groups in place the way the bot would have recorded them."""

    def __init__(self, sandbox: Sandbox, session_factory: SessionFactory) -> None:
        self.sandbox = sandbox
        self.session_factory = session_factory
        self._people = 0

    async def person(self, name: str | None = None, *, agency: str = "POLRI", region: str = "31.74",
                     role: Role = Role.MEMBER, status: Status = Status.ACTIVE, position: str = "Petugas lapangan",
                     opened: bool = True, language: str | None = None, username: str | None = None) -> SUser:
        """A registered person (active member by default) who has opened the bot unless told otherwise."""
        self._people += 1
        name = name or f"Petugas {self._people}"
        user = self.sandbox.add_user(name, username=username, opened=opened)
        async with self.session_factory() as session, session.begin():
            session.add(Stakeholder(tg_user_id=user.id, full_name=user.full_name, username=username,
                                    agency_code=agency, region_code=region, position=position, role=role,
                                    status=status, language=language, decided_at=clock.now()))
            if opened:
                session.add(Chat(tg_chat_id=user.id, type=ChatType.PRIVATE, title=user.full_name, language=language))
        return user

    async def active_member(self, **kwargs: Any) -> SUser:
        """An active member."""
        return await self.person(**kwargs)

    async def liaison(self, **kwargs: Any) -> SUser:
        """An active liaison."""
        return await self.person(role=Role.LIAISON, **kwargs)

    async def agency_admin(self, **kwargs: Any) -> SUser:
        """An active agency admin."""
        return await self.person(role=Role.AGENCY_ADMIN, **kwargs)

    async def posko_staff(self, **kwargs: Any) -> SUser:
        """Active command post staff."""
        return await self.person(role=Role.POSKO, **kwargs)

    def superadmin(self) -> SUser:
        """The super admin of the test settings (no registration needed)."""
        existing = self.sandbox.users.get(SUPERADMIN_ID)
        return existing or self.sandbox.add_user("Super", last_name="Admin", user_id=SUPERADMIN_ID)

    async def group(self, title: str = "Grup", *, agency: str | None = "POLRI", region: str | None = "31.74",
                    admins: list[SUser] | tuple[SUser, ...] = (), members: list[SUser] | tuple[SUser, ...] = (),
                    command_post: bool = False, registered: bool = True, supergroup: bool = False,
                    bot_admin: bool = False, language: str | None = None) -> SChat:
        """A group in the sandbox with the bot in it, registered for an agency and region by default."""
        chat = self.sandbox.add_group(title, admins=admins, members=members, supergroup=supergroup,
                                      bot_status="administrator" if bot_admin else "member")
        async with self.session_factory() as session, session.begin():
            row = Chat(tg_chat_id=chat.id, type=ChatType.SUPERGROUP if supergroup else ChatType.GROUP, title=title,
                       language=language)
            if registered:
                row.agency_code = None if command_post else agency
                row.region_code = region
                row.is_command_post = command_post
                row.registered_at = clock.now()
            session.add(row)
        return chat

    async def command_post(self, title: str = "Posko Polda Metro Jaya", **kwargs: Any) -> SChat:
        """A registered command-post group."""
        return await self.group(title, agency=None, region="31", command_post=True, **kwargs)
