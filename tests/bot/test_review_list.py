"""/insiden without a number through the real Application: each role's list equals the expected set computed from
the generated data; filters by buttons and typed words, one by one and combined; paging keeps the filter."""

import re

import pytest

from bot.render import CALLBACK_DATA_LIMIT
from bot.sandbox.flood import FloodLimits
from tests.bot.review_dataset import Viewer, generate, insert_rows, keep, newest_first, visible, wib_day

NUMBER = re.compile(r"INS-\d{8}-\d+")
COUNT = re.compile(r"· (\d+) (?:laporan|reports)")


async def arrange(world, sandbox, session_factory, count=90):
    """People of every role (their reports are part of the data) and the generated incidents."""
    # a person here pages and filters dozens of times within a second, faster than the private-chat flood limit
    # lets a real person press; flood control is not what these tests are about
    sandbox.set_flood_limits(FloodLimits(enabled=False))
    people = {
        "member": await world.active_member(name="Bripda Anggota", agency="POLRI"),
        "liaison": await world.liaison(name="Penghubung KPU", agency="KPU"),
        "admin": await world.agency_admin(name="Admin Bawaslu", agency="BAWASLU"),
        "posko": await world.posko_staff(name="Staf Posko", agency="POLRI"),
        "other": await world.active_member(name="Serda Lain", agency="TNI"),
        "superadmin": world.superadmin(),
    }
    reporters = [(people[k].id, agency, people[k].full_name) for k, agency in
                 (("member", "POLRI"), ("liaison", "KPU"), ("admin", "BAWASLU"), ("other", "TNI"))]
    reporters.append((777, "PEMDA", "Staf Pemda"))
    rows = generate(reporters, count=count)
    await insert_rows(session_factory, rows, events=False, evidence=False)
    viewers = {"member": Viewer(people["member"].id, "own"), "liaison": Viewer(people["liaison"].id, "agency", "KPU"),
               "admin": Viewer(people["admin"].id, "agency", "BAWASLU"), "posko": Viewer(people["posko"].id, "all"),
               "superadmin": Viewer(people["superadmin"].id, "all")}
    return people, rows, viewers


async def walk(sandbox, user, message) -> list[str]:
    """Every number the list shows, pressing ▶ until the last page."""
    numbers = NUMBER.findall(message.text)
    while message.button("▶"):
        await sandbox.press(user, message, "▶")
        numbers += NUMBER.findall(message.text)
    return numbers


def shown_count(message) -> int:
    return int(COUNT.search(message.text).group(1))


def all_callback_data(message):
    return [b["callback_data"] for row in message.inline_buttons for b in row if "callback_data" in b]


@pytest.mark.parametrize("role", ["member", "liaison", "admin", "posko", "superadmin"])
async def test_each_role_lists_exactly_what_it_may_see_newest_first(sandbox, world, session_factory, role):
    people, rows, viewers = await arrange(world, sandbox, session_factory)
    user = people[role]
    await sandbox.say(user, "/insiden")
    listing = await sandbox.next_message(user)
    expected = newest_first(visible(rows, viewers[role]))
    assert expected and shown_count(listing) == len(expected)
    assert await walk(sandbox, user, listing) == expected
    while listing.button("◀"):  # and back to the first page
        await sandbox.press(user, listing, "◀")
    assert NUMBER.findall(listing.text) == expected[:10]
    assert all(len(d.encode()) < CALLBACK_DATA_LIMIT for d in all_callback_data(listing))


async def test_a_liaison_never_sees_another_agencys_incident(sandbox, world, session_factory):
    people, rows, _ = await arrange(world, sandbox, session_factory)
    liaison = people["liaison"]
    await sandbox.say(liaison, "/insiden")
    numbers = set(await walk(sandbox, liaison, await sandbox.next_message(liaison)))
    foreign = {r.number for r in rows if r.number and "KPU" not in r.agencies and r.reporter_tg_id != liaison.id}
    assert foreign and not numbers & foreign
    hidden = sorted(foreign)[0]
    await sandbox.say(liaison, f"/insiden {hidden}")
    assert "tidak ditemukan" in (await sandbox.next_message(liaison)).text


