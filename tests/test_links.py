"""Crawl the sample archive from the home page: every internal link leads to a page."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from tests.sitemaps import sitemap_urls

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"#]*)')
NOT_PAGES = ("/search/", "/admin/", "/static/", "/media/", "/language/")


def test_every_link_from_home_works(client, sample_archive):
    seen, queue = set(), [reverse("meetings:home")]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if "html" not in response["Content-Type"]:
            continue
        for href in HREF.findall(response.content.decode()):
            href = href.replace("&amp;", "&")
            parts = urlsplit(urljoin(url, href))
            if parts.netloc not in ("", "testserver") or parts.path.startswith(NOT_PAGES):
                continue
            # Facet and filter links are many; following the archive's own pages is enough.
            if parts.query and parts.path == reverse("meetings:list"):
                target = f"{parts.path}?{parts.query}"
                if target.count("=") > 1:
                    continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert len(seen) > 40


def test_every_sitemap_url_is_a_page(client, sample_archive):
    urls = sitemap_urls(client)
    assert len(urls) > 30
    for url in urls:
        assert client.get(url).status_code == 200, url
