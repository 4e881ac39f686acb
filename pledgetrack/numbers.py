"""Numbers and quantities in the normalized text of a report: pure functions, no I/O.

`parse_chinese_number` reads one number written in Chinese numerals, Arabic digits or both ("一千一百万",
"三点五", "二〇一八", "1.2万", "12,000"). `find_quantities` finds every quantity of a clause, left to right:
a number with its unit as written ("3.9万平方米" → 3.9 '万平方米'), a range ("6%-6.5%"), "百分之五", and the
qualifiers around it that give its comparator (左右 → approx; 以上/不低于/超过 → at_least; 以内/不超过/低于 →
at_most) or make it approximate (多, 余, 约, 近). `unit_factor` splits a unit into its base unit and its
multiplier, so that '亿元' and '万元' compare; `reduction_sign` tells whether the verb before a quantity is a
decrease (下降, 降低 …); `may_hold_quantity` rules out, cheaply, text in which `find_quantities` would find
nothing.

Decisions:
- A quantity needs a unit (or at least a multiplier 万/亿): a bare number is a heading, a document number
  "（11）" or part of a name. Numbers glued to ASCII letters ("PM2.5", "5G", "G60"), to '+' ("1+4+4"), after
  第 (ordinals) or 每 (a denominator), and numbers followed by 年/月/日 (not units) are never quantities.
- Chinese numerals make a quantity only when followed by a unit, start with a digit (not 百/千/万:
  "千家万户"), are worth 10 or more unless the unit is 个百分点 ("两个百分点"), and never with the classifier
  个 alone ("十个方面", "四个中心" are names or headings). Their value is the whole number: "一千一百万人" is
  11000000 '人' (the multiplier is read, not kept in the unit as it is for Arabic digits).
- Qualifiers after the unit win over qualifiers before the number ("控制在3%左右" → approx); a range is
  always 'range'. 力争 and 控制在 carry no comparator of their own.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pledgetrack.grammar import CJK, guarded

# ---------------------------------------------------------------- numerals
_CN_DIGIT = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = (("亿", 1e8), ("万", 1e4))
_SUFFIX_FACTOR = {"十": 10, "百": 100, "千": 1000, "万": 1e4, "亿": 1e8}

_AR = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ARABIC_WITH_SUFFIX = re.compile(rf"({_AR})([十百千万亿]*)")
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"


def _section(s: str) -> float | None:
    """A Chinese numeral below 万 ("一千零五", "二十二", colloquial "一百二")."""
    total = 0.0
    num: int | None = None
    unit_before = 0  # the unit right before a trailing digit ("一百二" → 2 × 10)
    for ch in s:
        if ch in _CN_DIGIT:
            if num is not None and num != 0 and _CN_DIGIT[ch] != 0:
                return None  # two digits in a row inside a counted numeral
            num = _CN_DIGIT[ch]
            if num == 0:
                unit_before = 0
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            total += (num if num else 1) * unit
            num, unit_before = None, unit
        else:
            return None
    if num:
        total += num * (unit_before // 10 if unit_before >= 100 else 1)
    return total


def _chinese(s: str) -> float | None:
    if not s:
        return None
    if "点" in s:
        whole, frac = s.split("点", 1)
        if not frac or any(ch not in _CN_DIGIT for ch in frac):
            return None
        head = _chinese(whole) if whole else 0.0
        if head is None:
            return None
        return head + float("0." + "".join(str(_CN_DIGIT[ch]) for ch in frac))
    if len(s) > 1 and all(ch in _CN_DIGIT for ch in s):  # a digit string: 二〇一八
        return float("".join(str(_CN_DIGIT[ch]) for ch in s))
    for char, factor in _CN_BIG:
        pos = s.rfind(char)
        if pos < 0:
            continue
        left, right = s[:pos], s[pos + 1 :]
        head = _chinese(left) if left else 1.0
        if head is None:
            return None
        if len(right) == 1 and right in _CN_DIGIT and right not in "零〇":  # colloquial 一万二 → 12000
            return head * factor + _CN_DIGIT[right] * factor / 10
        tail = _chinese(right.lstrip("零〇")) if right.lstrip("零〇") else 0.0
        return None if tail is None else head * factor + tail
    return _section(s)


def parse_chinese_number(s: str) -> float | None:
    """The value of one number: Chinese numerals, Arabic digits, or digits with a multiplier ("1.2万").

    None when `s` is not a number. A string of bare digits is read digit by digit (二〇一八 → 2018)."""
    s = s.strip()
    m = _ARABIC_WITH_SUFFIX.fullmatch(s)
    if m:
        value = float(m.group(1).replace(",", ""))
        for ch in m.group(2):
            value *= _SUFFIX_FACTOR[ch]
        return value
    if not s or any(ch not in _CN_CHARS and ch != "点" for ch in s):
        return None
    return _chinese(s)


# ---------------------------------------------------------------- units
_MULTIPLIERS = (("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6))
_MULTIPLIERS += (("万", 1e4),)
_BASE_UNITS = (
    "个百分点|百分点|%|‰|微克/立方米|毫克/立方米|吨/平方公里·月|平方公里|平方米|立方米|公里|千米|公顷|公斤|"
    "千瓦时|千瓦|千克|美元|元/人|元|人次|人(?![口民均])|户|项|件|个(?!月|多月|小时|工作日)|斤|吨|张|台(?!阶)|套|家|所|幢|栋|"
    "处|辆|座|条|间|名|亩|批|米|标准箱|床|倍|次|场|篇|幅|宗|艘|架|天"
)
_MULT = "万亿|千亿|百亿|亿|千万|百万|万"
# A bare multiplier: 万 counts whatever follows ("505万下岗失业人员"); a bare 亿 before a noun is the
# country's population in set phrases ("13亿人民", "13亿中国人"), an amount only at the end of a phrase
# ("增加2亿").
UNIT = (
    rf"(?:多|余)?(?:(?:{_MULT})(?:多|余)?(?:{_BASE_UNITS})|万(?:多|余)?|(?:{_MULT})(?:多|余)?(?![{CJK}])"
    rf"|(?:{_BASE_UNITS}))"
)


def unit_factor(unit: str) -> tuple[str, float]:
    """('亿元' → ('元', 1e8)): the base unit and the factor that turns a value in `unit` into it."""
    for prefix, factor in _MULTIPLIERS:
        if unit.startswith(prefix):
            return unit[len(prefix) :], factor
    return unit, 1.0


# ---------------------------------------------------------------- quantities
_AT_LEAST_PRE = ("不低于", "不少于", "超过", "高于", "至少", "多于", "大于", "逾", "突破", "超")
_AT_MOST_PRE = ("不超过", "不高于", "不多于", "低于", "少于", "小于", "最多")
_ABOUT_PRE = ("大约", "约")  # about: "约7%" is approx; "近7%", "接近7%" (nearly) are approximate bounds
_APPROX_PRE = (*_ABOUT_PRE, "接近", "将近", "近")
# 约 and 近 ending a word are no qualifiers of the number after it ("签约", "节约", "附近", "将近" aside)
ABOUT = r"(?<![签合节制公预条契])约"
NEAR = r"(?<![接附将])近"
_PRE = "|".join([*_AT_LEAST_PRE, *_AT_MOST_PRE, "大约", "接近", "将近", ABOUT, NEAR])
_POST = {"左右": "approx", "上下": "approx", "以上": "at_least", "之上": "at_least"}
_POST |= {"以内": "at_most", "之内": "at_most", "以下": "at_most"}
# every word that bounds a quantity, before it or after it (an aim's: "不低于", "以上", "左右" …)
BOUND_WORDS = (*_AT_LEAST_PRE, *_AT_MOST_PRE, *_POST)

_AR_NUM = rf"(?<![\d.,A-Za-z+第每])(?>{_AR})(?![+A-Za-z])"
_CN_NUM = rf"(?<![{_CN_CHARS}第每])(?>[一二两三四五六七八九十][{_CN_CHARS}]*(?:点[零〇一二三四五六七八九]+)?)"
_NUM = rf"(?:{_AR_NUM}|{_CN_NUM})"
# A number then either a range ("6%-6.5%", "3万-5万人", "6至7%": the first unit optional) or its unit alone.
# The number and its unit are read once: `(?(u)|(?!))` ends a quantity without a range only when the unit
# matched, where an alternative "range | number unit" read both again for every quantity that is no range.
# Guarded (`grammar.guarded`): search skips in C to where a quantity can start.
_QUANTITY = guarded(
    rf"(?P<pre>{_PRE})?"
    rf"(?:百分之(?P<pct>{_NUM})"
    rf"|(?P<sign>(?<=[长涨升降为比])[-－−])?(?P<n>{_NUM})(?P<u>{UNIT})?(?:(?:-|——|至|到|～|~)(?P<n2>{_NUM})(?P<u2>{UNIT})|(?(u)|(?!))))"
    rf"(?P<post>{'|'.join(_POST)})?"
)


class Quantity(NamedTuple):
    """One quantity of a text; `start`/`end` cover its qualifiers ("不低于", "左右") too. A named tuple, not a
    frozen dataclass: as immutable, and several times cheaper to build (a report has hundreds)."""

    value: float
    value_high: float | None
    unit: str  # as written, multiplier included: '%', '个百分点', '亿元', '万平方米'
    kind_hint: str  # percent | points | amount
    comparator: str  # approx | at_least | at_most | range | plain
    start: int
    end: int
    approximate: bool = False  # 多, 余, 约, 近: "2500余户", "近3.9万平方米"


def about(text: str, pos: int) -> bool:
    """Does the text at `pos` (a quantity's start) say "about" ("约7%", "大约7%")?"""
    return text.startswith(_ABOUT_PRE, pos)


def _number(s: str) -> tuple[float | None, bool]:
    """(value, written in Chinese numerals)."""
    if s[0].isdigit():  # the regex matched an Arabic number: the fast path
        return float(s.replace(",", "")), False
    return parse_chinese_number(s), True


def _kind_hint(unit: str) -> str:
    if unit == "%":
        return "percent"
    return "points" if unit.endswith("百分点") else "amount"


_PRE_COMPARATOR = dict.fromkeys(_AT_LEAST_PRE, "at_least") | dict.fromkeys(_AT_MOST_PRE, "at_most")


def _unfuzz(unit: str) -> str:
    return unit.replace("多", "").replace("余", "") if "多" in unit or "余" in unit else unit


def _quantity(m: re.Match[str], offset: int) -> Quantity | None:
    pre, pct, sign, n, u, n2, u2, post = m.groups()
    high: float | None = None
    if pct is not None:
        value, _ = _number(pct)
        raw, chinese = "%", False
    elif n2 is not None:
        raw = u2
        if u and not _unfuzz(raw).startswith(_unfuzz(u)):  # "3万-5万人" fine, "5%-3个" not a range
            return None
        value, c1 = _number(n)
        high, c2 = _number(n2)
        if high is None:
            return None
        chinese = c1 or c2
    else:
        value, chinese = _number(n)
        raw = u
    unit = _unfuzz(raw)
    if value is None:
        return None
    if sign:  # "增长-6.5%": a fall written as a negative growth keeps its sign
        value = -value
    if chinese and not unit.endswith("百分点") and (unit.startswith("个") or value < 10):
        return None
    if n2 is not None:
        comparator = "range"
    elif post:
        comparator = _POST[post]
    else:
        comparator = _PRE_COMPARATOR.get(pre, "plain")
    approximate = pre in _APPROX_PRE or raw is not unit
    start, end = offset + m.start(), offset + m.end()
    return Quantity(value, high, unit, _kind_hint(unit), comparator, start, end, approximate)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity of `text[start:end]` (normalized), left to right, at offsets into `text`. The span is
    read as a text of its own: what is around it is not looked at."""
    return [q for m in _QUANTITY.finditer(text[start:end]) if (q := _quantity(m, start)) is not None]


# What a quantity cannot do without: a digit, or a Chinese numeral with a unit or a range after it (or 百分之
# before it). Most sentences of a report have a numeral only in "进一步", "一是" or "三年"; this tells so
# several times faster than `_QUANTITY`, whose search cannot skip ahead to where a quantity can start. It
# opens with a character set, so that one search skips in C to where either can start.
_QUANTITY_CUE = re.compile(
    rf"[\d一二两三四五六七八九十百]"
    rf"(?:(?<=\d)|[{_CN_CHARS}]*(?:点[零〇一二三四五六七八九]+)?(?:{UNIT}|-|——|至|到|～|~|分之))"
)


def may_hold_quantity(text: str, start: int = 0, end: int | None = None) -> bool:
    """False when `find_quantities(text[start:end])` is sure to find nothing: no digit, and no Chinese
    numeral with what a quantity needs around it. True does not promise a quantity: a cheap test to pass
    over text."""
    end = len(text) if end is None else end
    return _QUANTITY_CUE.search(text, start, end) is not None


# ---------------------------------------------------------------- direction of the verb
_REDUCTION = re.compile(
    r"(?:下降|降低|削减|减少|下调|回落|压减|减排|压缩)了?(?:幅度)?"
    rf"(?:{'|'.join([*_AT_LEAST_PRE, *_AT_MOST_PRE, *_APPROX_PRE])})?$"
)


def reduction_sign(text_before: str) -> bool:
    """True when the text right before a quantity ends with a verb of decrease ("能耗下降", "削减了").

    "下降到3%" / "降至" state a level, not a decrease by the amount: False."""
    return _REDUCTION.search(text_before[-12:].rstrip()) is not None
