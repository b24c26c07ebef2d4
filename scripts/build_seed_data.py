"""Build the seed data in ``db/seed_data/`` from the sourced domain brief.

Usage: ``python scripts/build_seed_data.py [--domain DIR] [--out DIR]``

The domain brief (default ``/work/shared/domain``: agencies.yaml, regions-polda-metro-jaya.yaml,
incident-categories.yaml, phases-pilkada-2024.yaml) is read ONLY here, at build time. The bot reads
the generated files in ``db/seed_data/`` and never the brief.

Facts (codes, names, dates, routing, severities) are copied from the brief. What the brief does not
have is curated in this file: display order, short button labels, aliases people type, English
translations of the hints and the guidance for field officers per stage.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DOMAIN = Path("/work/shared/domain")
DEFAULT_OUT = REPO / "db" / "seed_data"

# --------------------------------------------------------------------------------------------------
# Agencies
# --------------------------------------------------------------------------------------------------

AGENCY_ORDER = [
    "POLRI",
    "TNI",
    "KPU",
    "BAWASLU",
    "GAKKUMDU",
    "PEMDA",
    "KEJAKSAAN",
    "BIN",
    "DKPP",
    "BKN",
    "KEMENDAGRI",
    "MK",
]
SKIPPED_AGENCIES = {"POSKO"}  # the command post is a role and a kind of group in the bot, not an agency

AGENCIES: dict[str, dict[str, Any]] = {
    "POLRI": {
        "short": "Polri",
        "name_id": "Kepolisian Negara Republik Indonesia (Polda Metro Jaya)",
        "name_en": "Indonesian National Police (Greater Jakarta Metropolitan Regional Police)",
        "aliases": [
            "polisi",
            "kepolisian",
            "polda",
            "polda metro",
            "polda metro jaya",
            "pmj",
            "polres",
            "polresta",
            "polsek",
            "police",
        ],
        "source": ["A01", "A02"],
    },
    "TNI": {
        "short": "TNI",
        "name_id": "Tentara Nasional Indonesia (Kodam Jaya)",
        "name_en": "Indonesian National Armed Forces (Jakarta Military Area Command)",
        "aliases": ["tentara", "militer", "kodam", "kodam jaya", "kodim", "military", "armed forces"],
        "source": ["A04", "A06"],
    },
    "KPU": {
        "short": "KPU",
        "name_id": "Komisi Pemilihan Umum (KPU RI, KPU Provinsi, KPU Kabupaten/Kota)",
        "name_en": "General Elections Commission (national, provincial, regency/city)",
        "aliases": ["komisi pemilihan umum", "kpud", "ppk", "pps", "kpps", "election commission"],
        "source": ["A10", "A11"],
    },
    "BAWASLU": {
        "short": "Bawaslu",
        "name_id": "Badan Pengawas Pemilihan Umum (Bawaslu, Panwaslu, Pengawas TPS)",
        "name_en": "Election Supervisory Agency (down to polling-station supervisors)",
        "aliases": [
            "badan pengawas pemilu",
            "pengawas pemilu",
            "panwaslu",
            "panwascam",
            "pengawas tps",
            "ptps",
            "election supervisor",
        ],
        "source": ["A10", "A24"],
    },
    "GAKKUMDU": {
        "short": "Sentra Gakkumdu",
        "name_id": "Sentra Penegakan Hukum Terpadu (Bawaslu, Polri, Kejaksaan)",
        "name_en": "Integrated Law Enforcement Centre (Bawaslu, Police, Prosecution)",
        "aliases": ["sentra gakkumdu", "penegakan hukum terpadu", "integrated law enforcement"],
        "source": ["A26", "A23"],
    },
    "PEMDA": {
        "short": "Pemda",
        "name_id": "Pemerintah Daerah (Pemprov, Pemkot, Pemkab; Satpol PP, Linmas, Dishub, BPBD)",
        "name_en": "Regional government (province, city, regency) and its units",
        "aliases": [
            "pemerintah daerah",
            "pemprov",
            "pemkot",
            "pemkab",
            "satpol pp",
            "satpol",
            "linmas",
            "satlinmas",
            "dishub",
            "kesbangpol",
            "bpbd",
            "ppsu",
            "gulkarmat",
            "damkar",
            "local government",
        ],
        "source": ["A24", "A29"],
    },
    "KEJAKSAAN": {
        "short": "Kejaksaan",
        "name_id": "Kejaksaan Republik Indonesia (Kejaksaan Tinggi, Kejaksaan Negeri)",
        "name_en": "Public Prosecution Service (high and district prosecutors' offices)",
        "aliases": [
            "jaksa",
            "kejati",
            "kejari",
            "kejaksaan tinggi",
            "kejaksaan negeri",
            "penuntut umum",
            "prosecutor",
        ],
        "source": ["A26", "A27"],
    },
    "BIN": {
        "short": "BIN",
        "name_id": "Badan Intelijen Negara (BIN; Binda DKI Jakarta)",
        "name_en": "State Intelligence Agency (and its Jakarta regional office)",
        "aliases": ["badan intelijen negara", "binda", "kabinda", "intelligence agency"],
        "source": ["A35", "A36"],
    },
    "DKPP": {
        "short": "DKPP",
        "name_id": "Dewan Kehormatan Penyelenggara Pemilu",
        "name_en": "Honorary Council of Election Organisers (ethics body)",
        "aliases": ["dewan kehormatan", "dewan kehormatan penyelenggara pemilu", "ethics council"],
        "source": ["A10"],
    },
    "BKN": {
        "short": "BKN",
        "name_id": "Badan Kepegawaian Negara",
        "name_en": "National Civil Service Agency",
        "aliases": ["badan kepegawaian negara", "civil service agency"],
        "source": ["A25", "A37"],
    },
    "KEMENDAGRI": {
        "short": "Kemendagri",
        "name_id": "Kementerian Dalam Negeri",
        "name_en": "Ministry of Home Affairs",
        "aliases": ["kementerian dalam negeri", "mendagri", "depdagri", "home affairs", "home ministry"],
        "source": ["A33", "A39"],
    },
    "MK": {
        "short": "MK",
        "name_id": "Mahkamah Konstitusi",
        "name_en": "Constitutional Court",
        "aliases": ["mahkamah konstitusi", "constitutional court"],
        "source": ["A15", "A28"],
    },
}

# --------------------------------------------------------------------------------------------------
# Regions: aliases for provinces and kab/kota only. Plain "Bekasi", "Tangerang", "Bogor" are left out
# on purpose (city or regency? and "Tangerang" is also a kecamatan of Kota Tangerang): the matcher asks.
# --------------------------------------------------------------------------------------------------

REGION_ALIASES: dict[str, list[str]] = {
    "31": ["DKI", "Jakarta", "Jkt", "DKJ", "Daerah Khusus Jakarta", "Prov DKI"],
    "31.71": ["Jakpus", "Jak-Pus", "Jakarta Pst", "Jkt Pusat", "Kota Jakarta Pusat", "Central Jakarta"],
    "31.72": ["Jakut", "Jak-Ut", "Jakarta Utr", "Jkt Utara", "Kota Jakarta Utara", "North Jakarta"],
    "31.73": ["Jakbar", "Jak-Bar", "Jakarta Brt", "Jkt Barat", "Kota Jakarta Barat", "West Jakarta"],
    "31.74": ["Jaksel", "Jak-Sel", "Jakarta Sel", "Jkt Selatan", "Kota Jakarta Selatan", "South Jakarta"],
    "31.75": ["Jaktim", "Jak-Tim", "Jakarta Tim", "Jkt Timur", "Kota Jakarta Timur", "East Jakarta"],
    "31.01": [
        "Kep Seribu",
        "Kep. Seribu",
        "Kepseribu",
        "Pulau Seribu",
        "Kab Kepulauan Seribu",
        "Thousand Islands",
    ],
    "32": ["Jabar", "Prov Jabar", "Provinsi Jawa Barat", "West Java"],
    "32.76": ["Kota Depok", "Depok Kota", "Depok City"],
    "32.75": ["Bekasi Kota", "Kota Bks", "Bekasi City"],
    "32.16": ["Kab Bekasi", "Kab. Bekasi", "Bekasi Kab", "Kab Bks", "Bekasi Regency"],
    "32.01": ["Kab Bogor", "Kab. Bogor", "Bogor Kab", "Bogor Regency"],
    "36": ["Prov Banten", "Provinsi Banten", "Banten Province"],
    "36.71": ["Tangkot", "Tangerang Kota", "Kota Tng", "Tangerang City"],
    "36.74": ["Tangsel", "Tang-Sel", "Tangerang Sel", "Kota Tangerang Selatan", "South Tangerang"],
    "36.03": ["Kab Tangerang", "Kab. Tangerang", "Tangkab", "Tangerang Kab", "Kab Tng", "Tangerang Regency"],
}

LEVEL_OF_TYPE = {
    "provinsi": "provinsi",
    "kota": "kabkota",
    "kabupaten": "kabkota",
    "kota_administrasi": "kabkota",
    "kabupaten_administrasi": "kabkota",
    "kecamatan": "kecamatan",
    "kelurahan": "desa",
    "desa": "desa",
}

# --------------------------------------------------------------------------------------------------
# Categories
# --------------------------------------------------------------------------------------------------

GROUP_ORDER = ["pelanggaran", "kamtibmas", "teknis"]
GROUP_LABEL_EN = {  # the brief's English labels without the "(Bawaslu taxonomy)"-style suffixes
    "pelanggaran": "Election violations",
    "kamtibmas": "Security and public-order disturbances",
    "teknis": "Organiser and technical problems",
}

SEVERITY_HINT_ID = {
    "rendah": (
        "Tidak ada ancaman langsung terhadap orang atau proses pemungutan suara; masalah prosedural "
        "atau administratif."
    ),
    "sedang": "Pelanggaran atau gangguan yang perlu ditindak pada hari yang sama dan dapat meningkat.",
    "tinggi": (
        "Ancaman terhadap orang atau tahapan yang sedang berjalan (mis. di TPS pada hari pemungutan "
        "suara); tanggapi dalam satu jam."
    ),
    "kritis": "Kekerasan, kerusuhan, teror, atau perusakan logistik pemilihan yang sedang terjadi.",
}

# Per category: short labels (≤ 40 chars; the brief's full label goes to name_id / name_en when shortened),
# the English hint (translation of the brief's hint_id) and aliases (each used by one category only).
CATEGORIES: dict[str, dict[str, Any]] = {
    "PELANGGARAN_ADMINISTRASI": {
        "hint_en": (
            "The procedures, steps or mechanisms of a stage are not carried out according to the rules."
        ),
        "aliases": [
            "pelanggaran administrasi",
            "administrasi",
            "maladministrasi",
            "salah prosedur",
            "administrative violation",
        ],
    },
    "PELANGGARAN_ADMINISTRASI_TSM": {
        "label_id": "Pelanggaran administrasi TSM",
        "label_en": "TSM administrative violation",
        "hint_en": "An administrative violation that is planned, involves officials and is widespread.",
        "aliases": ["tsm", "pelanggaran tsm", "terstruktur sistematis masif"],
    },
    "TINDAK_PIDANA_PEMILIHAN": {
        "hint_en": "A criminal offence under the Pilkada law (for money politics, choose its own category).",
        "aliases": [
            "tindak pidana pemilihan",
            "tindak pidana pemilu",
            "pidana pemilu",
            "pidana pilkada",
            "pidana",
            "election crime",
        ],
    },
    "POLITIK_UANG": {
        "hint_en": "Promising or giving money or goods to influence someone's vote or to make them not vote.",
        "aliases": [
            "politik uang",
            "money politics",
            "money politic",
            "serangan fajar",
            "bagi-bagi uang",
            "bagi uang",
            "beli suara",
            "amplop",
            "sembako",
            "vote buying",
        ],
    },
    "KAMPANYE_LUAR_JADWAL": {
        "label_id": "Kampanye di luar jadwal / masa tenang",
        "label_en": "Campaigning off-schedule / quiet period",
        "hint_en": (
            "Campaign activities, advertising or campaign props (APK) still running outside the "
            "campaign period."
        ),
        # Props in the quiet period belong here ("apk masa tenang"); plain "apk" goes to PELANGGARAN_KAMPANYE.
        "aliases": [
            "kampanye luar jadwal",
            "kampanye masa tenang",
            "pelanggaran masa tenang",
            "apk masa tenang",
            "iklan masa tenang",
            "curi start",
            "off-schedule campaign",
        ],
    },
    "PELANGGARAN_KAMPANYE": {
        "label_id": "Pelanggaran aturan kampanye",
        "label_en": "Campaign-rule violation",
        "hint_en": (
            "Campaign props (APK) in prohibited places, campaigning at places of worship, or use of "
            "state facilities."
        ),
        "aliases": [
            "pelanggaran kampanye",
            "apk",
            "alat peraga",
            "alat peraga kampanye",
            "baliho",
            "spanduk",
            "poster",
            "fasilitas negara",
            "kampanye tempat ibadah",
            "campaign violation",
        ],
    },
    "PELANGGARAN_KODE_ETIK": {
        "label_en": "Ethics violation by an organiser",
        "hint_en": "A member of KPU, Bawaslu or an ad hoc body is not neutral or not professional.",
        "aliases": [
            "kode etik",
            "pelanggaran etik",
            "etik penyelenggara",
            "penyelenggara tidak netral",
            "ethics violation",
        ],
    },
    "PELANGGARAN_PERATURAN_LAINNYA": {
        "label_id": "Pelanggaran peraturan lainnya",
        "hint_en": (
            "A breach of rules outside the Pilkada law that relates to the election (e.g. neutrality)."
        ),
        "aliases": ["peraturan lain", "peraturan lainnya", "pelanggaran lain", "other law violation"],
    },
    "NETRALITAS_ASN": {
        "hint_en": "A civil servant (ASN) campaigns, takes sides or mobilises support for a candidate.",
        # Lurah and camat head kelurahan/kecamatan as civil servants (not elected village heads): ASN.
        "aliases": [
            "netralitas asn",
            "asn",
            "pns",
            "asn tidak netral",
            "pns tidak netral",
            "pegawai negeri",
            "lurah",
            "camat",
            "civil servant",
        ],
    },
    "NETRALITAS_KADES": {
        "label_id": "Netralitas kades, perangkat desa, RT/RW",
        "label_en": "Village-head / RT-RW neutrality breach",
        "hint_en": (
            "A village head, village official or neighbourhood (RT/RW) official takes part in "
            "partisan politics."
        ),
        "aliases": [
            "netralitas kades",
            "kades",
            "kepala desa",
            "kades tidak netral",
            "perangkat desa",
            "rt/rw",
            "ketua rt",
            "ketua rw",
            "village head",
        ],
    },
    "NETRALITAS_TNI_POLRI": {
        "label_en": "Military/police neutrality breach",
        "hint_en": "A TNI or Polri member shows partisanship or takes part in campaigning.",
        "aliases": [
            "netralitas tni",
            "netralitas polri",
            "netralitas tni polri",
            "oknum tni",
            "oknum polri",
            "aparat tidak netral",
        ],
    },
    "SENGKETA_PROSES": {
        "label_en": "Election-process dispute",
        "hint_en": "A participant objects to a KPU decision during a stage (e.g. on candidacy).",
        "aliases": ["sengketa proses", "sengketa pencalonan", "sengketa tahapan", "process dispute"],
    },
    "PERSELISIHAN_HASIL": {
        "label_en": "Results dispute (Constitutional Court)",
        "hint_en": (
            "A challenge to the election result filed by a candidate pair at the Constitutional Court."
        ),
        "aliases": [
            "perselisihan hasil",
            "sengketa hasil",
            "gugatan hasil",
            "gugatan mk",
            "sengketa mk",
            "php",
            "phpu",
            "php kada",
            "results dispute",
        ],
    },
    "HAK_PILIH_DPT": {
        "label_id": "Masalah hak pilih / DPT / undangan",
        "hint_en": (
            "A resident is not registered, did not receive the C Pemberitahuan notice, or was turned "
            "away from voting."
        ),
        "aliases": [
            "dpt",
            "hak pilih",
            "daftar pemilih",
            "tidak terdaftar",
            "ditolak memilih",
            "c pemberitahuan",
            "undangan memilih",
            "dptb",
            "dpk",
            "voter list",
        ],
    },
    "LOGISTIK": {
        "hint_en": "Ballot papers or ballot boxes are short, damaged, mixed up or arrive late.",
        "aliases": [
            "logistik pemilu",
            "surat suara",
            "kotak suara",
            "bilik suara",
            "surat suara kurang",
            "surat suara rusak",
            "surat suara tertukar",
            "logistics",
        ],
    },
    "KEBERATAN_REKAP": {
        "label_id": "Keberatan saksi saat hitung/rekap",
        "label_en": "Witness objection (counting/tabulation)",
        "hint_en": (
            "A candidate pair's witness objects or refuses to sign the official record (berita acara)."
        ),
        "aliases": [
            "keberatan rekap",
            "keberatan saksi",
            "saksi keberatan",
            "keberatan",
            "rekap",
            "rekapitulasi",
            "tolak tanda tangan",
            "walk out",
            "berita acara",
        ],
    },
    "PETUGAS_KESEHATAN": {
        "hint_en": "A KPPS, PPS or PPK member or a security officer falls ill or dies on duty.",
        "aliases": [
            "petugas sakit",
            "petugas meninggal",
            "kpps sakit",
            "kpps meninggal",
            "kpps pingsan",
            "pingsan",
            "sakit",
            "kelelahan",
            "meninggal dunia",
            "kesehatan",
        ],
    },
    "PROVOKASI_HASUTAN": {
        "hint_en": "Calls or incitement (online or offline) to riot or break the law.",
        "aliases": [
            "provokasi",
            "hasutan",
            "provokator",
            "menghasut",
            "penghasutan",
            "konten provokatif",
            "provocation",
            "incitement",
        ],
    },
    "UJARAN_KEBENCIAN_SARA": {
        "label_en": "Hate speech / SARA exploitation",
        "hint_en": (
            "Content that spreads hatred based on ethnicity, religion, race or inter-group identity (SARA)."
        ),
        "aliases": [
            "sara",
            "isu sara",
            "politisasi sara",
            "ujaran kebencian",
            "kebencian",
            "rasis",
            "hate speech",
        ],
    },
    "HOAKS_DISINFORMASI": {
        "hint_en": "False information circulating about candidates, organisers or the stages.",
        "aliases": [
            "hoaks",
            "hoax",
            "berita bohong",
            "kabar bohong",
            "disinformasi",
            "misinformasi",
            "fitnah",
            "kampanye hitam",
            "black campaign",
            "fake news",
        ],
    },
    "ANCAMAN_INTIMIDASI": {
        # "teror" is TERORISME's, and so are "ancaman teror" / "ancaman bom".
        "hint_en": "A real threat against voters, organisers, witnesses or candidates.",
        "aliases": ["ancaman", "intimidasi", "diancam", "mengancam", "pengancaman", "threat", "intimidation"],
    },
    "UNJUK_RASA": {
        "hint_en": "A mass action at KPU, Bawaslu or elsewhere; state the situation: green, yellow or red.",
        "aliases": [
            "unjuk rasa",
            "unras",
            "demo",
            "demonstrasi",
            "aksi massa",
            "pengerahan massa",
            "protest",
            "demonstration",
        ],
    },
    "BENTROKAN": {
        "hint_en": "A fight or physical clash between groups of supporters or participants.",
        "aliases": [
            "bentrok",
            "tawuran",
            "perkelahian",
            "berkelahi",
            "bentrok massa",
            "bentrok pendukung",
            "clash",
        ],
    },
    "KERUSUHAN": {
        "hint_en": "Destruction, arson or mob violence.",
        "aliases": ["rusuh", "anarkis", "anarki", "amuk massa", "kekerasan massa", "penjarahan", "riot"],
    },
    "GANGGUAN_TPS": {
        "label_en": "Disturbance at a polling station",
        "hint_en": (
            "Commotion, forced entry, double voting or another disturbance at a polling station (TPS)."
        ),
        "aliases": [
            "gangguan tps",
            "tps",
            "tps ricuh",
            "ribut di tps",
            "keributan tps",
            "pemilih ganda",
            "coblos ganda",
            "polling station",
        ],
    },
    "SABOTASE_LOGISTIK": {
        "label_id": "Perusakan/pencurian/sabotase logistik",
        "label_en": "Sabotage/theft of election materials",
        "hint_en": "Ballot boxes or ballot papers damaged, burned or stolen, or their distribution blocked.",
        "aliases": [
            "sabotase",
            "sabotase logistik",
            "perusakan logistik",
            "pencurian logistik",
            "logistik dicuri",
            "logistik dirusak",
            "surat suara dibakar",
            "kotak suara dibakar",
            "kotak suara dicuri",
            "penghadangan logistik",
            "sabotage",
        ],
    },
    "TERORISME": {
        "hint_en": "A bomb threat, a suspicious object or signs of a terror act.",
        "aliases": [
            "teror",
            "teroris",
            "ancaman teror",
            "bom",
            "ancaman bom",
            "benda mencurigakan",
            "barang mencurigakan",
            "terror",
            "terrorism",
            "bomb",
        ],
    },
    "LALU_LINTAS": {
        "hint_en": "Congestion or road closures caused by campaigning, convoys or election-stage events.",
        "aliases": [
            "lalu lintas",
            "lalin",
            "macet",
            "kemacetan",
            "penutupan jalan",
            "jalan ditutup",
            "konvoi",
            "traffic",
            "traffic jam",
        ],
    },
    "BENCANA": {
        "hint_en": "A flood, tidal flood (rob), fire or other disaster disrupting a TPS or logistics.",
        "aliases": [
            "banjir",
            "rob",
            "banjir rob",
            "kebakaran",
            "gempa",
            "longsor",
            "cuaca ekstrem",
            "angin kencang",
            "pohon tumbang",
            "disaster",
            "flood",
            "fire",
        ],
    },
    "KAMTIBMAS_LAIN": {
        "hint_en": "Another security incident related to an election stage.",
        "aliases": [
            "kamtibmas",
            "gangguan kamtibmas",
            "kamtibmas lain",
            "kriminal",
            "lainnya",
            "lain-lain",
            "other",
        ],
    },
}

# --------------------------------------------------------------------------------------------------
# Stages: English name overrides and the guidance for field officers (faithful to the brief)
# --------------------------------------------------------------------------------------------------

SUB_STAGE_PARENT = "PENGHITUNGAN_REKAPITULASI"

STAGE_NAME_EN = {
    "KAMPANYE": "Campaign period",
    "MASA_TENANG": "Quiet period",
    "PEMUNGUTAN_SUARA": "Voting day",
}

GUIDANCE: dict[str, tuple[str, str]] = {
    "PERENCANAAN_PROGRAM_ANGGARAN": (
        "Persiapan internal KPU (program dan anggaran). Belum ada kegiatan lapangan yang perlu diamankan.",
        "Internal KPU preparation (programme and budget). No field activity to secure yet.",
    ),
    "PENYUSUNAN_PERATURAN": (
        "KPU menyusun dan mengubah peraturan sepanjang tahapan (mis. PKPU 10/2024 tentang pencalonan terbit "
        "25 Agustus 2024 setelah putusan MK). Ikuti perubahan aturan yang memengaruhi pengamanan.",
        "KPU drafts and amends rules throughout the stages (e.g. PKPU 10/2024 on candidacy, issued on "
        "25 August 2024 after Constitutional Court rulings). Follow rule changes that affect security.",
    ),
    "PERENCANAAN_PENYELENGGARAAN": (
        "KPU menetapkan tata cara dan jadwal tahapan. Pastikan jadwal tahapan di bot sesuai "
        "jadwal resmi KPU.",
        "KPU sets the procedures and the stage schedule. Make sure the stages in the bot match KPU's "
        "official schedule.",
    ),
    "PEMBENTUKAN_BADAN_ADHOC": (
        "KPU membentuk PPK (kecamatan), PPS (kelurahan/desa) dan KPPS (TPS). Catat kontak badan ad hoc di "
        "wilayah Anda; petugas ketertiban TPS (2 per TPS) berasal dari Linmas.",
        "KPU forms the PPK (district), PPS (village) and KPPS (polling-station) committees. Note their "
        "contacts in your area; the two TPS order officers per TPS come from Linmas.",
    ),
    "PEMBENTUKAN_PENGAWAS_ADHOC": (
        "Bawaslu membentuk Panwaslu Kecamatan, Panwaslu Kelurahan/Desa dan Pengawas TPS menurut jadwalnya "
        "sendiri. Kenali pengawas di wilayah Anda untuk meneruskan laporan pelanggaran.",
        "Bawaslu forms its district, village and polling-station supervisors on its own "
        "schedule. Get to know "
        "the supervisors in your area to pass on reports of violations.",
    ),
    "PEMANTAU_PEMILIHAN": (
        "KPU menerima pemberitahuan dan pendaftaran pemantau pemilihan. Bila ragu atas pemantau di lapangan, "
        "cek pendaftarannya ke KPU setempat.",
        "KPU takes notifications and registrations of election observers. If in doubt about an observer in "
        "the field, check the registration with the local KPU.",
    ),
    "PENYERAHAN_DP4": (
        "Pemerintah menyerahkan daftar penduduk potensial pemilih (DP4) kepada KPU sebagai bahan daftar "
        "pemilih.",
        "The government hands the list of potential voters (DP4) to KPU as the basis of the voter list.",
    ),
    "PEMUTAKHIRAN_DAFTAR_PEMILIH": (
        "KPU memutakhirkan daftar pemilih sampai DPT ditetapkan. Laporkan warga yang tidak terdaftar atau "
        "data ganda dengan kategori hak pilih/DPT.",
        "KPU updates the voter list until the final list (DPT) is set. Report residents who are missing or "
        "listed twice under the voter-list category.",
    ),
    "DUKUNGAN_CALON_PERSEORANGAN": (
        "Bakal pasangan calon perseorangan memenuhi syarat dukungan yang diverifikasi KPU.",
        "Would-be independent candidate pairs meet the support requirements, which KPU verifies.",
    ),
    "PENGUMUMAN_PENDAFTARAN": (
        "KPU mengumumkan pendaftaran pasangan calon. Siapkan pengamanan kantor KPU untuk masa "
        "pendaftaran berikutnya.",
        "KPU announces the registration of candidate pairs. Prepare security at KPU offices for the "
        "registration days that follow.",
    ),
    "PENDAFTARAN_PASLON": (
        "Pasangan calon mendaftar ke KPU (KPU DKI: 08.00–16.00 WIB, hari terakhir sampai 23.59 WIB). "
        "Amankan kantor KPU dan pasangan calon; atur lalu lintas di sekitar kantor KPU.",
        "Candidate pairs register at KPU (KPU DKI: 08.00–16.00 WIB, on the last day until 23.59 WIB). "
        "Secure KPU offices and the candidates; manage traffic around KPU offices.",
    ),
    "PENELITIAN_PERSYARATAN": (
        "KPU meneliti persyaratan calon. Keberatan peserta atas keputusan KPU dapat diajukan ke Bawaslu "
        "sebagai sengketa proses.",
        "KPU checks the candidates' requirements. A participant's objection to a KPU decision can go to "
        "Bawaslu as a process dispute.",
    ),
    "PENETAPAN_PASLON": (
        "KPU menetapkan pasangan calon. Antisipasi unjuk rasa di kantor KPU; polisi dapat mengalihkan lalu "
        "lintas secara situasional di sekitar KPU.",
        "KPU determines the candidate pairs. Expect demonstrations at KPU offices; police may divert traffic "
        "around KPU as the situation requires.",
    ),
    "PENGUNDIAN_NOMOR_URUT": (
        "Pengundian nomor urut serentak oleh semua KPU (KPU DKI pada malam hari). Amankan lokasi pengundian "
        "dan massa pendukung.",
        "All KPU offices draw the ballot numbers on the same day (KPU DKI in the evening). Secure the venue "
        "and the supporters gathering there.",
    ),
    "KAMPANYE": (
        "Masa kampanye 60 hari. Awasi politik uang, keterlibatan ASN/TNI/Polri, fasilitas negara, APK di "
        "tempat terlarang dan bentrokan antarpendukung; amankan kampanye, debat dan lalu lintas.",
        "The 60-day campaign. Watch for money politics, involvement of civil servants, military or police, "
        "use of state facilities, props in forbidden places and supporter clashes; secure rallies, debates "
        "and traffic.",
    ),
    "MASA_TENANG": (
        "Kampanye dilarang sejak pukul 00.00 WIB hari pertama; APK wajib ditertibkan (dipimpin "
        "Bawaslu bersama Satpol PP, Polri dan TNI). Waspadai politik uang dan kawal distribusi "
        "logistik ke TPS.",
        "Campaigning is banned from 00.00 WIB on the first day; campaign props must be removed (led "
        "by Bawaslu with Satpol PP, police and military). Watch for money politics and escort "
        "logistics to the TPS.",
    ),
    "PEMUNGUTAN_SUARA": (
        "Hari libur nasional. TPS buka 07.00–13.00 WIB; pemilih yang antre pukul 13.00 tetap "
        "dilayani. Penjaga tetap di luar TPS dan masuk hanya bila ada gangguan; jangan tinggalkan "
        "logistik.",
        "A national holiday. TPS open 07.00–13.00 WIB; voters queuing at 13.00 are still served. "
        "Guards stay outside the TPS and enter only if there is a disturbance; never leave the "
        "logistics.",
    ),
    "PENGHITUNGAN_REKAPITULASI": (
        "Penghitungan di TPS langsung setelah pemungutan, lalu rekapitulasi berjenjang (kecamatan, "
        "kabupaten/kota, provinsi). Kawal kotak suara, amankan lokasi rekap; waspadai keberatan saksi dan "
        "unjuk rasa.",
        "Counting at the TPS right after voting, then tiered tabulation (district, regency/city, province). "
        "Escort ballot boxes and secure tabulation venues; watch for witness objections and demonstrations.",
    ),
    "PENYAMPAIAN_HASIL_TPS": (
        "PPS menyampaikan hasil penghitungan TPS ke PPK. Kawal perpindahan kotak suara dan dokumen hasil.",
        "The village committees (PPS) hand polling-station results to the district committee (PPK). Escort "
        "the ballot boxes and result documents.",
    ),
    "REKAP_KECAMATAN": (
        "Rapat pleno rekapitulasi PPK di kecamatan. Amankan lokasi pleno dan penyimpanan kotak suara; "
        "laporkan keberatan saksi.",
        "District committee (PPK) tabulation plenaries. Secure the venues and the ballot-box storage; report "
        "witness objections.",
    ),
    "REKAP_KABKOTA": (
        "Rekapitulasi di KPU kabupaten/kota, termasuk hasil pemilihan bupati/wali kota. Amankan pleno dan "
        "kantor KPU; antisipasi unjuk rasa.",
        "Tabulation at the regency/city KPU, including the results of regent and mayor races. Secure the "
        "plenary and the KPU office; expect demonstrations.",
    ),
    "REKAP_PROVINSI": (
        "Rekapitulasi pemilihan gubernur di KPU provinsi (KPU DKI menetapkan hasil pada 8 Desember 2024). "
        "Amankan pleno dan kantor KPU provinsi; antisipasi unjuk rasa.",
        "Governor-race tabulation at the provincial KPU (KPU DKI signed its result on 8 December 2024). "
        "Secure the plenary and the provincial KPU office; expect demonstrations.",
    ),
    "SENGKETA_HASIL_MK": (
        "Pasangan calon dapat menggugat hasil ke MK, yang memutus dalam 45 hari kerja sejak registrasi "
        "perkara. Hasil Pilgub Jakarta 2024 tidak digugat; pantau perkara wilayah lain.",
        "Candidate pairs may challenge results at the Constitutional Court, which rules within 45 working "
        "days of registering a case. The 2024 Jakarta result was not challenged; follow other "
        "regions' cases.",
    ),
    "PENETAPAN_CALON_TERPILIH": (
        "KPU menetapkan pasangan calon terpilih setelah pemberitahuan atau putusan MK (paling lambat 5 hari "
        "menurut PKPU 2/2024, 3 hari menurut PKPU 18/2024). Amankan rapat pleno penetapan.",
        "KPU determines the winning pair after the Constitutional Court's notice or ruling (within 5 days "
        "per PKPU 2/2024, 3 days per PKPU 18/2024). Secure the determination plenary.",
    ),
    "PENGUSULAN_PENGANGKATAN": (
        "Paling lambat 3 hari setelah penetapan, pasangan terpilih diusulkan untuk disahkan dan diangkat "
        "(Jakarta: DPRD DKI mengumumkan pada 14 Januari 2025).",
        "Within 3 days of the determination, the winning pair is proposed for confirmation and appointment "
        "(Jakarta: the DPRD DKI announced it on 14 January 2025).",
    ),
    "PELANTIKAN_KEPALA_DAERAH": (
        "Pelantikan serentak di Istana pukul 10.00 WIB; tanggal ditetapkan Perpres dan dapat bergeser"
        " (Perpres 80/2024 semula menjadwalkan 7 dan 10 Februari 2025). Daerah yang bersengketa di MK"
        " dilantik kemudian.",
        "Joint inauguration at the Palace at 10.00 WIB; the date is set by presidential regulation "
        "and can move (Perpres 80/2024 had planned 7 and 10 February 2025). Regions with pending "
        "court disputes are inaugurated later.",
    ),
}

DATE_RULE_ID = {
    "PEMBENTUKAN_PENGAWAS_ADHOC": "Menurut jadwal Bawaslu sendiri, tidak ditetapkan dalam PKPU 2/2024.",
    "SENGKETA_HASIL_MK": (
        "Mengikuti jadwal Mahkamah Konstitusi; MK memutus dalam 45 hari kerja sejak perkara "
        "diregistrasi di e-BRPK."
    ),
    "PENETAPAN_CALON_TERPILIH": (
        "Tanpa sengketa: paling lambat N hari setelah MK memberitahukan perkara yang "
        "diregistrasi (BRPK). Dengan sengketa: paling lambat N hari setelah KPU menerima "
        "putusan MK. N = 5 menurut PKPU 2/2024, N = 3 menurut PKPU 18/2024 Pasal 57 "
        "(dikutip KPU DKI)."
    ),
    "PENGUSULAN_PENGANGKATAN": (
        "Paling lambat 3 hari setelah pasangan calon terpilih ditetapkan (dengan atau tanpa sengketa di MK)."
    ),
}

# Comments written above a stage where the brief marks a date as uncertain or disputed.
STAGE_COMMENTS = {
    "PEMBENTUKAN_BADAN_ADHOC": "S04's headline says the formation started on 23 Apr 2024 in practice.",
    "PENDAFTARAN_PASLON": (
        "Clock times are KPU DKI Jakarta's (08.00-16.00 on days 1-2, until 23.59 on day 3); "
        "other KPU offices may differ. One article (S07) wrongly gives 24-26 Aug."
    ),
    "MASA_TENANG": (
        "One article (S08) says 23-26 Nov; Bawaslu (S10, S11) says 24-26 Nov, from 00.00 on 24 Nov."
    ),
    "SENGKETA_HASIL_MK": (
        "No fixed dates (follows MK). 2024/25 actuals: petitions from 9 Dec 2024, 309 cases "
        "registered 3 Jan 2025, final rulings 24 Feb 2025 (PMK 1/2025; PMK 14/2024 had "
        "planned 7-11 Mar 2025). Uncertain as a schedule, so the dates stay null."
    ),
    "PENETAPAN_CALON_TERPILIH": (
        "Deadline disputed: 5 days (PKPU 2/2024 as reported) vs 3 days (PKPU 18/2024 "
        "per KPU DKI). Jakarta actual: 9 Jan 2025. Dates stay null."
    ),
    "PENGUSULAN_PENGANGKATAN": "Relative deadline only; Jakarta actual: DPRD DKI plenary on 14 Jan 2025.",
    "PELANTIKAN_KEPALA_DAERAH": (
        "Not a PKPU stage. Perpres 80/2024 planned 7 Feb (governors) and 10 Feb 2025 "
        "(regents/mayors); the joint inauguration was held on 20 Feb 2025 (Perpres "
        "13/2025 as reported)."
    ),
    "REKAP_KABKOTA": "S13/S14 also mention public announcement at regency/city level up to 12 Dec 2024.",
    "REKAP_PROVINSI": "KPU said official results would be announced on 15 Dec 2024 (S14).",
}

# Short labels for the sources cited in the seed files (title of the brief's source, shortened).
SOURCE_LABELS = {
    "S01": "Sabang Merauke News (PKPU 2/2024 list)",
    "S02": "Okezone 2024-08-13",
    "S04": "Harnas News (KPU RI stage list)",
    "S05": "Pikiran Rakyat 2024-05-25",
    "S06": "Blog list citing PKPU 2/2024 (low authority)",
    "S09": "Tribunnews 2024-09-23",
    "S10": "Okezone 2024-11-24 (Bawaslu)",
    "S11": "Viva 2024-11-23",
    "S12": "Keppres 33/2024 (Dutakabar)",
    "S13": "Liputan6 2024-11-27",
    "S16": "Onews 2024-12-20 (KPU DKI)",
    "S19": "Okezone 2025-01-08",
    "S22": "Amnesia.id (PHP Kada, 45 working days)",
    "S23": "Liputan6 (Perpres 80/2024)",
    "S24": "Sketsa 2025-02-20",
    "S32": "Bloomberg Technoz 2024-08-24",
    "S35": "DPRD DKI 2025-01-14 (odd URL)",
    "S39": "CNN Indonesia mirror (PKPU 17/2024)",
}


# --------------------------------------------------------------------------------------------------
# YAML output
# --------------------------------------------------------------------------------------------------


class Quoted(str):
    """A string written with double quotes (codes like "31.74", dates)."""

    __slots__ = ()


class Flow(dict[str, Any]):
    """A mapping written on one line (subdivisions, contests)."""

    __slots__ = ()


class _Dumper(yaml.SafeDumper):
    """Block-style mappings with indented sequences; scalar lists in flow style."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _repr_quoted(dumper: yaml.SafeDumper, data: Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')


