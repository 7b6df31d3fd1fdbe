"""Signals the case workflow sends after a change has committed."""

from __future__ import annotations

from django.dispatch import Signal

# Sent on commit with case_id (int) and kind (str: open, transition, assign, route, merge,
# info_request); receivers (notifications, live updates) never see a rolled-back change.
case_changed = Signal()
