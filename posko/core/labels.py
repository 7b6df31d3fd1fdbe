"""Bilingual labels kept in data files (Bahasa Indonesia first, English when chosen)."""

from __future__ import annotations

from django.utils.translation import get_language


def pick_label(text_id: str, text_en: str) -> str:
    """The English text when the active language is English and one exists, else Indonesian."""
    return text_en if (get_language() or "id").startswith("en") and text_en else text_id
