from django.urls import path

from jejak.matching import me_views, pool_views, supply_views, views

app_name = "matching"
ORG = "o/<code:org>"
V = "o/<code:org>/jobs/<code:vacancy>"
urlpatterns = [
    path("me/lowongan-cocok/", me_views.me_fits, name="me_fits"),
    path("me/bursa-talenta/", pool_views.me_pool, name="me_pool"),
    path(f"{ORG}/bursa-talenta/", pool_views.talent_search, name="talent_search"),
    path(f"{ORG}/bursa-talenta/<code:alumnus>/", pool_views.talent_profile, name="talent_profile"),
    path(f"{ORG}/pasokan-permintaan/", supply_views.supply_page, name="supply"),
    path(f"{ORG}/pasokan-permintaan.xlsx", supply_views.supply_xlsx, name="supply_xlsx"),
    path(f"{V}/kandidat/", views.candidates, name="candidates"),
    path(f"{V}/kandidat/pilihan/", views.shortlist, name="shortlist"),
    path(f"{V}/tawaran/", views.offers, name="offers"),
]
