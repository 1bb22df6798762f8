"""Stored files (photos, their renditions, portraits) go only to those who may see what they show.

No web server or bucket serves the media folder: `MEDIA_URL` is routed to `meetings:media`,
which asks the photo's (or portrait's) `public()`, or the editor's permission, and then hands
out the file: from the local folder, or, when the bucket is private object storage
(`people.storage.PrivateS3Storage`), by a redirect to a short-lived signed URL.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control

from people.models import Person

from .models import Photo

# A file the public may see may be kept by browsers and caches this long; once its meeting is
# unpublished, no new copy is handed out, and the kept ones expire.
PUBLIC_SECONDS = 3600


def audience(user, name: str) -> str | None:
    """'public' if anyone may read the stored file `name`, 'editors' if only editors may and
    `user` is one, None if `user` may not (nor learn whether it exists)."""
    if "\x00" in name:
        return None
    photos = Photo.objects.stored_as(name)
    portraits = Person.objects.filter(portrait=name)
    if photos.public().exists() or portraits.public().exists():
        return "public"
    if user.has_perm("meetings.view_photo") and photos.exists():
        return "editors"
    if user.has_perm("people.view_person") and portraits.exists():
        return "editors"
    return None


def media_response(name: str, audience: str):
    """The file itself from a local folder; from private object storage, a redirect to it."""
    if hasattr(default_storage, "signed_url"):
        response = HttpResponseRedirect(default_storage.signed_url(name))
        # Reused for a while, so the browser keeps the image under the same signed URL.
        patch_cache_control(response, private=True, max_age=default_storage.reuse_seconds)
        return response
    try:
        response = FileResponse(default_storage.open(name))
    except FileNotFoundError as missing:
        raise Http404 from missing
    if audience == "public":
        patch_cache_control(response, public=True, max_age=PUBLIC_SECONDS)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
