from django.urls import path

from jejak.matching import supply_views

app_name = "matching"
ORG = "o/<code:org>"
urlpatterns = [
    path(f"{ORG}/pasokan-permintaan/", supply_views.supply_page, name="supply"),
    path(f"{ORG}/pasokan-permintaan.xlsx", supply_views.supply_xlsx, name="supply_xlsx"),
]
