from django.urls import path

from jejak.tracer import survey

app_name = "tracer"
urlpatterns = [
    path("s/<str:token>/", survey.survey, name="survey"),
]
