import pytest

from pledgetrack.evidence import quote, sentence_around

TEXT = (
    "过去一年经济平稳。全年区级一般公共预算收入完成140.8亿元，同口径增长6.2%；投资增长5.1%。\n\n二、今年工作"
)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("同口径增长6.2%", "全年区级一般公共预算收入完成140.8亿元，同口径增长6.2%；投资增长5.1%。"),
        ("经济平稳", "过去一年经济平稳。"),
        ("今年工作", "二、今年工作"),
    ],
)
def test_sentence_around(phrase, expected):
    start = TEXT.index(phrase)
    begin, end = sentence_around(TEXT, start, start + len(phrase))
    assert TEXT[begin:end].strip() == expected


def test_quote_marks_the_phrase():
    start = TEXT.index("投资增长5.1%")
    assert "【投资增长5.1%】" in quote(TEXT, start, start + len("投资增长5.1%"))


def test_long_paragraph_is_bounded():
    text = "甲" * 5000 + "增长7%" + "乙" * 5000
    begin, end = sentence_around(text, 5000, 5004, max_chars=100)
    assert end - begin <= 204


def test_bad_offsets():
    with pytest.raises(ValueError, match="outside"):
        sentence_around("短", 0, 5)
