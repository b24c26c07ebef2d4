"""Languages: one catalog with the same keys and placeholders; /bahasa per person and per group; /bantuan."""

import string

from bot.texts import LANGUAGES, TEXTS
from db import chats


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_text_has_both_languages_with_the_same_placeholders():
    for key, variants in TEXTS.items():
        assert set(variants) == set(LANGUAGES), key
        assert _placeholders(variants["id"]) == _placeholders(variants["en"]), key
        assert all(v.strip() for v in variants.values()), key


async def test_language_switch_changes_later_messages_and_menu(sandbox, world):
    member = await world.active_member()
    await sandbox.say(member, "/bahasa")
    prompt = await sandbox.next_message(member)
    assert "Pilih bahasa" in prompt.text
    await sandbox.press(member, prompt, "English")
    assert prompt.text == "✅ Language set to English."
    await sandbox.say(member, "/help")
    assert "Help" in (await sandbox.next_message(member)).text
    await sandbox.say(member, "/tidakada")
    assert "Unknown command" in (await sandbox.next_message(member)).text
    await sandbox.dispatch()
    menu = dict(sandbox.commands({"type": "chat", "chat_id": member.id}))
    assert menu["help"] == "Commands for your role" and "profile" in menu
    await sandbox.say(member, "/language")
    await sandbox.press(member, await sandbox.next_message(member), "Bahasa Indonesia")
    await sandbox.dispatch()
    assert "bantuan" in dict(sandbox.commands({"type": "chat", "chat_id": member.id}))


async def test_unregistered_person_may_choose_a_language(sandbox):
    stranger = sandbox.add_user("Tourist", language_code="en")
    await sandbox.say(stranger, "/language")
    await sandbox.press(stranger, await sandbox.next_message(stranger), "English")
    await sandbox.say(stranger, "/profile")
    assert "not registered" in (await sandbox.next_message(stranger)).text


async def test_group_language_by_its_admin_only(sandbox, world, session_factory):
    admin = await world.active_member(name="Admin Grup")
    member = await world.active_member(name="Anggota")
    group = await world.group(admins=[admin], members=[member])
    await sandbox.say(member, "/bahasa", chat=group)
    assert "admin grup" in (await sandbox.next_message(group)).text
    await sandbox.say(admin, "/bahasa", chat=group)
    prompt = await sandbox.next_message(group)
    await sandbox.press(member, prompt, "English")
    assert sandbox.last_answer() == "Tombol ini hanya untuk orang yang memulai percakapan ini."
    await sandbox.press(admin, prompt, "English")
    assert prompt.text == "✅ This group's language is now English."
    async with session_factory() as session:
        assert (await chats.get_chat(session, group.id)).language == "en"
    await sandbox.say(member, "/grup", chat=group)
    assert "Agency" in (await sandbox.next_message(group)).text
    await sandbox.say(member, "/profil")
    assert "Profil" in (await sandbox.next_message(member)).text  # the person's own language is unchanged


async def test_help_differs_by_role(sandbox, world):
    stranger = sandbox.add_user("Baru")
    member = await world.active_member()
    admin = await world.agency_admin()
    superadmin = world.superadmin()
    texts = {}
    for name, user in (("stranger", stranger), ("member", member), ("admin", admin), ("super", superadmin)):
        await sandbox.say(user, "/bantuan")
        texts[name] = (await sandbox.next_message(user)).text
    assert "/daftar" in texts["stranger"] and "/profil" not in texts["stranger"]
    assert "/profil" in texts["member"] and "/peran" not in texts["member"] and "/daftargrup" not in texts["member"]
    assert "/peran" in texts["admin"] and "/daftargrup" in texts["admin"]
    assert "Super admin" in texts["super"] and "/peran" in texts["super"]
    assert len({*texts.values()}) == 4
