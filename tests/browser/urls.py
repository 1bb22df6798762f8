"""The project's URLs plus uploaded files, so the live server shows the sample's photos."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config.urls import urlpatterns as project_urls


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*project_urls, re_path(r"^media/(?P<path>.*)$", media)]
