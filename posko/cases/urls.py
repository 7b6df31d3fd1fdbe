from django.urls import path

from posko.cases import actions, views

app_name = "cases"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("massal/", actions.bulk_action, name="bulk"),
    path("kasus/<int:pk>/", views.detail, name="detail"),
    path("kasus/<int:pk>/tahap/", actions.transition, name="transition"),
    path("kasus/<int:pk>/tugaskan/", actions.assign, name="assign"),
    path("kasus/<int:pk>/rute/", actions.route, name="route"),
    path("kasus/<int:pk>/gabung/", actions.merge, name="merge"),
    path("kasus/<int:pk>/pesan/", actions.message, name="message"),
    path("laporan/<int:pk>/identitas/", actions.reveal_identity, name="reveal_identity"),
    path("bukti/<int:pk>/", views.evidence_file, name="evidence"),
]
