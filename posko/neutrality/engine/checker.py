"""The engine facade: classify content and check acts against the rule table."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from posko.candidates.registry import Pair, Registry, canonical_handle, canonical_platform
from posko.neutrality.engine.accounts import account_text, only_a_link
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
        # Regions that see the same races share one compiled matcher.
        self._matchers: OrderedDict[tuple[tuple[str, str], ...], EntityMatcher] = OrderedDict()
        # Hot path: region -> its matcher, so a batch does not recompute the race key per text.
        self._by_region: dict[str | None, EntityMatcher] = {}

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
        key = tuple(sorted({p.race_key for p in pairs}))
        matcher = self._matchers.get(key)
        if matcher is None:
            matcher = EntityMatcher(pairs, self._gazetteer, name_pairs=self.registry.pairs)
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

        text = act.content.text
        link = only_a_link(text)
        if not text.strip() or link:  # only the account: an export, or a pasted link
            text = account_text(act.content.author, act.content.url or link) or text
            content = self.classify(text, act.region)
        else:
            content = self._with_candidate_author(
                self.classify(text, act.region), act.content.author, act.region
            )
        content = self._with_campaign_account(content, act.content.author, act.content.platform)
        rule = self.rules.decide(
            asn=act.actor.asn, action=act.action, content_class=content.content_class
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
        target = Target(number=pair.number, candidate=pair.candidate, region_code=pair.region_code)
        targets = content.targets if target in content.targets else (target, *content.targets)
        return ContentVerdict(
            content_class="partisan",
            score=max(content.score if content.content_class == "partisan" else 0.0, 0.95),
            evidence=(f"akun kampanye resmi: @{handle}", *content.evidence),
            targets=targets,
        )

    def _with_candidate_author(
        self, content: ContentVerdict, author: str | None, region: str | None
    ) -> ContentVerdict:
        """A post written by a candidate's own account ("Ridwan Kamil", "@ridwankamil") is
        that candidate's campaign material, whatever it says: SKB 2/2022 forbids a like,
        comment or share on it (Lampiran II item 4, "akun pemenangan"). The author is read as
        an account name (R7); it counts only when that names a registered pair."""
        if not author or not author.strip():
            return content
        by_name = self.classify(account_text(author, None) or "", region)
        if by_name.content_class != "partisan" or not by_name.targets:
            return content
        targets = (*by_name.targets, *(t for t in content.targets if t not in by_name.targets))
        return ContentVerdict(
            content_class="partisan",
            score=max(
                content.score if content.content_class == "partisan" else 0.0, by_name.score
            ),  # fmt: skip
            evidence=(f"penulis unggahan adalah akun calon: {author.strip()}", *content.evidence),
            targets=targets,
        )

    def _readings(self, rule: Rule, act: Act) -> tuple[str, ...]:
        chosen: list[Reading] = list(rule.readings)
        if act.action == "post":
            chosen.extend(rule.readings_for_post)
        texts = [f"{r.label} → {r.sanction.text.split(':')[0]}" for r in chosen if r.status != "U"]
        timing = next((r for r in chosen if r.status == "U"), None)
        if timing is not None:
            texts.append(timing.label + _timing_note(act, self.rules.milestones))
        return tuple(texts)


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
