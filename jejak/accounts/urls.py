from django.urls import path

from jejak.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept"),
]
