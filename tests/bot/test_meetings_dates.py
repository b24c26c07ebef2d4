"""The date table end to end: each phrase typed at the dialogue's "when" step is shown back as the expected WIB
time (or refused with examples that work), through the real Application and the simulated Telegram."""

from bot.sandbox import FloodLimits
from tests.bot.meetings_steps import open_dialogue
from tests.db.test_dates import NOW, PHRASES, REFUSED

WEEKDAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
REFUSAL_WORDS = {
    "meetings.when_past": "sudah lewat",
    "meetings.when_impossible": "tidak ada di kalender",
    "meetings.when_bad_time": "Jam itu tidak ada",
    "meetings.when_no_time": "Sebutkan juga jamnya",
    "meetings.when_unreadable": "tidak dapat saya baca",
    "meetings.when_weekday_mismatch": "Hari dan tanggal tidak cocok",
    "meetings.when_too_far": "lebih dari dua tahun",
}


async def test_every_phrase_of_the_table_is_shown_back_in_wib(sandbox, world, clock):
    # one person typing ~75 phrases within a second is faster than Telegram lets a bot answer one chat
    sandbox.set_flood_limits(FloodLimits(enabled=False))
    clock.set(NOW)
    liaison = await world.liaison()
    await open_dialogue(sandbox, liaison, "Rakor uji tanggal")
    for phrase, expected in PHRASES:
        await sandbox.say(liaison, phrase)
        reply = await sandbox.next_message(liaison)
        shown = f"{WEEKDAYS_ID[expected.weekday()]}, {expected.strftime('%d/%m/%Y %H:%M')} WIB"
        assert f"Saya membaca: {shown}" in reply.text, (phrase, reply.text)
    for phrase, key in REFUSED:
        if not phrase:
            continue  # Telegram sends no empty messages
        await sandbox.say(liaison, phrase)
        reply = await sandbox.next_message(liaison)
        assert REFUSAL_WORDS[key] in reply.text, (phrase, reply.text)
        assert "Contoh yang dapat dibaca: besok 14.00" in reply.text


async def test_english_phrases_for_an_english_speaker(sandbox, world, clock):
    clock.set(NOW)
    liaison = await world.liaison(language="en")
    await sandbox.say(liaison, "/meeting new")
    await sandbox.next_message(liaison)
    await sandbox.say(liaison, "Debate security")
    await sandbox.next_message(liaison)
    english = [(p, e) for p, e in PHRASES if p.split()[0].lower() in
               {"tomorrow", "today", "next", "august", "friday", "day", "in"}]
    assert len(english) >= 6
    for phrase, expected in english:
        await sandbox.say(liaison, phrase)
        reply = await sandbox.next_message(liaison)
        shown = f"{WEEKDAYS_EN[expected.weekday()]}, {expected.strftime('%d/%m/%Y %H:%M')} WIB"
        assert f"I read: {shown}" in reply.text, (phrase, reply.text)
    await sandbox.say(liaison, "31/2 10.00")
    refusal = await sandbox.next_message(liaison)
    assert "That date does not exist" in refusal.text and "tomorrow 2pm" in refusal.text