def _repr_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    # Scalar lists on one line unless that line would be long (then one item per line, never folded).
    flow = all(isinstance(x, str | int) for x in data) and sum(len(str(x)) + 2 for x in data) <= 97
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _repr_flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", dict(data), flow_style=True)


_Dumper.add_representer(Quoted, _repr_quoted)
_Dumper.add_representer(Flow, _repr_flow)
_Dumper.add_representer(list, _repr_list)


def _dump(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False
    )


def _q(value: str | None) -> Quoted | None:
    return None if value is None else Quoted(value)


def _section(
    key: str,
    items: list[dict[str, Any]],
    comments: dict[int, list[str]] | None = None,
    blank_lines: bool = True,
) -> str:
    """Write ``key:`` and its list items, each optionally preceded by comment lines."""
    out = [f"{key}:\n"]
    for i, item in enumerate(items):
        for line in (comments or {}).get(i, []):
            for part in textwrap.wrap(line, width=104, subsequent_indent="  ") or [""]:
                out.append(f"  # {part}\n" if part else "  #\n")
        text = _dump([item])
        out.append("".join("  " + ln + "\n" for ln in text.rstrip("\n").split("\n")))
        if blank_lines and i < len(items) - 1:
            out.append("\n")
    return "".join(out)


def _header(lines: list[str]) -> str:
    """Comment lines, each wrapped at 106 chars (continuations keep the line's indent)."""
    out = []
    for ln in lines:
        indent = " " * (len(ln) - len(ln.lstrip()))
        for part in textwrap.wrap(ln, width=106, subsequent_indent=indent) or [""]:
            out.append(f"# {part}\n" if part else "#\n")
    return "".join(out) + "\n"


