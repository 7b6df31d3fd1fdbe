"""Value types shared by the engine's stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ContentClass = Literal["partisan", "civic", "non_political"]
CONTENT_CLASSES: tuple[ContentClass, ...] = ("partisan", "civic", "non_political")
# Facts about content that the rule table can ask for besides its class: "photo_with_candidate"
# is a photo taken with a candidate ("foto bareng Pak Luthfi"), which SKB 2/2022 names as an
# act of its own (data/rules.yaml).
Signal = Literal["photo_with_candidate"]
SIGNALS: tuple[Signal, ...] = ("photo_with_candidate",)

Action = Literal[
    "post", "like", "comment", "share", "follow", "join_group", "profile_photo", "view"
]
ACTIONS: tuple[Action, ...] = (
    "post",
    "like",
    "comment",
    "share",
    "follow",
    "join_group",
    "profile_photo",
    "view",
)
# Other names platforms and exports give the same acts ("repost" is a share, "reply" a
# comment); input is also read without regard to case, spaces or hyphens ("Join group").
ACTION_ALIASES: dict[str, Action] = {
    "repost": "share", "reshare": "share", "retweet": "share", "quote": "share",
    "forward": "share", "reply": "comment", "subscribe": "follow", "join": "join_group",
    "favorite": "like", "favourite": "like", "react": "like", "reaction": "like",
    "profile_picture": "profile_photo", "avatar": "profile_photo", "twibbon": "profile_photo",
}  # fmt: skip


def canonical_action(value: str) -> Action | None:
    """The action a name stands for ("Repost" -> "share"), None when it is none of them."""
    key = "_".join(value.strip().lower().replace("-", " ").split())
    if key in ACTIONS:
        return key  # type: ignore[return-value]  # one of the Literal's values
    return ACTION_ALIASES.get(key)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who performs the act; only an ASN can breach the neutrality rules."""

    asn: bool
    name: str | None = None
    nip: str | None = None


@dataclass(frozen=True, slots=True)
class Content:
    """The piece of content the act is about."""

    text: str
    platform: str | None = None
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Act:
    """One social-media act to check."""

    id: str | int
    actor: Actor
    action: Action
    content: Content
    region: str | None = None
    timestamp: str | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """A candidate pair the content is for or against."""

    number: int
    candidate: str
    region_code: str


@dataclass(frozen=True, slots=True)
class ContentVerdict:
    """What the content is, with the evidence behind it."""

    content_class: ContentClass
    score: float  # confidence in content_class, 0..1
    evidence: tuple[str, ...] = ()  # human-readable matched words/entities
    targets: tuple[Target, ...] = ()
    # what the content shows besides its class, for rules that need it (SIGNALS)
    signals: frozenset[Signal] = frozenset()

    @property
    def political(self) -> bool:
        """True exactly when the content is partisan or civic."""
        return self.content_class != "non_political"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The engine's answer for one act."""

    id: str | int
    violation: bool
    content_class: ContentClass
    targets: tuple[Target, ...]
    rule_id: str
    citation: str
    sanction: str
    explanation: str
    confidence: float
    needs_human_review: bool = False
    readings: tuple[str, ...] = field(default_factory=tuple)
    evidence: tuple[str, ...] = field(default_factory=tuple)
