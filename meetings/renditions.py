"""Photo renditions (small, medium, large; JPEG and WebP), made once by easy-thumbnails.

easy-thumbnails records every rendition it has written in its own tables, so a rendition is
generated when a photo is saved and only looked up afterwards, never resized per request.
"""

from easy_thumbnails.alias import aliases
from easy_thumbnails.files import get_thumbnailer

FORMATS = ("jpg", "webp")


def _thumbnailer(fieldfile, extension):
    thumbnailer = get_thumbnailer(fieldfile)
    thumbnailer.thumbnail_extension = extension
    thumbnailer.thumbnail_preserve_extensions = False
    thumbnailer.thumbnail_transparency_extension = extension if extension == "webp" else "png"
    return thumbnailer


def make_renditions(fieldfile) -> None:
    """Write every rendition of a freshly stored image."""
    renditions(fieldfile)


def renditions(fieldfile) -> dict:
    """`srcset` strings per format, plus the medium JPEG's URL, width and height for `<img>`."""
    if not fieldfile:
        return {}
    result = {}
    for extension in FORMATS:
        thumbnailer = _thumbnailer(fieldfile, extension)
        seen = {}
        for name, options in aliases.all(include_global=True).items():
            thumb = thumbnailer.get_thumbnail(options, generate=True)
            seen.setdefault(thumb.width, thumb)
            if extension == "jpg" and name == "medium":
                result.update(src=thumb.url, width=thumb.width, height=thumb.height)
        result[f"{extension}_srcset"] = ", ".join(
            f"{thumb.url} {width}w" for width, thumb in sorted(seen.items())
        )
    return result
