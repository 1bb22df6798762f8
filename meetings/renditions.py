"""Photo renditions (small, medium, large; JPEG and WebP), made once by easy-thumbnails.

easy-thumbnails records every rendition it has written in its own tables, so a rendition is
generated once, right after the photo's transaction commits, and only looked up afterwards:
pages never resize per request. (A rendition that is somehow missing, say after a new alias
was added, is made the first time it is asked for, then reused.)
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


def _useful_aliases(source_width):
    """Aliases by width; those wider than the source would only repeat it, so one stands for all."""
    chosen = {}
    for name, options in sorted(aliases.all().items(), key=lambda item: item[1]["size"][0]):
        chosen[name] = options
        if options["size"][0] >= source_width:
            break
    return chosen


def make_renditions(fieldfile) -> None:
    """Write every rendition of a freshly stored image."""
    renditions(fieldfile)


def renditions(fieldfile) -> dict:
    """`srcset` strings per format, plus the medium JPEG's URL, width and height for `<img>`."""
    if not fieldfile:
        return {}
    chosen = _useful_aliases(fieldfile.width)
    default = "medium" if "medium" in chosen else list(chosen)[-1]
    result = {}
    for extension in FORMATS:
        thumbnailer = _thumbnailer(fieldfile, extension)
        thumbs = {name: thumbnailer.get_thumbnail(options) for name, options in chosen.items()}
        if extension == "jpg":
            medium = thumbs[default]
            result.update(src=medium.url, width=medium.width, height=medium.height)
        result[f"{extension}_srcset"] = ", ".join(
            f"{thumb.url} {thumb.width}w" for thumb in thumbs.values()
        )
    return result
