from django.urls import path

from quire.tags import wrangling

app_name = "wrangling"
urlpatterns = [
    path("wrangling", wrangling.home, name="home"),
    path("wrangling/media", wrangling.fandoms_without_media, name="fandoms_without_media"),
    path("wrangling/<str:fandom_name>/<str:tag_type>", wrangling.fandom_tags, name="tags"),
]
