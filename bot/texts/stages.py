"""Texts of the election stages: /tahapan, the stage manager of super admins, stage reminders."""

TEXTS: dict[str, dict[str, str]] = {
    "menu.tahapan": {"id": "Tahapan Pilkada: sekarang dan berikutnya", "en": "Election stages: now and next"},
    "stages.title": {"id": "🗓️ <b>Tahapan Pilkada</b> — {date}", "en": "🗓️ <b>Election stages</b> — {date}"},
    "stages.current_title": {"id": "<b>Sedang berlangsung</b>", "en": "<b>Under way</b>"},
    "stages.none_current": {"id": "Tidak ada tahapan yang sedang berlangsung.",
                            "en": "No stage is under way."},
    "stages.next_title": {"id": "<b>Berikutnya</b>", "en": "<b>Next</b>"},
    "stages.none_next": {"id": "Belum ada tahapan berikutnya yang terjadwal.",
                         "en": "No further stage is scheduled."},
    "stages.current_line": {"id": "▶️ <b>{name}</b> — {period} · {left}", "en": "▶️ <b>{name}</b> — {period} · {left}"},
    "stages.next_line": {"id": "⏭️ <b>{name}</b> — {period} · {countdown}",
                         "en": "⏭️ <b>{name}</b> — {period} · {countdown}"},
    "stages.guidance_line": {"id": "    📌 <i>{guidance}</i>", "en": "    📌 <i>{guidance}</i>"},
    "stages.ends_today": {"id": "berakhir hari ini", "en": "ends today"},
    "stages.ends_tomorrow": {"id": "berakhir besok", "en": "ends tomorrow"},
    "stages.ends_in": {"id": "berakhir dalam {days} hari", "en": "ends in {days} days"},
    "stages.starts_today": {"id": "mulai hari ini", "en": "starts today"},
    "stages.starts_tomorrow": {"id": "mulai besok (1 hari lagi)", "en": "starts tomorrow (in 1 day)"},
    "stages.starts_in": {"id": "mulai {days} hari lagi", "en": "starts in {days} days"},
    "stages.period_range": {"id": "{start} – {end}", "en": "{start} – {end}"},
    "stages.period_until": {"id": "s.d. {end}", "en": "until {end}"},
    "stages.period_none": {"id": "tanggal belum ditetapkan", "en": "date not set yet"},
    "stages.schedule_title": {"id": "🗓️ <b>Jadwal tahapan</b> ({count})", "en": "🗓️ <b>Stage schedule</b> ({count})"},
    "stages.schedule_line": {"id": "{mark} <b>{name}</b> — {period}", "en": "{mark} <b>{name}</b> — {period}"},
    "stages.schedule_hint": {"id": "Jadwal lengkap: /tahapan semua", "en": "Full schedule: /stages all"},
    "stages.manage_button": {"id": "⚙️ Kelola tahapan", "en": "⚙️ Manage stages"},
    "stages.manage_private": {"id": "Tahapan dikelola di chat pribadi dengan bot.",
                              "en": "Stages are managed in the private chat with the bot."},
    "stages.list_title": {
        "id": "⚙️ <b>Kelola tahapan</b> ({count}) — pilih tahapan untuk mengubah tanggal atau arahannya, atau "
              "tambahkan tahapan baru. Setiap perubahan tercatat.",
        "en": "⚙️ <b>Manage stages</b> ({count}) — choose a stage to change its dates or guidance, or add a new "
              "one. Every change is recorded.",
    },
    "stages.add_button": {"id": "➕ Tambah tahapan", "en": "➕ Add a stage"},
    "stages.card": {
        "id": "🗓️ <b>{name_id}</b>\n<i>{name_en}</i>\n📅 {period}\n\n📌 <b>Arahan (ID):</b> {guidance_id}\n"
              "📌 <b>Arahan (EN):</b> {guidance_en}",
        "en": "🗓️ <b>{name_id}</b>\n<i>{name_en}</i>\n📅 {period}\n\n📌 <b>Guidance (ID):</b> {guidance_id}\n"
              "📌 <b>Guidance (EN):</b> {guidance_en}",
    },
    "stages.dates_button": {"id": "📅 Ubah tanggal", "en": "📅 Change dates"},
    "stages.guidance_id_button": {"id": "📝 Arahan (ID)", "en": "📝 Guidance (ID)"},
    "stages.guidance_en_button": {"id": "📝 Arahan (EN)", "en": "📝 Guidance (EN)"},
    "stages.remove_button": {"id": "🗑 Hapus", "en": "🗑 Remove"},
    "stages.remove_confirm": {
        "id": "Hapus tahapan <b>{name}</b>? Pengingat yang belum terkirim ikut dibatalkan.",
        "en": "Remove the stage <b>{name}</b>? Its reminders not yet sent are cancelled too.",
    },
    "stages.remove_yes": {"id": "🗑 Ya, hapus", "en": "🗑 Yes, remove"},
    "stages.removed": {"id": "🗑 Tahapan <b>{name}</b> dihapus.", "en": "🗑 The stage <b>{name}</b> was removed."},
    "stages.ask_dates": {
        "id": "📅 Ketik tanggal (WIB) untuk <b>{name}</b>, misalnya <code>24/11/2024 - 26/11/2024</code>, atau "
              "dengan jam: <code>27/11/2024 07.00 - 27/11/2024 13.00</code>. Satu tanggal saja berarti tahapan "
              "satu hari.\n/batal untuk membatalkan.",
        "en": "📅 Type the dates (WIB) of <b>{name}</b>, e.g. <code>24/11/2024 - 26/11/2024</code>, or with times: "
              "<code>27/11/2024 07.00 - 27/11/2024 13.00</code>. A single date means a one-day stage.\n"
              "/cancel to stop.",
    },
    "stages.ask_guidance": {
        "id": "📝 Ketik arahan baru ({language}) untuk <b>{name}</b>, paling banyak {limit} karakter.\n"
              "Saat ini: <i>{current}</i>\n/batal untuk membatalkan.",
        "en": "📝 Type the new guidance ({language}) for <b>{name}</b>, at most {limit} characters.\n"
              "Now: <i>{current}</i>\n/cancel to stop.",
    },
    "stages.ask_name": {
        "id": "➕ Ketik nama tahapan baru. Bila nama Inggrisnya berbeda: <code>Nama Indonesia | English name</code>."
              "\n/batal untuk membatalkan.",
        "en": "➕ Type the name of the new stage. For a different English name: "
              "<code>Indonesian name | English name</code>.\n/cancel to stop.",
    },
    "stages.dates_saved": {"id": "✅ Tanggal diubah; pengingat mengikuti tanggal baru.",
                           "en": "✅ Dates changed; the reminders follow the new dates."},
    "stages.guidance_saved": {"id": "✅ Arahan diubah.", "en": "✅ Guidance changed."},
    "stages.added": {"id": "✅ Tahapan ditambahkan.", "en": "✅ Stage added."},
    "stages.unknown": {"id": "Tahapan tidak ditemukan (mungkin sudah dihapus).",
                       "en": "Stage not found (it may have been removed)."},
    "stages.dates_invalid": {
        "id": "Tanggal tidak dapat dibaca. Contoh: 24/11/2024 - 26/11/2024, atau 27/11/2024 07.00 - 27/11/2024 "
              "13.00.",
        "en": "Those dates cannot be read. Example: 24/11/2024 - 26/11/2024, or 27/11/2024 07.00 - 27/11/2024 "
              "13.00.",
    },
    "stages.dates_order": {"id": "Akhir tahapan harus sesudah awalnya.", "en": "A stage must end after it starts."},
    "stages.guidance_empty": {"id": "Arahan tidak boleh kosong.", "en": "The guidance cannot be empty."},
    "stages.guidance_too_long": {"id": "Arahan terlalu panjang ({length} karakter; paling banyak {limit}).",
                                 "en": "The guidance is too long ({length} characters; at most {limit})."},
    "stages.name_empty": {"id": "Nama tahapan tidak boleh kosong.", "en": "The stage name cannot be empty."},
    "stages.name_too_long": {"id": "Nama terlalu panjang ({length} karakter; paling banyak {limit}).",
                             "en": "The name is too long ({length} characters; at most {limit})."},
    "stages.text_only": {"id": "Ketik jawabannya sebagai teks.", "en": "Please type the answer as text."},
    "stages.reminder_title": {"id": "🔔 <b>Pengingat tahapan Pilkada</b>", "en": "🔔 <b>Election stage reminder</b>"},
    "stages.reminder_line": {"id": "<b>{name}</b> {when} — {period}.", "en": "<b>{name}</b> {when} — {period}."},
    "stages.reminder_in": {"id": "dimulai {days} hari lagi", "en": "starts in {days} days"},
    "stages.reminder_tomorrow": {"id": "dimulai besok", "en": "starts tomorrow"},
    "stages.reminder_today": {"id": "dimulai hari ini", "en": "starts today"},
    "stages.reminder_running": {"id": "sedang berlangsung", "en": "is under way"},
    "stages.reminder_guidance": {"id": "📌 <b>Arahan:</b> {guidance}", "en": "📌 <b>Guidance:</b> {guidance}"},
}
