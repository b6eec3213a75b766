from django.urls import path

from jejak.bkkreports import views

app_name = "bkkreports"
urlpatterns = [
    path("o/<str:org>/bkk/", views.register, name="register"),
    path("o/<str:org>/bkk/person/", views.person_in_charge, name="person_in_charge"),
    path("o/<str:org>/bkk/plan/", views.plan, name="plan"),
    path("o/<str:org>/bkk/reports/", views.reports, name="reports"),
    path("o/<str:org>/bkk/reports/generate/", views.generate, name="generate"),
    path("o/<str:org>/bkk/reports/<str:report>/", views.report, name="report"),
    path("o/<str:org>/bkk/reports/<str:report>/print/", views.report_print, name="report_print"),
    path("o/<str:org>/bkk/reports/<str:report>/ipk3.xlsx", views.report_xlsx, name="report_xlsx"),
    path("o/<str:org>/bkk/reports/<str:report>/ipk3.pdf", views.report_pdf, name="report_pdf"),
    path("o/<str:org>/bkk/reports/<str:report>/submit/", views.submit, name="submit"),
    path("o/<str:org>/bkk-register/", views.office_register, name="office_register"),
    path(
        "o/<str:org>/bkk-register/<str:school>/reissue/",
        views.office_reissue,
        name="office_reissue",
    ),
    path("o/<str:org>/bkk-reports/", views.office_reports, name="office_reports"),
    path(
        "o/<str:org>/bkk-reports/placements.xlsx",
        views.office_placed_xlsx,
        name="office_placed_xlsx",
    ),
    path("o/<str:org>/bkk-reports/<str:report>/", views.office_report, name="office_report"),
]
