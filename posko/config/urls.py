"""Top-level URL map: one include per domain app."""

from django.contrib import admin
from django.urls import include, path

from posko.core.api import api

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("posko.core.urls")),
    path("", include("posko.neutrality.urls")),
    path("", include("posko.reports.urls")),
    path("petugas/", include("posko.cases.urls")),
    path("akun/", include("posko.accounts.urls")),
    path("peta/", include("posko.mapping.urls")),
    path("sitrep/", include("posko.sitrep.urls")),
    path("pengawasan/", include("posko.watchlist.urls")),
    path("impor/", include("posko.imports.urls")),
]
