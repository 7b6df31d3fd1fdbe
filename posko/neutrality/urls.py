from django.urls import path

from posko.neutrality import views

app_name = "neutrality"
urlpatterns = [path("cek-netralitas", views.self_check, name="self_check")]
