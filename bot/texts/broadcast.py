"""Texts of broadcasts: the dialogue, the message as groups see it, the delivery report."""

TEXTS: dict[str, dict[str, str]] = {
    "menu.siaran": {"id": "Kirim siaran ke grup", "en": "Broadcast to groups"},
    "broadcast.ask_agencies": {
        "id": "📢 <b>Siaran</b> — pilih instansi penerima (boleh lebih dari satu), lalu tekan Lanjut. Tanpa "
              "pilihan: semua grup.",
        "en": "📢 <b>Broadcast</b> — choose the agencies to reach (several if you like), then press Next. No "
              "choice: every group.",
    },
    "broadcast.selected": {"id": "✅ {label}", "en": "✅ {label}"},
    "broadcast.command_post_button": {"id": "🏛 Posko", "en": "🏛 Command posts"},
    "broadcast.next_button": {"id": "▶ Lanjut", "en": "▶ Next"},
    "broadcast.ask_region": {
        "id": "📢 Penerima: <b>{agencies}</b>\nPilih wilayah{where}, atau semua wilayah.",
        "en": "📢 Recipients: <b>{agencies}</b>\nChoose a region{where}, or every region.",
    },
    "broadcast.all_regions_button": {"id": "🌐 Semua wilayah", "en": "🌐 Every region"},
    "broadcast.ask_text": {
        "id": "📢 Penerima: <b>{agencies}</b> · <b>{region}</b> — <b>{count} grup</b>.\n"
              "Ketik pesan siaran (teks, paling banyak {limit} karakter).\n/batal untuk membatalkan.",
        "en": "📢 Recipients: <b>{agencies}</b> · <b>{region}</b> — <b>{count} groups</b>.\n"
              "Type the broadcast (text, at most {limit} characters).\n/cancel to stop.",
    },
    "broadcast.preview_head": {
        "id": "📢 Siaran ini akan dikirim ke <b>{count} grup</b> ({agencies} · {region}). Tampilannya di grup:",
        "en": "📢 This broadcast will reach <b>{count} groups</b> ({agencies} · {region}). As groups will see it:",
    },
    "broadcast.preview_rule": {"id": "━━━━━━━━━━━━", "en": "━━━━━━━━━━━━"},
    "broadcast.preview_ask": {"id": "Kirim sekarang?", "en": "Send it now?"},
    "broadcast.send_button": {"id": "✅ Kirim ke {count} grup", "en": "✅ Send to {count} groups"},
    "broadcast.edit_text_button": {"id": "✏️ Ubah pesan", "en": "✏️ Change the message"},
    "broadcast.edit_filter_button": {"id": "🎯 Ubah penerima", "en": "🎯 Change recipients"},
    "broadcast.queued": {
        "id": "📤 Siaran #{id} sedang dikirim ke {count} grup. Laporan pengiriman menyusul setelah selesai.",
        "en": "📤 Broadcast #{id} is on its way to {count} groups. A delivery report follows when it is done.",
    },
    "broadcast.cancelled": {"id": "Siaran dibatalkan.", "en": "Broadcast cancelled."},
    "broadcast.message": {"id": "📢 <b>Siaran</b> dari {sender} ({agency})\n\n{text}",
                          "en": "📢 <b>Broadcast</b> from {sender} ({agency})\n\n{text}"},
    "broadcast.superadmin": {"id": "Super admin", "en": "Super admin"},
    "broadcast.everyone": {"id": "semua instansi", "en": "every agency"},
    "broadcast.all_regions": {"id": "semua wilayah", "en": "every region"},
    "broadcast.report_title": {"id": "📊 <b>Laporan siaran #{id}</b>", "en": "📊 <b>Broadcast #{id} report</b>"},
    "broadcast.report_summary": {
        "id": "Terkirim: <b>{sent}</b> dari {total} grup · Gagal: <b>{failed}</b>",
        "en": "Delivered: <b>{sent}</b> of {total} groups · Failed: <b>{failed}</b>",
    },
    "broadcast.report_excerpt": {"id": "<i>{text}</i>", "en": "<i>{text}</i>"},
    "broadcast.report_failed_title": {"id": "<b>Tidak terkirim:</b>", "en": "<b>Not delivered:</b>"},
    "broadcast.report_failed_item": {"id": "• {title} — {reason}", "en": "• {title} — {reason}"},
    "broadcast.report_inactive": {
        "id": "🚫 {count} grup ditandai tidak aktif (bot dikeluarkan atau grup tidak ada lagi).",
        "en": "🚫 {count} groups were marked inactive (the bot was removed or the group is gone).",
    },
    "broadcast.report_all_ok": {"id": "Semua grup menerima siaran. ✅", "en": "Every group received it. ✅"},
    "broadcast.reason_gone": {"id": "bot sudah tidak ada di grup; grup ditandai tidak aktif",
                              "en": "the bot is no longer in the group; marked inactive"},
    "broadcast.reason_other": {"id": "ditolak Telegram: {error}", "en": "refused by Telegram: {error}"},
    "broadcast.text_only": {"id": "Siaran berupa teks: ketik pesannya.",
                            "en": "A broadcast is text: type the message."},
    "broadcast.too_long": {"id": "Pesan terlalu panjang ({length} karakter; paling banyak {limit}).",
                           "en": "The message is too long ({length} characters; at most {limit})."},
    "broadcast.no_targets": {
        "id": "Tidak ada grup aktif yang cocok dengan pilihan ini. Ubah penerimanya.",
        "en": "No active group matches this choice. Change the recipients.",
    },
    "broadcast.own_agency_only": {"id": "Anda hanya dapat menyiarkan ke grup instansi Anda sendiri.",
                                  "en": "You may broadcast only to your own agency's groups."},
}
