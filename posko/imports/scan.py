"""`posko scan`: import + check every export in a folder, report and record the findings."""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posko.core.audit import Actor
from posko.imports.acts import ActorInfo
from posko.imports.discover import ScanJob, plan
from posko.imports.errors import ExportFormatError
from posko.imports.runner import import_spooled, spool_lines

CSV_COLUMNS = (
    "nip",
    "name",
    "rule_id",
    "citation",
    "candidate",
    "action",
    "platform",
    "timestamp",
    "url",
    "account",
    "text",
    "missing",
    "source_file",
    "position",
    "confidence",
    "explanation",
)


@dataclass
class ScanResult:
    """What a scan read and found."""

    files: int = 0
    acts: int = 0
    findings: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    recorded: int = 0
    outputs: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """One line for stderr."""
        return (
            f"scan: {self.files} file(s), {self.acts} act(s), {len(self.findings)} finding(s), "
            f"{self.recorded} recorded as evidence, {len(self.errors)} malformed file(s); "
            + ", ".join(str(p) for p in self.outputs)
        )


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = max(total, 1)
        self.on = sys.stderr.isatty()

    def show(self, done: int, acts: int) -> None:
        """Redraw the bar."""
        if self.on:
            filled = 30 * done // self.total
            bar = "#" * filled + "-" * (30 - filled)
            print(f"\rscan [{bar}] {done}/{self.total} files, {acts} acts", end="", file=sys.stderr)

    def close(self) -> None:
        """End the bar's line."""
        if self.on:
            print(file=sys.stderr)


def _item(act: dict[str, Any]) -> dict[str, Any]:
    """The original exported item as evidence keeps it."""
    content = act.get("content") or {}
    meta = act.get("import") or {}
    item = {
        "text": content.get("text") or None,
        "url": content.get("url"),
        "account": content.get("author"),
        "timestamp": act.get("timestamp"),
        "platform": content.get("platform"),
        "action": act.get("action"),
        "source_file": meta.get("source_file"),
        "position": meta.get("position"),
        "missing": meta.get("missing", []),
    }
    return {k: v for k, v in item.items() if v not in (None, "")}


def _job_acts(job: ScanJob, root: Path) -> Iterator[dict[str, Any]]:
    """The check-input objects of one job; raises ExportFormatError before yielding any."""
    if job.fmt == "jsonl":
        bad: list[str] = []
        lines: list[dict[str, Any]] = []
        with open(job.path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    lines.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    bad.append(f"line {number}: not valid JSON ({exc.msg})")
        if bad:
            raise ExportFormatError(str(job.path), bad[0].split(":")[0], bad[0].split(": ", 1)[1])
        yield from lines
        return
    actor = ActorInfo(nip=job.nip, name=job.name or None)
    # Named relative to the scan folder, so the same export scanned again is the same evidence.
    label = job.path.relative_to(root).as_posix()
    _summary, spool = import_spooled(job.fmt, job.path, actor=actor, label=label)
    yield from spool_lines(spool)


def run_scan(root: Path, out_dir: Path, *, actor: Actor, record: bool = True) -> ScanResult:
    """Import and check every export under `root`; write findings.html/.csv into `out_dir`."""
    from posko.candidates.services import registry_for_checks
    from posko.neutrality.engine.checker import Engine
    from posko.neutrality.engine.parse import InputError, parse_act
    from posko.neutrality.engine.render import verdict_to_dict
    from posko.watchlist.services import watchlisted_accounts

    accounts = watchlisted_accounts()
    watched = {nip: name for nip, name, _p, _h in accounts}
    jobs, notes = plan(root, accounts)
    result = ScanResult(notes=notes)
    engine = Engine(registry_for_checks())
    progress = Progress(len(jobs))
    for done, job in enumerate(jobs, start=1):
        hits: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
        try:
            for act in _job_acts(job, root):
                nip = str((act.get("actor") or {}).get("nip") or job.nip)
                if nip not in watched:
                    continue
                try:
                    verdict = verdict_to_dict(engine.check(parse_act(act)))
                except InputError as exc:
                    raise ExportFormatError(
                        str(job.path), f"act {act.get('id')!r}", str(exc)
                    ) from None
                result.acts += 1
                if verdict["violation"]:
                    hits[nip].append((act, verdict))
        except ExportFormatError as exc:
            result.errors.append(str(exc))
            print(f"error ({exc.code}): {exc}", file=sys.stderr)
            continue
        finally:
            progress.show(done, result.acts)
        result.files += 1
        for nip, pairs in hits.items():
            for act, verdict in pairs:
                result.findings.append(_finding_row(nip, watched[nip], act, verdict))
            if record:
                result.recorded += _record(nip, pairs, job.path, actor)
    progress.close()
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    result.outputs = write_report(result, out_dir)
    return result


def _record(
    nip: str, pairs: list[tuple[dict[str, Any], dict[str, Any]]], source: Path, actor: Actor
) -> int:
    from posko.watchlist.access import actor_label
    from posko.watchlist.services import FindingInput, record_findings

    entries = [FindingInput(item=_item(act), act=act, verdict=verdict) for act, verdict in pairs]
    label = actor_label(actor)
    return len(record_findings(nip, entries, actor=actor, source_file=source, imported_by=label))


def _finding_row(
    nip: str, name: str, act: dict[str, Any], verdict: dict[str, Any]
) -> dict[str, Any]:
    item = _item(act)
    targets = verdict.get("targets") or []
    return {
        "nip": nip,
        "name": name,
        "rule_id": verdict["rule"]["id"],
        "citation": verdict["rule"]["citation"],
        "candidate": "; ".join(f"{t['number']}. {t['candidate']}" for t in targets) or "-",
        "action": act.get("action", ""),
        "platform": item.get("platform", ""),
        "timestamp": item.get("timestamp", ""),
        "url": item.get("url", ""),
        "account": item.get("account", ""),
        "text": item.get("text", ""),
        "missing": ";".join(item.get("missing", [])),
        "source_file": item.get("source_file", ""),
        "position": item.get("position", ""),
        "confidence": verdict.get("confidence", ""),
        "explanation": verdict.get("explanation", ""),
    }


def grouped(
    findings: list[dict[str, Any]],
) -> list[tuple[str, list[tuple[str, list[tuple[str, list[dict[str, Any]]]]]]]]:
    """Findings as person -> rule -> candidate -> rows, each level sorted."""
    tree: dict[str, dict[str, dict[str, list[dict[str, Any]]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for row in findings:
        tree[f"{row['name']} (NIP {row['nip']})"][row["rule_id"]][row["candidate"]].append(row)
    return [
        (person, [(rule, sorted(cands.items())) for rule, cands in sorted(rules.items())])
        for person, rules in sorted(tree.items())
    ]


def write_report(result: ScanResult, out_dir: Path) -> list[Path]:
    """findings.csv (one row per finding) and findings.html (grouped), written into out_dir."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    out_dir.mkdir(parents=True, exist_ok=True)
    rows = sorted(
        result.findings, key=lambda r: (r["nip"], r["rule_id"], r["candidate"], r["timestamp"])
    )
    csv_path = out_dir / "findings.csv"
    with open(csv_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    html_path = out_dir / "findings.html"
    html = render_to_string(
        "imports/scan_report.html",
        {"groups": grouped(rows), "result": result, "generated": timezone.now()},
    )
    html_path.write_text(html, encoding="utf-8")
    return [html_path, csv_path]
