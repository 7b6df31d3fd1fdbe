from django.urls import path

from posko.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.OfficerLoginView.as_view(), name="login"),
    path("keluar/", views.OfficerLogoutView.as_view(), name="logout"),
]
