app_name = "reintegration"

urlpatterns: list = []
