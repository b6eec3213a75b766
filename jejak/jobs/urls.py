from django.urls import path

from jejak.jobs import me_views, placement_views, public_views, views

app_name = "jobs"
ORG = "o/<code:org>"
V = "o/<code:org>/jobs/<code:vacancy>"
A = "o/<code:org>/applications/<code:application>"
urlpatterns = [
    # Public, no login.
    path("lowongan/sekolah/<code:school>/", public_views.board_school, name="board_school"),
    path("lowongan/wilayah/<region:region>/", public_views.board_region, name="board_region"),
    path("lowongan/berhenti/<token:token>/", public_views.unsubscribe, name="unsubscribe"),
    path("lowongan/<code:vacancy>/", public_views.public_detail, name="public_detail"),
    path("lowongan/<code:vacancy>/poster/", public_views.poster, name="poster"),
    # The alumnus's own pages.
    path("me/lowongan/", me_views.vacancies, name="me_vacancies"),
    path("me/lowongan/pemberitahuan/", me_views.alerts_toggle, name="me_alerts"),
    path("me/lowongan/<code:vacancy>/", me_views.vacancy, name="me_vacancy"),
    path("me/lowongan/<code:vacancy>/lamar/", me_views.apply, name="me_apply"),
    path("me/lamaran/", me_views.applications, name="me_applications"),
    path("me/lamaran/<code:application>/batal/", me_views.withdraw, name="me_withdraw"),
    path("me/notifikasi/", me_views.notifications, name="me_notifications"),
    # An organisation's pages: school (BKK), company (recruiter), office.
    path(f"{ORG}/jobs/", views.vacancy_list, name="list"),
    path(f"{ORG}/jobs/new/", views.vacancy_new, name="new"),
    path(f"{ORG}/jobs/export.xlsx", views.export, name="export"),
    path(f"{ORG}/jobs/kbji/", views.kbji_suggest, name="kbji_suggest"),
    path(f"{ORG}/applications/", views.application_list, name="applications"),
    path(f"{V}/", views.detail, name="detail"),
    path(f"{V}/edit/", views.edit, name="edit"),
    path(f"{V}/fill/", views.fill, name="fill"),
    path(f"{V}/applicants.xlsx", views.applicants_export, name="applicants_export"),
    path(f"{A}/move/", views.move, name="move"),
    path(
        f"{A}/placement/",
        placement_views.placement_from_application,
        name="placement_from_application",
    ),
    path(f"{ORG}/placements/", placement_views.placement_list, name="placements"),
    path(f"{ORG}/placements/new/", placement_views.placement_new, name="placement_new"),
    path(
        f"{ORG}/placements/<code:placement>/edit/",
        placement_views.placement_edit,
        name="placement_edit",
    ),
    path(
        f"{ORG}/placements/export.xlsx", placement_views.placement_export, name="placements_export"
    ),
]
