from django.urls import path

from jejak.seekers import me_views, views

app_name = "seekers"
BASE = "o/<code:org>/pencari-kerja"
urlpatterns = [
    path(f"{BASE}/", views.seeker_list, name="list"),
    path(f"{BASE}/baru/", views.seeker_new, name="new"),
    path(f"{BASE}/impor/", views.history_import, name="import"),
    path(f"{BASE}/templat-<word:kind>.xlsx", views.history_template, name="template"),
    path(f"{BASE}/karirhub-<word:what>.<word:fmt>", views.karirhub_export, name="karirhub"),
    path(f"{BASE}/<code:registration>/", views.seeker_detail, name="detail"),
    path(f"{BASE}/<code:registration>/akhiri/", views.seeker_end, name="end"),
    path("me/pencari-kerja/", me_views.me_registration, name="me"),
]
