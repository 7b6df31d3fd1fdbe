"""Public report pages."""

from django.urls import path

from posko.reports import views

app_name = "reports"
urlpatterns = [
    path("lapor", views.submit, name="submit"),
    path("lacak", views.track, name="track"),
]
