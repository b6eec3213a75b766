from django.urls import path

from jejak.profiles import views

app_name = "profiles"
urlpatterns = [
    path("me/profile/", views.me, name="me"),
    path("me/profile/edit/", views.edit, name="edit"),
    path("me/profile/sharing/", views.sharing, name="sharing"),
    path("me/profile/cv/", views.cv, name="cv"),
    path("me/profile/cv.pdf", views.cv_pdf, name="cv_pdf"),
    path("me/profile/entries/<word:kind>/new/", views.entry_new, name="entry_new"),
    path("me/profile/entries/<code:code>/edit/", views.entry_edit, name="entry_edit"),
    path("me/profile/entries/<code:code>/delete/", views.entry_delete, name="entry_delete"),
    path("me/profile/documents/new/", views.document_new, name="document_new"),
    path("me/profile/documents/<code:code>/", views.my_document, name="my_document"),
    path("me/profile/documents/<code:code>/delete/", views.document_delete, name="document_delete"),
    path("o/<code:org>/profiles/<code:alumnus_code>/", views.alumnus_cv, name="alumnus_cv"),
    path(
        "o/<code:org>/profiles/<code:alumnus_code>/documents/<code:doc_code>/",
        views.company_document,
        name="company_document",
    ),
]
