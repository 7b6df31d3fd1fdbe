"""URLs of the import app (mounted at /impor/)."""

from django.urls import path

from posko.imports import views

app_name = "imports"
urlpatterns = [path("", views.upload, name="upload")]
