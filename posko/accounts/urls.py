from django.urls import path

from posko.accounts import views, views_2fa

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.OfficerLoginView.as_view(), name="login"),
    path("keluar/", views.OfficerLogoutView.as_view(), name="logout"),
    path("verifikasi/", views_2fa.two_factor_step, name="two_factor"),
]
