"""Numbers as Vietnamese reports print them: `.` groups thousands, `,` marks decimals; and the
same rules for any pair of separators (the admin's English interface writes `954,964.5`)."""

import re
from decimal import Decimal, InvalidOperation

VIETNAMESE = {"decimal": ",", "thousands": "."}


def _number_pattern(decimal: str, thousands: str, signed: bool) -> re.Pattern:
    d, t = re.escape(decimal), re.escape(thousands)
    sign = "-?" if signed else ""
    return re.compile(rf"^{sign}(?:\d{{1,3}}(?:{t}\d{{3}})+|\d+)(?:{d}\d+)?$")


def parse_number(text: str, *, decimal: str, thousands: str, signed: bool = True) -> Decimal:
    """`text` written with these separators (thousands grouped by three, or not grouped at
    all) as a Decimal; ValueError for anything else: `1,2,3`, `1.4` where `.` groups thousands,
    `abc`, exponents."""
    cleaned = (text or "").strip().replace("\u00a0", "").replace("\u2212", "-")
    if not _number_pattern(decimal, thousands, signed).match(cleaned):
        raise ValueError(f"Not a number written with {decimal!r} for decimals: {text!r}")
    try:
        return Decimal(cleaned.replace(thousands, "").replace(decimal, "."))
    except InvalidOperation as exc:
        raise ValueError(f"Not a number: {text!r}") from exc


def format_number(value: Decimal, *, decimal: str, thousands: str) -> str:
    """`value` with these separators and no trailing zeros: 954964.0000 → `954.964` (Vietnamese)."""
    value = Decimal(value)
    whole, _, fraction = format(abs(value), "f").partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", thousands)
    return ("-" if value < 0 else "") + grouped + (f"{decimal}{fraction}" if fraction else "")


def parse_vietnamese_number(text: str) -> Decimal:
    """`954.964` → 954964, `58,4` → 58.4, `8.503` → 8503; ValueError for anything else."""
    return parse_number(text, signed=False, **VIETNAMESE)


def format_vietnamese_number(value: Decimal) -> str:
    """954964 → `954.964`, 58.40 → `58,4`: the reader's own notation."""
    return format_number(value, **VIETNAMESE)


def find_printed_figure(sentence: str, value: Decimal, unit: str) -> str:
    """The characters of `sentence` that print the figure `value` `unit`, from the number to the
    end of its unit (`58,4%`, `954.964 tỷ đồng`, `9/9 địa phương`), or `""` when the sentence
    does not print it so: for figures recorded before their printed form was kept."""
    whole = format(Decimal(value).normalize(), "f")
    numbers = dict.fromkeys([format_vietnamese_number(value), whole.replace(".", ",")])
    for number in numbers:
        printed = rf"(?<![\w.,/]){re.escape(number)}\s?{re.escape(unit)}" if unit else ""
        match = re.search(printed + r"(?![\w/])", sentence) if printed else None
        if match:
            return match[0]
    return ""
