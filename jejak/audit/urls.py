from django.urls import path

from jejak.audit import views

app_name = "audit"
urlpatterns = [path("o/<code:org>/audit/", views.audit_log, name="log")]
