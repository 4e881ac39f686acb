"""The indicator a quantity is about: its name read off the words of its clause, and the catalogue's id for a
name.

3. The indicator is the noun phrase before the quantity in the same clause, with the register's verbs
   and scope words peeled off (全年, 全区, 完成, 实现, 达到, 同比增长 …); a clause without its own
   subject ("同口径增长7.66%") inherits the subject of the previous clause of the sentence; a quantity that
   leads its noun ("83张认知障碍照护床位") takes the noun after it.

A subject in, a name out: `strip_name` peels the words off, `has_noun` says whether what is left names
anything, `split_names` and `names_for` read a list of names (rule 5), `post_noun` reads the noun after a
quantity. Indicator names are identified by the catalogue (`pledgetrack.indicators`: `indicator_id`,
`compatible`); a name it does not know is still extracted, with indicator_id None.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pledgetrack import numbers
from pledgetrack.extract.spans import regex
from pledgetrack.grammar import CJK, LIST_JOINERS, OWN_AREA, PLAN_PERIOD, guarded
from pledgetrack.indicators import Catalogue, load_catalogue

# ---------------------------------------------------------------- the catalogue


def indicator_id(name: str) -> str | None:
    """The catalogue id of an indicator name as written, None when the catalogue does not know it."""
    return id_in(load_catalogue(), name)


def id_in(catalogue: Catalogue, name: str) -> str | None:
    """`indicator_id` with the catalogue at hand (finding it reads the environment: once per report)."""
    found = catalogue.lookup(name) if name else None
    return found.id if found is not None else None


def compatible(a: str, b: str) -> bool:
    """Do two indicator names denote the same quantity (one contains the other, or the same catalogue id)?"""
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    ia = indicator_id(a)
    return ia is not None and ia == indicator_id(b)


# ---------------------------------------------------------------- indicator names

# words that open a clause without naming anything (scope, time, framing verbs)
_LEAD = re.compile(
    rf"^(?:[其]中|同时|此外|今年|去年|全年|当年|上年|年内|{OWN_AREA}|全社会(?=消费)|区域内|"
    r"预计全年|预计|共|合计|进一步|努力|力争|确保|继续|"
    r"要|将|再|拟|计划|争取|全面|圆满|基本|提前|超额|实现了?|完成了?|达到|推进|扎实推进|积极|"
    r"帮助|帮扶|引领|惠及|新建成|新建|建成|新开工|开工|启动|实施|推动|加快|开展|组织|安排|但|而|"
    r"——|—|(?:中央|国务院|我们)?提出|把|\d{4}年(?:的)?|[一二三四五六七八九十]+是|\d+[、.]|（[一二三四五六七八九十\d]+）)+"
)
# words that end a subject before its number (verbs of result, comparisons, qualifiers); guarded: `sub` tries
# every position of a subject, and without the lookahead every word below at each (a third of `strip_name`)
_TAIL = guarded(
    r"(?:预计全年|预计|全年|分别|各|平均|(?<!平)均|都|也|亦|共|累计|当年|首次|历史性|"
    rf"(?:从|由)(?:上半年|年初|上年|去年|{PLAN_PERIOD})(?:末|底)?的?|"
    r"比上年|比去年|较上年|较去年|同比|同口径|可比|按可比价格计算|扣除价格因素|实际|名义|"
    rf"完成了?|实现了?|达到了?|达|为|是|突破|超过|超|迈上|跨越|跨过|跨上|连跨|增至|{numbers.NEAR}|{numbers.ABOUT}|合计|共计|计|至|到|在|"
    r"增长了?|增加了?|上涨了?|上升了?|提高了?|下降了?|降低了?|减少了?|削减|回落|涨幅|增幅|增速|"
    r"控制在|保持在|稳定在|定为|定在|目标为|预期|要|都要|将|再|拟|安排|力争|由|从|和|及|与|以及|"
    r"按|继续保持|保持|预期增长目标|增长目标|拟定)+$"
)
_NOISE_SUBJECT = re.compile(
    r"^(?:居民|群众|人|家庭|企业|项目|万人|人次|以上|左右|其中|分别|和|及|、)*$"
    r"|^(?:[再又新]?解决|建设|改建|创建|新增|新建|建成|完成|实现|推进|开展|改造|引导|重建|试点|启动|实施|累计|合计|发行|安排|投入|淘汰|培训|资助|"
    r"支持|下达|拨付|筹集|落实)$"
    # who spends is not what is counted: "中央财政安排109亿元资金…"
    r"|^(?:今年)?(?:中央|地方|各级|国家)?(?:财政|政府)?(?:将|拟|还)?$"
    # a rank is no subject: "地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%" (the growth is the GDP's)
    r"|^(?:稳居|位居|居于?|位列|排名|跻身|进入|保持)[^，；。、]{0,8}"
    r"(?:前列|前茅|第[一二三四五六七八九十\d]+位?|前[一二三四五六七八九十\d]+(?:强|位|名)?|首位)$"
)

_SYNONYMS = (
    (re.compile(r"^(?:经济增长|经济增速|增长)(?:预期目标|目标)?$"), "国内生产总值"),
    (re.compile(r"^(?:经济|国民经济)$"), "国内生产总值"),
    # the value added of industry is counted over the firms above the size threshold: "规上企业工业增加值",
    # "规模以上工业企业实现增加值" name the firms the statistic covers, not a part of it
    (re.compile(r"^(?:规模以上|规上)(?:工业)?企业(?:实现)?(?:工业)?增加值$"), "规模以上工业增加值"),
)


@lru_cache(maxsize=16384)
def strip_name(subject: str) -> str:
    s = subject.strip(" 　、“”\"'")
    s = regex(r"^[，；：。、\s]+").sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = _LEAD.sub("", s)
        s = _TAIL.sub("", s)
        s = s.strip(" 、，的")
    # "…十个方面" / "8个方面" after a name: a grouping, not part of it
    s = regex(r"(?:[一二三四五六七八九十\d]+个?方面)$").sub("", s)
    s = (
        regex(r"\s+|各类|各项|各种|_\{|\}|\d{4}年(?:底|末)?")
        .sub("", s)
        .replace("的比重", "比重")
        .strip("“”\"'和")
    )
    if regex(r"^(?:原定)?(?:年度|全年|年初)?(?:确定的)?(?:目标|计划|任务)的?$").match(s) or regex(
        r"(?:确定|既定|下达|提出)的?$"
    ).search(s):
        return ""
    s = regex(rf"^[^等]{{2,}}?等(?=[{CJK}“]{{2}})").sub("", s)  # "水电路261弄等房屋成套改造" → the category
    for pattern, name in _SYNONYMS:
        if pattern.match(s):
            return name
    return s


@lru_cache(maxsize=4096)
def has_noun(s: str) -> bool:
    """Does a subject name something? Cached: each subject is asked several times per clause."""
    return len(s) >= 2 and not _NOISE_SUBJECT.match(s)


@lru_cache(maxsize=4096)
def split_names(subject: str) -> tuple[str, ...]:
    """'A、B和C' → (A, B, C) (names of a paired clause). Cached: a clause's subject is split up to three
    times, and the same subjects recur across clauses."""
    parts = tuple(p for p in regex(rf"[{LIST_JOINERS}]|以及").split(subject) if p)
    return parts if len(parts) > 1 and all(len(p) >= 2 for p in parts) else (subject,)


def distinct_indicators(names: tuple[str, ...]) -> bool:
    """Does each name of a list name an indicator of its own? Then one figure after the list is said of
    each, as with 均 ("全部财政收入和一般预算收入增长17%以上"); a name that only reads as a list
    ("研究与试验发展经费") names no indicator in each part."""
    catalogue = load_catalogue()
    found = [catalogue.lookup(n) for n in names]
    return all(found) and len({i.id for i in found}) == len(found)


# what is measured of a thing, named after it: "规上工业产值和增加值", "营业收入和利润"
_MEASURE_HEAD = re.compile(r"(?:增加值|产值|营业收入|利润|税收)$")


def names_for(subject: str, count: int) -> list[str]:
    """'A、B排放量' for two quantities → ['A排放量', 'B排放量']; otherwise the subject for each."""
    parts = list(split_names(subject))
    if count == 2 and len(parts) == 1 and subject.startswith("城乡"):
        return ["城镇" + subject[2:], "农村" + subject[2:]]  # "城乡居民人均可支配收入分别…": urban, rural
    if len(parts) != count or count < 2:
        return [subject] * count
    measured = _MEASURE_HEAD.search(parts[0]) if len(parts[0]) > 4 else None
    if measured and all(_MEASURE_HEAD.fullmatch(p) for p in parts[1:]):
        # "规上工业产值和增加值": the measures named after the first share its modifier
        return [parts[0]] + [parts[0][: measured.start()] + p for p in parts[1:]]
    k = len(parts[0])
    if k <= 2 and all(len(p) == k for p in parts[:-1]) and len(parts[-1]) > k + 1:
        # "一产、二产、三产增加值", "城镇、农村居民收入": short modifiers share the last name's head
        head = parts[-1][k:]
        return [p + head for p in parts[:-1]] + [parts[-1]]
    head = regex(
        r"(排放量|排放总量|总额|收入|投资|价格|浓度|人数|纯收入|可支配收入|外资|"
        # "地表水、近岸海域水质优良比例": the water bodies share the measure
        r"水质优良比例|水质优良率|水质达标率)$"
    ).search(parts[-1])
    if head:
        parts = [p if p.endswith(head.group()) or len(p) > 6 else p + head.group() for p in parts]
    return parts
POST_NOUN_MAX = 14  # `post_noun` reads at most this much: a name that long was cut, likely mid-word


def post_noun(text: str, start: int, end: int) -> str:
    if text.startswith(("（", "("), start):
        return ""  # "增长8.6%（剔除一次性收入）": a bracket after a figure is a note on it, no noun it leads
    tail = text[start:end]
    tail = regex(r"^的").sub("", tail)
    m = regex(rf"[^，；。、\d]{{2,{POST_NOUN_MAX}}}").match(tail)
    if not m:
        return ""
    s = regex(r"通过|获得|荣获|入选|被评为").split(m.group())[0]
    s = regex(r"(?:实现|成功|顺利|已经?|全部)").sub("", s)
    return strip_name(s)
