from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from jejak.accounts import twofactor_views, views
from jejak.accounts.forms import SetPasswordForm

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", twofactor_views.login_code, name="login_code"),
    path("logout/", views.logout_view, name="logout"),
    path("invitation/<token:token>/", views.accept_invitation, name="accept"),
    path("security/", twofactor_views.security, name="security"),
    path("security/two-factor/", twofactor_views.two_factor_enrol, name="two_factor_enrol"),
    path("security/two-factor/off/", twofactor_views.two_factor_disable, name="two_factor_disable"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_sent",
    ),
    path(
        "reset/<token:uidb64>/<token:token>/",
        views.ResetConfirmView.as_view(
            form_class=SetPasswordForm,
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:login"),
            post_reset_login=False,
        ),
        name="password_reset_confirm",
    ),
]
