"""`posko backup` / `posko restore`: the database and every evidence file, verified by SHA-256.

The database travels as Django's JSON fixture format (dumpdata, natural foreign keys, original
primary keys): it loads back faithfully on SQLite and on PostgreSQL alike, so a backup taken on
one restores on the other, and no pg_dump of matching version is needed on the server.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from posko.core import audit
from posko.core.audit import Actor

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = "database.json"
EVIDENCE_PREFIX = "evidence/"
# Rebuilt by `migrate` on restore; dumping them would clash with the rows migrate creates.
EXCLUDED_MODELS = {"contenttypes", "auth.permission", "sessions.session"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """An archive that cannot be restored (corrupt, tampered with, or not a Posko backup)."""


class DatabaseNotEmpty(Exception):
    """Restore refused: the target database already holds data (use --force)."""


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _sha256_stream(stream: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


@contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the database for the whole dump."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # Every dumpdata query then sees the same snapshot, while writers carry on.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def create_backup(output: Path, *, actor: Actor) -> dict[str, Any]:
    """Write a .tar.gz with database.json, evidence/… and a manifest of SHA-256 sums."""
    from posko.reports.models import Evidence
    from posko.reports.uploads import EvidenceStore

    store = EvidenceStore()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".posko-backup-") as work:
        dump = Path(work) / DATABASE_MEMBER
        names = _dump_consistently(dump, actor)
        members: dict[str, dict[str, Any]] = {
            DATABASE_MEMBER: {"sha256": _sha256_file(dump), "size": dump.stat().st_size}
        }
        missing = []
        partial = output.with_name(output.name + ".part")
        # The archive holds reporter identities: owner-only from the first byte.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(dump, arcname=DATABASE_MEMBER)
            for name in names:
                path = store.path_of(name)
                if not path.is_file():
                    missing.append(name)
                    continue
                arcname = EVIDENCE_PREFIX + name
                members[arcname] = {"sha256": _sha256_file(path), "size": path.stat().st_size}
                archive.add(path, arcname=arcname)
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "database_vendor": connection.vendor,
                "evidence_rows": Evidence.objects.count(),
                "missing_evidence": missing,
                "members": members,
            }
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        os.replace(partial, output)
    return manifest


def _dump_consistently(dump: Path, actor: Actor) -> list[str]:
    """Audit the backup, then dump one snapshot that includes that audit row."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        # The audit row commits first: a read-only snapshot cannot write.
        with transaction.atomic():
            _record_backup(actor)
        with _snapshot():
            return _dump(dump)
    with _snapshot():
        _record_backup(actor)
        return _dump(dump)


def _record_backup(actor: Actor) -> None:
    with transaction.atomic():
        audit.record(actor, "backup.create", ("core.backup", timezone.now().date().isoformat()))


class _ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder rounds times to milliseconds; a backup keeps them exact."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _dumped_models() -> list[Any]:
    app_list = {config: None for config in apps.get_app_configs() if config.models_module}
    models = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [
        model
        for model in models
        if model._meta.app_label not in EXCLUDED_MODELS
        and model._meta.label_lower not in EXCLUDED_MODELS
        and not model._meta.proxy
        and model._meta.managed
    ]


def _dump(dump: Path) -> list[str]:
    """dumpdata's format (natural foreign keys, original primary keys), with exact times."""

    def rows() -> Iterator[Any]:
        for model in _dumped_models():
            # The base manager: no custom manager may filter rows out of a backup.
            yield from model._base_manager.order_by(model._meta.pk.name).iterator(chunk_size=2000)

    with dump.open("w", encoding="utf-8") as handle:
        serializers.serialize(
            "json", rows(), stream=handle, use_natural_foreign_keys=True, cls=_ExactEncoder
        )
    return _storage_names(dump)


