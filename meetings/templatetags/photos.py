"""`{% load photos %}{% photo photo %}`: a photo with WebP and JPEG `srcset`, width and height."""

from django import template

from meetings.renditions import renditions

register = template.Library()


@register.inclusion_tag("includes/photo.html")
def photo(photo, sizes="(min-width: 60rem) 60rem, 100vw", loading="lazy"):
    """Render `includes/photo.html` for a `Photo` (its renditions already exist after save)."""
    return {"photo": photo, "image": renditions(photo.image), "sizes": sizes, "loading": loading}
