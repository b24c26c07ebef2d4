"""Access in one place: every command and button the Application has, tried by people not yet active."""

import re

import pytest
from sqlmodel import func, select
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.access import BUTTONS, Where, command_spec
from bot.texts import t
from db.access import Cap
from db.models import Stakeholder, Status

ALLOWED_COMMANDS = {"start", "daftar", "register", "bantuan", "help", "bahasa", "language", "batal", "cancel"}
REFUSALS = {None: "access.not_registered", Status.PENDING: "access.pending", Status.REJECTED: "access.rejected",
            Status.REVOKED: "access.revoked"}


def app_commands(app) -> list[str]:
    """Every command name and alias the Application's handlers answer."""
    names: list[str] = []
    for handlers in app.handlers.values():
        for handler in handlers:
            if isinstance(handler, CommandHandler):
                names.extend(sorted(handler.commands))
    return names


def app_button_prefixes(app) -> list[str]:
    """The `prefix` of every CallbackQueryHandler pattern `^prefix:`."""
    prefixes = []
    for handlers in app.handlers.values():
        for handler in handlers:
            if isinstance(handler, CallbackQueryHandler):
                match = re.fullmatch(r"\^(\w+):", handler.pattern.pattern)
                assert match, f"button handler with an unexpected pattern {handler.pattern.pattern!r}"
                prefixes.append(match.group(1))
    return prefixes


async def _someone(world, sandbox, status):
    if status is None:
        return sandbox.add_user("Orang Baru")
    return await world.person(status=status)


@pytest.mark.parametrize("status", [None, Status.PENDING, Status.REJECTED, Status.REVOKED])
async def test_every_command_refused_to_not_yet_active_people_except_the_allowed(sandbox, world, status):
    sandbox.raw.flood_enabled = False  # dozens of commands in a second: flood control is not what is tested here
    person = await _someone(world, sandbox, status)
    group = await world.group(admins=[person])
    refusal = t(REFUSALS[status], "id")
    names = app_commands(sandbox.app)
    assert {"daftar", "daftargrup", "peran", "profil", "grup"} <= set(names)
    for name in names:
        spec = command_spec(name)
        assert spec is not None, f"/{name} has a handler but no access rule"
        chat = group if spec.where == Where.GROUP else None
        await sandbox.say(person, f"/{name}", chat=chat)
        reply = await sandbox.next_message(chat or person)
        if name in ALLOWED_COMMANDS:
            assert reply.text != refusal, f"/{name} refused to {status}"
        else:
            assert reply.text == refusal, f"/{name} not refused to {status}: {reply.text!r}"


@pytest.mark.parametrize("status", [None, Status.PENDING, Status.REJECTED, Status.REVOKED])
async def test_every_button_refused_to_not_yet_active_people_except_registration(sandbox, world, status):
    sandbox.raw.flood_enabled = False
    person = await _someone(world, sandbox, status)
    await sandbox.say(person, "/bantuan")
    message = await sandbox.next_message(person)
    refusal = t(REFUSALS[status], "id")
    prefixes = app_button_prefixes(sandbox.app)
    assert {"reg", "role", "grp", "lang"} <= set(prefixes)
    for prefix in prefixes:
        actions = [key for key in BUTTONS if key.startswith(f"{prefix}:")]
        assert actions, f"buttons {prefix}: have a handler but no access rule"
        for key in actions:
            await sandbox.press_data(person, message, f"{key}:1:1")
            answer = sandbox.last_answer()
            if BUTTONS[key].cap == Cap.PUBLIC:
                assert answer != refusal, f"{key} refused to {status}"
            else:
                assert answer == refusal, f"{key} not refused to {status}: {answer!r}"


async def test_unknown_command_and_unknown_button(sandbox, world):
    member = await world.active_member()
    await sandbox.say(member, "/tidakada")
    assert "Perintah tidak dikenal" in (await sandbox.next_message(member)).text
    await sandbox.say(member, "/start")
    message = await sandbox.next_message(member)
    await sandbox.press_data(member, message, "zzz:hack:1")
    assert sandbox.last_answer() == t("access.unknown_button", "id")


