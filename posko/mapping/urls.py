"""Map pages, mounted by the project at "peta/"."""

from django.urls import path

from posko.mapping import views

app_name = "mapping"
urlpatterns = [
    path("", views.officer_map, name="map"),
    path("wilayah/<str:code>/", views.region_detail, name="region"),
    path("peringatan/", views.alert_list, name="alerts"),
    path("peringatan/<int:pk>/tandai/", views.alert_acknowledge, name="alert_ack"),
    path("indikator/baru/", views.indicator_new, name="indicator_new"),
    path("publik/", views.public_map, name="public"),
]
