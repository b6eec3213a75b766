from django.urls import path

from jejak.tracer import employer_survey, survey, views

app_name = "tracer"
C = "o/<code:org>/tracer/<code:campaign>"
urlpatterns = [
    path("s/<token:token>/", survey.survey, name="survey"),
    path("e/<token:token>/", employer_survey.employer_survey, name="employer_survey"),
    path("o/<code:org>/tracer/", views.campaigns, name="campaigns"),
    path("o/<code:org>/tracer/new/", views.campaign_new, name="campaign_new"),
    path("o/<code:org>/graduation/", views.graduation, name="graduation"),
    path(f"{C}/", views.campaign, name="campaign"),
    path(f"{C}/links.csv", views.links_csv, name="links_csv"),
    path(f"{C}/remind/", views.remind, name="remind"),
    path(f"{C}/close/", views.close, name="close"),
    path(f"{C}/reopen/", views.reopen, name="reopen"),
    path(f"{C}/employers/", views.employers, name="employers"),
    path(f"{C}/answers/import/", views.responses_import, name="responses_import"),
    path(f"{C}/answers/template.xlsx", views.responses_template, name="responses_template"),
    path(f"{C}/class/<code:school_class>/", views.follow_up, name="follow_up"),
    path(f"{C}/class/<code:school_class>/cards/", views.qr_cards, name="qr_cards"),
    path(f"{C}/alumni/<code:code>/answer/", views.staff_entry, name="staff_entry"),
    path(f"{C}/alumni/<code:code>/reissue/", views.reissue, name="reissue"),
    path(f"{C}/alumni/<code:code>/national/", views.national_mark, name="national_mark"),
    path(f"{C}/national.xlsx", views.national_download, {"fmt": "xlsx"}, name="national_xlsx"),
    path(f"{C}/national.csv", views.national_download, {"fmt": "csv"}, name="national_csv"),
]
