"""The case state machine: which stage may follow which."""

from __future__ import annotations

from posko.cases.choices import Stage

ALLOWED_TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    Stage.RECEIVED: frozenset({Stage.STUDY, Stage.STOPPED, Stage.FORWARDED, Stage.MERGED}),
    Stage.STUDY: frozenset({Stage.GAKKUMDU, Stage.STOPPED, Stage.FORWARDED, Stage.MERGED}),
    Stage.GAKKUMDU: frozenset({Stage.INVESTIGATION, Stage.STOPPED, Stage.FORWARDED}),
    Stage.INVESTIGATION: frozenset({Stage.PROSECUTION, Stage.STOPPED}),
    Stage.PROSECUTION: frozenset({Stage.TRIAL, Stage.STOPPED}),
    Stage.TRIAL: frozenset({Stage.APPEAL, Stage.FINAL}),
    Stage.APPEAL: frozenset({Stage.FINAL}),
    Stage.FINAL: frozenset(),
    Stage.STOPPED: frozenset(),
    Stage.FORWARDED: frozenset(),
    Stage.MERGED: frozenset(),
}

# Exits that end a case need a reason a reviewer can read later.
REASON_REQUIRED = frozenset({Stage.STOPPED, Stage.FORWARDED, Stage.MERGED, Stage.FINAL})


def can_transition(current: str, target: str) -> bool:
    """True when the state machine allows moving from `current` to `target`."""
    return Stage(target) in ALLOWED_TRANSITIONS.get(Stage(current), frozenset())
