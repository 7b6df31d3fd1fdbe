"""R7: the text is the name or bio of a campaign account, page, group or twibbon.

What an ASN follows, joins or wears as a profile frame often reaches the engine as nothing but
that account's name or description: "Akun resmi Ridwan Kamil - Suswono", "Grup WA Relawan
Khofifah-Emil Kec. Sukolilo", "Komunitas Milenial for Prabowo-Gibran". Such text reads like a
neutral label (no support verb, often an office and a year, like news), yet following or
joining it is exactly what SKB 2/2022 (Lampiran, item 4: "bergabung/follow dalam grup/akun
pemenangan") forbids, so a description of an account that names a candidate, pair, slogan or
party is partisan. Accounts of KPU, Bawaslu or the news name no candidate and stay with the
model; a warning about a fake or hacked account is civic news, not the account itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from posko.candidates.registry import Pair
from posko.neutrality.engine.entities import (
    NAMED_KINDS,
    EntityMatch,
    clean_person_name,
    load_gazetteer,
)

# A description starts with one of these (within its first HEAD_WINDOW words).
ACCOUNT_HEADS = frozenset(
    {"akun", "account", "official", "halaman", "page", "fanpage", "fp", "grup", "group",
     "komunitas", "community", "channel", "kanal", "fanbase", "fans", "fansclub", "forum",
     "barisan", "laskar", "sahabat", "relawan", "twibbon", "bingkai", "frame", "profil", "bio"}
)  # fmt: skip
HEAD_WINDOW = 3
# Longer text is a post about something, not an account's name or bio.
MAX_DESCRIPTION_WORDS = 24
# Words of a warning or news story about an account rather than the account itself.
NOT_THE_ACCOUNT = frozenset(
    {"palsu", "fake", "diretas", "retas", "hack", "dihack", "diheck", "peretasan", "penipuan",
     "menipu", "waspada", "hoaks", "hoax", "catut", "mencatut", "dicatut", "mengatasnamakan",
     "kloning", "diblokir", "blokir", "ditangguhkan", "suspend", "disuspend", "dilaporkan",
     "melaporkan", "laporkan", "hapus", "dihapus", "menghapus", "bukan"}
)  # fmt: skip


def describes_campaign_account(tokens: Sequence[str], matches: Sequence[EntityMatch]) -> bool:
    """True when the text is the name or bio of an account, group or frame of a named
    candidate, pair, slogan or party (see the module docstring)."""
    if not matches or len(tokens) > MAX_DESCRIPTION_WORDS:
        return False
    if ACCOUNT_HEADS.isdisjoint(tokens[:HEAD_WINDOW]):
        return False
    if not NOT_THE_ACCOUNT.isdisjoint(tokens):
        return False
    if not _scene_words().isdisjoint(tokens):
        return False  # "Andika Kangen Band", "fans Persib": a band's or a club's account
    return any(m.kind in NAMED_KINDS for m in matches)


@cache
def _scene_words() -> frozenset[str]:
    """One-word sport, music and other-contest words of the gazetteer (content rule R10)."""
    gaz = load_gazetteer()
    forms = gaz.other_scene_forms | gaz.other_contest_forms
    return frozenset(form[0] for form in forms if len(form) == 1)


# Path segments of a social-media address that name a page of the site, not an account.
_NOT_A_NAME = frozenset(
    {"p", "reel", "reels", "stories", "explore", "tv", "i", "home", "search", "hashtag",
     "intent", "share", "sharer", "sharer.php", "watch", "story.php", "profile.php",
     "permalink.php", "photo", "photos", "photo.php", "videos", "video", "events", "posts",
     "status", "channel", "s", "shorts", "tag", "login", "joinchat", "+", "results",
     "playlist", "live", "feed", "accounts", "direct", "people", "pages", "marketplace",
     "messages", "settings", "notifications", "gaming", "watchlist", "discover", "trending"}
)  # fmt: skip
_GROUP_PATHS = frozenset({"groups", "group", "communities"})
_CHANNEL_PATHS = frozenset({"c", "user"})  # youtube.com/c/<name>, youtube.com/user/<name>
# Sites whose first path segment is an account or group name (a short link's is not).
SOCIAL_HOSTS = frozenset(
    {"instagram.com", "facebook.com", "fb.com", "x.com", "twitter.com", "tiktok.com",
     "youtube.com", "threads.net", "threads.com", "t.me", "snapchat.com"}
)  # fmt: skip
_HOST_PREFIXES = ("www.", "m.", "web.", "mobile.", "mbasic.")
_NAME_RE = re.compile(r"^@?[\w.]{2,60}$", re.ASCII)
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LinkedAccount:
    """The account or group a social-media address belongs to."""

    kind: str  # "akun" or "grup"
    name: str  # the handle or group name, without "@"
    post: bool  # the address is one post (or a page under it), not the account itself


def account_in_url(url: str | None) -> LinkedAccount | None:
    """The account or group of a social-media address: "instagram.com/ridwankamil" is the
    account, "x.com/ridwankamil/status/1" a post of it, "facebook.com/groups/relawanrk" a
    group. None for other sites (a short link's code is not a name) and site pages."""
    if not url or not url.strip() or len(url) > 2_000:
        return None
    raw = url.strip()
    try:
        parts = urlsplit(raw if _SCHEME_RE.match(raw) else "//" + raw)
        host = (parts.hostname or "").lower()
    except ValueError:  # "http://[::1/x": not an address at all
        return None
    for prefix in _HOST_PREFIXES:
        host = host.removeprefix(prefix)
    if host not in SOCIAL_HOSTS:
        return None
    segments = [s for s in parts.path.split("/") if s]
    kind = "akun"
    if segments and segments[0].lower() in _GROUP_PATHS:
        kind, segments = "grup", segments[1:]
    elif segments and host == "youtube.com" and segments[0].lower() in _CHANNEL_PATHS:
        segments = segments[1:]
    if not segments or segments[0].lower() in _NOT_A_NAME or not _NAME_RE.match(segments[0]):
        return None
    return LinkedAccount(kind, segments[0].lstrip("@"), post=len(segments) > 1)


def account_text(author: str | None, url: str | None) -> str | None:
    """What an act with no post text is about, written the way R7 reads an account: the
    author ("Ridwan Kamil", "@ridwankamil") or the account or group page in the address
    ("instagram.com/ridwankamil", "facebook.com/groups/relawanrk2024"), as "akun @ridwankamil"
    or "grup @relawanrk2024"; the mention is split into words by normalize(). None when
    neither names one: an address of one post says nothing of what the post says."""
    if author and author.strip():
        name = author.strip()[:200]
        if " " in name:
            return f"akun {name}"
        return f"akun @{name.lstrip('@')}"
    linked = account_in_url(url)
    if linked is None or linked.post:
        return None
    return f"{linked.kind} @{linked.name}"


def compact_name(name: str) -> str:
    """A name as a handle writes it: "Ridwan Kamil" and "@ridwan_kamil" -> "ridwankamil"."""
    return "".join(c for c in name.lower() if c.isalnum() and c.isascii())


# Decorations of a candidate's own handle: "ridwankamil_official", "prabowo.resmi".
HANDLE_DECORATIONS = ("official", "resmi", "real", "asli", "id")


def undecorated(handle: str) -> str:
    """A compact handle without a decoration or trailing digits ("khofifahip2024" -> ...)."""
    handle = handle.rstrip("0123456789")
    for word in HANDLE_DECORATIONS:
        if handle.endswith(word) and len(handle) - len(word) >= 5:
            return handle[: -len(word)]
        if word != "id" and handle.startswith(word) and len(handle) - len(word) >= 5:
            return handle[len(word) :]
    return handle


# Shorter names and aliases ("RK", "AMIN", "Gemoy") are too often someone else's handle.
MIN_OWN_HANDLE = 6


def own_account_names(pair: Pair) -> set[str]:
    """The compact names a candidate's or running mate's own account goes by: the full name,
    first and last name, first name and initials ("khofifahip"), and the pair's aliases."""
    names: set[str] = set()
    for person in (pair.candidate, pair.running_mate):
        words = [w for w in clean_person_name(person) if w.isalpha()] if person else []
        if not words:
            continue
        names.add("".join(words))
        if len(words) >= 2:
            names.add(words[0] + words[-1])
            names.add(words[0] + "".join(w[0] for w in words[1:]))
    names.update(compact_name(alias) for alias in pair.aliases)
    return {n for n in names if len(n) >= MIN_OWN_HANDLE}


_LINK_RE = re.compile(r"^(?:https?://)?(?:www\.|m\.)?[\w.-]+\.[a-z]{2,}/\S*$", re.IGNORECASE)


def only_a_link(text: str) -> str | None:
    """The link when the whole text is one web address ("https://instagram.com/ridwankamil"),
    as when someone pastes a link instead of the post; None otherwise."""
    stripped = text.strip()
    if not stripped or any(c.isspace() for c in stripped) or not _LINK_RE.match(stripped):
        return None
    return stripped
