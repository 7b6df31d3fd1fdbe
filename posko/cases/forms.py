"""Forms of the officer pages: queue filters, bulk actions and case actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from posko.accounts.roles import Role
from posko.cases.choices import Route, Stage
from posko.reports.taxonomy import get_category, load_taxonomy

DEADLINE_FILTERS = [
    ("", _("Semua")),
    ("due_soon", _("Segera jatuh tempo (≤ 24 jam)")),
    ("overdue", _("Lewat tenggat")),
]


def category_label(code: str) -> str:
    """The category's label in the active language, or the code itself when unknown."""
    category = get_category(code)
    return category.label if category else code


def category_choices() -> list[tuple[str, str]]:
    """(code, label) of every report category, for select boxes."""
    return load_taxonomy().choices()


def officer_choices(role: Role | None = None) -> list[tuple[str, str]]:
    """Active officers (optionally of one role) as select options."""
    users = User.objects.filter(is_active=True, officer__isnull=False).order_by("username")
    if role is not None:
        users = users.filter(officer__role=role)
    return [(str(u.pk), u.get_username()) for u in users]


class QueueFilterForm(forms.Form):
    """Filters of the triage queue (GET)."""

    q = forms.CharField(label=_("Cari"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("Kategori"), required=False)
    region = forms.CharField(
        label=_("Kode wilayah"),
        required=False,
        max_length=13,
        help_text=_("Kode Kemendagri; awalan juga boleh, mis. 32 untuk Jawa Barat"),
    )
    stage = forms.ChoiceField(
        label=_("Tahap"), required=False, choices=[("", _("Semua")), *Stage.choices]
    )
    deadline = forms.ChoiceField(label=_("Tenggat"), required=False, choices=DEADLINE_FILTERS)
    assignee = forms.ChoiceField(label=_("Petugas"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Semua")), *category_choices()]  # type: ignore[attr-defined]
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", _("Semua")),
            ("none", _("Belum ditugaskan")),
            *officer_choices(),
        ]


BULK_ACTIONS = [
    ("assign", _("Tugaskan ke petugas")),
    ("route", _("Tetapkan rute")),
    ("study", _("Pindahkan ke kajian")),
    ("stop", _("Hentikan (wajib alasan)")),
]


class BulkActionForm(forms.Form):
    """One action applied to the selected queue rows."""

    cases = forms.TypedMultipleChoiceField(label=_("Kasus"), coerce=int, choices=[])
    action = forms.ChoiceField(label=_("Tindakan"), choices=BULK_ACTIONS)
    assignee = forms.ChoiceField(label=_("Petugas"), required=False)
    route = forms.ChoiceField(label=_("Rute"), required=False, choices=[("", "—"), *Route.choices])
    reason = forms.CharField(label=_("Alasan"), required=False, max_length=2000)

    def __init__(self, *args: Any, case_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(i, str(i)) for i in case_ids]  # type: ignore[attr-defined]
        self.fields["assignee"].choices = [("", "—"), *officer_choices()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        """Each action needs its own extra field."""
        data = super().clean() or {}
        action = data.get("action")
        if action == "assign" and not data.get("assignee"):
            self.add_error("assignee", _("Pilih petugas yang ditugaskan."))
        if action == "route" and not data.get("route"):
            self.add_error("route", _("Pilih rute."))
        if action == "stop" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Alasan wajib diisi untuk menghentikan kasus."))
        return data


class TransitionForm(forms.Form):
    """Move a case to one of its allowed next stages."""

    to_stage = forms.ChoiceField(label=_("Tahap berikutnya"), choices=Stage.choices)
    reason = forms.CharField(label=_("Alasan"), required=False, max_length=2000)


class AssignForm(forms.Form):
    """Assign a case to an officer (empty = unassign)."""

    assignee = forms.ChoiceField(label=_("Petugas"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("— tidak ada —")), *officer_choices()]  # type: ignore[attr-defined]


class RouteForm(forms.Form):
    """Set where the Posko sends a case."""

    route = forms.ChoiceField(label=_("Rute"), choices=Route.choices)
    reason = forms.CharField(label=_("Alasan"), required=False, max_length=2000)


class MergeForm(forms.Form):
    """Merge a similar case into this one."""

    source = forms.IntegerField(label=_("Kasus yang digabung"), min_value=1)
    reason = forms.CharField(label=_("Alasan"), required=False, max_length=2000)


class MessageForm(forms.Form):
    """A reply to the reporter, or a question that starts the +2-day extension."""

    report = forms.IntegerField(label=_("Laporan"), min_value=1)
    body = forms.CharField(
        label=_("Pesan untuk pelapor"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    ask = forms.BooleanField(
        label=_("Ini pertanyaan: minta keterangan tambahan (+2 hari)"), required=False
    )
