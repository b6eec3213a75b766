from django.urls import path

from jejak.indicators import report_views, views

app_name = "indicators"
BASE = "o/<code:org>/indicators"
urlpatterns = [
    path(f"{BASE}/", views.school, name="school"),
    path(f"{BASE}/area/", views.office, name="office"),
    path(f"{BASE}/umk/", views.umk, name="umk"),
    path(f"{BASE}/report/", report_views.report_new, name="report_new"),
    path(f"{BASE}/report/<code:job>/", report_views.report_status, name="report_status"),
    path(f"{BASE}/report/<code:job>/<word:fmt>/", report_views.report_file, name="report_file"),
]
