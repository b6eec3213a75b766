from django.urls import path

from jejak.alumni import views

app_name = "alumni"
urlpatterns = [
    path("o/<str:org>/alumni/", views.register, name="register"),
    path("o/<str:org>/alumni/new/", views.create, name="create"),
    path("o/<str:org>/alumni/export.xlsx", views.export, name="export"),
    path("o/<str:org>/alumni/import/", views.import_upload, name="import"),
    path("o/<str:org>/alumni/template.<str:fmt>", views.import_template, name="template"),
    path("o/<str:org>/alumni/duplicates/", views.duplicates, name="duplicates"),
    path("o/<str:org>/alumni/merge/<str:keep>/<str:other>/", views.merge, name="merge"),
    path("o/<str:org>/alumni/<str:code>/", views.detail, name="detail"),
    path("o/<str:org>/alumni/<str:code>/edit/", views.edit, name="edit"),
    path("o/<str:org>/alumni/<str:code>/consent/", views.consent, name="consent"),
    path("o/<str:org>/alumni/<str:code>/delete/", views.delete, name="delete"),
    path("o/<str:org>/classes/", views.classes, name="classes"),
    path(
        "o/<str:org>/classes/<str:school_class>/teacher/", views.class_teacher, name="class_teacher"
    ),
    path("o/<str:org>/imports/<str:job>/", views.import_job, name="import_job"),
    path("o/<str:org>/imports/<str:job>/confirm/", views.import_confirm, name="import_confirm"),
    path("o/<str:org>/imports/<str:job>/rejects.xlsx", views.import_rejects, name="import_rejects"),
    path("me/", views.me, name="me"),
    path("me/export.json", views.me_export, name="me_export"),
    path("me/consent/withdraw/", views.me_consent_withdraw, name="me_consent_withdraw"),
    path("me/deletion-request/", views.me_deletion_request, name="me_deletion_request"),
]
