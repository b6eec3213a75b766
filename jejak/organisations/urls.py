from django.urls import path

from jejak.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.home, name="home"),
    path("members/", views.members, name="members"),
    path(
        "members/invitations/<str:invitation>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("members/<str:member>/reset-link/", views.member_reset_link, name="member_reset_link"),
    path("retention/", views.retention, name="retention"),
    path("schools/import/", views.schools_import, name="schools_import"),
    path("data/", views.office_data, name="office_data"),
    path("schools/<str:school>/invite/", views.school_invite, name="school_invite"),
]
