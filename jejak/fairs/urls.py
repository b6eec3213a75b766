from django.urls import path

from jejak.fairs import views

app_name = "fairs"
F = "o/<code:org>/fairs/<code:fair>"
urlpatterns = [
    path("fairs/<code:fair>/", views.public, name="public"),
    path("me/fairs/", views.me, name="me"),
    path("me/fairs/<code:fair>/register/", views.me_register, name="me_register"),
    path("me/fairs/<code:fair>/cancel/", views.me_cancel, name="me_cancel"),
    path("o/<code:org>/fairs/", views.fair_list, name="list"),
    path("o/<code:org>/fairs/new/", views.fair_new, name="new"),
    path(f"{F}/", views.fair_detail, name="detail"),
    path(f"{F}/edit/", views.fair_edit, name="edit"),
    path(f"{F}/companies/", views.company_add, name="company_add"),
    path(f"{F}/join/", views.company_join, name="join"),
    path(f"{F}/attendance/", views.attendance, name="attendance"),
    path(
        f"{F}/attendance/<word:who>/<code:code>/", views.attendance_toggle, name="attendance_toggle"
    ),
    path(f"{F}/hires/new/", views.hire_new, name="hire_new"),
]
