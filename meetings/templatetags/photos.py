"""`{% load photos %}{% photo photo %}`: a `<picture>` with WebP and JPEG `srcset`, width and
height; the page wraps it in its own `<figure>` and caption."""

from django import template

from meetings.renditions import renditions

register = template.Library()


@register.inclusion_tag("includes/photo.html")
def photo(photo, sizes="(min-width: 60rem) 60rem, 100vw", loading="lazy", opens=False):
    """Render `includes/photo.html` for a `Photo` (its renditions were written on save);
    `opens`: the picture is a link to its widest rendition, which static/js/photos.js shows
    large on the page (without JavaScript the link opens the image)."""
    return {
        "photo": photo,
        "image": renditions(photo),
        "sizes": sizes,
        "loading": loading,
        "opens": opens,
    }
