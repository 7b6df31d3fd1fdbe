"""Build bench/data/eval_acts.jsonl from eval_content.jsonl plus hand-written act contents.

Run once by hand (`python -m bench.build_acts`); the output file is committed. The expected
verdict follows the SKB 2/2022 social-media rule: violation exactly when the actor is an ASN,
the action is not `view`, and the content is partisan. Region and timestamp never change it.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
ACTIVE = ("post", "like", "comment", "share", "follow", "join_group", "profile_photo")
PLATFORMS = ("x", "instagram", "facebook", "tiktok", "whatsapp", "youtube", None)

# kota/kabupaten codes (Kemendagri 2025) by province
REGIONS: dict[str, tuple[str, ...]] = {
    "31": ("31.71", "31.72", "31.73", "31.74", "31.75", "31.01"),
    "32": (
        "32.73",
        "32.01",
        "32.04",
        "32.05",
        "32.14",
        "32.15",
        "32.71",
        "32.75",
        "32.76",
        "32.77",
    ),
    "33": ("33.74", "33.72", "33.02", "33.10", "33.09", "33.19", "33.29", "33.05", "33.71"),
    "35": ("35.78", "35.73", "35.15", "35.09", "35.26", "35.06", "35.10", "35.79", "35.25"),
    "other": ("12.71", "13.71", "34.71", "36.71", "51.71", "63.71", "73.71"),
}

# Contents written for follow / join_group / profile_photo acts (class, region, text).
ACT_CONTENTS: list[tuple[str, str | None, str]] = [
    ("partisan", "31", "Akun resmi Pramono Anung, calon Gubernur DKI Jakarta nomor urut 3"),
    (
        "partisan",
        "31",
        "Grup WhatsApp: Relawan RIDO Jakarta Barat - menangkan Ridwan Kamil-Suswono",
    ),
    ("partisan", "31", "Twibbon: Aku Pilih Dharma-Kun, Jakarta Independen #DharmaKun2"),
    ("partisan", "32", "Akun resmi @dedimulyadi71 - Calon Gubernur Jawa Barat No. 4"),
    ("partisan", "32", "Grup Facebook: Sahabat ASIH Syaikhu-Ilham Kabupaten Bogor"),
    ("partisan", "32", "Foto profil bingkai: Jeje-Ronal No. 2 Jabar Juara"),
    ("partisan", "33", "Halaman resmi tim pemenangan Andika Perkasa-Hendrar Prihadi Jateng"),
    ("partisan", "33", "Grup Telegram Relawan Luthfi-Yasin Nomor 2 Se-Jawa Tengah"),
    ("partisan", "33", "Foto profil: pose dua jari ✌️ dengan latar baliho Luthfi-Yasin"),
    ("partisan", "35", "Akun relawan Khofifah-Emil Berlanjut, info kampanye harian"),
    ("partisan", "35", "Grup WA Arek Suroboyo Dukung Risma-Gus Hans 🤟"),
    ("partisan", "35", "Twibbon: Luluk-Lukman Nomor 1 Jatim Berubah"),
    ("partisan", None, "Foto profil: selfie dengan topi dan kaos Gerindra saat kampanye akbar"),
    ("partisan", None, "Grup Facebook Barisan Banteng Muda PDI Perjuangan, menangkan calon kita!"),
    ("partisan", None, "Akun fanbase Prabowo-Gibran 2024, konten dukungan tiap hari"),
    ("civic", None, "Akun resmi KPU Provinsi Jawa Barat - informasi tahapan Pilkada 2024"),
    ("civic", None, "Akun resmi Bawaslu RI - laporkan pelanggaran pemilihan"),
    ("civic", None, "Grup WA Petugas KPPS TPS 07 Kelurahan Lebak Bulus"),
    ("civic", None, "Twibbon: Saya ASN, Saya Netral #NetralitasASN"),
    ("civic", None, "Foto profil: jari bertinta ungu setelah mencoblos, tanpa atribut paslon"),
    ("civic", None, "Grup Telegram Pemantau Pemilu Independen Jawa Timur"),
    ("non_political", None, "Grup WA Alumni SMAN 3 Semarang angkatan 2005"),
    ("non_political", None, "Akun resmi Persib Bandung"),
    ("non_political", None, "Foto profil: pose ✌️ bareng keluarga di pantai"),
    ("non_political", None, "Grup Facebook Resep Masakan Rumahan Emak-Emak Surabaya"),
    ("non_political", None, "Akun kuliner @makanenakjakarta - review nomor 1 di Jakarta"),
]

# Actor names are labelled placeholders, never names of people who do not exist. The two
# draws stand where a first and a last name used to be drawn, so every other field of the
# seeded set stays as it was.
FIRST_NAME_DRAWS = 30
LAST_NAME_DRAWS = 20


def _nip(rnd: random.Random) -> str:
    y = rnd.randint(1968, 1998)
    born = f"{y}{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}"
    tmt = f"{min(y + rnd.randint(22, 30), 2023)}{rnd.randint(1, 12):02d}"
    return f"{born}{tmt}{rnd.randint(1, 2)}{rnd.randint(1, 20):03d}"


def _ts(rnd: random.Random, period: str) -> str:
    if period == "campaign":
        day = rnd.randint(0, 59)  # 25 Sep .. 23 Nov 2024
        month, dom = (9, 25 + day) if day <= 5 else ((10, day - 5) if day <= 36 else (11, day - 36))
        return (
            f"2024-{month:02d}-{dom:02d}T{rnd.randint(6, 23):02d}:{rnd.randint(0, 59):02d}:00+07:00"
        )
    if period == "tenang":
        return f"2024-11-{rnd.randint(24, 26):02d}T{rnd.randint(6, 23):02d}:15:00+07:00"
    if period == "pre":
        return f"2024-08-{rnd.randint(1, 31):02d}T10:{rnd.randint(0, 59):02d}:00+07:00"
    return f"2024-01-{rnd.randint(2, 31):02d}T19:{rnd.randint(0, 59):02d}:00+07:00"  # pilpres


def build() -> list[dict[str, Any]]:
    rnd = random.Random(271124)
    content = [json.loads(x) for x in (DATA / "eval_content.jsonl").read_text("utf-8").splitlines()]
    pool: dict[str, list[dict[str, Any]]] = {"partisan": [], "civic": [], "non_political": []}
    for c in content:
        pool[c["content_class"]].append(c)
    for cls, reg, text in ACT_CONTENTS:
        pool[cls].append(
            {"id": None, "text": text, "content_class": cls, "region": reg, "tags": []}
        )
    for v in pool.values():
        rnd.shuffle(v)
    cursor = dict.fromkeys(pool, 0)

    def take(cls: str, regional: bool = False) -> dict[str, Any]:
        while True:
            item = pool[cls][cursor[cls] % len(pool[cls])]
            cursor[cls] += 1
            if not regional or (item.get("region") or "")[:2] in ("31", "32", "33", "35"):
                return item

    def region_for(item: dict[str, Any], cross: bool) -> str:
        prov = (item.get("region") or "")[:2]
        if cross and prov in REGIONS:
            others = [p for p in REGIONS if p not in (prov, "other")]
            return rnd.choice(REGIONS[rnd.choice(others + ["other"])])
        if prov in REGIONS:
            return rnd.choice(REGIONS[prov])
        return rnd.choice(REGIONS[rnd.choice(list(REGIONS))])

    plan: list[tuple[bool, str, str, bool]] = []  # (asn, action, class, cross_region)
    plan += [(True, ACTIVE[i % 7], "partisan", False) for i in range(140)]
    plan += [(True, ACTIVE[i % 7], "partisan", True) for i in range(42)]
    plan += [(True, "view", "partisan", i % 3 == 0) for i in range(36)]
    plan += [(False, (*ACTIVE, "view")[i % 8], "partisan", i % 4 == 0) for i in range(56)]
    plan += [(True, (*ACTIVE, "view")[i % 8], "civic", False) for i in range(64)]
    plan += [(True, (*ACTIVE, "view")[i % 8], "non_political", False) for i in range(56)]
    plan += [
        (False, (*ACTIVE, "view")[i % 8], c, False)
        for i in range(16)
        for c in ("civic", "non_political")
    ]

    acts: list[dict[str, Any]] = []
    for n, (asn, action, cls, cross) in enumerate(plan, 1):
        item = take(cls, regional=cross)
        actor: dict[str, Any] = {"asn": asn}
        if rnd.random() < 0.85:
            rnd.randrange(FIRST_NAME_DRAWS), rnd.randrange(LAST_NAME_DRAWS)
            actor["name"] = f"{'ASN' if asn else 'Warga'} Contoh {n:03d}"
        if asn and rnd.random() < 0.7:
            actor["nip"] = _nip(rnd)
        act: dict[str, Any] = {"id": f"ea-{n:04d}", "actor": actor, "action": action}
        if rnd.random() < 0.9 or cross:
            act["region"] = region_for(item, cross)
        tags = item.get("tags", [])
        period = (
            "pilpres" if "pilpres" in tags else rnd.choice(["campaign"] * 6 + ["tenang", "pre"])
        )
        if rnd.random() < 0.85:
            act["timestamp"] = _ts(rnd, period)
        content_obj: dict[str, Any] = {"text": item["text"]}
        platform = rnd.choice(PLATFORMS)
        if platform:
            content_obj["platform"] = platform
        act["content"] = content_obj
        act["expected"] = {
            "violation": asn and action != "view" and cls == "partisan",
            "content_class": cls,
        }
        act["source_content_id"] = item["id"]
        act["tags"] = (["cross_region"] if cross else []) + (["non_asn"] if not asn else [])
        acts.append(act)
    rnd.shuffle(acts)
    return acts


def main() -> None:
    acts = build()
    with (DATA / "eval_acts.jsonl").open("w", encoding="utf-8") as f:
        for a in acts:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"wrote {len(acts)} acts")


if __name__ == "__main__":
    main()
