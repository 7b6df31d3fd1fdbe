"""A like or follow of a registered campaign account is partisan even without post text."""

from __future__ import annotations

import pytest

from posko.candidates.registry import Pair, Registry
from posko.neutrality.engine.checker import Engine
from posko.neutrality.engine.parse import parse_act

PRAM = Pair(
    region_code="31",
    region_name="DKI Jakarta",
    election="gubernur",
    number=3,
    candidate="Pramono Anung",
    running_mate="Rano Karno",
    accounts=(("instagram", "pramonoanung"), ("x", "pramonoanung")),
)
OTHER = Pair("31", "DKI Jakarta", "gubernur", 1, "Ridwan Kamil", "Suswono")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Registry((PRAM, OTHER)))


def act(
    action: str, author: str | None, platform: str | None = "instagram", text: str = ""
) -> dict:
    content: dict[str, object] = {"text": text}
    if author is not None:
        content["author"] = author
    if platform is not None:
        content["platform"] = platform
    return {
        "id": "a",
        "actor": {"asn": True},
        "action": action,
        "content": content,
        "import": {"source_file": "liked_posts.json", "position": "item 0", "missing": ["text"]},
    }


@pytest.mark.parametrize("action", ["like", "follow", "comment", "share"])
def test_act_on_campaign_account_is_partisan_for_its_pair(engine: Engine, action: str) -> None:
    verdict = engine.check(parse_act(act(action, "@PramonoAnung")))
    assert verdict.violation
    assert verdict.content_class == "partisan"
    assert [(t.number, t.candidate) for t in verdict.targets] == [(3, "Pramono Anung")]
    assert verdict.evidence[0] == "akun kampanye resmi: @pramonoanung"
    assert "paslon nomor 3 Pramono Anung–Rano Karno" in verdict.explanation


def test_platform_must_agree_when_known_and_handle_alone_counts_when_not(engine: Engine) -> None:
    elsewhere = engine.check(parse_act(act("like", "pramonoanung", platform="tiktok")))
    # not the registered account; with no post text the handle is still read as a name (R7)
    assert not any(e.startswith("akun kampanye resmi") for e in elsewhere.evidence)
    assert [t.candidate for t in elsewhere.targets] == ["Pramono Anung"]
    assert engine.check(parse_act(act("like", "pramonoanung", platform=None))).violation
    assert engine.check(parse_act(act("like", "pramonoanung", platform="twitter"))).violation


def test_other_accounts_and_missing_author_change_nothing(engine: Engine) -> None:
    plain = engine.check(parse_act(act("like", "kulinerjakarta")))
    assert (plain.violation, plain.content_class) == (False, "non_political")
    assert not engine.check(parse_act(act("like", None))).violation


def test_an_act_with_only_an_account_is_read_from_the_accounts_name(engine: Engine) -> None:
    """Exports of likes and follows often hold only the author or the address (R7)."""

    def verdict(action: str, content: dict[str, str]) -> tuple[bool, str, list[str]]:
        raw = {"id": "a", "actor": {"asn": True}, "action": action, "content": content}
        v = engine.check(parse_act(raw))
        return v.violation, v.content_class, [t.candidate for t in v.targets]

    rk = (True, "partisan", ["Ridwan Kamil"])
    assert verdict("follow", {"text": "", "url": "https://www.instagram.com/ridwankamil/"}) == rk
    assert verdict("follow", {"text": " ", "author": "Ridwan Kamil"}) == rk
    group = {"text": "", "url": "facebook.com/groups/relawanridwankamil"}
    assert verdict("join_group", group) == rk
    assert verdict("follow", {"text": "", "url": "https://x.com/KPU_ID"})[:2] == (False, "civic")
    news = verdict("follow", {"text": "", "author": "@detikcom"})
    assert news == (False, "non_political", [])
    # a short link's code is not an account name
    assert verdict("follow", {"text": "", "url": "https://bit.ly/ridwankamil"})[:2] == (
        False,
        "non_political",
    )
    # a link pasted as the text is read like the address
    assert verdict("follow", {"text": " https://www.instagram.com/ridwankamil "}) == rk
    # a post's address: its author counts when that is the candidate, the post is not read
    assert verdict("like", {"text": "", "url": "https://x.com/ridwankamil/status/1"}) == rk
    assert verdict("like", {"text": "", "url": "https://x.com/detikcom/status/1"}) == (
        False,
        "non_political",
        [],
    )
    # an address that is not one is no account, and no error
    for broken in ("http://[::1/x", "https://instagram.com\uff0fabc", "x" * 5000):
        assert verdict("follow", {"text": "", "url": broken})[0] is False
    # a post's address names no account: nothing to read
    post = verdict("like", {"text": "", "url": "https://www.instagram.com/p/C0abc123/"})
    assert post == (False, "non_political", [])


def test_a_post_by_a_candidates_own_account_is_their_campaign_material(engine: Engine) -> None:
    """Liking or commenting on what a candidate posts breaks item 4, whatever the post says;
    a news account writing about the candidate does not make its news partisan."""

    def verdict(action: str, text: str, author: str) -> tuple[bool, str, list[str]]:
        content = {"text": text, "author": author}
        raw = {"id": "a", "actor": {"asn": True}, "action": action, "content": content}
        v = engine.check(parse_act(raw))
        return v.violation, v.content_class, [t.candidate for t in v.targets]

    rk = (True, "partisan", ["Ridwan Kamil"])
    assert verdict("like", "Selamat pagi warga, jangan lupa sarapan", "@ridwankamil") == rk
    assert verdict("comment", "setuju pak, mantap!", "Ridwan Kamil") == rk
    assert verdict("like", "Selamat pagi warga", "@ridwankamil_official") == rk
    # a name that only contains a candidate's is someone else's account
    for other in ("Tolak Ridwan Kamil", "Kamil", "@ridwan_kamil_fans_bandung", "Ridwan Hasan"):
        assert verdict("like", "Selamat pagi warga", other) == (False, "non_political", []), other
    news = verdict("share", "Ridwan Kamil kunjungi pasar Tanah Abang hari ini", "Kompas.com")
    assert news[:2] == (False, "civic")
    assert verdict("like", "Resep rendang padang asli", "@dapurmamah") == (
        False,
        "non_political",
        [],
    )


def test_text_evidence_is_kept_alongside_the_account(engine: Engine) -> None:
    verdict = engine.check(
        parse_act(act("like", "pramonoanung", text="Ayo coblos nomor 1 Ridwan Kamil-Suswono!"))
    )
    assert {t.number for t in verdict.targets} == {1, 3}
    assert verdict.evidence[0] == "akun kampanye resmi: @pramonoanung"
    assert len(verdict.evidence) > 1
