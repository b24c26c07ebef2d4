"""Texts of the access check: refusals, wrong chat, unknown commands and buttons."""

TEXTS: dict[str, dict[str, str]] = {
    "access.not_registered": {
        "id": "🔒 Anda belum terdaftar di Sinergi. Daftar dulu lewat chat pribadi dengan bot: ketik /daftar.",
        "en": "🔒 You are not registered with Sinergi yet. Register in a private chat with the bot: send /register.",
    },
    "access.pending": {
        "id": "⏳ Pendaftaran Anda sedang menunggu persetujuan admin. Anda akan diberi tahu hasilnya.",
        "en": "⏳ Your registration is waiting for an admin's approval. You will be told the outcome.",
    },
    "access.rejected": {
        "id": "🔒 Pendaftaran Anda ditolak. Anda dapat mendaftar ulang dengan /daftar.",
        "en": "🔒 Your registration was rejected. You may apply again with /register.",
    },
    "access.revoked": {
        "id": "🔒 Akses Anda telah dicabut. Anda dapat mendaftar ulang dengan /daftar.",
        "en": "🔒 Your access has been revoked. You may apply again with /register.",
    },
    "access.not_allowed": {
        "id": "🔒 Peran Anda tidak mengizinkan perintah ini. Lihat /bantuan untuk yang dapat Anda lakukan.",
        "en": "🔒 Your role does not allow this. See /help for what you can do.",
    },
    "access.private_only": {
        "id": "💬 Perintah ini dijalankan di chat pribadi dengan bot.",
        "en": "💬 This command runs in a private chat with the bot.",
    },
    "access.group_only": {
        "id": "👥 Perintah ini dijalankan di dalam grup.",
        "en": "👥 This command runs inside a group.",
    },
    "access.open_private": {"id": "Buka chat pribadi", "en": "Open private chat"},
    "access.register_button": {"id": "Daftar di chat pribadi", "en": "Register in private chat"},
    "access.unknown_command": {
        "id": "❓ Perintah tidak dikenal. Ketik /bantuan untuk melihat perintah yang tersedia.",
        "en": "❓ Unknown command. Send /help to see the available commands.",
    },
    "access.unknown_button": {
        "id": "Tombol ini tidak dikenal atau sudah tidak berlaku.",
        "en": "This button is unknown or no longer valid.",
    },
    "access.not_understood": {
        "id": "Saya tidak memahami pesan ini. Ketik /bantuan untuk melihat apa yang dapat saya lakukan.",
        "en": "I did not understand this message. Send /help to see what I can do.",
    },
    "access.not_initiator": {
        "id": "Tombol ini hanya untuk orang yang memulai percakapan ini.",
        "en": "Only the person who started this dialogue may use these buttons.",
    },
    "access.stale_dialogue": {
        "id": "Percakapan ini sudah berakhir atau diganti yang baru.",
        "en": "This dialogue has ended or been replaced by a newer one.",
    },
}
