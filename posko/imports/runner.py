"""Run one import into a spool file, so a malformed export never yields half its acts.

Parsing streams, but the output is only released (copied to stdout, or handed to the checker)
once the whole export has parsed: a spool keeps up to SPOOL_MEMORY bytes in memory and
spills the rest to a temporary file, so memory stays bounded for any export size.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from posko.imports.acts import ActorInfo, to_check_line
from posko.imports.sources import canonical_format, iter_acts

SPOOL_MEMORY = 4 << 20


@dataclass
class ImportSummary:
    """What one import produced."""

    acts: int = 0
    with_missing: int = 0
    by_action: dict[str, int] = field(default_factory=dict)

    def line(self, label: str) -> str:
        """One line for stderr."""
        actions = ", ".join(f"{n} {a}" for a, n in sorted(self.by_action.items()))
        return (
            f"{label}: {self.acts} act(s) ({actions or 'none'}); "
            f"{self.with_missing} with missing fields"
        )


def write_acts(
    fmt: str,
    path: Path,
    out: IO[str],
    *,
    actor: ActorInfo,
    label: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Parse an export and write its check-input lines to `out`; raises ExportFormatError."""
    summary = ImportSummary()
    prefix = canonical_format(fmt)
    for source, raw in iter_acts(fmt, path, label=label, name=actor.name):
        act_id = f"{prefix}:{source}#{summary.acts + 1}"
        line = to_check_line(raw, actor=actor, source_file=source, act_id=act_id)
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        summary.acts += 1
        summary.with_missing += bool(line["import"]["missing"])
        summary.by_action[raw.action] = summary.by_action.get(raw.action, 0) + 1
        if progress is not None and summary.acts % 1000 == 0:
            progress(summary.acts)
    return summary


def import_spooled(
    fmt: str, path: Path, *, actor: ActorInfo, label: str | None = None
) -> tuple[ImportSummary, IO[str]]:
    """Parse the whole export into a spool; returns it rewound. Raises before any output."""
    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115  # handed to the caller
        max_size=SPOOL_MEMORY, mode="w+", encoding="utf-8"
    )
    try:
        summary = write_acts(fmt, path, spool, actor=actor, label=label)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return summary, spool


def copy_spool(spool: IO[str], out: IO[str]) -> None:
    """Release a validated spool to its reader."""
    with spool:
        shutil.copyfileobj(spool, out, 1 << 16)


def spool_lines(spool: IO[str]) -> Iterator[dict[str, Any]]:
    """The acts in a validated spool, one object at a time."""
    with spool:
        for line in spool:
            yield json.loads(line)
