"""Pages of the neutrality app."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from posko.core.ratelimit import rate_limit_post
from posko.neutrality.engine.explain import pair_names, race_name
from posko.neutrality.engine.types import Target, Verdict
from posko.neutrality.forms import ACTION_CHOICES, SelfCheckForm
from posko.neutrality.services import get_engine

# Below this the classifier is guessing; an ASN should ask rather than rely on "allowed".
REVIEW_BELOW = 0.5

CONTENT_CLASS_LABELS = {
    "partisan": _("Partisan: mendukung atau menyerang calon/partai"),
    "civic": _("Sipil: ajakan memilih atau informasi pemilihan yang netral"),
    "non_political": _("Tidak politis"),
}


@dataclass(frozen=True)
class Outcome:
    """The one-line answer a person reads first, and its colour class."""

    kind: str  # "violation", "review" or "allowed": also the CSS class
    headline: str | Promise


def outcome_for(verdict: Verdict) -> Outcome:
    """Turn a verdict into plain advice: don't, ask, or go ahead."""
    if verdict.violation:
        if verdict.confidence < REVIEW_BELOW:
            return Outcome("review", _("Perlu penilaian PPK/BKN: sebaiknya jangan dilakukan dulu"))
        return Outcome("violation", _("Jangan lakukan: melanggar netralitas ASN"))
    if verdict.needs_human_review:
        return Outcome("review", _("Perlu penilaian PPK/BKN"))
    if verdict.content_class == "partisan":
        return Outcome("allowed", _("Boleh: tindakan ini tidak melanggar netralitas ASN"))
    return Outcome("allowed", _("Boleh: konten netral/sipil"))


@dataclass(frozen=True)
class TargetLine:
    """One pair a verdict names, as the page shows it."""

    number: int
    names: str  # "Pramono Anung–Rano Karno"
    race: str  # "Pilgub Daerah Khusus Ibukota Jakarta"; "" when the registry lacks the pair


def target_lines(targets: tuple[Target, ...]) -> list[TargetLine]:
    """The verdict's targets with their running mates and races, from the registry."""
    engine = get_engine()
    lines = []
    for target in targets:
        pair = engine.pair_of(target)
        if pair is None:
            lines.append(TargetLine(target.number, target.candidate, ""))
        else:
            lines.append(TargetLine(pair.number, pair_names(pair), race_name(pair)))
    return lines


@require_http_methods(["GET", "POST"])
@rate_limit_post("self-check")
def self_check(request: HttpRequest) -> HttpResponse:
    """The ASN self-check: paste a post, pick an action, read the verdict; nothing is stored."""
    form = SelfCheckForm(request.POST) if request.method == "POST" else SelfCheckForm()
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        verdict = get_engine().check(form.act)
        context.update(
            verdict=verdict,
            targets=target_lines(verdict.targets),
            outcome=outcome_for(verdict),
            content_class_label=CONTENT_CLASS_LABELS[verdict.content_class],
            region=form.cleaned_data["region"],
            action_label=dict(ACTION_CHOICES)[form.act.action],
            asn=form.act.actor.asn,
        )
    return render(request, "neutrality/self_check.html", context)
