"""Arranging web admin scenarios through the bot itself: reports with photos and locations, registrations."""

from sqlmodel import select

from bot.sandbox import TINY_PNG
from bot.sandbox.state import SChat, SUser
from db.models import Incident
from db.session import SessionFactory
from tests.harness.telegram import Driver


async def guided_report(sandbox: Driver, officer: SUser) -> None:
    """A guided report in the private chat: Provokasi in Cipete Utara, with a location and a photo (POLRI is
    responsible; BIN and Bawaslu are informed)."""
    await sandbox.say(officer, "/lapor")
    prompt = await sandbox.next_message(officer)
    await sandbox.press(officer, prompt, "Gangguan keamanan dan ketertiban")
    await sandbox.press(officer, prompt, "Provokasi / hasutan")
    await sandbox.say(officer, "cipete utara")
    await sandbox.next_message(officer)
    await sandbox.say(officer, location=(-6.2745, 106.8023))
    await sandbox.next_message(officer)
    await sandbox.next_message(officer)
    await sandbox.say(officer, "Sekelompok orang membagikan selebaran provokatif di depan TPS 012.")
    await sandbox.next_message(officer)
    await sandbox.say(officer, photo=sandbox.add_file(TINY_PNG, kind="photo"), caption="foto selebaran")
    ack = await sandbox.next_message(officer)
    await sandbox.press(officer, ack, "✅ Selesai (1)")
    await sandbox.press(officer, ack, "Lanjut ▶")
    await sandbox.press(officer, ack, "✅ Kirim")
    assert "sudah tercatat" in ack.text


async def report_with_photo(sandbox: Driver, reporter: SUser, group: SChat, text: str, photo: bytes) -> None:
    """A one-line report in a group replying to a shared photo (the photo becomes its evidence)."""
    shared = await sandbox.say(reporter, chat=group, photo=sandbox.add_file(photo, kind="photo"),
                               caption="kiriman warga")
    await sandbox.say(reporter, text, chat=group, reply_to=shared)
    await sandbox.next_message(group)


async def incident(session_factory: SessionFactory, number: str) -> Incident:
    """The incident with this number."""
    async with session_factory() as session:
        found = await session.scalar(select(Incident).where(Incident.number == number))
    assert found is not None, number
    return found


async def register(sandbox: Driver, user: SUser, *, agency: str = "Polri",
                   path: tuple[str, ...] = ("DKI Jakarta", "Jakarta Selatan"), position: str = "Kanit Binmas") -> None:
    """A person registers through the bot's dialogue (/daftar) and is then pending."""
    await sandbox.say(user, "/daftar")
    prompt = await sandbox.next_message(user)
    await sandbox.press(user, prompt, agency)
    for name in path:
        await sandbox.press(user, prompt, name)
    if prompt.button(f"📍 Pilih: {path[-1]}"):
        await sandbox.press(user, prompt, f"📍 Pilih: {path[-1]}")
    await sandbox.say(user, position)
    confirm = await sandbox.next_message(user)
    await sandbox.press(user, confirm, "✅ Kirim")
    assert "Pendaftaran terkirim" in confirm.text
