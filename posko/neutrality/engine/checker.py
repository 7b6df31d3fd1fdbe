"""The engine facade: classify content and check acts against the rule table."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from posko.candidates.registry import Pair, Registry, canonical_handle, canonical_platform
from posko.neutrality.engine.accounts import (
    account_in_url,
    account_text,
    compact_name,
    only_a_link,
    own_account_names,
    undecorated,
)
from posko.neutrality.engine.content import ContentClassifier
from posko.neutrality.engine.cues import find_cues
from posko.neutrality.engine.entities import EntityMatcher, load_gazetteer
from posko.neutrality.engine.normalize import normalize
from posko.neutrality.engine.types import Act, ContentClass, ContentVerdict, Target, Verdict

if TYPE_CHECKING:  # rules/explain (and PyYAML) are imported on first check(), not by classify
    from posko.neutrality.engine.rules import Reading, Rule, RuleTable

MATCHER_CACHE_SIZE = 256


class Engine:
    """Normalise -> match entities -> classify -> apply rules -> explain, over one registry."""

    def __init__(
        self,
        registry: Registry | None = None,
        *,
        rules: RuleTable | None = None,
        classifier: ContentClassifier | None = None,
    ) -> None:
        self.registry = registry or Registry()
        self._rules = rules  # loaded on first check(): classify-only runs never need it
        self.classifier = classifier or ContentClassifier(pairs=self.registry.pairs)
        self._gazetteer = load_gazetteer()
        self._pairs_by_key: dict[tuple[str, int], Pair] = {
            (p.region_code, p.number): p for p in self.registry.pairs
        }
        # Official campaign accounts: handle -> [(platform, pair)], for acts with no post text.
        self._accounts: dict[str, list[tuple[str, Pair]]] = {}
        for pair in self.registry.pairs:
            for platform, handle in pair.accounts:
                self._accounts.setdefault(handle, []).append((platform, pair))
        # Regions that see the same races share one compiled matcher (keyed by whether it is
        # a region's, see EntityMatcher's addressed_locals, and the races).
        self._matchers: OrderedDict[tuple[bool, tuple[tuple[str, str], ...]], EntityMatcher] = (
            OrderedDict()
        )
        # Hot path: region -> its matcher, so a batch does not recompute the race key per text.
        self._by_region: dict[str | None, EntityMatcher] = {}

    def pair_of(self, target: Target) -> Pair | None:
        """The registered pair a verdict's target stands for."""
        return self._pairs_by_key.get((target.region_code, target.number))

    @property
    def rules(self) -> RuleTable:
        """The rule table (data/rules.yaml unless one was given), loaded on first use."""
        if self._rules is None:
            from posko.neutrality.engine.rules import load_rule_table

            self._rules = load_rule_table()
        return self._rules

    def matcher_for(self, region: str | None) -> EntityMatcher:
        """The entity matcher for the races that concern a region (all races without one)."""
        matcher = self._by_region.get(region)
        if matcher is not None:
            return matcher
        matcher = self._matcher_for(region)
        if len(self._by_region) >= MATCHER_CACHE_SIZE:
            self._by_region.clear()
        self._by_region[region] = matcher
        return matcher

    def _matcher_for(self, region: str | None) -> EntityMatcher:
        pairs = self.registry.races_for(region)
        local = bool(region)  # races_for("") is every race, as for None
        key = (local, tuple(sorted({p.race_key for p in pairs})))
        matcher = self._matchers.get(key)
        if matcher is None:
            matcher = EntityMatcher(
                pairs, self._gazetteer, name_pairs=self.registry.pairs, addressed_locals=local
            )
            self._matchers[key] = matcher
            if len(self._matchers) > MATCHER_CACHE_SIZE:
                self._matchers.popitem(last=False)
        else:
            self._matchers.move_to_end(key)
        return matcher

    def classify(self, text: str, region: str | None = None) -> ContentVerdict:
        """Decide what a piece of content is: partisan, civic or non-political."""
        norm = normalize(text)
        matches = self.matcher_for(region).match(norm)
        return self.classifier.classify(norm, matches, find_cues(norm))

    def classify_label(self, text: str, region: str | None = None) -> tuple[ContentClass, float]:
        """classify() without evidence and targets: (content class, score)."""
        norm = normalize(text)
        matcher = self._by_region.get(region) or self.matcher_for(region)
        return self.classifier.decide(norm, matcher.match(norm), find_cues(norm))

    def classify_labels(
        self, texts: Sequence[str], region: str | None = None
    ) -> list[tuple[ContentClass, float]]:
        """classify_label() of each text, one stage at a time over all of them: each stage's
        code and tables stay warm in the CPU caches (batch runs, ~5% faster)."""
        norms = list(map(normalize, texts))
        matches = list(map(self.matcher_for(region).match, norms))
        cues = list(map(find_cues, norms))
        return list(map(self.classifier.decide, norms, matches, cues))

    def check(self, act: Act) -> Verdict:
        """Decide whether an act breaks the ASN neutrality rules, and explain why."""
        from posko.neutrality.engine.explain import explain

        text, author, url = act.content.text, act.content.author, act.content.url
        link = only_a_link(text)
        if not text.strip() or link:  # only the account: an export, or a pasted link
            described = account_text(author, url) or account_text(None, link)
            content = self.classify(described or text, act.region)
        else:
            content = self.classify(text, act.region)
        owner = self.own_account(author, url, link)
        if owner is not None:
            content = _as_own_campaign_material(content, *owner)
        content = self._with_campaign_account(content, author, act.content.platform)
        rule = self.rules.decide(
            asn=act.actor.asn,
            action=act.action,
            content_class=content.content_class,
            signals=content.signals,
        )
        readings = self._readings(rule, act) if rule.violation else ()
        return Verdict(
            id=act.id,
            violation=rule.violation,
            content_class=content.content_class,
            targets=content.targets,
            rule_id=rule.id,
            citation=rule.citation,
            sanction=rule.sanction.text,
            explanation=explain(
                rule=rule,
                action=act.action,
                asn=act.actor.asn,
                content=content,
                pairs=self._pairs_by_key,
                readings=readings,
            ),
            confidence=round(_confidence(rule, content), 4),
            needs_human_review=bool(readings),
            readings=readings,
            evidence=content.evidence,
        )

    def campaign_account(self, author: str | None, platform: str | None) -> tuple[str, Pair] | None:
        """The registered pair whose official account wrote the content, if any."""
        if not author or not self._accounts:
            return None
        owners = self._accounts.get(canonical_handle(author))
        if not owners:
            return None
        # A handle on an unknown platform still counts: exports often omit the platform.
        wanted = canonical_platform(platform) if platform else None
        for owner_platform, pair in owners:
            if wanted is None or owner_platform == wanted:
                return canonical_handle(author), pair
        return None

    def _with_campaign_account(
        self, content: ContentVerdict, author: str | None, platform: str | None
    ) -> ContentVerdict:
        """Content by a pair's official campaign account is partisan for that pair.

        A like or follow in an export often carries only the account, no post text.
        """
        found = self.campaign_account(author, platform)
        if found is None:
            return content
        handle, pair = found
        return _partisan_for(content, pair, f"akun kampanye resmi: @{handle}", 0.95)

    @cached_property
    def _own_names(self) -> dict[str, Pair]:
        """Candidates' own accounts by compact name (accounts.own_account_names); a name two
        pairs share is nobody's. Built on the first check: `posko classify` never needs it,
        and for a national registry it is ~50 µs per pair of start-up."""
        owners: dict[str, Pair] = {}
        shared: set[str] = set()
        for pair in self.registry.pairs:
            for name in own_account_names(pair):
                if owners.setdefault(name, pair) != pair:
                    shared.add(name)
        for name in shared:
            del owners[name]
        return owners

    def own_account(self, *names: str | None) -> tuple[str, Pair] | None:
        """(name, pair) when an author or an address's account is a registered candidate's or
        running mate's own ("Ridwan Kamil", "@ridwankamil_official", "instagram.com/
        khofifah.ip"): the full name, first and last name, first name and initials, or an
        alias of six letters or more, written as a handle. A name that merely contains a
        candidate's ("Tolak Ridwan Kamil", "Andika Kangen Band") is not the candidate."""
        if not self._own_names:
            return None
        for name in names:
            if not name or not name.strip():
                continue
            linked = account_in_url(name) if "/" in name else None
            shown = linked.name if linked else name.strip()
            pair = self._own_names.get(undecorated(compact_name(shown[:200])))
            if pair is not None:
                return shown, pair
        return None

    def _readings(self, rule: Rule, act: Act) -> tuple[str, ...]:
        chosen: list[Reading] = list(rule.readings)
        if act.action == "post":
            chosen.extend(rule.readings_for_post)
        texts = [f"{r.label} → {r.sanction.text.split(':')[0]}" for r in chosen if r.status != "U"]
        timing = next((r for r in chosen if r.status == "U"), None)
        if timing is not None:
            texts.append(timing.label + _timing_note(act, self.rules.milestones))
        return tuple(texts)


