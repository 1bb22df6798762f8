"""Uploaded images are judged by their content, never by their name, and stored clean.

`check_image_upload` refuses anything that is not a plain, whole JPEG, PNG or WebP of sane
size; `clean_image_bytes` re-encodes an accepted image with its EXIF orientation applied and
its metadata (GPS position, camera serial, author…) dropped; `RandomName` files it under a
name nobody can guess.
"""

import io
import re
import secrets
import warnings
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_BYTES = 25 * 1024 * 1024
# Pillow warns from 89 and refuses from 179 megapixels; a 40-megapixel photo is already
# larger than any press camera's, and decoding it costs about 160 MB.
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Markup or script hidden in an image is the mark of a polyglot file.
_HIDDEN_MARKUP = re.compile(rb"<\s*(script|html|svg|\?php|\?xml|!doctype|iframe|body)\b", re.I)


def check_image_upload(upload) -> str:
    """Raise ValidationError unless `upload` is a safe JPEG, PNG or WebP; return its format."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is 25 MB."),
            code="too_large",
            params={"size": round(size / 1024 / 1024, 1)},
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than the 25 MB limit."), code="too_large")
    return check_image_bytes(data)


def check_image_bytes(data: bytes) -> str:
    """The checks of `check_image_upload`, on bytes already read."""
    not_an_image = ValidationError(
        _("This file is not a JPEG, PNG or WebP photo, whatever its name says."),
        code="not_an_image",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                width, height = image.size
                if kind not in ALLOWED_FORMATS:
                    raise not_an_image
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        _(
                            "The image is %(width)s × %(height)s pixels; the limit is "
                            "40 megapixels. Please upload a smaller version."
                        ),
                        code="too_many_pixels",
                        params={"width": width, "height": height},
                    )
                image.verify()
            # verify() does not decode the pixels; a truncated file only fails when loaded.
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("The image expands to far too many pixels (a decompression bomb)."),
            code="decompression_bomb",
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        if "truncated" in str(exc).lower():
            raise ValidationError(
                _("The image file is incomplete (truncated). Please upload it again."),
                code="truncated",
            ) from exc
        raise not_an_image from exc
    if _has_trailing_data(kind, data) or _HIDDEN_MARKUP.search(data[:65536]):
        raise ValidationError(
            _("The image carries other content (markup, script or an archive) besides the photo."),
            code="polyglot",
        )
    return kind


def _has_trailing_data(kind: str, data: bytes) -> bool:
    """Bytes after the image's own end: how a JPEG or PNG is made to be something else too."""
    if kind == "JPEG":
        end = data.rfind(b"\xff\xd9")
        return end == -1 or len(data[end + 2 :].strip(b"\x00\r\n ")) > 0
    if kind == "PNG":
        end = data.rfind(b"IEND")
        return end == -1 or len(data) > end + 8
    if kind == "WEBP":
        declared = int.from_bytes(data[4:8], "little") + 8
        return len(data) > declared + (declared % 2)
    return True


def clean_image_bytes(data: bytes) -> tuple[bytes, str]:
    """The image re-encoded upright and without metadata; returns (bytes, file extension)."""
    with Image.open(io.BytesIO(data)) as image:
        kind = image.format
        upright = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        if kind == "JPEG":
            if upright.mode not in {"RGB", "L"}:
                upright = upright.convert("RGB")
            upright.save(out, format="JPEG", quality=90, optimize=True, progressive=True)
        elif kind == "PNG":
            upright.save(out, format="PNG", optimize=True)
        else:
            upright.save(out, format="WEBP", quality=90)
    return out.getvalue(), ALLOWED_FORMATS[kind]


@deconstructible
class RandomName:
    """An `upload_to` that files an image as `<folder>/<year>/<month>/<random>.<extension>`.

    The upload's own name is dropped: it may say what the photo shows, and a name that can be
    guessed can be fetched from any server or bucket that holds the file. 128 random bits
    cannot be guessed, and the renditions, named after their source, inherit them.
    """

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = PurePosixPath(filename).suffix.lower()
        return f"{self.folder}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(16)}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def image_is_new(instance, field_name: str) -> bool:
    """Whether the row's image was just uploaded or replaced, so it still needs cleaning.

    A row written again with a file already in storage and no row in the table (a deleted row
    restored from history) keeps it: it was cleaned when it was stored, and cleaning it again
    would store a copy under a new random name."""
    fieldfile = getattr(instance, field_name)
    if not fieldfile:
        return False
    if not fieldfile._committed or instance._state.adding:
        return True
    stored = type(instance)._base_manager.filter(pk=instance.pk).values_list(field_name, flat=True)
    name = stored.first()
    return name is not None and name != fieldfile.name


def store_clean_image(fieldfile) -> None:
    """Replace the file behind `fieldfile` by its cleaned re-encoding (see `clean_image_bytes`)."""
    fieldfile.open("rb")
    try:
        data = fieldfile.read()
    finally:
        if fieldfile._committed:
            fieldfile.close()
    cleaned, extension = clean_image_bytes(data)
    name = f"{PurePosixPath(fieldfile.name).stem}.{extension}"
    if fieldfile._committed:
        fieldfile.storage.delete(fieldfile.name)
    fieldfile.save(name, ContentFile(cleaned), save=False)
