"""Texts of registration, profiles, roles, language and help."""

TEXTS: dict[str, dict[str, str]] = {
    "people.start_unregistered": {
        "id": "Untuk bergabung, daftarkan diri Anda dengan /daftar: pilih instansi, wilayah tugas, dan jabatan. "
              "Admin instansi Anda akan menyetujui pendaftaran.",
        "en": "To join, register with /register: choose your agency, region and position. "
              "Your agency's admin will approve the registration.",
    },
    "people.start_active": {
        "id": "Anda terdaftar sebagai <b>{role}</b> — {agency}, {region}. Ketik /bantuan untuk daftar perintah.",
        "en": "You are registered as <b>{role}</b> — {agency}, {region}. Send /help for the list of commands.",
    },
    "people.start_superadmin": {
        "id": "Anda adalah <b>super admin</b>. Ketik /bantuan untuk daftar perintah.",
        "en": "You are a <b>super admin</b>. Send /help for the list of commands.",
    },
    "people.ask_agency": {
        "id": "📝 <b>Pendaftaran</b> (1/4)\nPilih instansi Anda:",
        "en": "📝 <b>Registration</b> (1/4)\nChoose your agency:",
    },
    "people.ask_region": {
        "id": "📝 <b>Pendaftaran</b> (2/4)\nInstansi: <b>{agency}</b>\nPilih wilayah tugas Anda{where}:",
        "en": "📝 <b>Registration</b> (2/4)\nAgency: <b>{agency}</b>\nChoose your region{where}:",
    },
    "people.region_within": {"id": " di <b>{region}</b>", "en": " within <b>{region}</b>"},
    "people.ask_position": {
        "id": "📝 <b>Pendaftaran</b> (3/4)\nInstansi: <b>{agency}</b>\nWilayah: <b>{region}</b>\n\n"
              "Ketik jabatan Anda (maks. 100 karakter), misalnya <i>Kasat Intelkam Polres Metro Jakarta Selatan</i>.",
        "en": "📝 <b>Registration</b> (3/4)\nAgency: <b>{agency}</b>\nRegion: <b>{region}</b>\n\n"
              "Type your position (max. 100 characters), e.g. <i>Head of Intelligence, South Jakarta Police</i>.",
    },
    "people.confirm": {
        "id": "📝 <b>Pendaftaran</b> (4/4) — periksa data Anda:\n\nNama: <b>{name}</b>\nInstansi: <b>{agency}</b>\n"
              "Wilayah: <b>{region}</b>\nJabatan: <b>{position}</b>\n\nKirim pendaftaran ini?",
        "en": "📝 <b>Registration</b> (4/4) — check your details:\n\nName: <b>{name}</b>\nAgency: <b>{agency}</b>\n"
              "Region: <b>{region}</b>\nPosition: <b>{position}</b>\n\nSend this registration?",
    },
    "people.submitted": {
        "id": "✅ Pendaftaran terkirim. Admin instansi Anda akan memeriksanya; Anda akan diberi tahu hasilnya.",
        "en": "✅ Registration sent. Your agency's admin will review it; you will be told the outcome.",
    },
    "people.cancelled": {"id": "Pendaftaran dibatalkan.", "en": "Registration cancelled."},
    "people.position_empty": {
        "id": "Jabatan tidak boleh kosong. Ketik jabatan Anda.",
        "en": "The position cannot be empty. Type your position.",
    },
    "people.position_too_long": {
        "id": "Jabatan terlalu panjang ({length} karakter, maks. {limit}). Ketik versi yang lebih singkat.",
        "en": "The position is too long ({length} characters, max. {limit}). Type a shorter one.",
    },
    "people.position_text_only": {
        "id": "Ketik jabatan Anda sebagai teks.",
        "en": "Please type your position as text.",
    },
    "people.superadmin_no_registration": {
        "id": "Anda super admin: tidak perlu mendaftar.",
        "en": "You are a super admin: no registration needed.",
    },
    "people.already_pending": {
        "id": "Pendaftaran Anda sudah terkirim dan menunggu persetujuan.",
        "en": "Your registration was sent and is waiting for approval.",
    },
    "people.already_active": {
        "id": "Anda sudah terdaftar dan aktif. Lihat /profil.",
        "en": "You are already registered and active. See /profile.",
    },
    "people.agency_unknown": {"id": "Instansi tidak dikenal.", "en": "Unknown agency."},
    "people.region_unknown": {"id": "Wilayah tidak dikenal.", "en": "Unknown region."},
    "people.application_unknown": {"id": "Pendaftaran tidak ditemukan.", "en": "Registration not found."},
    "people.application_stale": {
        "id": "Permintaan ini sudah tidak berlaku (ada pendaftaran yang lebih baru).",
        "en": "This request is no longer valid (there is a newer registration).",
    },
    "people.already_decided": {
        "id": "Pendaftaran ini sudah diputuskan.",
        "en": "This registration has already been decided.",
    },
    "people.not_your_agency": {
        "id": "Anda hanya dapat memutuskan untuk instansi Anda sendiri.",
        "en": "You can only decide for your own agency.",
    },
    "people.person_unknown": {"id": "Orang tersebut tidak ditemukan.", "en": "That person was not found."},
    "people.person_not_active": {
        "id": "Orang tersebut tidak aktif; peran hanya untuk anggota aktif.",
        "en": "That person is not active; roles are for active members only.",
    },
    "people.role_superadmin_only": {
        "id": "Hanya super admin yang dapat memberi atau mencabut peran ini.",
        "en": "Only a super admin can grant or revoke this role.",
    },
    "people.role_not_self": {"id": "Anda tidak dapat mengubah peran Anda sendiri.",
                             "en": "You cannot change your own role."},
    "people.role_unchanged": {"id": "Peran tersebut sudah dimiliki.", "en": "The person already has that role."},
    "people.already_revoked": {"id": "Akses orang tersebut sudah dicabut.", "en": "That access is already revoked."},
    "people.approval_request": {
        "id": "🆕 <b>Permintaan pendaftaran</b>\n\nNama: <b>{name}</b>{username}\nInstansi: <b>{agency}</b>\n"
              "Wilayah: <b>{region}</b>\nJabatan: <b>{position}</b>\nDiajukan: {applied}",
        "en": "🆕 <b>Registration request</b>\n\nName: <b>{name}</b>{username}\nAgency: <b>{agency}</b>\n"
              "Region: <b>{region}</b>\nPosition: <b>{position}</b>\nApplied: {applied}",
    },
    "people.decision_approved": {"id": "✅ Disetujui oleh {by} ({at})", "en": "✅ Approved by {by} ({at})"},
    "people.decision_rejected": {"id": "❌ Ditolak oleh {by} ({at})", "en": "❌ Rejected by {by} ({at})"},
    "people.decision_revoked": {"id": "🚫 Dicabut oleh {by} ({at})", "en": "🚫 Revoked by {by} ({at})"},
    "people.decision_withdrawn": {"id": "ℹ️ Pendaftaran ini digantikan yang lebih baru.",
                                  "en": "ℹ️ This registration was replaced by a newer one."},
    "people.approve_button": {"id": "✅ Setujui", "en": "✅ Approve"},
    "people.reject_button": {"id": "❌ Tolak", "en": "❌ Reject"},
    "people.approved_answer": {"id": "Pendaftaran disetujui.", "en": "Registration approved."},
    "people.rejected_answer": {"id": "Pendaftaran ditolak.", "en": "Registration rejected."},
    "people.approved": {
        "id": "🎉 Pendaftaran Anda <b>disetujui</b>. Selamat bergabung di Sinergi! Ketik /bantuan untuk mulai.",
        "en": "🎉 Your registration was <b>approved</b>. Welcome to Sinergi! Send /help to get started.",
    },
    "people.rejected": {
        "id": "Pendaftaran Anda <b>ditolak</b>. Hubungi admin instansi Anda, atau daftar ulang dengan /daftar.",
        "en": "Your registration was <b>rejected</b>. Contact your agency's admin, or apply again with /register.",
    },
    "people.revoked": {
        "id": "Akses Anda ke Sinergi <b>dicabut</b>. Hubungi admin bila ini keliru; Anda dapat mendaftar ulang.",
        "en": "Your access to Sinergi was <b>revoked</b>. Contact an admin if this is a mistake; you may apply again.",
    },
    "people.role_changed": {
        "id": "🔑 Peran Anda sekarang: <b>{role}</b>. Menu perintah Anda telah diperbarui.",
        "en": "🔑 Your role is now: <b>{role}</b>. Your command menu has been updated.",
    },
    "people.profile": {
        "id": "👤 <b>Profil</b>\n\nNama: <b>{name}</b>{username}\nInstansi: {agency}\nWilayah: {region}\n"
              "Jabatan: {position}\nPeran: <b>{role}</b>\nStatus: {status}\nBahasa: {language}\n"
              "Terdaftar: {applied}{decided}",
        "en": "👤 <b>Profile</b>\n\nName: <b>{name}</b>{username}\nAgency: {agency}\nRegion: {region}\n"
              "Position: {position}\nRole: <b>{role}</b>\nStatus: {status}\nLanguage: {language}\n"
              "Registered: {applied}{decided}",
    },
    "people.profile_decided": {"id": "\nDiputuskan: {at}", "en": "\nDecided: {at}"},
    "people.profile_superadmin": {
        "id": "👤 Anda <b>super admin</b> (dari pengaturan SUPERADMIN_IDS); tidak memerlukan pendaftaran.",
        "en": "👤 You are a <b>super admin</b> (from the SUPERADMIN_IDS setting); no registration needed.",
    },
    "people.profile_none": {
        "id": "Anda belum terdaftar. Ketik /daftar untuk mendaftar.",
        "en": "You are not registered. Send /register to register.",
    },
    "role.member": {"id": "Anggota", "en": "Member"},
    "role.liaison": {"id": "Penghubung", "en": "Liaison"},
    "role.agency_admin": {"id": "Admin instansi", "en": "Agency admin"},
    "role.posko": {"id": "Staf posko", "en": "Command post staff"},
    "role.superadmin": {"id": "Super admin", "en": "Super admin"},
    "status.pending": {"id": "menunggu persetujuan", "en": "waiting for approval"},
    "status.active": {"id": "aktif", "en": "active"},
    "status.rejected": {"id": "ditolak", "en": "rejected"},
    "status.revoked": {"id": "dicabut", "en": "revoked"},
    "lang.name.id": {"id": "Bahasa Indonesia", "en": "Indonesian"},
    "lang.name.en": {"id": "Bahasa Inggris", "en": "English"},
    "lang.choose": {
        "id": "🌐 Pilih bahasa untuk {target}:",
        "en": "🌐 Choose the language for {target}:",
    },
    "lang.target_me": {"id": "Anda", "en": "you"},
    "lang.target_group": {"id": "grup ini", "en": "this group"},
    "lang.set_me": {"id": "✅ Bahasa diubah ke Bahasa Indonesia.", "en": "✅ Language set to English."},
    "lang.set_group": {"id": "✅ Bahasa grup ini diubah ke Bahasa Indonesia.",
                       "en": "✅ This group's language is now English."},
    "lang.group_admin_only": {
        "id": "Bahasa grup hanya dapat diubah oleh admin grup yang terdaftar aktif, atau super admin.",
        "en": "Only a group admin who is an active stakeholder, or a super admin, can change the group's language.",
    },
    "common.back": {"id": "◀ Kembali", "en": "◀ Back"},
    "common.cancel": {"id": "✖ Batal", "en": "✖ Cancel"},
    "common.send": {"id": "✅ Kirim", "en": "✅ Send"},
    "common.edit": {"id": "✏️ Ubah", "en": "✏️ Edit"},
    "common.prev": {"id": "◀", "en": "◀"},
    "common.next": {"id": "▶", "en": "▶"},
    "common.page": {"id": "{page}/{pages}", "en": "{page}/{pages}"},
    "common.this_level": {"id": "📍 Pilih: {name}", "en": "📍 Choose: {name}"},
    "common.cancelled": {"id": "Dibatalkan.", "en": "Cancelled."},
    "common.nothing_to_cancel": {"id": "Tidak ada yang sedang berjalan untuk dibatalkan.",
                                 "en": "There is nothing in progress to cancel."},
    "common.none": {"id": "-", "en": "-"},
}

TEXTS.update({
    "role.make": {"id": "Jadikan {role}", "en": "Make {role}"},
    "role.revoke_button": {"id": "🚫 Cabut akses", "en": "🚫 Revoke access"},
    "role.list_title": {
        "id": "🔑 <b>Peran</b> — {total} orang. Pilih orang untuk mengubah perannya, atau ketik "
              "<code>/peran @username</code> / <code>/peran &lt;id Telegram&gt;</code>.",
        "en": "🔑 <b>Roles</b> — {total} people. Choose a person to change their role, or type "
              "<code>/role @username</code> / <code>/role &lt;Telegram id&gt;</code>.",
    },
    "role.list_empty": {"id": "Belum ada anggota aktif.", "en": "No active members yet."},
    "role.changed_answer": {"id": "Peran diubah.", "en": "Role changed."},
    "role.revoked_answer": {"id": "Akses dicabut.", "en": "Access revoked."},
})
