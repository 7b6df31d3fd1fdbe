"""Watchlist pages under /pengawasan/ (koordinator and admin only)."""

from django.urls import path

from posko.watchlist import views

app_name = "watchlist"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("baru/", views.person_create, name="create"),
    path("asn/<int:pk>/", views.person_detail, name="person"),
    path("asn/<int:pk>/ubah/", views.person_edit, name="edit"),
    path("asn/<int:pk>/akun/", views.account_add, name="account_add"),
    path("asn/<int:pk>/paket.zip", views.package_download, name="package"),
    path("temuan/<int:pk>/kasus/", views.finding_to_case, name="finding_case"),
]