def _source_string(
    ids: list[str], sources: dict[str, Any], labels: dict[str, str] | None = None, limit: int = 1
) -> str | None:
    """`[ids] short title — url` of the first `limit` sources; every id is kept for traceability."""
    ids = [i for i in ids if i in sources]
    if not ids:
        return None
    parts = []
    for sid in ids[:limit]:
        src = sources[sid]
        label = (labels or {}).get(sid) or src["title"].split(":")[0].strip()
        parts.append(f"{label} — {src['url']}")
    return f"[{', '.join(ids)}] " + " | ".join(parts)


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# --------------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------------

COMMON_HEADER = [
    "The bot loads this file to seed its reference tables; admins may change agencies, regions,",
    "categories and stages in the bot later (edited rows are not overwritten by a re-seed).",
    "Generated by scripts/build_seed_data.py from the sourced domain brief (/work/shared/domain, read only",
    "at build time, never at runtime); edit the generator and rebuild rather than this file by hand.",
]


def build_agencies(domain: Path) -> str:
    """Return agencies.yaml."""
    src = _load(domain / "agencies.yaml")
    by_code = {a["code"]: a for a in src["agencies"]}
    missing = set(by_code) - set(AGENCY_ORDER) - SKIPPED_AGENCIES
    if missing or set(AGENCY_ORDER) - set(by_code):
        raise SystemExit(
            f"agency codes out of sync with the brief: {missing or set(AGENCY_ORDER) - set(by_code)}"
        )
    items = []
    for order, code in enumerate(AGENCY_ORDER, start=1):
        cur = AGENCIES[code]
        items.append(
            {
                "code": code,
                "order": order,
                "short": cur["short"],
                "name_id": cur["name_id"],
                "name_en": cur["name_en"],
                "aliases": cur["aliases"],
                "source": _source_string(cur["source"], src["sources"]),
            }
        )
    header = _header(
        [
            "Sinergi seed data: the agencies that take part in securing Pilkada 2024 in the Polda "
            "Metro Jaya area.",
            "",
            "Derived from the domain brief's agencies.yaml (source ids A01..A39 in `source`). The "
            "brief's virtual",
            "POSKO record is left out on purpose: the command post is a role and a kind of group "
            "in the bot, not",
            "an agency. Which agencies act on or are told of each incident category is in categories.yaml",
            "(`responsible` / `inform`).",
            "",
            "Fields: code (primary key), order (display order), short (button label, <= 20 chars), name_id /",
            "name_en (<= 80 chars), aliases (lower-case words people type), source (short attribution).",
            "",
            *COMMON_HEADER,
        ]
    )
    return header + _section("agencies", items)


