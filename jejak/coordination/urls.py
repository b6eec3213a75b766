from django.urls import path

from jejak.coordination import views

app_name = "coordination"
ORG = "o/<code:org>/meetings"
M = f"{ORG}/<code:meeting>"
urlpatterns = [
    path(f"{ORG}/", views.meeting_list, name="list"),
    path(f"{ORG}/new/", views.meeting_new, name="new"),
    path(f"{ORG}/follow-ups/", views.follow_ups, name="follow_ups"),
    path(f"{ORG}/follow-ups.xlsx", views.follow_ups_xlsx, name="follow_ups_xlsx"),
    path(f"{ORG}/associations/", views.associations, name="associations"),
    path(f"{M}/", views.meeting_detail, name="detail"),
    path(f"{M}/edit/", views.meeting_edit, name="edit"),
    path(f"{M}/invite/", views.invite, name="invite"),
    path(f"{M}/respond/", views.respond, name="respond"),
    path(f"{M}/attendance/", views.attendance, name="attendance"),
    path(f"{M}/attendance/<code:attendee>/", views.attendance_toggle, name="attendance_toggle"),
    path(f"{M}/minutes/", views.minutes, name="minutes"),
    path(f"{M}/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path(f"{M}/follow-ups/new/", views.follow_up_new, name="follow_up_new"),
    path(f"{M}/follow-ups/<code:follow_up>/done/", views.follow_up_done, name="follow_up_done"),
    path(
        f"{M}/follow-ups/<code:follow_up>/reopen/", views.follow_up_reopen, name="follow_up_reopen"
    ),
    path(f"{M}/evaluation/", views.evaluation, name="evaluation"),
    path(f"{M}/evaluations/<code:evaluation>/", views.evaluation_file, name="evaluation_file"),
]
