"""Texts of meetings (rakor): scheduling, invitations and answers, reminders, reschedule and cancel."""

_EXAMPLES_ID = ("Contoh yang dapat dibaca: <i>besok 14.00</i>, <i>lusa jam 8 malam</i>, <i>Selasa 09.30</i>, "
                "<i>Kamis depan 10.00</i>, <i>6/8 14.00</i> (tanggal dulu), <i>6 Agustus 2024 pukul 14.00</i>.")
_EXAMPLES_EN = ("Examples that work: <i>tomorrow 2pm</i>, <i>Tuesday 09:30</i>, <i>next Thursday 10:00</i>, "
                "<i>6/8 14:00</i> (day first), <i>6 August 2024 14:00</i>, <i>besok 14.00</i>.")
_STEP = {"id": "📅 <b>Jadwalkan rapat</b>", "en": "📅 <b>Schedule a meeting</b>"}

TEXTS: dict[str, dict[str, str]] = {
    "menu.rapat": {"id": "Rapat koordinasi: jadwal, undangan, jawaban", "en": "Meetings: schedule, invite, answer"},
    # ---- dates -------------------------------------------------------------------------------------------
    "meetings.when_unreadable": {
        "id": f"❓ Waktu itu tidak dapat saya baca. {_EXAMPLES_ID}",
        "en": f"❓ I cannot read that time. {_EXAMPLES_EN}",
    },
    "meetings.when_impossible": {
        "id": f"❓ Tanggal itu tidak ada di kalender. {_EXAMPLES_ID}",
        "en": f"❓ That date does not exist. {_EXAMPLES_EN}",
    },
    "meetings.when_bad_time": {
        "id": f"❓ Jam itu tidak ada (00.00–23.59). {_EXAMPLES_ID}",
        "en": f"❓ That time of day does not exist (00:00–23:59). {_EXAMPLES_EN}",
    },
    "meetings.when_no_time": {
        "id": f"🕑 Sebutkan juga jamnya. {_EXAMPLES_ID}",
        "en": f"🕑 Please include the time of day. {_EXAMPLES_EN}",
    },
    "meetings.when_past": {
        "id": f"⏮ Waktu itu ({{when}}) sudah lewat. Rapat hanya dapat dijadwalkan ke depan. {_EXAMPLES_ID}",
        "en": f"⏮ That time ({{when}}) has passed. Meetings can only be scheduled ahead. {_EXAMPLES_EN}",
    },
    "meetings.when_too_far": {
        "id": f"Waktu itu lebih dari dua tahun lagi; periksa tahunnya. {_EXAMPLES_ID}",
        "en": f"That is more than two years ahead; check the year. {_EXAMPLES_EN}",
    },
    "meetings.when_weekday_mismatch": {
        "id": f"Hari dan tanggal tidak cocok: {{date}} bukan hari yang Anda sebut. {_EXAMPLES_ID}",
        "en": f"The weekday and the date disagree: {{date}} is not the day you named. {_EXAMPLES_EN}",
    },
    "meetings.weekdays": {"id": "Senin,Selasa,Rabu,Kamis,Jumat,Sabtu,Minggu",
                          "en": "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday"},
    "meetings.dur_start": {"id": "saat mulai", "en": "at the start"},
    "meetings.dur_day": {"id": "{n} hari", "en": "{n} day"},
    "meetings.dur_days": {"id": "{n} hari", "en": "{n} days"},
    "meetings.dur_hour": {"id": "{n} jam", "en": "{n} hour"},
    "meetings.dur_hours": {"id": "{n} jam", "en": "{n} hours"},
    "meetings.dur_minute": {"id": "{n} menit", "en": "{n} minute"},
    "meetings.dur_minutes": {"id": "{n} menit", "en": "{n} minutes"},
    "meetings.no_reminders": {"id": "tanpa pengingat", "en": "no reminders"},
    "meetings.reminders_before": {"id": "{labels} sebelumnya", "en": "{labels} before"},
    # ---- the dialogue ------------------------------------------------------------------------------------
    "meetings.ask_title": {
        "id": f"{_STEP['id']} (1/6)\nKetik <b>judul</b> rapat, misalnya <i>Rakor pengamanan debat publik</i>.",
        "en": f"{_STEP['en']} (1/6)\nType the meeting's <b>title</b>, e.g. <i>Security briefing for the debate</i>.",
    },
    "meetings.ask_when": {
        "id": f"{_STEP['id']} (2/6) — <b>{{title}}</b>\nKapan? Ketik tanggal dan jam (WIB) seperti biasa Anda "
              "menulisnya: <i>besok 14.00</i>, <i>Selasa 09.30</i>, <i>Kamis depan 10.00</i>, <i>6/8 14.00</i>, "
              "<i>6 Agustus 2024 pukul 14.00</i>.",
        "en": f"{_STEP['en']} (2/6) — <b>{{title}}</b>\nWhen? Type the date and time (WIB) as you would write it: "
              "<i>tomorrow 2pm</i>, <i>Tuesday 09:30</i>, <i>next Thursday 10:00</i>, <i>6/8 14:00</i> (day first), "
              "<i>6 August 2024 14:00</i>.",
    },
    "meetings.confirm_when": {
        "id": "🗓 Saya membaca: <b>{when}</b>\nBetul? Tekan tombol, atau ketik waktu lain.",
        "en": "🗓 I read: <b>{when}</b>\nIs that right? Press the button, or type another time.",
    },
    "meetings.when_ok_button": {"id": "✅ Betul", "en": "✅ That's right"},
    "meetings.ask_place": {
        "id": f"{_STEP['id']} (3/6)\n🗓 {{when}}\n\nDi mana? Ketik <b>tempat</b> rapat, atau kirim lokasi "
              "(📎 → Lokasi).",
        "en": f"{_STEP['en']} (3/6)\n🗓 {{when}}\n\nWhere? Type the <b>place</b>, or share a location "
              "(📎 → Location).",
    },
    "meetings.ask_agenda": {
        "id": f"{_STEP['id']} (4/6)\nKetik <b>agenda</b> rapat (boleh beberapa baris), atau lewati.",
        "en": f"{_STEP['en']} (4/6)\nType the <b>agenda</b> (several lines are fine), or skip it.",
    },
    "meetings.skip_button": {"id": "⏭ Lewati", "en": "⏭ Skip"},
    "meetings.ask_region": {
        "id": f"{_STEP['id']} (5/6)\nWilayah rapat{{where}}: pilih wilayah, atau seluruh wilayah hukum.",
        "en": f"{_STEP['en']} (5/6)\nThe meeting's region{{where}}: choose one, or the whole jurisdiction.",
    },
    "meetings.whole_button": {"id": "🌐 Seluruh wilayah hukum", "en": "🌐 The whole jurisdiction"},
    "meetings.whole_jurisdiction": {"id": "seluruh wilayah hukum", "en": "the whole jurisdiction"},
    "meetings.ask_invite": {
        "id": f"{_STEP['id']} (6/6)\nWilayah: <b>{{region}}</b>\nUndang <b>instansi</b> (grup-grupnya di "
              "wilayah ini) dan/atau <b>grup</b> tertentu — boleh beberapa. Tekan lagi untuk membatalkan pilihan."
              "\n\n👥 Undangan akan dikirim ke <b>{count}</b> grup.",
        "en": f"{_STEP['en']} (6/6)\nRegion: <b>{{region}}</b>\nInvite <b>agencies</b> (their groups in this "
              "region) and/or particular <b>groups</b> — several are fine. Press again to unselect."
              "\n\n👥 The invitation will go to <b>{count}</b> groups.",
    },
    "meetings.command_post": {"id": "Posko", "en": "Command post"},
    "meetings.scope_region": {"id": "🗺 Grup instansi: hanya di wilayah rapat", "en": "🗺 Agency groups: meeting region"},
    "meetings.scope_all": {"id": "🌐 Grup instansi: semua wilayah", "en": "🌐 Agency groups: every region"},
    "meetings.next_button": {"id": "▶ Lanjut", "en": "▶ Next"},
    "meetings.choose_someone": {"id": "Pilih minimal satu instansi atau grup.",
                                "en": "Choose at least one agency or group."},
    "meetings.no_recipients": {
        "id": "Tidak ada grup aktif yang akan menerima undangan ini. Pilih grup, atau instansi yang punya grup di "
              "wilayah ini (atau semua wilayah).",
        "en": "No active group would receive this invitation. Choose groups, or agencies with groups in this region "
              "(or every region).",
    },
    "meetings.summary": {
        "id": "📅 <b>Periksa rapat ini</b>\n\n<b>{title}</b>\n🗓 {when}\n📍 {place}\n🗺 {region}\n📝 {agenda}\n"
              "🏛 Instansi: {agencies}\n👥 {count} grup:\n{groups}\n⏰ Pengingat: {reminders}\n\n"
              "Ubah pengingat dengan tombol, lalu kirim undangan.",
        "en": "📅 <b>Check this meeting</b>\n\n<b>{title}</b>\n🗓 {when}\n📍 {place}\n🗺 {region}\n📝 {agenda}\n"
              "🏛 Agencies: {agencies}\n👥 {count} groups:\n{groups}\n⏰ Reminders: {reminders}\n\n"
              "Change the reminders with the buttons, then send the invitation.",
    },
    "meetings.and_more": {"id": "… dan {count} lainnya", "en": "… and {count} more"},
    "meetings.send_button": {"id": "📣 Kirim undangan", "en": "📣 Send the invitation"},
    "meetings.back_to_invite": {"id": "◀ Ubah undangan", "en": "◀ Change invitees"},
    "meetings.dialogue_cancelled": {"id": "Penjadwalan dibatalkan.", "en": "Scheduling cancelled."},
    "meetings.text_only": {"id": "Ketik jawabannya sebagai teks.", "en": "Please type the answer as text."},
    "meetings.use_buttons": {"id": "Gunakan tombol pada pesan di atas (atau /batal).",
                             "en": "Use the buttons on the message above (or /cancel)."},
    "meetings.place_text_or_location": {"id": "Ketik tempatnya, atau kirim lokasi.",
                                        "en": "Type the place, or share a location."},
    "meetings.scheduled": {
        "id": "✅ Rapat <b>{title}</b> dijadwalkan pada {when}. Undangan dikirim ke {groups} grup.",
        "en": "✅ <b>{title}</b> is scheduled for {when}. The invitation goes to {groups} groups.",
    },
    "meetings.title_empty": {"id": "Judul tidak boleh kosong.", "en": "The title cannot be empty."},
    "meetings.title_too_long": {"id": "Judul terlalu panjang ({length} karakter, maks. {limit}).",
                                "en": "The title is too long ({length} characters, max. {limit})."},
    "meetings.place_empty": {"id": "Tempat tidak boleh kosong.", "en": "The place cannot be empty."},
    "meetings.place_too_long": {"id": "Nama tempat terlalu panjang ({length} karakter, maks. {limit}).",
                                "en": "The place is too long ({length} characters, max. {limit})."},
    "meetings.agenda_empty": {"id": "Agenda kosong; ketik agendanya atau tekan Lewati.",
                              "en": "The agenda is empty; type it or press Skip."},
    "meetings.agenda_too_long": {"id": "Agenda terlalu panjang ({length} karakter, maks. {limit}).",
                                 "en": "The agenda is too long ({length} characters, max. {limit})."},
    "meetings.start_passed": {"id": "Waktu rapat sudah lewat; ketik waktu yang baru.",
                              "en": "The meeting time has passed; type a new time."},
    # ---- invitations, answers, reminders -------------------------------------------------------------
    "meetings.invitation_title": {"id": "📣 <b>Undangan rapat koordinasi</b>", "en": "📣 <b>Meeting invitation</b>"},
    "meetings.invitation_cancelled": {"id": "❌ <b>RAPAT DIBATALKAN</b>", "en": "❌ <b>MEETING CANCELLED</b>"},
    "meetings.rescheduled_note": {"id": "🔁 <i>Jadwal telah diubah.</i>", "en": "🔁 <i>The time has changed.</i>"},
    "meetings.line_when": {"id": "🗓 {when}", "en": "🗓 {when}"},
    "meetings.line_place": {"id": "📍 {place}", "en": "📍 {place}"},
    "meetings.line_region": {"id": "🗺 Wilayah: {region}", "en": "🗺 Region: {region}"},
    "meetings.line_agenda": {"id": "📝 Agenda:\n{agenda}", "en": "📝 Agenda:\n{agenda}"},
    "meetings.line_organizer": {"id": "👤 Penyelenggara: {organizer}", "en": "👤 Organiser: {organizer}"},
    "meetings.line_invited": {"id": "🏛 Diundang: {agencies} ({groups} grup)",
                              "en": "🏛 Invited: {agencies} ({groups} groups)"},
    "meetings.line_reminders": {"id": "⏰ Pengingat: {reminders}", "en": "⏰ Reminders: {reminders}"},
    "meetings.place_on_map": {"id": "lokasi di peta ({lat}, {lon})", "en": "location on the map ({lat}, {lon})"},
    "meetings.counts_title": {"id": "<b>Jawaban</b> (✅ hadir · ❌ tidak hadir · 👥 diwakilkan):",
                              "en": "<b>Answers</b> (✅ attending · ❌ not attending · 👥 delegate):"},
    "meetings.no_answer_yet": {"id": "belum menjawab", "en": "no answer yet"},
    "meetings.other_answers": {"id": "Lainnya", "en": "Others"},
    "meetings.answer_yes": {"id": "✅ Hadir", "en": "✅ Attending"},
    "meetings.answer_no": {"id": "❌ Tidak hadir", "en": "❌ Not attending"},
    "meetings.answer_delegate": {"id": "👥 Diwakilkan", "en": "👥 Delegate"},
    "meetings.rsvp_saved": {"id": "Jawaban Anda tercatat: {answer}.", "en": "Your answer is recorded: {answer}."},
    "meetings.rsvp_same": {"id": "Jawaban Anda tetap: {answer}.", "en": "Your answer stays: {answer}."},
    "meetings.rsvp_cancelled": {"id": "Rapat ini sudah dibatalkan.", "en": "This meeting has been cancelled."},
    "meetings.rsvp_started": {"id": "Rapat ini sudah dimulai; jawaban ditutup.",
                              "en": "This meeting has started; answers are closed."},
    "meetings.not_invited": {"id": "Anda atau grup ini tidak diundang ke rapat ini.",
                             "en": "Neither you nor this group is invited to this meeting."},
    "meetings.reminder_title": {"id": "⏰ <b>Pengingat rapat</b> — dimulai {remaining} lagi",
                                "en": "⏰ <b>Meeting reminder</b> — starts in {remaining}"},
    "meetings.silent_agencies": {"id": "⚠️ <b>Belum menjawab</b>: {agencies}",
                                 "en": "⚠️ <b>Not answered yet</b>: {agencies}"},
    "meetings.all_answered": {"id": "Semua instansi yang diundang sudah menjawab.",
                              "en": "Every invited agency has answered."},
    "meetings.ics_button": {"id": "📅 Kalender (.ics)", "en": "📅 Calendar (.ics)"},
    "meetings.ics_caption": {"id": "📅 {title} — {when}. Buka file ini untuk menambahkannya ke kalender Anda.",
                             "en": "📅 {title} — {when}. Open this file to add it to your calendar."},
    "meetings.ics_sent_private": {"id": "File kalender dikirim ke chat pribadi Anda dengan bot.",
                                  "en": "The calendar file was sent to your private chat with the bot."},
    "meetings.ics_open_private": {"id": "Buka chat pribadi dengan bot dulu (tekan nama bot → Mulai), lalu coba lagi.",
                                  "en": "Open a private chat with the bot first (tap its name → Start), then retry."},
    # ---- list, detail, reschedule, cancel ----------------------------------------------------------------
    "meetings.list_title": {"id": "📅 <b>Rapat mendatang</b>", "en": "📅 <b>Upcoming meetings</b>"},
    "meetings.list_empty": {"id": "Belum ada rapat mendatang.", "en": "No upcoming meetings."},
    "meetings.schedule_button": {"id": "➕ Jadwalkan", "en": "➕ Schedule"},
    "meetings.schedule_in_private": {"id": "➕ Jadwalkan di chat pribadi", "en": "➕ Schedule in private chat"},
    "meetings.schedule_private_only": {"id": "💬 Rapat dijadwalkan di chat pribadi dengan bot.",
                                       "en": "💬 Meetings are scheduled in a private chat with the bot."},
    "meetings.list_button": {"id": "◀ Daftar rapat", "en": "◀ Meeting list"},
    "meetings.detail_button": {"id": "📋 Detail rapat", "en": "📋 Meeting details"},
    "meetings.detail_private": {"id": "Detail rapat dibuka di chat pribadi: ketik /rapat di sana.",
                                "en": "Meeting details open in the private chat: send /meeting there."},
    "meetings.detail_title": {"id": "📋 <b>Detail rapat</b>", "en": "📋 <b>Meeting details</b>"},
    "meetings.status_cancelled": {"id": "❌ <b>Dibatalkan</b>", "en": "❌ <b>Cancelled</b>"},
    "meetings.answers_title": {"id": "<b>Jawaban</b>", "en": "<b>Answers</b>"},
    "meetings.unknown": {"id": "Rapat tidak ditemukan.", "en": "Meeting not found."},
    "meetings.reschedule_button": {"id": "🔁 Jadwal ulang", "en": "🔁 Reschedule"},
    "meetings.cancel_meeting_button": {"id": "❌ Batalkan rapat", "en": "❌ Cancel meeting"},
    "meetings.not_organizer": {"id": "Hanya penyelenggara atau admin yang dapat mengubah rapat ini.",
                               "en": "Only the organiser or an admin can change this meeting."},
    "meetings.already_cancelled": {"id": "Rapat ini sudah dibatalkan.", "en": "This meeting is already cancelled."},
    "meetings.same_time": {"id": "Itu waktu yang sama; ketik waktu lain.",
                           "en": "That is the same time; type another."},
    "meetings.ask_new_when": {
        "id": "🔁 <b>Jadwal ulang</b> — {title}\nSekarang: {when}\nKetik waktu baru (WIB), misalnya "
              "<i>Kamis depan 10.00</i>.",
        "en": "🔁 <b>Reschedule</b> — {title}\nNow: {when}\nType the new time (WIB), e.g. <i>next Thursday 10:00</i>.",
    },
    "meetings.confirm_new_when": {
        "id": "🔁 Waktu baru: <b>{when}</b>\nBetul? Semua grup undangan akan diberi tahu; jawaban yang ada tetap "
              "berlaku. Atau ketik waktu lain.",
        "en": "🔁 New time: <b>{when}</b>\nIs that right? Every invited group will be told; answers so far are "
              "kept. Or type another time.",
    },
    "meetings.rescheduled_done": {"id": "✅ Rapat dijadwalkan ulang ke {when}. {groups} grup diberi tahu.",
                                  "en": "✅ The meeting is moved to {when}. {groups} groups are told."},
    "meetings.rescheduled_notice": {
        "id": "🔁 <b>Rapat dijadwalkan ulang</b>: {title}\nSemula: {old}\nMenjadi: <b>{new}</b>\n"
              "Jawaban yang sudah masuk tetap berlaku; silakan ubah bila perlu.",
        "en": "🔁 <b>Meeting rescheduled</b>: {title}\nWas: {old}\nNow: <b>{new}</b>\n"
              "Answers given so far are kept; change yours if needed.",
    },
    "meetings.cancel_confirm": {
        "id": "❌ Batalkan rapat <b>{title}</b> ({when})? {groups} grup undangan akan diberi tahu.",
        "en": "❌ Cancel <b>{title}</b> ({when})? {groups} invited groups will be told.",
    },
    "meetings.cancel_yes": {"id": "❌ Ya, batalkan", "en": "❌ Yes, cancel it"},
    "meetings.cancel_done": {"id": "❌ Rapat <b>{title}</b> dibatalkan. {groups} grup diberi tahu.",
                             "en": "❌ <b>{title}</b> is cancelled. {groups} groups are told."},
    "meetings.cancelled_notice": {
        "id": "❌ <b>Rapat dibatalkan</b>: {title} ({when}).",
        "en": "❌ <b>Meeting cancelled</b>: {title} ({when}).",
    },
}