def build_regions(domain: Path) -> str:
    """Return regions.yaml."""
    src = _load(domain / "regions-polda-metro-jaya.yaml")
    rows = [*src["regions"], *src["subdivisions"]]
    items: list[dict[str, Any]] = []
    comments: dict[int, list[str]] = {}
    names = {r["id"]: r["name"] for r in rows}
    last_parent = None
    for r in rows:
        code = r["id"]
        if r.get("kemendagri_code", code) != code:
            raise SystemExit(f"region {code}: id and kemendagri_code differ")
        level = LEVEL_OF_TYPE[r["type"]]
        item: dict[str, Any] = (
            {"code": Quoted(code)} if level in ("provinsi", "kabkota") else Flow(code=Quoted(code))
        )
        if r.get("bps_code"):
            item["bps_code"] = Quoted(r["bps_code"])
        item["name"] = r["name"]
        if r.get("official_name"):
            item["official_name"] = r["official_name"]
        item["level"] = level
        item["type"] = r["type"]
        item["parent"] = _q(r.get("parent"))
        if level in ("provinsi", "kabkota"):
            item["aliases"] = REGION_ALIASES[code]
        elif code in REGION_ALIASES:
            raise SystemExit(f"aliases are only for provinces and kab/kota: {code}")
        # a comment line at the start of each kab/kota block of subdivisions
        if level == "kecamatan" and r["parent"] != last_parent:
            last_parent = r["parent"]
            comments[len(items)] = [f"--- subdivisions of {names[r['parent']]} ({r['parent']}) ---"]
        items.append(item)
    missing = set(REGION_ALIASES) - {i["code"] for i in items}
    if missing:
        raise SystemExit(f"aliases for unknown regions: {missing}")
    counts = {
        lvl: sum(1 for i in items if i["level"] == lvl)
        for lvl in ("provinsi", "kabkota", "kecamatan", "desa")
    }
    header = _header(
        [
            "Sinergi seed data: the regions of the Polda Metro Jaya area, as one flat list.",
            "",
            f"{counts['provinsi']} provinces, {counts['kabkota']} kab/kota, {counts['kecamatan']} "
            "kecamatan and "
            f"{counts['desa']} kelurahan (Jakarta only; the brief lists no kelurahan/desa",
            "outside Jakarta). Derived from the domain brief's regions-polda-metro-jaya.yaml, in its order",
            "(provinces with their kab/kota first, then the subdivisions; a parent always comes "
            "before its children).",
            "",
            "code: Kemendagri code (Kepmendagri 100.1.1-6117/2022, identical in "
            "300.2.2-2138/2025), the primary key.",
            "  Source R05: github.com/cahyadsn/wilayah (db/wilayah.sql, db/archive/wilayah_2023.sql).",
            "bps_code: BPS Master File Desa code, given for provinces and kab/kota only. It DIFFERS from the",
            "  Kemendagri code for Jakarta (Jakarta Pusat 31.71 = BPS 3173); never derive one "
            "from the other.",
            "  Sources R23 github.com/edwardsamuel/Wilayah-Administratif-Indonesia (csv/regencies.csv) and",
            "  R24 github.com/emsifa/api-wilayah-indonesia (api/regencies/32.json, 36.json).",
            "level: provinsi | kabkota | kecamatan | desa (kelurahan and desa are both level desa).",
            "type: the brief's type (provinsi, kota, kabupaten, kota_administrasi, kabupaten_administrasi,",
            "  kecamatan, kelurahan, desa).",
            "aliases: only for provinces and kab/kota; each alias names ONE region. Plain "
            '"Bekasi", "Tangerang"',
            '  and "Bogor" are deliberately absent (city or regency? "Tangerang" is also a kecamatan): the',
            "  matcher asks. Several kecamatan/kelurahan share a name (e.g. Gambir kecamatan and kelurahan,",
            "  Cipayung in Jakarta Timur and Depok): the matcher must ask there too.",
            "Police jurisdiction (Polres per kab/kota, split Kab. Tangerang / Kab. Bogor) is in "
            "the brief, not here.",
            "",
            *COMMON_HEADER,
        ]
    )
    return header + _section("regions", items, comments, blank_lines=False)