async def test_filters_picked_with_buttons_combine_and_paging_keeps_them(sandbox, world, session_factory):
    people, rows, viewers = await arrange(world, sandbox, session_factory, count=160)
    staff = people["posko"]
    await sandbox.say(staff, "/insiden")
    listing = await sandbox.next_message(staff)
    await sandbox.press(staff, listing, "🚦 Status")
    await sandbox.press(staff, listing, "Baru")
    await sandbox.press(staff, listing, "Selesai")
    assert listing.button("✓ Baru") and listing.button("✓ Selesai")
    await sandbox.press(staff, listing, "✔ Tampilkan daftar")
    assert "Status: Baru, Selesai" in listing.text
    statuses = {"new", "resolved"}
    everything = visible(rows, viewers["posko"])
    assert shown_count(listing) == len([r for r in everything if keep(r, statuses=statuses)])
    await sandbox.press(staff, listing, "🗺 Wilayah")
    await sandbox.press(staff, listing, "DKI Jakarta")
    await sandbox.press(staff, listing, "Jakarta Selatan")
    await sandbox.press(staff, listing, "📍 Pilih: Jakarta Selatan")
    assert "Wilayah: Jakarta Selatan (dan sub-wilayahnya)" in listing.text
    expected = newest_first([r for r in everything if keep(r, statuses=statuses, region="31.74")])
    assert shown_count(listing) == len(expected) and len(expected) > 10  # more than one page
    assert await walk(sandbox, staff, listing) == expected  # paging forward keeps the filter
    await sandbox.press(staff, listing, "◀")
    assert "Status: Baru, Selesai" in listing.text and "Jakarta Selatan" in listing.text
    page_before_last = (len(expected) - 1) // 10 - 1
    assert NUMBER.findall(listing.text) == expected[page_before_last * 10:page_before_last * 10 + 10]
    # one of each other filter, each combined with the ones before
    steps = [("🏷 Kategori", "📂 Gangguan keamanan dan ketertiban", dict(group="kamtibmas")),
             ("🏢 Instansi", "Polri", dict(agency="POLRI")),
             ("📅 Periode", "30 hari", dict(since=wib_day(29, 10)))]
    combined = dict(statuses=statuses, region="31.74")
    for menu, choice, part in steps:
        await sandbox.press(staff, listing, menu)
        await sandbox.press(staff, listing, choice)
        combined.update(part)
        expected = newest_first([r for r in everything if keep(r, **combined)])
        assert expected, combined
        assert await walk(sandbox, staff, listing) == expected, menu
    await sandbox.press(staff, listing, "⚠️ Tingkat")
    await sandbox.press(staff, listing, "Tinggi")
    await sandbox.press(staff, listing, "Kritis")
    await sandbox.press(staff, listing, "✔ Tampilkan daftar")
    combined["severities"] = {"tinggi", "kritis"}
    assert await walk(sandbox, staff, listing) == newest_first([r for r in everything if keep(r, **combined)])
    await sandbox.press(staff, listing, "🧹 Hapus filter")
    assert "Semua laporan yang boleh Anda lihat" in listing.text and shown_count(listing) == len(everything)


async def test_filters_one_at_a_time_from_the_buttons(sandbox, world, session_factory):
    people, rows, viewers = await arrange(world, sandbox, session_factory, count=120)
    staff = people["posko"]
    everything = visible(rows, viewers["posko"])
    await sandbox.say(staff, "/insiden")
    listing = await sandbox.next_message(staff)
    cases = [(["🚦 Status", "Terbuka", "✔ Tampilkan daftar"], dict(statuses={"new", "acknowledged", "in_progress"})),
             (["🏷 Kategori", "▶", "Masalah logistik pemilihan"], dict(categories={"LOGISTIK"})),
             (["🗺 Wilayah", "DKI Jakarta", "Jakarta Selatan", "Tebet", "📍 Pilih: Tebet"], dict(region="31.74.01")),
             (["⚠️ Tingkat", "Sedang", "✔ Tampilkan daftar"], dict(severities={"sedang"})),
             (["🏢 Instansi", "Bawaslu"], dict(agency="BAWASLU")),
             (["📅 Periode", "Kemarin"], dict(since=wib_day(26), until=wib_day(27))),
             (["📅 Periode", "Hari ini"], dict(since=wib_day(27), until=wib_day(28)))]
    for labels, part in cases:
        await sandbox.press(staff, listing, "🧹 Hapus filter")
        for label in labels:
            await sandbox.press(staff, listing, label)
        expected = newest_first([r for r in everything if keep(r, **part)])
        assert shown_count(listing) == len(expected), labels
        assert await walk(sandbox, staff, listing) == expected, labels


async def test_a_typed_filter_combines_with_the_one_shown(sandbox, world, session_factory):
    people, rows, viewers = await arrange(world, sandbox, session_factory, count=160)
    staff = people["posko"]
    await sandbox.say(staff, "/insiden")
    listing = await sandbox.next_message(staff)
    await sandbox.press(staff, listing, "🚦 Status")
    await sandbox.press(staff, listing, "Terbuka")
    await sandbox.press(staff, listing, "✔ Tampilkan daftar")
    await sandbox.press(staff, listing, "✏️ Ketik filter")
    assert "Ketik filter" in (await sandbox.next_message(staff)).text
    await sandbox.say(staff, "jaksel 30 hari massa")
    typed = await sandbox.next_message(staff)
    assert "Cari: “massa”" in typed.text and "Status: Baru, Diterima, Ditangani" in typed.text
    expected = newest_first([r for r in visible(rows, viewers["posko"]) if keep(
        r, statuses={"new", "acknowledged", "in_progress"}, region="31.74", since=wib_day(29, 10), text="massa")])
    assert expected and await walk(sandbox, staff, typed) == expected
    await sandbox.press(staff, typed, "✏️ Ketik filter")
    await sandbox.next_message(staff)
    await sandbox.say(staff, "minggu")  # found in the place only; the rest of the filter stays
    again = await sandbox.next_message(staff)
    expected = newest_first([r for r in visible(rows, viewers["posko"]) if keep(
        r, statuses={"new", "acknowledged", "in_progress"}, region="31.74", since=wib_day(29, 10), text="minggu")])
    assert await walk(sandbox, staff, again) == expected


