from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path("resolutions/<slug:slug>/", views.ResolutionDetailView.as_view(), name="resolution"),
]