def build_categories(domain: Path, stage_codes: set[str]) -> str:
    """Return categories.yaml."""
    src = _load(domain / "incident-categories.yaml")
    sources = src["sources"]
    severities = []
    for s in src["severity_scale"]:
        severities.append(
            {
                "code": s["code"],
                "rank": s["rank"],
                "label_id": s["label_id"],
                "label_en": s["label_en"],
                "ack_minutes": s["suggested_ack_minutes"],
                "hint_id": SEVERITY_HINT_ID[s["code"]],
                "hint_en": s["meaning"],
                "police_analogue": s["police_analogue"],
                "source": _source_string(s["source"], sources),
            }
        )
    if list(src["groups"]) != ["pelanggaran", "teknis", "kamtibmas"] or set(GROUP_ORDER) != set(
        src["groups"]
    ):
        raise SystemExit("category groups changed in the brief")
    groups = [
        {"code": g, "order": i, "label_id": src["groups"][g]["label_id"], "label_en": GROUP_LABEL_EN[g]}
        for i, g in enumerate(GROUP_ORDER, start=1)
    ]
    if [c["code"] for c in src["categories"]] != list(CATEGORIES):
        raise SystemExit("category codes/order out of sync with the brief")
    cats = []
    for order, c in enumerate(src["categories"], start=1):
        cur = CATEGORIES[c["code"]]
        item: dict[str, Any] = {"code": c["code"], "group": c["group"], "order": order}
        if c.get("parent"):
            item["parent"] = c["parent"]
        item["label_id"] = cur.get("label_id", c["label_id"])
        item["label_en"] = cur.get("label_en", c["label_en"])
        if item["label_id"] != c["label_id"]:
            item["name_id"] = c["label_id"]
        if item["label_en"] != c["label_en"]:
            item["name_en"] = c["label_en"]
        item["hint_id"] = c["hint_id"]
        item["hint_en"] = cur["hint_en"]
        item["default_severity"] = c["default_severity"]
        item["responsible"] = list(c["responsible"])
        item["inform"] = list(c["inform"])
        peaks = [p for p in c.get("peak_phases", []) if p in stage_codes]
        if peaks:
            item["peak_stages"] = peaks
        item["aliases"] = cur["aliases"]
        item["source"] = _source_string(c.get("sources", []), sources) or "project proposal (no source)"
        cats.append(item)
    header = _header(
        [
            "Sinergi seed data: severity levels, category groups and the 30 incident categories.",
            "",
            "Derived from the domain brief's incident-categories.yaml (source ids C01..C38 in "
            "`source`). Codes,",
            "groups, default_severity, responsible and inform are the brief's. Two vocabularies combined:",
            "pelanggaran = Bawaslu's violation types; kamtibmas = police security/public-order disturbances;",
            "teknis = organiser problems KPU resolves.",
            "",
            "SEVERITIES ARE A PROJECT PROPOSAL: no official severity scale for incident reports "
            "was found. The",
            "levels borrow police gradations (potensi/ambang/gangguan nyata; Dalmas hijau/kuning/merah; TPS",
            "kurang rawan/rawan/sangat rawan); ack_minutes are the brief's suggested deadlines, not rules.",
            "Proposed context rules from the brief (not encoded here): raise one level in MASA_TENANG,",
            "PEMUNGUTAN_SUARA or the first days of PENGHITUNGAN_REKAPITULASI, or at a TPS the police rated",
            "rawan / sangat rawan; for UNJUK_RASA let the reporter pick the Dalmas colour (hijau -> rendah,",
            "kuning -> tinggi, merah -> kritis).",
            "",
            "Per category: order = position in the brief (display order); label_id / label_en <= "
            "40 chars for",
            "buttons, with the brief's full label in name_id / name_en when shortened; hint_id is "
            "the brief's,",
            "hint_en its translation; parent / peak_stages are optional extras from the brief "
            "(peak_stages use",
            "stage codes of stages.yaml). aliases: words officers type in `/lapor <kategori> "
            "<wilayah>: ...`;",
            "each alias belongs to ONE category and is not a region name or alias. The code also works as a",
            "name. Ambiguous words (keributan, ricuh, perusakan, pembakaran, meninggal, undangan) "
            "are left out.",
            "",
            *COMMON_HEADER,
        ]
    )
    return (
        header
        + _section("severities", severities)
        + "\n"
        + _section("groups", groups)
        + "\n"
        + _section("categories", cats)
    )


