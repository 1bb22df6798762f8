"""Reading the sitemap index and every sitemap it lists, as a crawler does."""

import re

from django.urls import reverse

LOC = re.compile(r"<loc>http://testserver([^<]*)</loc>")


def sitemap_files(client) -> list[str]:
    """The sitemap files the index at /sitemap.xml lists (paths with their ?p=)."""
    index = client.get(reverse("sitemap"))
    assert index.status_code == 200
    return [path.replace("&amp;", "&") for path in LOC.findall(index.content.decode())]


def sitemap_urls(client) -> list[str]:
    """Every page URL in every sitemap file of the index."""
    urls = []
    for path in sitemap_files(client):
        response = client.get(path)
        assert response.status_code == 200, path
        urls += LOC.findall(response.content.decode())
    return urls