async def test_each_row_opens_its_detail(sandbox, world, session_factory):
    people, rows, viewers = await arrange(world, sandbox, session_factory)
    member = people["member"]
    await sandbox.say(member, "/insiden")
    listing = await sandbox.next_message(member)
    await sandbox.press(member, listing, "2")
    detail = await sandbox.next_message(member)
    second = newest_first(visible(rows, viewers["member"]))[1]
    assert detail.text.startswith(tuple("⚪🟢🟡🟠🔴")) and second in detail.text.split("\n")[0]
    assert "Riwayat" in detail.text
    foreign = next(r.number for r in rows if r.number and r.reporter_tg_id != member.id)
    await sandbox.press_data(member, listing, f"lst:o:{foreign}")  # forged: someone else's report stays hidden
    assert (await sandbox.next_message(member)).text == "Laporan tidak ditemukan."


async def test_in_a_group_the_list_opens_in_private_for_the_asker_only(sandbox, world, session_factory):
    people, rows, viewers = await arrange(world, sandbox, session_factory)
    liaison, other = people["liaison"], people["other"]
    group = await world.group("KPU Jaksel", agency="KPU", members=[liaison, other])
    await sandbox.say(liaison, "/insiden", chat=group)
    answer = await sandbox.next_message(group)
    url = answer.inline_buttons[0][0]["url"]
    assert NUMBER.search(answer.text) is None and "chat pribadi" in answer.text
    payload = url.split("start=")[1]
    await sandbox.say(other, f"/start {payload}")  # someone else's link shows nothing
    assert "hanya untuk orang yang memulai" in (await sandbox.next_message(other)).text
    await sandbox.say(liaison, f"/start {payload}")
    listing = await sandbox.next_message(liaison)
    assert await walk(sandbox, liaison, listing) == newest_first(visible(rows, viewers["liaison"]))


async def test_views_survive_a_restart_and_belong_to_their_owner(sandbox, world, session_factory, db_url):
    people, rows, viewers = await arrange(world, sandbox, session_factory)
    staff, member = people["posko"], people["member"]
    await sandbox.say(staff, "/insiden")
    listing = await sandbox.next_message(staff)
    await sandbox.press(staff, listing, "⚠️ Tingkat")
    await sandbox.press(staff, listing, "Kritis")
    await sandbox.press(staff, listing, "✔ Tampilkan daftar")
    await sandbox.restart(db_url)
    expected = newest_first([r for r in visible(rows, viewers["posko"]) if keep(r, severities={"kritis"})])
    assert await walk(sandbox, staff, listing) == expected
    view_id = all_callback_data(listing)[-1].split(":")[2]
    await sandbox.say(member, "/start")  # the member forges another person's view id on a message of their own
    await sandbox.press_data(member, await sandbox.next_message(member), f"lst:pg:{view_id}:1")
    assert sandbox.last_answer() == "Tombol ini hanya untuk orang yang memulai percakapan ini."
    await sandbox.press_data(staff, listing, f"lst:s:{view_id}:st:draft")
    assert sandbox.last_answer() == "Pilihan ini tidak dikenal."
    await sandbox.press_data(staff, listing, "lst:pg:999999:0")
    assert "kedaluwarsa" in sandbox.last_answer()


async def test_english_labels_and_a_member_without_statistics_or_export_buttons(sandbox, world, session_factory):
    people, _rows, _viewers = await arrange(world, sandbox, session_factory)
    english = await world.liaison(name="Liaison", agency="KPU", language="en")
    await sandbox.say(english, "/incidents")
    listing = await sandbox.next_message(english)
    assert "Incident reports" in listing.text and listing.button("🚦 Status") and listing.button("📊 Statistics")
    assert not listing.button("⬇️ Export")  # liaisons do not export
    member = people["member"]
    await sandbox.say(member, "/insiden")
    mine = await sandbox.next_message(member)
    assert not mine.button("📊 Statistik") and not mine.button("⬇️ Ekspor")


async def test_filter_words_after_the_command(sandbox, world, session_factory):
    people, rows, viewers = await arrange(world, sandbox, session_factory, count=160)
    staff = people["posko"]
    await sandbox.say(staff, "/insiden baru jaksel 30 hari")
    listing = await sandbox.next_message(staff)
    expected = newest_first([r for r in visible(rows, viewers["posko"]) if keep(
        r, statuses={"new"}, region="31.74", since=wib_day(29, 10))])
    assert await walk(sandbox, staff, listing) == expected

