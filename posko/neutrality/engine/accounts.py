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
from urllib.parse import urlsplit

from posko.neutrality.engine.entities import NAMED_KINDS, EntityMatch

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
    return any(m.kind in NAMED_KINDS for m in matches)


# Path segments of a social-media address that are not an account or group name.
_NOT_A_NAME = frozenset(
    {"p", "reel", "reels", "stories", "explore", "tv", "i", "home", "search", "hashtag",
     "intent", "share", "watch", "story.php", "profile.php", "permalink.php", "photo", "photos",
     "photo.php", "videos", "video", "events", "posts", "status", "channel", "c", "user",
     "s", "shorts", "tag", "login", "joinchat", "+"}
)  # fmt: skip
_GROUP_PATHS = frozenset({"groups", "group", "communities"})
# Sites whose first path segment is an account or group name (a short link's is not).
SOCIAL_HOSTS = frozenset(
    {"instagram.com", "facebook.com", "fb.com", "x.com", "twitter.com", "tiktok.com",
     "youtube.com", "threads.net", "threads.com", "t.me", "snapchat.com"}
)  # fmt: skip
_NAME_RE = re.compile(r"^@?[\w.]{2,60}$")


def account_text(author: str | None, url: str | None) -> str | None:
    """What an act with no post text is about, written the way R7 reads an account: the
    author ("Ridwan Kamil", "@ridwankamil") or the account or group in the address
    ("instagram.com/ridwankamil", "facebook.com/groups/relawanrk2024"), as "akun @ridwankamil"
    or "grup @relawanrk2024". A like or follow in an export often carries nothing else; the
    mention is split into words by normalize(). None when neither names an account."""
    if author and author.strip():
        name = author.strip()
        if " " in name:
            return f"akun {name}"
        return f"akun @{name.lstrip('@')}"
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip() if "//" in url else "//" + url.strip())
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    if host not in SOCIAL_HOSTS:
        return None
    segments = [s for s in parts.path.split("/") if s]
    head = "akun"
    if segments and segments[0].lower() in _GROUP_PATHS:
        head, segments = "grup", segments[1:]
    if not segments or segments[0].lower() in _NOT_A_NAME or not _NAME_RE.match(segments[0]):
        return None
    return f"{head} @{segments[0].lstrip('@')}"


_LINK_RE = re.compile(r"^(?:https?://)?(?:www\.|m\.)?[\w.-]+\.[a-z]{2,}/\S*$", re.IGNORECASE)


def only_a_link(text: str) -> str | None:
    """The link when the whole text is one web address ("https://instagram.com/ridwankamil"),
    as when someone pastes a link instead of the post; None otherwise."""
    stripped = text.strip()
    if not stripped or any(c.isspace() for c in stripped) or not _LINK_RE.match(stripped):
        return None
    return stripped
