"""`posko classify` and `posko check` exercised as a user runs them: as subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

POSKO = str(Path(sys.executable).with_name("posko"))
REGISTRY = """region_code,region_name,election,number,candidate,running_mate,aliases,parties
31,DKI Jakarta,gubernur,1,Ridwan Kamil,Suswono,RK;Kang Emil;RIDO,Golkar;Gerindra
31,DKI Jakarta,gubernur,2,Dharma Pongrekun,Kun Wardana,Dharma-Kun,
31,DKI Jakarta,gubernur,3,Pramono Anung,Rano Karno,Mas Pram;Bang Doel;Pram-Doel,PDIP
33,Jawa Tengah,gubernur,1,Andika Perkasa,Hendrar Prihadi,Andika-Hendi,PDIP
33,Jawa Tengah,gubernur,2,Ahmad Luthfi,Taj Yasin Maimoen,Luthfi-Yasin,Gerindra
"""


def run(args: list[str], lines: list[Any], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    payload = "".join(
        (line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines
    )
    env = {**os.environ, "POSKO_DATA_DIR": str(tmp_path / "var")}
    return subprocess.run(
        [POSKO, *args], input=payload, capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def registry_csv(tmp_path: Path) -> Path:
    path = tmp_path / "registry.csv"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def outputs(proc: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_classify_answers_good_lines_in_order_and_reports_bad_ones(tmp_path: Path) -> None:
    proc = run(
        ["classify"],
        [
            {"id": "p", "text": "Bsk jgn lupa nyoblos no 3 yaaa ✌️✌️ #AyoCoblosNomor3 #PramonoRano"},
            "{not json",
            {
                "id": "c",
                "text": "Ayo datang ke TPS tgl 27 November, gunakan hak pilihmu! #PilkadaDamai",
            },
            {"id": "missing-text"},
            {"id": "n", "text": "nomor 1 di hatiku tetap nasi goreng pak kumis wkwk"},
        ],
        tmp_path,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "stdin:2:" in proc.stderr and "not valid JSON" in proc.stderr
    assert "stdin:4:" in proc.stderr and "text" in proc.stderr
    out = outputs(proc)
    assert [o["id"] for o in out] == ["p", "c", "n"]
    classes = {o["id"]: o["content_class"] for o in out}
    assert classes == {"p": "partisan", "c": "civic", "n": "non_political"}
    for o in out:
        assert o["political"] == (o["content_class"] != "non_political")
        assert 0.0 <= o["score"] <= 1.0


def test_classify_reads_a_file_and_exits_zero_when_all_good(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "Prabowo-Gibran satu putaran! 02 menang"}) + "\n")
    proc = run(["classify", str(path)], [], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert outputs(proc) == [
        {
            "id": 1,
            "political": True,
            "content_class": "partisan",
            "score": outputs(proc)[0]["score"],
        }
    ]


def act(
    item_id: str, text: str, action: str = "like", asn: bool = True, **extra: Any
) -> dict[str, Any]:
    return {
        "id": item_id,
        "actor": {"asn": asn},
        "action": action,
        "content": {"text": text},
        **extra,
    }


def test_check_verdicts(tmp_path: Path, registry_csv: Path) -> None:
    partisan = "Ayo menangkan Mas Pram dan Bang Doel, coblos nomor 3 tanggal 27! #JakartaMenyala"
    civic = (
        "Debat publik ketiga paslon gubernur DKI: Ridwan Kamil-Suswono, Dharma-Kun, dan "
        "Pramono-Rano malam ini. Simak visi misinya, lalu gunakan hak pilih di TPS ya!"
    )
    proc = run(
        ["check", "--candidates", str(registry_csv)],
        [
            act("asn-like", partisan, region="31.71"),
            act("asn-view", partisan, action="view", region="31.71"),
            act("citizen-share", partisan, action="share", asn=False, region="31.71"),
            act("asn-civic", civic, action="share", region="31.71"),
            act("asn-food", "Nomor 1 di hatiku tetap nasi goreng kambing 😋", action="comment"),
            act(
                "asn-photo",
                "Foto bareng Ridwan Kamil pose satu jari ☝️ #RIDO",
                action="profile_photo",
            ),
        ],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    out = {o["id"]: o for o in outputs(proc)}
    liked = out["asn-like"]
    assert liked["violation"] is True and liked["content_class"] == "partisan"
    assert {"number": 3, "candidate": "Pramono Anung", "region_code": "31"} in liked["targets"]
    assert "SKB 2/2022" in liked["rule"]["citation"]
    assert "PPK/BKN" in liked["explanation"] and liked["sanction"]
    assert out["asn-view"]["violation"] is False
    assert out["citizen-share"]["violation"] is False
    assert out["citizen-share"]["content_class"] == "partisan"
    assert out["asn-civic"] == {**out["asn-civic"], "violation": False, "content_class": "civic"}
    assert out["asn-food"]["content_class"] == "non_political"
    assert out["asn-food"]["violation"] is False
    assert out["asn-photo"]["violation"] is True
    assert out["asn-photo"]["rule"]["id"] == "SKB2022-A5-B7-PHOTO"


def test_following_a_candidates_account_or_joining_their_group(
    tmp_path: Path, registry_csv: Path
) -> None:
    """A follow or join often carries only the account's name or bio (SKB 2/2022 item 4)."""
    proc = run(
        ["check", "--candidates", str(registry_csv)],
        [
            act("follow-rk", "Akun resmi Ridwan Kamil - Suswono, Cagub Jakarta", action="follow"),
            act("join-wa", "Grup WA Relawan Luthfi-Yasin Kab. Semarang", action="join_group"),
            act("follow-kpu", "Akun resmi KPU Provinsi DKI Jakarta", action="follow"),
            # an export that holds only the followed account's address, or the liked post's
            {
                **act("follow-url", "", action="follow"),
                "content": {"text": "", "url": "https://www.instagram.com/pramonoanung/"},
            },
            {
                **act("like-news", "", action="like"),
                "content": {"text": "", "url": "https://x.com/detikcom/status/1"},
            },
        ],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    out = {o["id"]: o for o in outputs(proc)}
    assert out["follow-rk"]["violation"] is True
    assert {"number": 1, "candidate": "Ridwan Kamil", "region_code": "31"} in out["follow-rk"][
        "targets"
    ]
    assert "twibbon kampanye" in out["follow-rk"]["explanation"]
    assert out["join-wa"]["violation"] is True
    assert out["follow-kpu"]["violation"] is False
    assert out["follow-url"]["violation"] is True
    assert [t["number"] for t in out["follow-url"]["targets"]] == [3]
    assert out["like-news"]["violation"] is False


def test_region_scopes_the_races(tmp_path: Path, registry_csv: Path) -> None:
    """In Jakarta 'coblos 2' points to Jakarta's pair 2, not Central Java's."""
    proc = run(
        ["check", "--candidates", str(registry_csv)],
        [
            act(
                "jkt",
                "Pilgub besok jangan lupa coblos 2 ya, Dharma Kun pasti menang!",
                region="31.74",
            )
        ],
        tmp_path,
    )
    (verdict,) = outputs(proc)
    assert verdict["violation"] is True
    assert {(t["region_code"], t["number"]) for t in verdict["targets"]} == {("31", 2)}


def test_an_office_named_in_the_text_picks_the_race_of_a_bare_number(tmp_path: Path) -> None:
    """In Jakarta a bare "2" could be the governor's pair 2 or the president's; "Pilgub" and
    "capres" say which. An office with no race in the registry narrows nothing."""
    registry = tmp_path / "reg.csv"
    registry.write_text(
        REGISTRY + ",Indonesia,presiden,2,Prabowo Subianto,Gibran Rakabuming Raka,,Gerindra\n",
        encoding="utf-8",
    )
    proc = run(
        ["check", "--candidates", str(registry)],
        [
            act("gub", "Pilgub besok jangan lupa coblos 2 ya, pasti menang!", region="31.71"),
            act("pres", "Capres pilihanku tetap no 2, pasti menang!", region="31.71"),
            act("bup", "Pilbup besok coblos 2 ya, pasti menang!", region="31.71"),
            # a title is not a race: the president may ask for any race's number
            act("title", "Presiden minta warga coblos nomor 2 besok!", region="31.71"),
            # a region named is a regional race's: the presidential race needs its office named
            act("region", "Presiden minta warga Jakarta coblos nomor 2 besok!", region="31.71"),
        ],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    out = {o["id"]: {(t["region_code"], t["number"]) for t in o["targets"]} for o in outputs(proc)}
    assert out == {
        "gub": {("31", 2)},
        "pres": {("", 2)},
        "bup": {("31", 2), ("", 2)},
        "title": {("31", 2), ("", 2)},
        "region": {("31", 2)},
    }


def test_a_region_named_in_the_text_picks_the_races_of_a_bare_number(tmp_path: Path) -> None:
    """With no act region, a bare "1" could be pair 1 of every race. A region the text names
    narrows it to the regional races held there or above ("Surabaya" by the registry's own
    region name; "Kepulauan Riau" is not "Riau"; a province with no registered race leaves
    none). A pair the registry lacks ("Bobby-Surya") owns the number, so no registered pair
    is named as the target."""
    registry = tmp_path / "reg.csv"
    registry.write_text(
        REGISTRY
        + ",Indonesia,presiden,1,Anies Rasyid Baswedan,Muhaimin Iskandar,,PKB\n"
        + "35,Jawa Timur,gubernur,1,Luluk Nur Hamidah,Lukmanul Khakim,,PKB\n"
        + "35.78,Kota Surabaya,walikota,1,Eri Cahyadi,Armuji,,PDIP\n"
        + "35.73,Kota Malang,walikota,1,Wahyu Hidayat,Ali Muthohirin,,NasDem\n"
        + "14,Riau,gubernur,1,Abdul Wahid,SF Hariyanto,,PKB\n"
        + "21,Kepulauan Riau,gubernur,1,Ansar Ahmad,Nyanyang Haris Pratamura,,Golkar\n",
        encoding="utf-8",
    )
    proc = run(
        ["check", "--candidates", str(registry)],
        [
            act("jatim", "Coblos 1 pokoknya, Jatim butuh pemimpin baru!"),
            act("sby", "Warga Surabaya, jangan lupa coblos nomor 1 ya!"),
            act("kepri", "Salam dari Kepulauan Riau, coblos nomor 1 besok!"),
            act("pair", "Coblos nomor 1! Bobby-Surya untuk Sumut yang lebih baik"),
            act("sumut", "Salam 1 jari untuk Sumatera Utara!"),
            # a province named in full is a chant's context, like its short form
            act("chant", "Salam 1 jari untuk Jawa Timur ☝️"),
            act("kota", "Warga Kota Malang, coblos nomor 1!"),
            # a kabupaten is not the kota of the same name; an everyday word is no region
            act("kab", "Warga Kab. Malang, coblos nomor 1!"),
            act("word", "Nasib malang, coblos nomor 1 saja"),
            # an office as the designation of a kota; a chant right next to a province
            act("pilwalkot", "Pilwalkot Malang: coblos nomor 1!"),
            act("beside", "Jawa Timur 1 jari!"),
            # a pair the registry lacks owns the number, even with an office named; a person
            # named by a form of address does not
            act("pilgub", "Pilgub besok: coblos nomor 1, Bobby-Surya pasti menang"),
            act("capres", "Pak Harun ketua RW bilang: coblos nomor 1 ya, capres terbaik"),
            act("none", "Besok jangan lupa coblos nomor 1 ya, pasti menang!"),
        ],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    verdicts = {o["id"]: o for o in outputs(proc)}
    assert all(v["violation"] for v in verdicts.values())
    out = {k: {(t["region_code"], t["number"]) for t in v["targets"]} for k, v in verdicts.items()}
    assert out["jatim"] == {("35", 1)}
    assert out["sby"] == {("35.78", 1), ("35", 1)}
    assert out["kepri"] == {("21", 1)}
    assert out["pair"] == set()
    assert out["sumut"] == set()
    assert out["chant"] == {("35", 1)}
    assert out["kota"] == {("35.73", 1), ("35", 1)}
    assert out["pilwalkot"] == {("35.73", 1)}
    assert out["beside"] == {("35", 1)}
    assert out["pilgub"] == set()
    assert out["capres"] == {("", 1)}
    assert "Anies" not in verdicts["pair"]["explanation"]
    every = {("31", 1), ("33", 1), ("", 1), ("35", 1), ("35.78", 1), ("35.73", 1), ("14", 1),
             ("21", 1)}  # fmt: skip
    assert out["none"] == out["kab"] == out["word"] == every


def test_check_reports_bad_lines_and_bad_registry_rows(tmp_path: Path) -> None:
    bad_registry = tmp_path / "bad.csv"
    bad_registry.write_text(
        REGISTRY.splitlines()[0] + "\n31,DKI Jakarta,gubernur,satu,X,Y,,\n"
        "31,DKI Jakarta,gubernur,3,Pramono Anung,Rano Karno,Mas Pram,PDIP\n",
        encoding="utf-8",
    )
    proc = run(
        ["check", "--candidates", str(bad_registry)],
        [
            act("ok", "Coblos nomor 3 Mas Pram!", region="31.71"),
            {"id": "x", "actor": {"asn": True}, "action": "dance", "content": {"text": "hi"}},
            {"id": "y", "actor": {"asn": "ya"}, "action": "like", "content": {"text": "hi"}},
            "[1, 2",
        ],
        tmp_path,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{bad_registry}:2:" in proc.stderr
    assert "stdin:2: action: unknown action 'dance'" in proc.stderr
    assert "stdin:3: actor.asn" in proc.stderr
    assert "stdin:4: not valid JSON" in proc.stderr
    (verdict,) = outputs(proc)
    assert verdict["id"] == "ok" and verdict["violation"] is True


def test_a_file_saved_by_a_windows_tool_is_read(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark and CRLF line ends, as Notepad or Excel write them."""
    path = tmp_path / "windows.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + b'{"id": "a", "text": "Ayo coblos nomor 3 Mas Pram!"}\r\n'
        + b'{"id": "b", "text": "resep soto betawi"}\r\n'
    )
    proc = run(["classify", str(path)], [], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert [(o["id"], o["political"]) for o in outputs(proc)] == [("a", True), ("b", False)]


def test_missing_input_file_is_a_clear_error(tmp_path: Path) -> None:
    proc = run(["classify", str(tmp_path / "nope.jsonl")], [], tmp_path)
    assert proc.returncode == 1
    assert "cannot read" in proc.stderr and "Traceback" not in proc.stderr


def test_classify_finds_candidates_no_registry_lists(tmp_path: Path) -> None:
    """`posko classify` runs without the races' registry: campaign hashtags, names after a form
    of address and former offices still name a side; a namesake or a counting hand does not."""
    texts = {
        "tag": ("#AnsyJaneNomor1 🔥🔥", True),
        "bang": ("Bang Harun orangnya merakyat, cocok jadi bupati Langkat", True),
        "former": ("mantan wawako Palembang nak jadi wako, dulu pas wawako ngapoi bae?", True),
        "counting": ("Anak TK belajar berhitung: satu ☝️ dua ✌️ terus bingung 😂", False),
        "order": ("Pesanan nomor 01 atas nama Dinda silakan diambil", False),
    }
    proc = run(["classify"], [{"id": k, "text": t} for k, (t, _) in texts.items()], tmp_path)
    assert proc.returncode == 0, proc.stderr
    got = {o["id"]: o["content_class"] for o in outputs(proc)}
    assert got == {
        k: "partisan" if partisan else "non_political" for k, (_, partisan) in texts.items()
    }


def test_a_local_candidate_thanked_by_name_in_the_acts_region(tmp_path: Path) -> None:
    """Through the CLI: the act's region makes "Pak Hendy", thanked for a road, Jember's
    bupati, who runs again (a violation to share for an ASN); posted without a region, or
    elsewhere, he is anybody."""
    registry = tmp_path / "reg.csv"
    registry.write_text(
        REGISTRY
        + "35.09,Kabupaten Jember,bupati,1,Hendy Siswanto,Muhammad Balya Firjaun Barlaman,,\n"
        + "35.09,Kabupaten Jember,bupati,2,Muhammad Fawait,Djoko Susanto,,\n",
        encoding="utf-8",
    )
    thanks = "matur suwun Pak Hendy, jalan ke kebun kopi wis diaspal. petani gampang ngangkut"
    proc = run(
        ["check", "--candidates", str(registry)],
        [
            act("jember", thanks, action="share", region="35.09"),
            act("jakarta", thanks, action="share", region="31.71"),
            act("none", thanks, action="share"),
        ],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    out = {o["id"]: o for o in outputs(proc)}
    assert out["jember"]["violation"] is True
    assert [(t["region_code"], t["number"]) for t in out["jember"]["targets"]] == [("35.09", 1)]
    assert out["jakarta"]["violation"] is False
    assert out["none"]["violation"] is False


def test_posting_a_photo_with_a_candidate(tmp_path: Path, registry_csv: Path) -> None:
    """Through the CLI: an ASN posting a photo taken with a candidate breaks SKB 2/2022 tabel A
    angka 4 and 5 (table B item 7 as a reading for the PPK); the candidate's own photo with
    residents, shared, is news."""
    proc = run(
        ["check", "--candidates", str(registry_csv)],
        [
            act("selfie", "Alhamdulillah foto bareng Pak Luthfi tadi pagi", action="post"),
            act("news", "Ahmad Luthfi berfoto bersama warga di pasar", action="share"),
        ],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    out = {o["id"]: o for o in outputs(proc)}
    assert out["selfie"]["violation"] is True
    assert out["selfie"]["rule"]["id"] == "SKB2022-A4-A5-PHOTO-POST"
    assert [t["number"] for t in out["selfie"]["targets"]] == [2]
    assert "foto bersama calon" in out["selfie"]["explanation"]
    assert out["news"]["violation"] is False


def test_everyday_words_that_spell_an_acronym_through_the_cli(tmp_path: Path) -> None:
    """Through `posko check`, as an ASN in Ambon would: a prayer in capitals whose words
    spell a pair's acronym ("AMAN") is no violation to share, a call to vote that pair is,
    and a candidate casting their own vote on polling day is news."""
    registry = tmp_path / "reg.csv"
    registry.write_text(
        REGISTRY
        + "81.71,Kota Ambon,walikota,1,Agus Ririmasse,M. Novan Liem,AMAN,\n"
        + "81.71,Kota Ambon,walikota,2,Bodewin Wattimena,Ely Toisuta,BETA,\n",
        encoding="utf-8",
    )
    proc = run(
        ["check", "--candidates", str(registry)],
        [
            act("prayer", "SEMOGA PILKADA AMBON AMAN DAN DAMAI, AMIN YA RABBAL ALAMIN",
                action="share", region="81.71"),
            act("call", "Ayo menangkan AMAN di Pilwalkot Ambon!", action="share", region="81.71"),
            act("news", "Paslon 1 Agus Ririmasse nyoblos di TPS 05 pagi ini bersama keluarga",
                action="share", region="81.71"),
        ],
        tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = {o["id"]: o for o in outputs(proc)}
    assert out["prayer"]["violation"] is False and out["prayer"]["targets"] == []
    assert out["call"]["violation"] is True
    assert [t["number"] for t in out["call"]["targets"]] == [1]
    assert out["news"]["violation"] is False and out["news"]["content_class"] == "civic"


def test_an_election_body_carrying_on_is_no_call_to_vote(tmp_path: Path) -> None:
    """Through the CLI: an ASN sharing recount news that names the parties' witnesses breaks no
    rule, and its explanation lists no "lanjutkan" call; a "lanjutkan!" cheer still does."""
    proc = run(
        ["check"],
        [
            act("recount", "KPU lanjutkan rekapitulasi, saksi PDIP, Golkar, Gerindra hadir"),
            act("cheer", "Gemoy lanjutkan! Pencoblosan tinggal 3 hari lagi"),
        ],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    out = {o["id"]: o for o in outputs(proc)}
    assert (out["recount"]["violation"], out["recount"]["content_class"]) == (False, "civic")
    assert "lanjutkan" not in out["recount"]["explanation"]
    assert (out["cheer"]["violation"], out["cheer"]["content_class"]) == (True, "partisan")


def test_classify_reads_every_kab_kota_alike(tmp_path: Path) -> None:
    """As a user runs it: which kab/kota a text names changes neither its class nor its score
    (the training sets are about particular races), and "nomor 1" that a superlative ranks is
    no ballot number."""
    places = ("Bantul", "Kendari", "Cianjur", "Semarang")
    road = "Jalan rusak di {} belum diperbaiki, warga tanam pohon pisang"
    team = "Relawan {} siap menangkan paslon nomor 2, gas terus"
    lines = [{"id": f"road {p}", "text": road.format(p)} for p in places]
    lines += [{"id": f"team {p}", "text": team.format(p)} for p in places]
    lines.append({"id": "rank", "text": "Jakarta nomor 1 kota termacet di Asia, parah"})
    proc = run(["classify"], lines, tmp_path)
    assert proc.returncode == 0, proc.stderr
    got = {o["id"]: (o["content_class"], o["score"]) for o in outputs(proc)}
    assert len({got[f"road {p}"] for p in places}) == 1, got
    assert {got[f"team {p}"] for p in places} == {got["team Bantul"]}, got
    assert got["team Bantul"][0] == "partisan"
    assert got["rank"][0] == "non_political"
