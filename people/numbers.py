"""Numbers as Vietnamese reports print them: `.` groups thousands, `,` marks decimals."""

import re
from decimal import Decimal, InvalidOperation

_VIETNAMESE_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$")


def parse_vietnamese_number(text: str) -> Decimal:
    """`954.964` → 954964, `58,4` → 58.4, `8.503` → 8503; ValueError for anything else."""
    cleaned = (text or "").strip().replace("\u00a0", "")
    if not _VIETNAMESE_NUMBER.match(cleaned):
        raise ValueError(f"Not a Vietnamese number: {text!r}")
    try:
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(f"Not a Vietnamese number: {text!r}") from exc


def format_vietnamese_number(value: Decimal) -> str:
    """954964 → `954.964`, 58.40 → `58,4`: the reader's own notation."""
    value = Decimal(value)
    whole, _, fraction = format(abs(value), "f").partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return ("-" if value < 0 else "") + grouped + (f",{fraction}" if fraction else "")
