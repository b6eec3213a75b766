from typing import Any

app_name = "fairs"
urlpatterns: list[Any] = []
