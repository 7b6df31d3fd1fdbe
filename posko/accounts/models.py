"""Officer profiles and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from posko.accounts.roles import Role


class OfficerProfile(models.Model):
    """An officer's role in the Posko (one per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    unit = models.CharField(max_length=120, blank=True, help_text="e.g. Kejari Jakarta Pusat")
    is_demo = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.role})"


class ApiToken(models.Model):
    """A bearer token for the officer API; only its SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, help_text="first characters, to recognise a token")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"
