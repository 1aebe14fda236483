app_name = "exchanges"
urlpatterns = []
