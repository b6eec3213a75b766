from django.urls import path

from jejak.alumni import views

app_name = "alumni"
urlpatterns = [
    path("o/<code:org>/alumni/", views.register, name="register"),
    path("o/<code:org>/alumni/new/", views.create, name="create"),
    path("o/<code:org>/alumni/export.xlsx", views.export, name="export"),
    path("o/<code:org>/alumni/import/", views.import_upload, name="import"),
    path("o/<code:org>/alumni/template.<word:fmt>", views.import_template, name="template"),
    path("o/<code:org>/alumni/duplicates/", views.duplicates, name="duplicates"),
    path("o/<code:org>/alumni/merge/<code:keep>/<code:other>/", views.merge, name="merge"),
    path("o/<code:org>/alumni/<code:code>/", views.detail, name="detail"),
    path("o/<code:org>/alumni/<code:code>/edit/", views.edit, name="edit"),
    path("o/<code:org>/alumni/<code:code>/consent/", views.consent, name="consent"),
    path("o/<code:org>/alumni/<code:code>/delete/", views.delete, name="delete"),
    path("o/<code:org>/classes/", views.classes, name="classes"),
    path(
        "o/<code:org>/classes/<code:school_class>/teacher/",
        views.class_teacher,
        name="class_teacher",
    ),
    path("o/<code:org>/imports/<code:job>/", views.import_job, name="import_job"),
    path("o/<code:org>/imports/<code:job>/confirm/", views.import_confirm, name="import_confirm"),
    path(
        "o/<code:org>/imports/<code:job>/rejects.xlsx", views.import_rejects, name="import_rejects"
    ),
    path("me/", views.me, name="me"),
    path("me/export.json", views.me_export, name="me_export"),
    path("me/consent/withdraw/", views.me_consent_withdraw, name="me_consent_withdraw"),
    path("me/deletion-request/", views.me_deletion_request, name="me_deletion_request"),
]
