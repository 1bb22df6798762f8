import pytest

from people.text import fold, vietnamese_slug


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Phạm Hoàng Sơn", "pham hoang son"),
        ("PHẠM HOÀNG SƠN", "pham hoang son"),
        ("Nguyễn Đức Hiển", "nguyen duc hien"),
        ("  Đại   hội  ", "dai hoi"),
        ("Ủy ban", "uy ban"),
        ("Uỷ ban", "uy ban"),
        ("Pha\u0323m", "pham"),  # decomposed (NFD) input folds like composed
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_vietnamese_slug_is_ascii():
    assert vietnamese_slug("Phạm Hoàng Sơn") == "pham-hoang-son"
    assert vietnamese_slug("Tỷ trọng công nghiệp trong GRDP") == "ty-trong-cong-nghiep-trong-grdp"
