from django.urls import path

from jejak.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.home, name="home"),
    path("members/", views.members, name="members"),
    path(
        "members/invitations/<code:invitation>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("members/<code:member>/reset-link/", views.member_reset_link, name="member_reset_link"),
    path("schools/import/", views.schools_import, name="schools_import"),
    path("schools/<code:school>/invite/", views.school_invite, name="school_invite"),
]
