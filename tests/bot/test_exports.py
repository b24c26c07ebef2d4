"""/ekspor through the real Application: the file arrives as a document built in the background, holds exactly
what the person may see (names too), and the bot keeps answering others while a big export is being built."""

import asyncio
import csv
import io
from datetime import timedelta

import openpyxl

from bot.review.exports import running_exports
from tests.bot.review_dataset import WIB, Viewer, generate, insert_rows, keep, visible
from tests.bot.test_review_list import arrange


async def finish_exports(sandbox) -> None:
    """Wait for the exports the bot is building (they run as background tasks)."""
    await asyncio.gather(*running_exports(sandbox.app))


def csv_rows(document) -> list[list[str]]:
    data = document.content()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


async def test_xlsx_export_for_an_agency_admin(sandbox, world, session_factory):
    people, rows, viewers = await arrange(world, sandbox, session_factory, count=120)
    admin = people["admin"]
    await sandbox.say(admin, "/ekspor")
    offer = await sandbox.next_message(admin)
    expected = sorted(visible(rows, viewers["admin"]), key=lambda r: r.id)
    assert f"Ekspor laporan</b>: {len(expected)} laporan" in offer.html
    await sandbox.press(admin, offer, "📊 XLSX (Excel)")
    assert offer.text.startswith(f"⏳ Menyiapkan berkas XLSX berisi {len(expected)} laporan")
    await finish_exports(sandbox)
    message = await sandbox.next_message(admin)
    assert message.document.file_name.endswith(".xlsx") and message.document.file_name.startswith("insiden-")
    assert f"Ekspor selesai: {len(expected)} laporan" in message.caption
    book = openpyxl.load_workbook(io.BytesIO(message.document.content()))
    assert book.sheetnames == ["Laporan", "Linimasa", "Bukti"]
    sheet = [list(r) for r in book["Laporan"].iter_rows(values_only=True)]
    header = sheet[0]
    assert [line[0] for line in sheet[1:]] == [r.number for r in expected]
    at, name = header.index("Dilaporkan (WIB)"), header.index("Nama pelapor")
    for line, row in zip(sheet[1:], expected, strict=True):
        assert line[at] == row.reported_at.astimezone(WIB).replace(tzinfo=None)
        allowed = row.reporter_agency == "BAWASLU" or row.reporter_tg_id == admin.id
        assert (line[name] or "") == (row.reporter_name if allowed else "")
    assert any(row.reporter_agency != "BAWASLU" for row in expected)  # someone's name was hidden
    assert book["Linimasa"].max_row == 1 and book["Bukti"].max_row == 1  # this dataset has no timeline/evidence


async def test_csv_from_a_filtered_list_keeps_the_filter(sandbox, world, session_factory):
    people, rows, viewers = await arrange(world, sandbox, session_factory, count=150)
    staff = people["posko"]
    await sandbox.say(staff, "/insiden")
    listing = await sandbox.next_message(staff)
    await sandbox.press(staff, listing, "🚦 Status")
    await sandbox.press(staff, listing, "Baru")
    await sandbox.press(staff, listing, "✔ Tampilkan daftar")
    await sandbox.press(staff, listing, "⬇️ Ekspor")
    expected = sorted([r for r in visible(rows, viewers["posko"]) if keep(r, statuses={"new"})], key=lambda r: r.id)
    assert f"{len(expected)} laporan" in listing.text and "Status: Baru" in listing.text
    await sandbox.press(staff, listing, "📄 CSV")
    await finish_exports(sandbox)
    document = (await sandbox.next_message(staff)).document
    table = csv_rows(document)
    assert table[0][:2] == ["Nomor", "Status"] and len(table[0]) == 25
    assert [line[0] for line in table[1:]] == [r.number for r in expected]
    assert {line[1] for line in table[1:]} == {"Baru"}
    at = table[0].index("Dilaporkan (WIB)")
    assert [line[at] for line in table[1:]] == [r.reported_at.astimezone(WIB).strftime("%Y-%m-%d %H:%M")
                                               for r in expected]
    assert document.file_name.endswith(".csv") and document.mime_type == "text/csv"


async def test_typed_filter_words_nothing_to_export_and_who_may(sandbox, world, session_factory):
    people, rows, viewers = await arrange(world, sandbox, session_factory, count=100)
    staff = people["posko"]
    await sandbox.say(staff, "/ekspor kamtibmas jaksel")
    offer = await sandbox.next_message(staff)
    expected = [r for r in visible(rows, viewers["posko"]) if keep(r, group="kamtibmas", region="31.74")]
    assert f"{len(expected)} laporan" in offer.text and "Wilayah: Jakarta Selatan" in offer.text
    await sandbox.say(staff, "/ekspor 1-5 Jan")
    nothing = await sandbox.next_message(staff)
    assert "tidak ada laporan yang cocok" in nothing.text and not nothing.button("📄 CSV")
    for who in ("member", "liaison"):
        await sandbox.say(people[who], "/ekspor")
        assert "tidak mengizinkan" in (await sandbox.next_message(people[who])).text
    group = await world.group("Posko Jaksel", members=[staff])
    await sandbox.say(staff, "/ekspor", chat=group)
    answer = await sandbox.next_message(group)
    assert "chat pribadi" in answer.text and answer.inline_buttons[0][0]["url"].endswith("?start=ekspor")
    await sandbox.say(staff, "/start ekspor")
    assert f"{len(visible(rows, viewers['posko']))} laporan" in (await sandbox.next_message(staff)).text
    await sandbox.say(people["member"], "/start ekspor")
    assert "tidak mengizinkan" in (await sandbox.next_message(people["member"])).text


