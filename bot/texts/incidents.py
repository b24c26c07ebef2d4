"""Texts of incident intake: the guided report, one-line reports, alerts, notices and the digest."""

TEXTS: dict[str, dict[str, str]] = {
    # guided report
    "incident.ask_group": {"id": "📝 <b>Laporan kejadian</b> (1/7)\nPilih kelompok kejadian:",
                           "en": "📝 <b>Incident report</b> (1/7)\nChoose the kind of incident:"},
    "incident.ask_category": {"id": "📝 <b>Laporan kejadian</b> (2/7)\n{group}\nPilih kategori:",
                              "en": "📝 <b>Incident report</b> (2/7)\n{group}\nChoose the category:"},
    "incident.ask_region": {
        "id": "📝 <b>Laporan kejadian</b> (3/7)\nKategori: <b>{category}</b>\nPilih wilayah kejadian{where}, "
              "atau ketik namanya (mis. <i>Cipete Utara</i>, <i>Jaksel</i>, <i>Kab Bekasi</i>):",
        "en": "📝 <b>Incident report</b> (3/7)\nCategory: <b>{category}</b>\nChoose the region{where}, "
              "or type its name (e.g. <i>Cipete Utara</i>, <i>Jaksel</i>, <i>Kab Bekasi</i>):",
    },
    "incident.region_ambiguous": {
        "id": "Ada beberapa wilayah bernama \"{text}\". Pilih yang dimaksud:",
        "en": "Several regions are called \"{text}\". Choose the one you mean:",
    },
    "incident.region_not_found": {
        "id": "Wilayah \"{text}\" tidak ditemukan. Ketik nama lain atau pilih dengan tombol.",
        "en": "No region called \"{text}\" was found. Type another name or choose with the buttons.",
    },
    "incident.ask_place": {
        "id": "📝 <b>Laporan kejadian</b> (4/7)\nWilayah: <b>{region}</b>\nBagikan lokasi dengan tombol di bawah, "
              "atau ketik tempat / TPS (mis. <i>TPS 012 Kel. Cipete Utara</i>).",
        "en": "📝 <b>Incident report</b> (4/7)\nRegion: <b>{region}</b>\nShare the location with the button below, "
              "or type the place / polling station (e.g. <i>TPS 012 Kel. Cipete Utara</i>).",
    },
    "incident.share_location": {"id": "📍 Bagikan lokasi", "en": "📍 Share location"},
    "incident.place_received": {"id": "📍 Tempat dicatat: {place}", "en": "📍 Place recorded: {place}"},
    "incident.location_received": {"id": "📍 Lokasi diterima.", "en": "📍 Location received."},
    "incident.ask_description": {
        "id": "📝 <b>Laporan kejadian</b> (5/7)\nCeritakan apa yang terjadi (maks. 3.000 karakter): siapa, apa, "
              "berapa orang, situasi sekarang.",
        "en": "📝 <b>Incident report</b> (5/7)\nDescribe what happened (max. 3,000 characters): who, what, how "
              "many people, the situation now.",
    },
    "incident.ask_evidence": {
        "id": "📝 <b>Laporan kejadian</b> (6/7)\nKirim foto atau dokumen sebagai bukti (maks. 10), lalu tekan "
              "<b>Selesai</b>. Tidak ada bukti? Langsung tekan Selesai.",
        "en": "📝 <b>Incident report</b> (6/7)\nSend photos or documents as evidence (max. 10), then press "
              "<b>Done</b>. No evidence? Press Done right away.",
    },
    "incident.evidence_received": {"id": "📎 Bukti {count}/10 diterima.{note}",
                                   "en": "📎 Evidence {count}/10 received.{note}"},
    "incident.evidence_not_hashed": {"id": " (berkas &gt; 20 MB: tercatat tanpa sidik SHA-256)",
                                     "en": " (file &gt; 20 MB: recorded without a SHA-256 fingerprint)"},
    "incident.evidence_full": {"id": "Sudah 10 bukti (batas maksimum). Tekan Selesai untuk lanjut.",
                               "en": "You already sent 10 pieces of evidence (the maximum). Press Done to go on."},
    "incident.evidence_files_only": {
        "id": "Pada langkah ini kirim foto atau dokumen, lalu tekan Selesai.",
        "en": "At this step send photos or documents, then press Done.",
    },
    "incident.done_button": {"id": "✅ Selesai ({count})", "en": "✅ Done ({count})"},
    "incident.ask_severity": {
        "id": "📝 <b>Laporan kejadian</b> (7/7)\nTingkat keparahan — sudah dipilih sesuai kategori, ubah bila "
              "perlu:",
        "en": "📝 <b>Incident report</b> (7/7)\nSeverity — preselected from the category, change it if needed:",
    },
    "incident.continue_button": {"id": "Lanjut ▶", "en": "Continue ▶"},
    "incident.summary": {
        "id": "📋 <b>Ringkasan laporan</b>\n\n{card}\n\nKirim laporan ini?",
        "en": "📋 <b>Report summary</b>\n\n{card}\n\nSend this report?",
    },
    "incident.edit_which": {"id": "Bagian mana yang ingin diubah?", "en": "Which part do you want to change?"},
    "incident.field.category": {"id": "Kategori", "en": "Category"},
    "incident.field.region": {"id": "Wilayah", "en": "Region"},
    "incident.field.place": {"id": "Tempat", "en": "Place"},
    "incident.field.description": {"id": "Uraian", "en": "Description"},
    "incident.field.evidence": {"id": "Bukti", "en": "Evidence"},
    "incident.field.severity": {"id": "Tingkat", "en": "Severity"},
    "incident.back_to_summary": {"id": "◀ Ringkasan", "en": "◀ Summary"},
    "incident.draft_open": {
        "id": "Anda punya laporan yang belum selesai ({step}). Lanjutkan atau buang dan mulai baru?",
        "en": "You have an unfinished report ({step}). Continue it, or discard it and start anew?",
    },
    "incident.resume_button": {"id": "▶ Lanjutkan", "en": "▶ Continue"},
    "incident.discard_button": {"id": "🗑 Buang, mulai baru", "en": "🗑 Discard, start anew"},
    "incident.step.group": {"id": "memilih kelompok", "en": "choosing the kind"},
    "incident.step.category": {"id": "memilih kategori", "en": "choosing the category"},
    "incident.step.region": {"id": "memilih wilayah", "en": "choosing the region"},
    "incident.step.place": {"id": "tempat", "en": "the place"},
    "incident.step.description": {"id": "uraian", "en": "the description"},
    "incident.step.evidence": {"id": "bukti", "en": "evidence"},
    "incident.step.severity": {"id": "tingkat keparahan", "en": "severity"},
    "incident.step.summary": {"id": "ringkasan", "en": "the summary"},
    "incident.step.edit": {"id": "mengubah", "en": "editing"},
    "incident.cancelled": {"id": "Laporan dibatalkan; draf dihapus.", "en": "Report cancelled; the draft was deleted."},
    "incident.saved": {
        "id": "✅ Terima kasih. Laporan <b>{number}</b> sudah tercatat dan diteruskan ke instansi terkait.\n\n{card}",
        "en": "✅ Thank you. Report <b>{number}</b> has been recorded and passed to the agencies concerned.\n\n{card}",
    },
    "incident.saved_short": {
        "id": "✅ Laporan <b>{number}</b> tercatat: {category} — {region}. Diteruskan ke instansi terkait.",
        "en": "✅ Report <b>{number}</b> recorded: {category} — {region}. Passed to the agencies concerned.",
    },
    # validation
    "incident.description_empty": {"id": "Uraian kejadian tidak boleh kosong.",
                                   "en": "The description cannot be empty."},
    "incident.description_too_long": {
        "id": "Uraian terlalu panjang ({length} karakter, maks. {limit}). Persingkat lalu kirim lagi.",
        "en": "The description is too long ({length} characters, max. {limit}). Shorten it and send it again.",
    },
    "incident.description_text_only": {"id": "Ketik uraian kejadian sebagai teks.",
                                       "en": "Please type the description as text."},
    "incident.place_empty": {"id": "Tempat tidak boleh kosong.", "en": "The place cannot be empty."},
    "incident.place_too_long": {
        "id": "Nama tempat terlalu panjang ({length} karakter, maks. {limit}).",
        "en": "The place is too long ({length} characters, max. {limit}).",
    },
    "incident.place_text_or_location": {"id": "Bagikan lokasi atau ketik nama tempat.",
                                        "en": "Share a location or type the place."},
    "incident.location_invalid": {"id": "Koordinat lokasi tidak valid.", "en": "Invalid location coordinates."},
    "incident.category_unknown": {"id": "Kategori tidak dikenal.", "en": "Unknown category."},
    "incident.severity_unknown": {"id": "Tingkat keparahan tidak dikenal.", "en": "Unknown severity."},
    "incident.no_draft": {"id": "Tidak ada laporan yang sedang diisi. Mulai dengan /lapor.",
                          "en": "There is no report in progress. Start one with /report."},
    "incident.incomplete": {"id": "Laporan belum lengkap.", "en": "The report is not complete yet."},
    "incident.rate_limited": {
        "id": "Anda sudah mengirim {limit} laporan dalam satu jam terakhir. Tunggu sebentar sebelum melapor lagi, "
              "atau hubungi posko bila mendesak.",
        "en": "You have sent {limit} reports in the last hour. Please wait a little before reporting again, or "
              "call the command post if it is urgent.",
    },
    "incident.group_not_registered": {
        "id": "Laporan dari grup ini tidak dapat diterima karena grup belum terdaftar di Sinergi. Kirim laporan "
              "lewat chat pribadi dengan bot, atau minta penghubung mendaftarkan grup ini dengan /daftargrup.",
        "en": "Reports from this group cannot be accepted because the group is not registered with Sinergi. Send "
              "your report in a private chat with the bot, or ask a liaison to register the group with "
              "/registergroup.",
    },
    "incident.group_use_private": {
        "id": "Laporan lengkap (dengan foto dan lokasi) diisi di chat pribadi. Untuk laporan singkat di grup: "
              "<code>/lapor &lt;kategori&gt; &lt;wilayah&gt;: &lt;uraian&gt;</code>, "
              "mis. <code>/lapor provokasi Jaksel: massa berkumpul di depan kantor KPU</code>.",
        "en": "A full report (with photos and location) is filled in the private chat. For a short report in a "
              "group: <code>/report &lt;category&gt; &lt;region&gt;: &lt;description&gt;</code>, "
              "e.g. <code>/report provokasi Jaksel: a crowd gathering outside the KPU office</code>.",
    },
    "incident.open_private_button": {"id": "📝 Lapor di chat pribadi", "en": "📝 Report in private chat"},
    # one-line reports
    "incident.oneline_understood": {
        "id": "📝 <b>Laporan singkat</b> dari {who}\nKategori: {category}\nWilayah: {region}\nUraian: {description}"
              "\n\n{next}",
        "en": "📝 <b>Short report</b> from {who}\nCategory: {category}\nRegion: {region}\nDescription: {description}"
              "\n\n{next}",
    },
    "incident.unknown_part": {"id": "❓ belum dikenali", "en": "❓ not understood"},
    "incident.oneline_pick_category": {"id": "Pilih kategori dengan tombol:", "en": "Choose the category:"},
    "incident.oneline_pick_region": {"id": "Pilih wilayah dengan tombol:", "en": "Choose the region:"},
    "incident.oneline_ask_description": {
        "id": "Balas pesan ini dengan uraian kejadian.",
        "en": "Reply to this message with a description of what happened.",
    },
    "incident.oneline_typed": {"id": "\"{text}\"", "en": "\"{text}\""},
    "incident.finish_private_button": {"id": "📝 Lengkapi di chat pribadi", "en": "📝 Finish in private chat"},
    "incident.draft_gone": {"id": "Draf laporan ini sudah tidak ada.", "en": "This draft report no longer exists."},
    # cards, alerts, notices, digest
    "incident.card": {
        "id": "{icon} <b>{title}</b> · {category}\nTingkat: <b>{severity}</b> · Status: {status}\n"
              "Wilayah: {region}\nTempat: {place}\nWaktu: {when}\nPelapor: {reporter}\nBukti: {evidence}\n"
              "<blockquote>{description}</blockquote>",
        "en": "{icon} <b>{title}</b> · {category}\nSeverity: <b>{severity}</b> · Status: {status}\n"
              "Region: {region}\nPlace: {place}\nTime: {when}\nReporter: {reporter}\nEvidence: {evidence}\n"
              "<blockquote>{description}</blockquote>",
    },
    "incident.draft_title": {"id": "Draf laporan", "en": "Draft report"},
    "incident.evidence_count": {"id": "{count} berkas", "en": "{count} file(s)"},
    "incident.evidence_none": {"id": "tidak ada", "en": "none"},
    "incident.tps": {"id": "TPS {tps}", "en": "polling station {tps}"},
    "incident.notice": {
        "id": "ℹ️ <b>Untuk diketahui</b> · <b>{number}</b>\n{category} · {severity} · {status}\n{region}\n"
              "{description}",
        "en": "ℹ️ <b>For your information</b> · <b>{number}</b>\n{category} · {severity} · {status}\n{region}\n"
              "{description}",
    },
    "incident.digest": {
        "id": "🗂 <b>Ringkasan laporan</b> {start}–{end} WIB ({count})\n{lines}\n\nBuka satu laporan dengan "
              "<code>/insiden &lt;nomor&gt;</code>.",
        "en": "🗂 <b>Report digest</b> {start}–{end} WIB ({count})\n{lines}\n\nOpen a report with "
              "<code>/incident &lt;number&gt;</code>.",
    },
    "incident.digest_line": {"id": "• <b>{number}</b> {severity} · {category} · {region}",
                             "en": "• <b>{number}</b> {severity} · {category} · {region}"},
    "status.incident.draft": {"id": "Draf", "en": "Draft"},
    "status.incident.new": {"id": "Baru", "en": "New"},
    "status.incident.acknowledged": {"id": "Diterima", "en": "Acknowledged"},
    "status.incident.in_progress": {"id": "Ditangani", "en": "In progress"},
    "status.incident.resolved": {"id": "Selesai", "en": "Resolved"},
    "status.incident.rejected": {"id": "Ditolak", "en": "Rejected"},
    "status.incident.duplicate": {"id": "Duplikat", "en": "Duplicate"},
    "menu.lapor": {"id": "Laporkan kejadian", "en": "Report an incident"},
}
