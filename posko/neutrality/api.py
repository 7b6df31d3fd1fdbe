"""JSON API of the neutrality engine."""

from ninja import Router

router = Router(tags=["neutrality"])