def _as_own_campaign_material(content: ContentVerdict, name: str, pair: Pair) -> ContentVerdict:
    """What a candidate's own account posts is that candidate's campaign material, whatever it
    says: SKB 2/2022 forbids a like, comment, share or follow on it (Lampiran II item 4,
    "akun pemenangan")."""
    return _partisan_for(content, pair, f"akun milik calon: {name}", 0.9)


def _partisan_for(
    content: ContentVerdict, pair: Pair, evidence: str, score: float
) -> ContentVerdict:
    """The content as partisan for `pair` (first among its targets), with `evidence` first and
    at least `score`."""
    target = Target(number=pair.number, candidate=pair.candidate, region_code=pair.region_code)
    targets = content.targets if target in content.targets else (target, *content.targets)
    return ContentVerdict(
        content_class="partisan",
        score=max(content.score if content.content_class == "partisan" else 0.0, score),
        evidence=(evidence, *content.evidence),
        targets=targets,
        signals=content.signals,
    )


def _timing_note(act: Act, milestones: dict[str, str]) -> str:
    cutoff = milestones.get("penetapan_paslon_pilkada_2024")
    if not act.timestamp or not cutoff:
        return ""
    when = datetime.fromisoformat(act.timestamp).date()
    side = "sebelum" if when < date.fromisoformat(cutoff) else "sesudah"
    return f" (tindakan ini {side} penetapan paslon Pilkada 2024, {cutoff})"


def _confidence(rule: Rule, content: ContentVerdict) -> float:
    """How sure the verdict is: rule-only outcomes are certain; others rest on the content class."""
    if rule.id in {"NEUTRAL-VIEW", "NEUTRAL-NON-ASN"}:
        return 1.0
    return max(0.0, min(1.0, content.score))
