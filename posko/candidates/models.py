"""The candidate registry: registered pairs (paslon) per race."""

from __future__ import annotations

from django.db import models

from posko.candidates.choices import Election
from posko.candidates.registry import Pair, parse_accounts


class CandidatePair(models.Model):
    """One registered candidate pair with its ballot number in one race."""

    # Text, not a foreign key to Region: presidential rows have no region, and the registry
    # can be imported before the region list is loaded.
    region_code = models.CharField(max_length=13, blank=True, db_index=True)
    region_name = models.CharField(max_length=100, blank=True)
    election = models.CharField(max_length=10, choices=Election.choices)
    number = models.PositiveSmallIntegerField()
    candidate = models.CharField(max_length=200)
    running_mate = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    parties = models.JSONField(default=list, blank=True)
    # Official campaign accounts as "platform:handle" strings (see registry.parse_accounts).
    accounts = models.JSONField(default=list, blank=True)
    is_demo = models.BooleanField(default=False)
    source = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["election", "region_code", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "election", "number"], name="candidates_unique_ballot_number"
            )
        ]

    def __str__(self) -> str:
        mate = f" - {self.running_mate}" if self.running_mate else ""
        return f"{self.election} {self.region_code or 'RI'} #{self.number}: {self.candidate}{mate}"

    def to_pair(self) -> Pair:
        """The plain registry record the neutrality engine works with."""
        return Pair(
            region_code=self.region_code,
            region_name=self.region_name,
            election=self.election,
            number=self.number,
            candidate=self.candidate,
            running_mate=self.running_mate,
            aliases=tuple(str(a) for a in self.aliases or ()),
            parties=tuple(str(p) for p in self.parties or ()),
            accounts=parse_accounts(";".join(str(a) for a in self.accounts or ())),
        )
