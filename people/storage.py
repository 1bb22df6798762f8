"""Media in a private S3-compatible bucket: no object is ever linked directly.

Pages link every file at `MEDIA_URL` like local files, so it goes through the media view's
check (`meetings.media`); the view then redirects to a signed URL that expires soon.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """django-storages' S3 storage whose public URLs are the archive's checked media URLs."""

    # A signed URL lives this long; the redirect to it may be reused for half of that.
    querystring_auth = True
    querystring_expire = 600
    # A custom domain would make django-storages hand out unsigned URLs.
    custom_domain = None
    reuse_seconds = 300

    def url(self, name, parameters=None, expire=None, http_method=None):
        return f"{settings.MEDIA_URL}{filepath_to_uri(name)}"

    def signed_url(self, name: str) -> str:
        """A URL of the object itself, signed, expiring in `querystring_expire` seconds."""
        return super().url(name)
