from django.urls import path

from jejak.profiles import views

app_name = "profiles"
urlpatterns = [
    path("me/profile/", views.me, name="me"),
    path("me/profile/edit/", views.edit, name="edit"),
    path("me/profile/sharing/", views.sharing, name="sharing"),
    path("me/profile/cv/", views.cv, name="cv"),
    path("me/profile/cv.pdf", views.cv_pdf, name="cv_pdf"),
    path("me/profile/entries/<str:kind>/new/", views.entry_new, name="entry_new"),
    path("me/profile/entries/<str:code>/edit/", views.entry_edit, name="entry_edit"),
    path("me/profile/entries/<str:code>/delete/", views.entry_delete, name="entry_delete"),
    path("me/profile/documents/new/", views.document_new, name="document_new"),
    path("me/profile/documents/<str:code>/", views.my_document, name="my_document"),
    path("me/profile/documents/<str:code>/delete/", views.document_delete, name="document_delete"),
    path("o/<str:org>/profiles/<str:alumnus_code>/", views.alumnus_cv, name="alumnus_cv"),
    path(
        "o/<str:org>/profiles/<str:alumnus_code>/documents/<str:doc_code>/",
        views.company_document,
        name="company_document",
    ),
]
