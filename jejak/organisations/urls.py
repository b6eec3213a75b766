from django.urls import path

from jejak.organisations import security_views, views

app_name = "organisations"
urlpatterns = [
    path("", views.home, name="home"),
    path("members/", views.members, name="members"),
    path(
        "members/invitations/<code:invitation>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("members/<code:member>/reset-send/", views.member_reset_send, name="member_reset_send"),
    path("security/", security_views.account_security, name="account_security"),
    path("security/<code:person>/unlock/", security_views.unlock, name="lockout_lift"),
    path(
        "security/<code:person>/two-factor-reset/",
        security_views.two_factor_reset,
        name="two_factor_reset",
    ),
    path("retention/", views.retention, name="retention"),
    path("schools/import/", views.schools_import, name="schools_import"),
    path("data/", views.office_data, name="office_data"),
    path("schools/<code:school>/invite/", views.school_invite, name="school_invite"),
]
