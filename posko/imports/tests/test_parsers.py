"""Each platform's export becomes check-input acts with the right action, content and gaps."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from posko.imports.acts import ActorInfo
from posko.imports.errors import ExportFormatError
from posko.imports.runner import write_acts
from posko.imports.tests.conftest import FIXTURES, NIP
from posko.neutrality.engine.parse import parse_act


def acts(fmt: str, path: Path, name: str | None = None) -> list[dict[str, Any]]:
    import json

    out = io.StringIO()
    write_acts(fmt, path, out, actor=ActorInfo(nip=NIP, name=name))
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    for line in lines:
        parse_act(line)  # every line is valid `posko check` input; "import" is ignored
    return lines


def brief(line: dict[str, Any]) -> tuple[Any, ...]:
    c = line["content"]
    return (line["action"], c.get("author"), c["text"], line.get("timestamp"))


def test_instagram_likes_keep_owner_url_and_say_text_is_missing() -> None:
    lines = acts("instagram", FIXTURES / "instagram" / "liked_posts.json")
    assert [brief(x) for x in lines] == [
        ("like", "pramonoanung", "", "2024-11-12T08:00:00+00:00"),
        ("like", "kulinerjakarta", "", "2024-11-13T08:00:00+00:00"),
        ("like", "ridwankamil", "", None),
    ]
    assert lines[0]["content"]["url"] == "https://www.instagram.com/p/DBx1aBcPq9Z/"
    assert lines[0]["import"]["missing"] == ["text"]
    assert lines[2]["import"] == {
        "source_file": "liked_posts.json",
        "position": "line 22, item 2 of likes_media_likes",
        "missing": ["text", "timestamp"],
    }


def test_instagram_comments_repair_meta_mojibake_and_following() -> None:
    comments = acts("instagram", FIXTURES / "instagram" / "post_comments_1.json")
    assert brief(comments[0]) == (
        "comment",
        "pramonoanung",
        "Gas terus Mas Pram! Coblos nomor 3 🔥",
        "2024-11-14T08:00:00+00:00",
    )
    follows = acts("instagram", FIXTURES / "instagram" / "following.json")
    assert [(x["action"], x["content"]["author"]) for x in follows] == [
        ("follow", "pramonoanung"),
        ("follow", "bpsstatistics"),
    ]


def test_facebook_reactions_comments_and_groups() -> None:
    likes = acts("facebook", FIXTURES / "facebook" / "likes_and_reactions_1.json")
    assert [brief(x)[:2] for x in likes] == [("like", "Pramono Anung"), ("like", "Warga Contoh")]
    [comment] = acts("facebook", FIXTURES / "facebook" / "comments.json")
    assert brief(comment)[:3] == (
        "comment",
        "Pramono Anung",
        "Ayo menangkan Pramono-Rano, coblos nomor 3!",
    )
    [group] = acts("facebook", FIXTURES / "facebook" / "your_group_membership_activity.json")
    assert group["action"] == "join_group"
    assert group["content"]["text"] == "Relawan Pramono-Rano Jakarta Pusat"


def test_x_likes_and_tweets_map_to_like_post_share_comment() -> None:
    likes = acts("x", FIXTURES / "x" / "like.js")
    assert [(x["action"], x["content"].get("author")) for x in likes] == [
        ("like", "pramonoanung"),
        ("like", None),
        ("like", "ridwankamil"),
    ]
    assert likes[1]["import"]["missing"] == ["author", "timestamp"]
    tweets = acts("twitter", FIXTURES / "x" / "tweets.js")
    assert [(x["action"], x["content"].get("author")) for x in tweets] == [
        ("post", None),
        ("share", "pramonoanung"),
        ("comment", "ridwankamil"),
    ]
    assert tweets[0]["timestamp"] == "2024-11-19T02:15:00+00:00"
    assert tweets[0]["import"]["missing"] == []  # one's own post has no other author


def test_tiktok_activity_lists() -> None:
    lines = acts("tiktok", FIXTURES / "tiktok" / "user_data_tiktok.json")
    assert [(x["action"], x["content"].get("author"), x["timestamp"]) for x in lines] == [
        ("like", None, "2024-11-10T19:20:11"),
        ("follow", "pramonorano", "2024-09-25T08:00:00"),
        ("like", None, "2024-11-12T21:05:43"),
        ("like", None, "2024-11-13T06:30:00"),
        ("comment", None, "2024-11-14T20:00:00"),
    ]
    assert lines[4]["content"]["text"] == "Pilih nomor 3 biar Jakarta menyala!"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Chat WhatsApp dengan Relawan Pram-Doel Menteng.txt",
            [
                (
                    "post",
                    "2024-11-27T08:16:00",
                    "Siap pak! Ayo coblos nomor 3 Pramono-Rano\n"
                    "Jangan lupa ajak keluarga ke TPS ✌️✌️✌️",
                ),
                ("post", "2024-11-27T08:20:00", ""),
                ("join_group", "2024-11-27T08:00:00", "Relawan Pram-Doel Menteng"),
            ],
        ),
        (
            "WhatsApp Chat with Relawan RIDO Tebet.txt",
            [
                ("post", "2024-11-20T20:15:00", "Mantap, RIDO nomor 1 untuk Jakarta baru!"),
                ("join_group", "2024-11-20T20:01:00", "Relawan RIDO Tebet"),
            ],
        ),
        (
            "_chat.txt",
            [
                ("post", "2024-11-27T08:16:40", "Semua ke TPS ya, pilih sesuai hati nurani"),
                (
                    "post",
                    "2024-11-27T08:17:00",
                    "Cek DPT di cekdptonline.kpu.go.id\nbaris kedua pesan",
                ),
                ("join_group", None, "Relawan Dharma-Kun"),
            ],
        ),
    ],
)
def test_whatsapp_id_en_and_ios_formats(name: str, expected: list[tuple[Any, ...]]) -> None:
    lines = acts("whatsapp", FIXTURES / "whatsapp" / name, name="asn contoh")
    assert [(x["action"], x.get("timestamp"), x["content"]["text"]) for x in lines] == expected


def test_whatsapp_media_message_says_media_is_missing() -> None:
    lines = acts(
        "whatsapp",
        FIXTURES / "whatsapp" / "Chat WhatsApp dengan Relawan Pram-Doel Menteng.txt",
        name="ASN Contoh",
    )
    assert lines[1]["import"]["missing"] == ["text", "url", "media"]


def test_zip_of_export_reads_matching_members(tmp_path: Path) -> None:
    archive = tmp_path / "instagram-export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        folder = "your_instagram_activity"
        zf.write(FIXTURES / "instagram" / "liked_posts.json", f"{folder}/likes/liked_posts.json")
        zf.write(
            FIXTURES / "instagram" / "post_comments_1.json",
            f"{folder}/comments/post_comments_1.json",
        )
        zf.writestr(f"{folder}/messages/inbox/a/message_1.json", "not json at all")
    lines = acts("instagram", archive)
    assert [x["action"] for x in lines] == ["comment", "comment", "like", "like", "like"]
    assert lines[0]["import"]["source_file"] == (
        "instagram-export.zip!your_instagram_activity/comments/post_comments_1.json"
    )


@pytest.mark.parametrize(
    ("fmt", "content", "where", "reason"),
    [
        (
            "instagram",
            '{"likes_media_likes": [{"title": "a", "string_list_data": [',
            "item 0",
            "truncated",
        ),
        ("instagram", '{"profile_user": []}', "whole file", "no Instagram likes"),
        (
            "instagram",
            '{"likes_media_likes": [{"title": "a"}]}',
            "item 0 of likes_media_likes",
            "string_list_data",
        ),
        (
            "instagram",
            '{"likes_media_likes": [{"title": "a", "string_list_data": [{"timestamp": "x"}]}]}',
            "item 0",
            "bad timestamp",
        ),
        (
            "x",
            'window.YTD.tweets.part0 = [{"tweet": {"full_text": "a", "created_at": "27/11/2024"}}]',
            "item 0",
            "bad created_at",
        ),
        ("x", 'window.YTD.like.part0 = [{"retweet": {}}]', "item 0", "expected a 'like'"),
        (
            "tiktok",
            '{"Activity": {"Like List": {"ItemFavoriteList": [{"Date": "12 Nov"}]}}}',
            "item 0",
            "bad Date",
        ),
        (
            "whatsapp",
            "27/11/24 08.15 - Pelapor Contoh: ok\n31/02/24 08.15 - Pelapor Contoh: ok\n",
            "line 2",
            "bad date",
        ),
        ("whatsapp", "hello\n", "line 1", "expected a message"),
    ],
)
def test_malformed_exports_raise_with_file_and_position(
    tmp_path: Path, fmt: str, content: str, where: str, reason: str
) -> None:
    path = tmp_path / "export.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExportFormatError) as caught:
        acts(fmt, path, name="Pelapor Contoh")
    assert str(caught.value).startswith("export.txt: ")
    assert where in caught.value.position
    assert reason in caught.value.message
