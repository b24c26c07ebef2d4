"""Texts of group registration."""

TEXTS: dict[str, dict[str, str]] = {
    "groups.tg_admin_only": {
        "id": "Hanya admin grup Telegram ini yang dapat mendaftarkan grup.",
        "en": "Only an admin of this Telegram group can register it.",
    },
    "groups.own_agency_only": {
        "id": "Anda hanya dapat mendaftarkan grup untuk instansi Anda sendiri.",
        "en": "You can only register groups for your own agency.",
    },
    "groups.command_post_superadmin": {
        "id": "Hanya super admin yang dapat mendaftarkan grup posko.",
        "en": "Only a super admin can register a command-post group.",
    },
    "groups.not_registered": {
        "id": "Grup ini belum terdaftar. Admin grup yang menjadi penghubung dapat mendaftarkannya dengan /daftargrup.",
        "en": "This group is not registered. A group admin who is a liaison can register it with /registergroup.",
    },
    "groups.ask_agency": {
        "id": "👥 <b>Pendaftaran grup</b> oleh {who}\nPilih instansi grup ini:",
        "en": "👥 <b>Group registration</b> by {who}\nChoose this group's agency:",
    },
    "groups.command_post_button": {"id": "🛡 Posko (pusat kendali)", "en": "🛡 Command post"},
    "groups.ask_region": {
        "id": "👥 <b>Pendaftaran grup</b> oleh {who}\nInstansi: <b>{agency}</b>\nPilih wilayah grup ini{where}:",
        "en": "👥 <b>Group registration</b> by {who}\nAgency: <b>{agency}</b>\nChoose this group's region{where}:",
    },
    "groups.confirm": {
        "id": "👥 <b>Pendaftaran grup</b>\nInstansi: <b>{agency}</b>\nWilayah: <b>{region}</b>\n\nDaftarkan grup ini?",
        "en": "👥 <b>Group registration</b>\nAgency: <b>{agency}</b>\nRegion: <b>{region}</b>\n\nRegister this group?",
    },
    "groups.registered": {
        "id": "✅ Grup terdaftar: <b>{agency}</b> — {region}. Peringatan untuk instansi dan wilayah ini akan "
              "dikirim ke sini.",
        "en": "✅ Group registered: <b>{agency}</b> — {region}. Alerts for this agency and region will be sent here.",
    },
    "groups.cancelled": {"id": "Pendaftaran grup dibatalkan.", "en": "Group registration cancelled."},
    "groups.info": {
        "id": "👥 <b>{title}</b>\nInstansi: <b>{agency}</b>\nWilayah: {region}\nStatus: {status}\n"
              "Didaftarkan oleh {by} pada {at}",
        "en": "👥 <b>{title}</b>\nAgency: <b>{agency}</b>\nRegion: {region}\nStatus: {status}\n"
              "Registered by {by} on {at}",
    },
    "groups.status_active": {"id": "aktif", "en": "active"},
    "groups.status_inactive": {"id": "tidak aktif", "en": "inactive"},
    "groups.command_post": {"id": "Posko (pusat kendali)", "en": "Command post"},
    "groups.back_again": {
        "id": "👋 Sinergi kembali di grup ini. Pendaftaran sebelumnya: <b>{agency}</b> — {region}. "
              "Admin grup yang menjadi penghubung dapat mengaktifkannya kembali.",
        "en": "👋 Sinergi is back in this group. Earlier registration: <b>{agency}</b> — {region}. "
              "A group admin who is a liaison can re-activate it.",
    },
    "groups.reactivate_button": {"id": "🔄 Aktifkan kembali", "en": "🔄 Re-activate"},
    "groups.reactivated": {
        "id": "✅ Pendaftaran grup diaktifkan kembali: <b>{agency}</b> — {region}.",
        "en": "✅ Group registration re-activated: <b>{agency}</b> — {region}.",
    },
    "groups.hello": {
        "id": "👋 Terima kasih telah menambahkan Sinergi. Admin grup yang menjadi penghubung dapat mendaftarkan grup "
              "ini dengan /daftargrup.",
        "en": "👋 Thanks for adding Sinergi. A group admin who is a liaison can register this group with "
              "/registergroup.",
    },
}
