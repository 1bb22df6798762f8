"""Photo renditions (small, medium, large; JPEG and WebP), made once by easy-thumbnails.

A rendition is generated once, by a background job queued when the photo's transaction commits
(`meetings.tasks`); pages compute its name and never resize (nor query) per request. After a
change of aliases, `python manage.py make_renditions` writes whatever is missing.
"""

from django.conf import settings
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


def make_renditions(fieldfile, progress=None) -> None:
    """Write every rendition of a freshly stored image (easy-thumbnails records each one, and
    skips those already written); `progress(done, total)` hears of each."""
    if not fieldfile:
        return
    chosen = _useful_aliases(fieldfile.width).values()
    total, done = len(FORMATS) * len(chosen), 0
    for extension in FORMATS:
        thumbnailer = _thumbnailer(fieldfile, extension)
        for options in chosen:
            thumbnailer.get_thumbnail(options)
            done += 1
            if progress:
                progress(done, total)


def renditions(photo) -> dict:
    """`srcset` strings per format, the medium JPEG's URL, width and height for `<img>`, and
    the widest JPEG's URL (`largest`), which the page offers to open.

    Names, URLs and sizes follow from the stored photo's name and dimensions alone, so a page
    with fifty photos costs no query and no file read; the files were written on save.
    """
    if not photo.image or not photo.width or not photo.height:
        return {}
    chosen = _useful_aliases(photo.width)
    default = "medium" if "medium" in chosen else list(chosen)[-1]
    result = {}
    for extension in FORMATS:
        thumbnailer = _thumbnailer(photo.image, extension)
        sized = []
        for name, options in chosen.items():
            width = min(options["size"][0], photo.width)
            height = round(photo.height * width / photo.width)
            url = thumbnailer.thumbnail_storage.url(thumbnailer.get_thumbnail_name(options))
            sized.append((name, url, width, height))
            if extension == "jpg" and name == default:
                result.update(src=url, width=width, height=height)
            if extension == "jpg":
                result["largest"] = url  # the last, widest: what a reader opens
        result[f"{extension}_srcset"] = ", ".join(f"{url} {width}w" for _n, url, width, _h in sized)
    return result


def source_name(name: str) -> str | None:
    """The stored image that the rendition `name` was made from, or None if `name` is none.

    Inverts easy-thumbnails' default naming, `<folder>/<THUMBNAIL_SUBDIR>/<source file>.<options>
    .<extension>`, so the media view finds a rendition's photo by the photo's indexed column.
    """
    folder, _slash, filename = name.rpartition("/")
    parent, _slash, subdir = folder.rpartition("/")
    if subdir != settings.THUMBNAIL_SUBDIR or filename.count(".") < 2:
        return None
    source = filename.rsplit(".", 2)[0]
    return f"{parent}/{source}" if parent else source