async def test_chatter_in_a_group_where_the_bot_is_admin_gets_no_answer(sandbox, world):
    member = await world.active_member()
    other = sandbox.add_user("Bukan Anggota")
    group = await world.group(members=[member, other], bot_admin=True)
    for speaker, text in ((member, "selamat pagi semua"), (other, "ada info terbaru?"), (member, "/start@other_bot"),
                          (other, "/tidakada")):
        await sandbox.say(speaker, text, chat=group)
    await sandbox.assert_no_message(group)
    assert [c.method for c in sandbox.calls if c.method.startswith("send")] == []


async def test_group_commands_in_private_and_private_commands_in_groups(sandbox, world):
    liaison = await world.liaison()
    group = await world.group(admins=[liaison])
    await sandbox.say(liaison, "/daftargrup")
    assert "di dalam grup" in (await sandbox.next_message(liaison)).text
    await sandbox.say(liaison, "/profil", chat=group)
    reply = await sandbox.next_message(group)
    assert "chat pribadi" in reply.text
    assert reply.buttons[0][0][1] == "https://t.me/sinergi_test_bot?start=profil"


async def test_not_registered_in_a_group_gets_a_link_to_register(sandbox, world):
    stranger = sandbox.add_user("Tamu")
    group = await world.group(members=[stranger])
    await sandbox.say(stranger, "/grup", chat=group)
    reply = await sandbox.next_message(group)
    assert reply.text == t("access.not_registered", "id")
    assert reply.buttons[0][0][1] == "https://t.me/sinergi_test_bot?start=daftar"


async def test_hostile_registration_input(sandbox, world, session_factory):
    admin = await world.agency_admin()
    user = sandbox.add_user("<script>*_[x](y)`", last_name="🔥&amp;")
    await sandbox.say(user, "/daftar")
    prompt = await sandbox.next_message(user)
    await sandbox.press_data(user, prompt, "reg:ag:NOPE")
    assert sandbox.last_answer() == "Instansi tidak dikenal."
    await sandbox.press_data(user, prompt, "reg:rg:99.99")  # a region before an agency was chosen
    assert "Pilih instansi" in prompt.text
    await sandbox.press(user, prompt, "Polri")
    await sandbox.press_data(user, prompt, "reg:rg:31.74.99")
    assert sandbox.last_answer() == "Wilayah tidak dikenal."
    await sandbox.press(user, prompt, "Banten")
    await sandbox.press(user, prompt, "Tangerang Selatan")
    await sandbox.press(user, prompt, "📍 Pilih: Tangerang Selatan")
    await sandbox.say(user, "   ")
    assert "tidak boleh kosong" in (await sandbox.next_message(user)).text
    await sandbox.say(user, "x" * 5000)
    assert "terlalu panjang (5000 karakter, maks. 100)" in (await sandbox.next_message(user)).text
    position = "Kasat <b>Intel</b> & *Reskrim* _x_ 🚓 </i>"
    await sandbox.say(user, position)
    confirm = await sandbox.next_message(user)
    assert position in confirm.text and "<script>*_[x](y)`" in confirm.text
    await sandbox.press(user, confirm, "✅ Kirim")
    request = await sandbox.next_message(admin)
    assert position in request.text and "🔥&amp;" in request.text
    async with session_factory() as session:
        person = await session.scalar(select(Stakeholder).where(Stakeholder.tg_user_id == user.id))
        count = await session.scalar(select(func.count()).select_from(Stakeholder))
    assert person.position == position and person.region_code == "36.74" and count == 2


async def test_member_cannot_decide_another_persons_request(sandbox, world, session_factory):
    admin = await world.agency_admin()
    member = await world.active_member()
    applicant = sandbox.add_user("Pelamar")
    await sandbox.say(applicant, "/daftar")
    prompt = await sandbox.next_message(applicant)
    for label in ("Polri", "DKI Jakarta", "Jakarta Pusat", "📍 Pilih: Jakarta Pusat"):
        await sandbox.press(applicant, prompt, label)
    await sandbox.say(applicant, "Bhabinkamtibmas")
    await sandbox.press(applicant, await sandbox.next_message(applicant), "✅ Kirim")
    request = await sandbox.next_message(admin)
    await sandbox.say(member, "/start")
    own = await sandbox.next_message(member)
    await sandbox.press_data(member, own, request.buttons[0][0][1])
    assert sandbox.last_answer() == t("access.not_allowed", "id")
    async with session_factory() as session:
        person = await session.scalar(select(Stakeholder).where(Stakeholder.tg_user_id == applicant.id))
    assert person.status == Status.PENDING