def _storage_names(dump: Path) -> list[str]:
    with dump.open("rb") as handle:
        rows = json.load(handle)
    return sorted(
        row["fields"]["storage_name"] for row in rows if row.get("model") == "reports.evidence"
    )


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def verify_archive(path: Path) -> dict[str, Any]:
    """Check every member against the manifest before anything is touched; returns it."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            try:
                manifest_file = archive.extractfile(MANIFEST)
            except KeyError:
                raise BackupError("not a Posko backup: manifest.json is missing") from None
            if manifest_file is None:
                raise BackupError("manifest.json is not a regular file")
            manifest = json.loads(manifest_file.read())
            if manifest.get("format") != FORMAT:
                raise BackupError(f"unsupported backup format {manifest.get('format')!r}")
            expected: dict[str, dict[str, Any]] = manifest["members"]
            seen = set()
            for member in archive:
                if member.name == MANIFEST:
                    continue
                _check_member_name(member)
                if member.name not in expected:
                    raise BackupError(f"{member.name}: not listed in the manifest")
                stream = archive.extractfile(member)
                assert stream is not None
                digest, size = _sha256_stream(stream)
                want = expected[member.name]
                if digest != want["sha256"] or size != want["size"]:
                    raise BackupError(f"{member.name}: checksum mismatch, the archive is corrupt")
                seen.add(member.name)
            absent = sorted(set(expected) - seen)
            if absent:
                raise BackupError(f"{absent[0]}: listed in the manifest but missing")
            return manifest
    except (tarfile.TarError, EOFError, OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"the archive is damaged or not a Posko backup ({exc})") from None


def _check_member_name(member: tarfile.TarInfo) -> None:
    name = PurePosixPath(member.name)
    if not member.isfile() or name.is_absolute() or ".." in name.parts:
        raise BackupError(f"{member.name}: unsafe member in archive")
    if member.name != DATABASE_MEMBER and not member.name.startswith(EVIDENCE_PREFIX):
        raise BackupError(f"{member.name}: unexpected member in archive")


def database_has_data() -> bool:
    """True when the target already holds users, reports, cases or audit rows."""
    from django.contrib.auth.models import User

    from posko.cases.models import Case
    from posko.core.models import AuditEvent
    from posko.reports.models import Report

    return any(model.objects.exists() for model in (User, Report, Case, AuditEvent))


def restore_backup(path: Path, *, force: bool = False, actor: Actor = "cli") -> dict[str, Any]:
    """Verify, then load the database and put the evidence files in place."""
    manifest = verify_archive(path)
    call_command("migrate", interactive=False, verbosity=0)
    if database_has_data() and not force:
        raise DatabaseNotEmpty("the database is not empty; restore with --force to replace it")
    evidence_dir = Path(settings.EVIDENCE_DIR)
    evidence_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=evidence_dir.parent, prefix=".restore-"))
    try:
        dump = staging / DATABASE_MEMBER
        files = staging / "evidence"
        files.mkdir(mode=0o700)
        _extract(path, dump, files, manifest)
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            _load(dump)
            audit.record(
                actor,
                "backup.restore",
                ("core.backup", manifest["created_at"]),
                members=len(manifest["members"]),
            )
            _swap_evidence(files, evidence_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _load(dump: Path) -> int:
    """Load the fixture in batches (loaddata saves row by row: minutes for the region table)."""
    from django.core.management.color import no_style

    batch: list[Any] = []
    later: list[Any] = []
    loaded: set[type] = set()

    def flush() -> None:
        if not batch:
            return
        model = type(batch[0])
        fields = list(model._meta.local_concrete_fields)
        size = max(1, connection.ops.bulk_batch_size(fields, batch))
        for start in range(0, len(batch), size):
            # raw=True, as loaddata's save_base(raw=True): auto_now fields keep their stored
            # values. bulk_create() would stamp them with the time of the restore.
            model._base_manager._insert(batch[start : start + size], fields=fields, raw=True)
        batch.clear()

    with dump.open("rb") as handle:
        # Django's FKs are DEFERRABLE INITIALLY DEFERRED on SQLite and PostgreSQL alike, so
        # rows may arrive in any order within this transaction.
        for item in serializers.deserialize("json", handle, handle_forward_references=True):
            model = type(item.object)
            loaded.add(model)
            if batch and type(batch[0]) is not model:
                # dumpdata orders models by dependency: flush so natural keys resolve.
                flush()
            if any((item.m2m_data or {}).values()) or item.deferred_fields:
                flush()
                item.save()  # row by row, like loaddata: group memberships, forward references
                if item.deferred_fields:
                    later.append(item)
                continue
            batch.append(item.object)
    flush()
    for item in later:
        item.save_deferred_fields()
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(loaded)):
            cursor.execute(statement)
    return len(loaded)


def _extract(path: Path, dump: Path, files: Path, manifest: dict[str, Any]) -> None:
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            if member.name == MANIFEST:
                continue
            _check_member_name(member)
            target = (
                dump
                if member.name == DATABASE_MEMBER
                else files / member.name.removeprefix(EVIDENCE_PREFIX)
            )
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            stream = archive.extractfile(member)
            assert stream is not None
            with target.open("wb") as handle:
                shutil.copyfileobj(stream, handle, CHUNK)
            # Verified once already; checked again as written, in case the file changed since.
            if _sha256_file(target) != manifest["members"][member.name]["sha256"]:
                raise BackupError(f"{member.name}: checksum mismatch while extracting")


def _swap_evidence(files: Path, evidence_dir: Path) -> None:
    # The old folder is kept aside, never deleted: a restore must not destroy evidence.
    if evidence_dir.exists() and any(evidence_dir.iterdir()):
        stamp = timezone.now().strftime("%Y%m%d%H%M%S")
        evidence_dir.rename(evidence_dir.with_name(f"{evidence_dir.name}.before-restore-{stamp}"))
    elif evidence_dir.exists():
        evidence_dir.rmdir()
    files.rename(evidence_dir)
