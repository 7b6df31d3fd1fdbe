"""Check an uploaded export: import it whole, run the engine, audit who looked at what."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from posko.core.audit import Actor, record
from posko.imports.acts import ActorInfo
from posko.imports.runner import ImportSummary, import_spooled, spool_lines

MAX_ROWS_SHOWN = 500


@dataclass
class CheckedExport:
    """The acts of an export with their verdicts (first MAX_ROWS_SHOWN), and the totals."""

    summary: ImportSummary
    sha256: str
    rows: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    violations: int = 0
    lines: list[str] = field(default_factory=list)  # the check-input JSON lines, for download


def check_export(
    fmt: str, path: Path, *, label: str, owner: ActorInfo, actor: Actor
) -> CheckedExport:
    """Import and check one export; raises ExportFormatError (nothing checked) when malformed."""
    import json

    from posko.candidates.services import registry_for_checks
    from posko.neutrality.engine.checker import Engine
    from posko.neutrality.engine.parse import parse_act
    from posko.neutrality.engine.render import verdict_to_dict

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    summary, spool = import_spooled(fmt, path, actor=owner, label=label)
    result = CheckedExport(summary=summary, sha256=digest.hexdigest())
    engine = Engine(registry_for_checks())
    for act in spool_lines(spool):
        verdict = verdict_to_dict(engine.check(parse_act(act)))
        result.violations += bool(verdict["violation"])
        result.lines.append(json.dumps(act, ensure_ascii=False))
        if len(result.rows) < MAX_ROWS_SHOWN:
            result.rows.append((act, verdict))
    with transaction.atomic():
        record(
            actor,
            "imports.check_export",
            ("imports.export", result.sha256),
            format=fmt,
            file=label,
            nip=owner.nip,
            acts=summary.acts,
            violations=result.violations,
        )
    return result
