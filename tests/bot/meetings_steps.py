"""Steps the meeting tests share: walking the scheduling dialogue as a person would, and reading the outbox."""

from collections.abc import Sequence

from sqlmodel import col, select

from bot.sandbox.state import SMessage, SUser
from db.models import Meeting, OutboxMessage

SEND = "📣 Kirim undangan"


async def open_dialogue(sandbox, organiser: SUser, title: str = "Rakor pengamanan debat") -> SMessage:
    """`/rapat baru` and the title; return the prompt asking when."""
    await sandbox.say(organiser, "/rapat baru")
    prompt = await sandbox.next_message(organiser)
    assert "judul" in prompt.text
    await sandbox.say(organiser, title)
    ask_when = await sandbox.next_message(organiser)
    assert "Kapan?" in ask_when.text
    return ask_when


async def schedule(sandbox, organiser: SUser, *, title: str = "Rakor pengamanan debat", when: str = "besok 14.00",
                   place: str | tuple[float, float] = "Aula Polres Metro Jakarta Selatan", agenda: str | None = None,
                   region: Sequence[str] | None = ("DKI Jakarta", "Jakarta Selatan"),
                   agencies: Sequence[str] = ("Polri",), groups: Sequence[str] = (), all_regions: bool = False,
                   toggle_reminders: Sequence[str] = (), send: bool = True) -> SMessage:
    """Walk the whole dialogue; return the last dialogue message (the summary, or the confirmation if sent)."""
    await open_dialogue(sandbox, organiser, title)
    await sandbox.say(organiser, when)
    confirm = await sandbox.next_message(organiser)
    assert "Saya membaca" in confirm.text, confirm.text
    await sandbox.press(organiser, confirm, "✅ Betul")
    assert "Di mana?" in confirm.text
    if isinstance(place, tuple):
        await sandbox.say(organiser, location=place)
    else:
        await sandbox.say(organiser, place)
    ask_agenda = await sandbox.next_message(organiser)
    assert "agenda" in ask_agenda.text
    if agenda is None:
        await sandbox.press(organiser, ask_agenda, "⏭ Lewati")
        picker = ask_agenda
    else:
        await sandbox.say(organiser, agenda)
        picker = await sandbox.next_message(organiser)
    assert "Wilayah rapat" in picker.text
    if region is None:
        await sandbox.press(organiser, picker, "🌐 Seluruh wilayah hukum")
    else:
        for name in region:
            await sandbox.press(organiser, picker, name)
        if picker.button(f"📍 Pilih: {region[-1]}"):
            await sandbox.press(organiser, picker, f"📍 Pilih: {region[-1]}")
    assert "Undang" in picker.text, picker.text
    for agency in agencies:
        await sandbox.press(organiser, picker, agency)
    for group in groups:
        await press_group(sandbox, organiser, picker, group)
    if all_regions:
        await sandbox.press(organiser, picker, "🗺 Grup instansi: hanya di wilayah rapat")
    await sandbox.press(organiser, picker, "▶ Lanjut")
    assert "Periksa rapat ini" in picker.text, picker.text
    for label in toggle_reminders:
        await sandbox.press(organiser, picker, label)
    if send:
        await sandbox.press(organiser, picker, SEND)
        assert "dijadwalkan" in picker.text, picker.text
    return picker


async def press_group(sandbox, organiser: SUser, picker: SMessage, title: str) -> None:
    """Press the group button starting with `title`, paging forward through the group list as needed."""
    for _ in range(20):
        label = next((b for row in picker.buttons for b, _ in row if b.startswith(title)), None)
        if label is not None:
            await sandbox.press(organiser, picker, label)
            return
        await sandbox.press(organiser, picker, "▶")
    raise AssertionError(f"no group button {title!r}")


async def latest_meeting(session_factory) -> Meeting:
    """The meeting scheduled last."""
    async with session_factory() as session:
        meeting = await session.scalar(select(Meeting).order_by(col(Meeting.id).desc()))
    assert meeting is not None
    return meeting


async def outbox_rows(session_factory, kind: str) -> list[OutboxMessage]:
    """Rows of one kind, oldest first."""
    async with session_factory() as session:
        return list((await session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)
                                           .order_by(col(OutboxMessage.id)))).all())
