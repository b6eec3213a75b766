from django.urls import path

from jejak.companies import views

app_name = "companies"
C = "o/<code:org>/companies/<code:company>"
urlpatterns = [
    path("perusahaan/daftar/", views.signup, name="signup"),
    path("perusahaan/daftar/terkirim/", views.signup_sent, name="signup_sent"),
    path("o/<code:org>/company/", views.profile, name="profile"),
    path("o/<code:org>/companies/", views.company_list, name="list"),
    path("o/<code:org>/companies/new/", views.company_new, name="new"),
    path(f"{C}/", views.detail, name="detail"),
    path(f"{C}/vet/", views.vet, name="vet"),
    path(f"{C}/flag/", views.flag, name="flag"),
    path(f"{C}/flags/<code:flag>/resolve/", views.flag_resolve, name="flag_resolve"),
    path(f"{C}/mou/", views.partnership, name="partnership"),
]
