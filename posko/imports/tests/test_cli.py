"""`posko import` as a process: piped into `posko check`, and all-or-nothing on bad input."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from posko.imports.tests.conftest import FIXTURES, NIP, POSKO, REGISTRY, RunPosko, posko_env


def pipeline(tmp_path: Path, *import_args: str) -> tuple[list[dict[str, Any]], str, int, int]:
    """`posko import ARGS | posko check --candidates REGISTRY` as two real processes."""
    env = posko_env(tmp_path)
    producer = subprocess.Popen(
        [str(POSKO), "import", *import_args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert producer.stdout is not None
    consumer = subprocess.run(
        [str(POSKO), "check", "--candidates", str(REGISTRY)],
        env=env,
        stdin=producer.stdout,
        capture_output=True,
        text=True,
        timeout=120,
    )
    producer.stdout.close()
    import_err = producer.stderr.read().decode() if producer.stderr else ""
    producer.wait(timeout=60)
    verdicts = [json.loads(line) for line in consumer.stdout.splitlines()]
    assert consumer.stderr == "", consumer.stderr
    return verdicts, import_err, producer.returncode, consumer.returncode


def test_instagram_likes_of_campaign_accounts_are_violations(tmp_path: Path) -> None:
    verdicts, err, import_rc, check_rc = pipeline(
        tmp_path, "instagram", str(FIXTURES / "instagram" / "liked_posts.json"), "--actor", NIP
    )
    assert (import_rc, check_rc) == (0, 0)
    assert "3 act(s) (3 like); 3 with missing fields" in err
    assert [(v["violation"], [t["number"] for t in v["targets"]]) for v in verdicts] == [
        (True, [3]),
        (False, []),
        (True, [1]),
    ]
    assert verdicts[0]["rule"]["id"] == "SKB2022-A4-B6-SOCIAL"
    assert "akun kampanye resmi: @pramonoanung" in verdicts[0]["evidence"]
    assert "Pramono Anung" in verdicts[0]["explanation"]


def test_x_archive_zip_through_check(tmp_path: Path) -> None:
    archive = tmp_path / "twitter-2024-11-30.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURES / "x" / "like.js", "data/like.js")
        zf.write(FIXTURES / "x" / "tweets.js", "data/tweets.js")
        zf.writestr(
            "data/account.js", 'window.YTD.account.part0 = [{"account": {"username": "asn_c"}}]'
        )
    verdicts, _err, import_rc, check_rc = pipeline(tmp_path, "x", str(archive), "--actor", NIP)
    assert (import_rc, check_rc) == (0, 0)
    assert [(v["id"].split("!")[1], v["violation"]) for v in verdicts] == [
        ("data/like.js#1", True),
        ("data/like.js#2", False),
        ("data/like.js#3", True),
        ("data/tweets.js#4", False),  # an own post about office work
        ("data/tweets.js#5", True),  # retweet of the candidate's call to vote
        ("data/tweets.js#6", True),  # reply cheering RIDO
    ]


def test_not_asn_flag_and_name(run_posko: RunPosko) -> None:
    done = run_posko(
        "import",
        "tiktok",
        str(FIXTURES / "tiktok" / "user_data_tiktok.json"),
        "--actor",
        NIP,
        "--not-asn",
        "--name",
        "Pelapor Contoh",
    )
    assert done.returncode == 0, done.stderr
    first = json.loads(done.stdout.splitlines()[0])
    assert first["actor"] == {"asn": False, "nip": NIP, "name": "Pelapor Contoh"}


def test_malformed_export_exits_1_with_position_and_no_output(
    run_posko: RunPosko, tmp_path: Path
) -> None:
    good = (FIXTURES / "instagram" / "liked_posts.json").read_text()
    # Many good items first, so a streaming importer would already have written some of them.
    items = ",".join(json.dumps(json.loads(good)["likes_media_likes"][0]) for _ in range(5000))
    bad = tmp_path / "liked_posts.json"
    bad.write_text('{"likes_media_likes": [' + items + ', {"title": "x", "string_list_data": [{')
    done = run_posko("import", "instagram", str(bad), "--actor", NIP)
    assert done.returncode == 1
    assert done.stdout == ""
    assert (
        f"error (import.malformed): {bad}: line 1, item 5000 of likes_media_likes: " in done.stderr
    )
    assert "truncated" in done.stderr


def test_bad_date_in_whatsapp_names_the_line(run_posko: RunPosko, tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat with Grup.txt"
    chat.write_text(
        "11/20/24, 8:01 PM - Pelapor Contoh: halo\n11/20/24, 13:15 PM - Pelapor Contoh: lagi\n"
    )
    done = run_posko("import", "whatsapp", str(chat), "--actor", NIP, "--name", "Pelapor Contoh")
    assert (done.returncode, done.stdout) == (1, "")
    assert f"{chat}: line 2: bad hour 13 with pm" in done.stderr


def test_wrong_shape_and_unknown_zip(run_posko: RunPosko, tmp_path: Path) -> None:
    done = run_posko(
        "import", "facebook", str(FIXTURES / "instagram" / "liked_posts.json"), "--actor", NIP
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert "whole file: no Facebook reactions" in done.stderr
    archive = tmp_path / "empty.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "nothing")
    done = run_posko("import", "tiktok", str(archive), "--actor", NIP)
    assert (done.returncode, done.stdout) == (1, "")
    assert "whole archive: no tiktok export files in the ZIP" in done.stderr
