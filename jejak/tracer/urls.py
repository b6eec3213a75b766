from django.urls import path

from jejak.tracer import employer_survey, survey, views

app_name = "tracer"
C = "o/<str:org>/tracer/<str:campaign>"
urlpatterns = [
    path("s/<str:token>/", survey.survey, name="survey"),
    path("e/<str:token>/", employer_survey.employer_survey, name="employer_survey"),
    path("o/<str:org>/tracer/", views.campaigns, name="campaigns"),
    path("o/<str:org>/tracer/new/", views.campaign_new, name="campaign_new"),
    path("o/<str:org>/graduation/", views.graduation, name="graduation"),
    path(f"{C}/", views.campaign, name="campaign"),
    path(f"{C}/links.csv", views.links_csv, name="links_csv"),
    path(f"{C}/remind/", views.remind, name="remind"),
    path(f"{C}/close/", views.close, name="close"),
    path(f"{C}/reopen/", views.reopen, name="reopen"),
    path(f"{C}/employers/", views.employers, name="employers"),
    path(f"{C}/answers/import/", views.responses_import, name="responses_import"),
    path(f"{C}/answers/template.xlsx", views.responses_template, name="responses_template"),
    path(f"{C}/class/<str:school_class>/", views.follow_up, name="follow_up"),
    path(f"{C}/class/<str:school_class>/cards/", views.qr_cards, name="qr_cards"),
    path(f"{C}/alumni/<str:code>/answer/", views.staff_entry, name="staff_entry"),
    path(f"{C}/alumni/<str:code>/reissue/", views.reissue, name="reissue"),
]
