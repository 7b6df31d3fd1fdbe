"""Production hardening: `check --deploy` clean, cookies, CSP nonces, audited identity reads."""

from __future__ import annotations

import ast
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

POSKO = Path(sys.executable).with_name("posko")
PACKAGE = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "POSKO_HTTPS": "true",
    "POSKO_DEBUG": "false",
    "POSKO_ALLOWED_HOSTS": "posko.example.id",
}


def _check_deploy(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, POSKO_DATA_DIR=str(tmp_path), **extra)
    env.pop("DATABASE_URL", None)
    args = ["manage", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run([str(POSKO), *args], env=env, capture_output=True, text=True)


def test_check_deploy_is_clean_in_production_settings(tmp_path: Path) -> None:
    done = _check_deploy(tmp_path, POSKO_SECRET_KEY=secrets.token_urlsafe(60), **PRODUCTION_ENV)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "no issues" in done.stdout + done.stderr
    assert "WARNINGS" not in done.stdout + done.stderr


def test_without_https_the_deploy_check_names_what_is_missing(tmp_path: Path) -> None:
    done = _check_deploy(tmp_path, POSKO_HTTPS="false")
    assert done.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in done.stderr + done.stdout


@pytest.mark.django_db
def test_session_cookie_is_httponly_samesite_and_ends_with_the_browser() -> None:
    from django.conf import settings

    client = Client()
    client.get("/akun/masuk/")
    csrf = client.cookies["csrftoken"]
    assert csrf["samesite"] == "Lax" and csrf["httponly"]
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY
    assert 0 < settings.SESSION_COOKIE_AGE <= 24 * 3600
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_csp_is_strict_and_adds_a_nonce_only_when_a_page_uses_one() -> None:
    from csp.middleware import CSPMiddleware

    def inline_page(request: HttpRequest) -> HttpResponse:
        nonce = request.csp_nonce  # type: ignore[attr-defined]
        return HttpResponse(f'<script nonce="{nonce}">1</script>')

    request = RequestFactory().get("/")
    with_nonce = cast(HttpResponse, CSPMiddleware(inline_page)(request))
    header = with_nonce["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", header)
    assert nonce and f'nonce="{nonce.group(1)}"' in with_nonce.content.decode()
    script_src = re.search(r"script-src ([^;]+)", header).group(1)  # type: ignore[union-attr]
    assert script_src.split()[0] == "'self'" and "unsafe-inline" not in header

    plain = cast(
        HttpResponse, CSPMiddleware(lambda r: HttpResponse("ok"))(RequestFactory().get("/"))
    )
    assert "nonce-" not in plain["Content-Security-Policy"]
    assert "unsafe-inline" not in plain["Content-Security-Policy"]
    assert "style-src 'self'" in plain["Content-Security-Policy"]


# Files allowed to touch ReporterIdentity: the model, the service that writes it and the one
# audited reader (reveal_identity), and whole-database jobs that audit themselves (retention
# purge, backup). Everything else must go through reports.services.reveal_identity.
IDENTITY_DOORS = {
    "reports/models.py",
    "reports/services.py",
    "reports/intake.py",  # writes the identity when it files a received report
    "core/retention.py",
    "core/backup.py",
}


def _python_sources() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def _identity_uses(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        named = isinstance(node, ast.Name) and node.id == "ReporterIdentity"
        if (
            named
            or (isinstance(node, ast.Attribute) and node.attr in {"identity", "ReporterIdentity"})
            or isinstance(node, ast.alias)
            and node.name.endswith("ReporterIdentity")
        ):
            lines.append(getattr(node, "lineno", 0))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # ORM lookups through the relation: values("identity__name"), "reports.reporteridentity"
            if re.fullmatch(r"identity__\w+|(reports\.)?reporteridentity", node.value):
                lines.append(node.lineno)
        elif isinstance(node, ast.Call) and _reaches_relation(node):
            lines.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg and node.arg.startswith("identity__"):
            lines.append(getattr(node.value, "lineno", 0))
    return lines


RELATION_CALLS = {"select_related", "prefetch_related", "values", "values_list", "only", "getattr"}


def _reaches_relation(call: ast.Call) -> bool:
    """select_related("identity"), getattr(report, "identity"), …"""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    return name in RELATION_CALLS and any(
        isinstance(arg, ast.Constant) and arg.value == "identity" for arg in call.args
    )


def test_no_code_reads_reporter_identity_outside_the_audited_doors() -> None:
    offenders = []
    for path in _python_sources():
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in IDENTITY_DOORS:
            continue
        for line in _identity_uses(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"posko/{relative}:{line}")
    assert offenders == [], "read identities only through reports.services.reveal_identity"


def test_no_template_reads_reporter_identity_directly() -> None:
    pattern = re.compile(r"\{[{%][^}]*\.identity\b(?![-\w])")
    offenders = [
        str(path)
        for path in PACKAGE.rglob("*.html")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_scan_would_catch_an_unaudited_read() -> None:
    sneaky = "def leak(report):\n    return report.identity.name\n"
    lookup = "Report.objects.filter(identity__contact='x')\n"
    joined = "Report.objects.select_related('identity')\n"
    assert _identity_uses(ast.parse(sneaky)) == [2]
    assert _identity_uses(ast.parse(lookup)) == [1]
    assert _identity_uses(ast.parse(joined)) == [1]
