"""Texts of the core: greetings, help, generic errors, the outbox's own notices, menus."""

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
    "core.chat_inactive": {
        "id": "ℹ️ Bot tidak dapat lagi mengirim pesan ke chat <b>{title}</b> ({chat_id}): {reason}. "
              "Chat ditandai tidak aktif.",
        "en": "ℹ️ The bot can no longer send messages to the chat <b>{title}</b> ({chat_id}): {reason}. "
              "The chat has been marked inactive.",
    },
    "help.title": {"id": "ℹ️ <b>Bantuan</b> — peran Anda: <b>{role}</b>",
                   "en": "ℹ️ <b>Help</b> — your role: <b>{role}</b>"},
    "help.private": {"id": "\n<b>Di chat pribadi:</b>", "en": "\n<b>In the private chat:</b>"},
    "help.group": {"id": "<b>Di grup:</b>", "en": "<b>In groups:</b>"},
    "help.not_active": {"id": "belum aktif", "en": "not yet active"},
    "menu.start": {"id": "Mulai dan perkenalan bot", "en": "Start and about the bot"},
    "menu.bantuan": {"id": "Daftar perintah untuk peran Anda", "en": "Commands for your role"},
    "menu.bahasa": {"id": "Ganti bahasa (Indonesia/English)", "en": "Change language (Indonesian/English)"},
    "menu.batal": {"id": "Batalkan percakapan yang sedang berjalan", "en": "Cancel the dialogue in progress"},
    "menu.daftar": {"id": "Daftar sebagai pemangku kepentingan", "en": "Register as a stakeholder"},
    "menu.profil": {"id": "Lihat profil Anda", "en": "See your profile"},
    "menu.peran": {"id": "Kelola peran anggota", "en": "Manage members' roles"},
    "menu.daftargrup": {"id": "Daftarkan grup ini untuk instansi dan wilayah",
                        "en": "Register this group for an agency and region"},
    "menu.grup": {"id": "Lihat pendaftaran grup ini", "en": "See this group's registration"},
}