async def test_a_file_over_the_upload_limit_is_not_sent(sandbox, world, session_factory):
    people, _rows, _viewers = await arrange(world, sandbox, session_factory, count=60)
    sandbox.settings.export_max_bytes = 2048  # the 50 MB of Telegram, scaled down to this dataset
    staff = people["posko"]
    await sandbox.say(staff, "/ekspor")
    offer = await sandbox.next_message(staff)
    await sandbox.press(staff, offer, "📊 XLSX (Excel)")
    await finish_exports(sandbox)
    refusal = await sandbox.next_message(staff)
    assert refusal.document is None and "melebihi batas kirim Telegram 2 KB" in refusal.text
    assert "Persempit filternya" in refusal.text
    assert sandbox.count("sendDocument") == 0


async def test_the_bot_answers_others_while_a_20000_incident_export_is_built(sandbox, world, session_factory):
    staff = await world.posko_staff(name="Staf Posko")
    other = await world.active_member(name="Orang Lain", agency="TNI")
    rows = generate([(staff.id, "POLRI", "Staf Posko"), (777, "KPU", "Pelapor")], count=20_000, seed=20)
    await insert_rows(session_factory, rows, events=False, evidence=False)
    expected = len(visible(rows, Viewer(staff.id, "all")))
    await sandbox.say(staff, "/ekspor")
    offer = await sandbox.next_message(staff)
    assert f"{expected} laporan" in offer.text
    await sandbox.press(staff, offer, "📄 CSV")  # returns once the export has started in the background
    [export] = running_exports(sandbox.app)
    assert offer.text.startswith("⏳ Menyiapkan berkas CSV")
    await sandbox.say(other, "/start")
    assert (await sandbox.next_message(other)).text  # the greeting arrived...
    assert not export.done() and sandbox.count("sendDocument") == 0  # ...while the export was still unfinished
    await export
    document = (await sandbox.next_message(staff)).document
    assert len(csv_rows(document)) == expected + 1
    methods = [(c.method, c.chat_id) for c in sandbox.calls]
    assert methods.index(("sendMessage", other.id)) < methods.index(("sendDocument", staff.id))


async def test_one_export_at_a_time_per_person(sandbox, world, session_factory):
    people, _rows, _viewers = await arrange(world, sandbox, session_factory, count=60)
    staff = people["posko"]
    await sandbox.say(staff, "/ekspor")
    first = await sandbox.next_message(staff)
    await sandbox.say(staff, "/ekspor")
    second = await sandbox.next_message(staff)
    await sandbox.press(staff, first, "📄 CSV")
    await sandbox.press(staff, second, "📄 CSV")
    assert sandbox.last_answer() == "Ekspor Anda sebelumnya masih disiapkan. Tunggu berkasnya dulu."
    await finish_exports(sandbox)
    assert (await sandbox.next_message(staff)).document is not None
    await sandbox.assert_no_message(staff)


async def test_an_export_interrupted_by_a_restart_is_resumed_and_sent_once(sandbox, world, session_factory,
                                                                          settings, clock, db_url):
    from sqlmodel import select

    from bot.scheduler import run_periodic
    from db.exportjobs import LEASE
    from db.models import ExportJob

    people, _rows, _viewers = await arrange(world, sandbox, session_factory, count=60)
    staff = people["posko"]
    await sandbox.say(staff, "/ekspor")
    offer = await sandbox.next_message(staff)
    sandbox.inject("sendDocument", latency=30)  # the upload hangs: the process dies with the file unsent
    await sandbox.press(staff, offer, "📄 CSV")
    for _ in range(500):
        async with session_factory() as session:
            job = await session.scalar(select(ExportJob))
        if job.status == "running" and any(c.method == "sendDocument" for c in sandbox.calls):
            break
        await asyncio.sleep(0.01)
    for task in running_exports(sandbox.app):
        task.cancel()
    await asyncio.gather(*running_exports(sandbox.app), return_exceptions=True)
    sandbox.clear_faults()
    assert job.status == "running" and sandbox.count("sendDocument") == 0
    await sandbox.restart(db_url)
    await run_periodic(sandbox.session_factory, settings, sandbox.app)
    assert running_exports(sandbox.app) == []  # its lease still holds: it may be alive in another process
    clock.advance(LEASE + timedelta(minutes=1))
    await run_periodic(sandbox.session_factory, settings, sandbox.app)
    await asyncio.gather(*running_exports(sandbox.app))
    document = (await sandbox.next_message(staff)).document
    assert document is not None and sandbox.count("sendDocument") == 1
    async with sandbox.session_factory() as session:
        (job,) = (await session.scalars(select(ExportJob))).all()
    assert job.status == "sent" and job.rows is not None
    await run_periodic(sandbox.session_factory, settings, sandbox.app)
    assert running_exports(sandbox.app) == [] and sandbox.count("sendDocument") == 1
