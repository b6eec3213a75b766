from django.urls import path

from jejak.bkkreports import views

app_name = "bkkreports"
urlpatterns = [
    path("o/<code:org>/bkk/", views.register, name="register"),
    path("o/<code:org>/bkk/person/", views.person_in_charge, name="person_in_charge"),
    path("o/<code:org>/bkk/plan/", views.plan, name="plan"),
    path("o/<code:org>/bkk/reports/", views.reports, name="reports"),
    path("o/<code:org>/bkk/reports/generate/", views.generate, name="generate"),
    path("o/<code:org>/bkk/reports/<code:report>/", views.report, name="report"),
    path("o/<code:org>/bkk/reports/<code:report>/print/", views.report_print, name="report_print"),
    path("o/<code:org>/bkk/reports/<code:report>/ipk3.xlsx", views.report_xlsx, name="report_xlsx"),
    path("o/<code:org>/bkk/reports/<code:report>/ipk3.pdf", views.report_pdf, name="report_pdf"),
    path("o/<code:org>/bkk/reports/<code:report>/submit/", views.submit, name="submit"),
    path("o/<code:org>/bkk-register/", views.office_register, name="office_register"),
    path(
        "o/<code:org>/bkk-register/<code:school>/reissue/",
        views.office_reissue,
        name="office_reissue",
    ),
    path("o/<code:org>/bkk-reports/", views.office_reports, name="office_reports"),
    path("o/<code:org>/bkk-reports/ipk/", views.office_ipk, name="office_ipk"),
    path("o/<code:org>/bkk-reports/ipk.xlsx", views.office_ipk_xlsx, name="office_ipk_xlsx"),
    path(
        "o/<code:org>/bkk-reports/placements.xlsx",
        views.office_placed_xlsx,
        name="office_placed_xlsx",
    ),
    path("o/<code:org>/bkk-reports/<code:report>/", views.office_report, name="office_report"),
]
