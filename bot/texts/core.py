"""Texts of the core: greetings, generic errors, the outbox's own notices."""

TEXTS: dict[str, dict[str, str]] = {
    "core.start": {
        "id": "👋 Selamat datang di <b>Sinergi</b>, bot koordinasi pengamanan Pilkada.\n\n"
              "Sinergi menghubungkan Polri, TNI, KPU, Bawaslu, dan Pemda: laporan kejadian, pengingat rapat "
              "dan tahapan, serta tindak lanjut bersama.",
        "en": "👋 Welcome to <b>Sinergi</b>, the election-security coordination bot.\n\n"
              "Sinergi connects the police, military, KPU, Bawaslu and local government: incident reports, "
              "meeting and stage reminders, and joint follow-up.",
    },
    "core.error": {
        "id": "⚠️ Maaf, terjadi kesalahan saat memproses permintaan Anda. Silakan coba lagi sebentar lagi.",
        "en": "⚠️ Sorry, something went wrong while handling your request. Please try again shortly.",
    },
    "core.error_short": {
        "id": "Maaf, terjadi kesalahan. Coba lagi.",
        "en": "Sorry, something went wrong. Try again.",
    },
    "core.chat_inactive": {
        "id": "ℹ️ Bot tidak dapat lagi mengirim pesan ke chat <b>{title}</b> ({chat_id}): {reason}. "
              "Chat ditandai tidak aktif.",
        "en": "ℹ️ The bot can no longer send messages to the chat <b>{title}</b> ({chat_id}): {reason}. "
              "The chat has been marked inactive.",
    },
    "core.continued": {
        "id": "(lanjutan {part}/{total})",
        "en": "(continued {part}/{total})",
    },
}

TEXTS.update({
    "menu.start": {"id": "Mulai dan perkenalan bot", "en": "Start and about the bot"},
})