def build_stages(domain: Path) -> tuple[str, set[str]]:
    """Return stages.yaml and the set of stage codes."""
    src = _load(domain / "phases-pilkada-2024.yaml")
    sources = src["sources"]
    meta = src["meta"]
    regions_meta = _load(domain / "regions-polda-metro-jaya.yaml")["meta"]
    contests = [
        Flow(office=office, region=Quoted(code))
        for office, codes in regions_meta["contests_in_jurisdiction"].items()
        for code in codes
    ]
    election = {
        "name_id": "Pilkada Serentak 2024",
        "name_en": "2024 Simultaneous Regional Elections",
        "voting_day": Quoted(meta["voting_day"]),
        "timezone": meta["timezone"],
        "regulation": meta["regulation"],
        "contests": contests,
        "source": (
            "[S01, R01, R02] PKPU 2/2024 schedule (Sabang Merauke News); contests in the Polda area "
            "per the Kapolda, 13 Aug 2024 (Validnews, Kumparan)"
        ),
    }
    items: list[dict[str, Any]] = []
    comments: dict[int, list[str]] = {}

    def stage_item(p: dict[str, Any], order: int, parent: str | None) -> dict[str, Any]:
        code = p["code"]
        g_id, g_en = GUIDANCE[code]
        item: dict[str, Any] = {"code": code, "order": order}
        if parent:
            item["parent"] = parent
        if p.get("group") or parent:
            item["group"] = p.get("group") or group_of[parent]
        item["name_id"] = p["name_id"]
        item["name_en"] = STAGE_NAME_EN.get(code, p["name_en"])
        item["start"] = _q(p.get("start"))
        item["end"] = _q(p.get("end"))
        item["start_at"] = _q(p.get("start_at"))
        item["end_at"] = _q(p.get("end_at"))
        if p.get("rule"):
            item["date_rule_id"] = DATE_RULE_ID[code]
            item["date_rule_en"] = re.sub(r" \(S\d+\)", "", " ".join(p["rule"].split()))  # drop brief ids
        item["guidance_id"] = g_id
        item["guidance_en"] = g_en
        item["source"] = _source_string(p.get("sources", []), sources, SOURCE_LABELS)
        if code in STAGE_COMMENTS:
            comments[len(items)] = ["note: " + STAGE_COMMENTS[code]]
        return item

    group_of = {p["code"]: p["group"] for p in src["phases"]}
    for p in src["phases"]:
        items.append(stage_item(p, p["order"], None))
        for sp in p.get("sub_phases", []):
            if p["code"] != SUB_STAGE_PARENT:
                raise SystemExit(f"unexpected sub-phases under {p['code']}")
            items.append(stage_item(sp, p["order"], p["code"]))
    missing = set(GUIDANCE) - {i["code"] for i in items}
    if missing:
        raise SystemExit(f"guidance for unknown stages: {missing}")
    header = _header(
        [
            "Sinergi seed data: the election and its stages (tahapan), with guidance for field officers.",
            "",
            "Derived from the domain brief's phases-pilkada-2024.yaml (source ids S01..S40 in `source`; the",
            "schedule is PKPU No. 2 Tahun 2024 as reproduced by news articles, its text was not available).",
            "THE 2024 DATES ARE THE SHIPPED EXAMPLE, NOT A CONSTANT: admins may change stages and "
            "dates in the bot.",
            "",
            "start / end: calendar dates in WIB (Asia/Jakarta, UTC+07:00), inclusive; null where "
            "the source has",
            "none (then date_rule_* says what the date depends on). start_at / end_at: ISO "
            "datetimes with +07:00",
            "only where a source gives a clock time.",
            "All 22 stages of the brief, same codes and order. The brief's sub-phases of the tabulation",
            "(PENYAMPAIAN_HASIL_TPS, REKAP_KECAMATAN, REKAP_KABKOTA, REKAP_PROVINSI) are included "
            "as stages with",
            f"parent: {SUB_STAGE_PARENT}, right after it and with the same order (file order "
            "breaks the tie),",
            "so the bot can remind officers of each tabulation level. The brief's dated events (debates, the",
            "presidential inauguration, the police operation) are not stages and are not included.",
            "guidance_*: what field officers must watch or do, from the brief's facts; <= 300 chars.",
            "",
            *COMMON_HEADER,
        ]
    )
    text = (
        header + "election:\n" + "".join("  " + ln + "\n" for ln in _dump(election).rstrip("\n").split("\n"))
    )
    return text + "\n" + _section("stages", items, comments), {i["code"] for i in items}


def main(argv: list[str] | None = None) -> int:
    """Build the four seed files."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--domain", type=Path, default=DEFAULT_DOMAIN, help="the domain brief directory")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    stages_text, stage_codes = build_stages(args.domain)
    files = {
        "agencies.yaml": build_agencies(args.domain),
        "regions.yaml": build_regions(args.domain),
        "categories.yaml": build_categories(args.domain, stage_codes),
        "stages.yaml": stages_text,
    }
    for name, text in files.items():
        yaml.safe_load(text)  # must load
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
