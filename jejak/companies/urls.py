from django.urls import path

from jejak.companies import views

app_name = "companies"
C = "o/<str:org>/companies/<str:company>"
urlpatterns = [
    path("perusahaan/daftar/", views.signup, name="signup"),
    path("perusahaan/daftar/terkirim/", views.signup_sent, name="signup_sent"),
    path("o/<str:org>/company/", views.profile, name="profile"),
    path("o/<str:org>/companies/", views.company_list, name="list"),
    path("o/<str:org>/companies/new/", views.company_new, name="new"),
    path(f"{C}/", views.detail, name="detail"),
    path(f"{C}/vet/", views.vet, name="vet"),
    path(f"{C}/flag/", views.flag, name="flag"),
    path(f"{C}/flags/<str:flag>/resolve/", views.flag_resolve, name="flag_resolve"),
    path(f"{C}/mou/", views.partnership, name="partnership"),
]
