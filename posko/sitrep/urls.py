from django.urls import path

from posko.sitrep import views

app_name = "sitrep"
urlpatterns = [
    path("", views.index, name="index"),
]
