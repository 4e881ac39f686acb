"""Targets and results read off a parsed government work report (政府工作报告).

Pure functions over `ParsedReport` (no I/O beyond the cached indicator catalogue):

- `extract_targets(report)` → `TargetRow`s: the headline targets of the report's year (tier 'headline': the
  items of the "主要预期目标是：" paragraph, or in older reports the sentences of the plan that state this
  year's 预期目标) and the other quantified plans of the year (tier 'commitment').
- `extract_outcomes(report)` → `OutcomeRow`s: the results the review section states for the review year,
  including explicit attainment statements ("完成年度目标的128.4%", "国际收支基本平衡", "全部完成").

The rules follow the register of these documents, not particular sentences:
1. Text is cut into sentences (。！？ and paragraph breaks) and clauses (，；：).
2. A quantity is a number with a unit ("7%", "240亿元", "5000户", "3.9万平方米") plus the qualifiers
   around it: a comparator before it (超过, 不低于, 控制在 …) or after it (左右, 以上, 以内 …), ranges
   ("6%-6.5%", "6%至7%") and approximations ("2500余户", "8万多平方米").
3. The indicator is the noun phrase before the quantity in the same clause, with the register's verbs
   and scope words peeled off (全年, 全区, 完成, 实现, 达到, 同比增长 …); a clause without its own
   subject ("同口径增长7.66%") inherits the subject of the previous clause of the sentence; a quantity that
   leads its noun ("83张认知障碍照护床位") takes the noun after it.
4. The kind comes from the verb in front of the number (增长/上涨/涨幅 → growth, 下降/降低/减少 → reduction,
   a % without either → rate, any other unit → level); a ratio to the annual target is a rate.
5. Results are kept when the indicator belongs to the vocabulary of indicators that carry targets
   (`_RELEVANT`), and dropped for breakdowns (sectors, industries, firms, buildings), registered capital,
   deal totals, multi-year figures (年均, 累计, 五年, "从A增加到B" keeps only B) and shares.
6. Lists: "A、B排放量都要减少2%" / "A、B、C各2万平方米" give one row per name (the shared head noun is
   distributed); "A和B分别增长x%和y%" pairs names and numbers in order (城乡居民… → 城镇…, 农村…); a
   "分别…" clause without a subject pairs with the subjects of the sentence's previous clauses.
7. Scope: a clause opening with a multi-year span ("五年累计，", "近三年", "“十一五”前四年") makes the
   rest of its sentence multi-year; a paragraph opening with "这五年" is skipped; an increment of a stock just
   stated ("比上年增加2787亿元") is not a level; a five-year (换届) review also reads the "过去一年，…"
   sentences of the plan section.
8. Headline targets: the lead-in "…主要预期目标是：" opens the list (its paragraph, continued while
   paragraphs end with ；，： or start with a list marker); explanations after it ("这里…", "关于…") restate
   targets and are skipped; a clause without a number counts only with an attainment-type predicate
   (完成…下达目标/指标/任务, 控制在…指标内, 基本平衡, 基本稳定, 稳定增长, 同步, 状况…改善). Outside the list,
   a sentence of the targets span counts when it speaks of this year (今年/全年) with a goal cue (预期目标,
   预期增长, 控制在, 要降低 …) about a headline indicator. Duplicates (same quantity restated) are dropped.
9. Direction: a reduction target is a floor (能耗下降3%: at least 3%); otherwise the catalogue's
   direction when it knows the indicator, else ceiling for prices, unemployment, deficits, emissions and
   concentrations and floor for everything else.

Indicator names are identified by the catalogue (`pledgetrack.indicators`: `indicator_id`, direction); a
name it does not know is still extracted, with indicator_id None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pledgetrack import numbers
from pledgetrack.indicators import Catalogue, Indicator, load_catalogue
from pledgetrack.model import ParsedReport

# compiled patterns, cached: the rules below are written inline where they are used
_re = lru_cache(maxsize=None)(re.compile)

# ---------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)  # slots: a report has dozens of rows, built faster
class TargetRow:
    tier: str  # 'headline' | 'commitment'
    indicator: str
    indicator_id: str | None
    kind: str  # 'growth' | 'reduction' | 'level' | 'rate' | 'qualitative'
    comparator: str | None  # 'approx' | 'at_least' | 'at_most' | 'range' | 'plain' | None
    value: float | None
    value_high: float | None
    unit: str | None
    direction: str | None  # 'floor' | 'ceiling' | None
    phrase: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)  # slots: a report has dozens of rows, built faster
class OutcomeRow:
    indicator: str
    indicator_id: str | None
    kind: str  # 'growth' | 'reduction' | 'level' | 'rate' | 'qualitative'
    value: float | None
    unit: str | None
    phrase: str
    char_start: int
    char_end: int
    estimated: bool = False  # 预计: an estimate made before the year's figures were final
    # how the row speaks of the year's target, for verdicts: 'ratio' (value is a % of the target),
    # 'met' / 'not_met' (an explicit statement about the target: "控制在预算范围内", "目标没有完成"),
    # 'positive' / 'negative' (a qualitative state: "国际收支基本平衡", "不平衡矛盾加剧"); None for a figure
    attainment: str | None = None
    # 'headline': an indicator that carries targets (GDP, revenue, jobs …: what the gold annotates);
    # 'detail': any other result of the year, kept because it can settle a commitment
    tier: str = "headline"


# ---------------------------------------------------------------- the catalogue


def indicator_id(name: str) -> str | None:
    """The catalogue id of an indicator name as written, None when the catalogue does not know it."""
    return _id_in(load_catalogue(), name)


def _id_in(catalogue: Catalogue, name: str) -> str | None:
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


# ---------------------------------------------------------------- quantities

# a quantity that qualifies something else: "8个方面", "10米范围内", "40.53%的纳税企业"
_QUALIFIER_AFTER = re.compile(r"(?:方面|大类|类|批次|个方面|范围|的(?:纳税|企业|地块|项目)|左右的)")
_DIGIT = re.compile(r"\d")


def _has_quantity(text: str, start: int, end: int) -> bool:
    """Can `text[start:end]` hold a quantity? Most sentences of a report have none: asking once per
    sentence spares them the clause-by-clause reading (the answer is the same, only faster)."""
    if not numbers.may_hold_quantity(text, start, end):
        return False  # most sentences, told by one scan
    return _DIGIT.search(text, start, end) is not None or bool(numbers.find_quantities(text, start, end))


_ABOUT = re.compile(r"大约|约")  # used with .match(text, pos): anchored there


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[numbers.Quantity]:
    """The quantities of `text[start:end]` that can be a target or a result, at offsets into `text`.

    `numbers.find_quantities` reads them; here the register decides which count: 个百分点 is a change of a
    rate and "增长1.71倍" a multiple, neither a target or result of its own; a figure that qualifies the
    noun after it ("8个方面") is not a quantity of the clause; "2500余户" is at least 2500, "约7%" about 7."""
    end = len(text) if end is None else end
    if not numbers.may_hold_quantity(text, start, end):
        return []
    out: list[numbers.Quantity] = []
    for q in numbers.find_quantities(text, start, end):
        if q.kind_hint == "points" or q.unit == "倍" or _QUALIFIER_AFTER.match(text, q.end):
            continue
        if q.comparator == "plain" and q.approximate:
            q = q._replace(comparator="approx" if _ABOUT.match(text, q.start) else "at_least")
        out.append(q)
    return out


# ---------------------------------------------------------------- sentences and clauses

# 。！？ or a paragraph break "\n\n". Written to start with a character set: re then skips to the next
# candidate character in C, where the alternation "[。！？]|\n\n" tried both branches at every position.
_SENT_END = re.compile(r"[。！？\n](?:(?<=\n)\n|(?<!\n))")


def _spans(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The non-empty runs of text[start:end] between matches of `pattern`. A list, not a generator: most
    spans are read whole, and a list is built faster than a generator is resumed."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in pattern.finditer(text, start, end):
        cut = m.start()
        if cut > pos:
            out.append((pos, cut))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return _spans(text, start, end, _SENT_END)


_CLAUSE_MARK = re.compile(r"[“（(《”）)》，；：,;:]")


_CLAUSE_BODY = re.compile(r"[^，；：,;:]+")
_OPENING_MARK = re.compile(r"[“（(《]")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a sentence; a comma inside quotes or brackets does not end a clause."""
    if not _OPENING_MARK.search(text, start, end):
        # no quotes or brackets (most sentences): every run between clause marks is a clause
        return [m.span() for m in _CLAUSE_BODY.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    depth = 0
    pos = start
    for m in _CLAUSE_MARK.finditer(text, start, end):
        ch = m.group()
        if ch in "“（(《":
            depth += 1
        elif ch in "”）)》":
            depth = max(0, depth - 1)
        elif depth == 0:
            i = m.start()
            if i > pos:
                out.append((pos, i))
            pos = i + 1
    if end > pos:
        out.append((pos, end))
    return out


def _quantified_clauses(text: str, start: int, end: int) -> list[tuple[int, int, list[numbers.Quantity]]]:
    """The clauses of a sentence, each with its quantities (`find_quantities` of the clause).

    One scan per sentence: a scan per clause was a fifth of extraction. Both read the same quantities
    because no quantity holds a clause mark, with one exception: the thousands comma of "12,000" (which
    also keeps a number from starting right after it), so a sentence with an ASCII comma is read clause by
    clause."""
    clauses = _clauses(text, start, end)
    if text.find(",", start, end) >= 0:
        return [(cs, ce, find_quantities(text, cs, ce)) for cs, ce in clauses]
    quantities = find_quantities(text, start, end)
    out: list[tuple[int, int, list[numbers.Quantity]]] = []
    i = 0
    for cs, ce in clauses:  # both in text order, and every quantity lies within one clause
        first = i
        while i < len(quantities) and quantities[i].end <= ce:
            i += 1
        out.append((cs, ce, quantities[first:i]))
    return out


# ---------------------------------------------------------------- indicator names

# words that open a clause without naming anything (scope, time, framing verbs)
_LEAD = re.compile(
    r"^(?:[其]中|同时|另外|此外|今年|去年|全年|当年|上年|年内|本年|全区|全市|全省|全国|全社会(?=消费)|区域内|我区|"
    r"我国|预计全年|预计|初步统计|据统计|经初步核算|初步核算|共|总共|合计|进一步|努力|力争|确保|继续|"
    r"要|将|再|拟|计划|争取|全面|圆满|基本|提前|超额|实现了?|完成了?|达到|推进|扎实推进|积极|"
    r"帮助|帮扶|引领|惠及|新建成|新建|建成|新开工|开工|启动|实施|推动|加快|开展|组织|安排|但|而|"
    r"——|—|(?:中央|国务院|我们)?提出|把|\d{4}年(?:的)?|[一二三四五六七八九十]+是|\d+[、.]|（[一二三四五六七八九十\d]+）)+"
)
# words that end a subject before its number (verbs of result, comparisons, qualifiers)
_TAIL = re.compile(
    r"(?:预计全年|预计|全年|分别|各|均|都|总额为|共|累计|当年|"
    r"比上年|比去年|较上年|较去年|由上年|从上年|同比|同口径|环比|按可比价格计算|扣除价格因素|实际|名义|"
    r"完成了?|实现了?|达到了?|达|为|是|突破|超过|超|(?<![接附将])近|(?<![签合节制公预条契])约|合计|共计|计|至|到|在|"
    r"增长了?|增加了?|上涨了?|上升了?|提高了?|下降了?|降低了?|减少了?|削减|回落|涨幅|增幅|增速|"
    r"控制在|保持在|稳定在|定为|定在|目标为|预期目标为|预期目标定为|预期|要|都要|将|再|拟|安排|力争|由|从|和|及|与|以及)+$"
)
_NOISE_SUBJECT = re.compile(
    r"^(?:居民|群众|人|家庭|企业|项目|万人|人次|以上|左右|其中|分别|和|及|、)*$"
    r"|^(?:再?解决|建设|改建|创建|新增|新建|建成|完成|实现|推进|开展|改造|引导|重建|试点|启动|实施|累计|合计|发行|安排|投入|淘汰|培训|资助|"
    r"支持|下达|拨付|筹集|落实)$"
    # who spends is not what is counted: "中央财政安排109亿元资金…"
    r"|^(?:今年)?(?:中央|地方|各级|国家)?(?:财政|政府)?(?:将|拟|还)?$"
)
_GROWTH_WORD = re.compile(r"(?:增长|增加|上涨|上升|增幅|增速|涨幅|提高)了?$")
_REDUCTION_WORD = re.compile(r"(?:下降|降低|减少|削减|减排|压减|降)了?$")
_TO_WORD = re.compile(r"(?:到|至|为|在|达)$")

_SYNONYMS = (
    (re.compile(r"^(?:经济增长|经济增速|增长)(?:预期目标|目标)?$"), "国内生产总值"),
    (re.compile(r"^(?:经济|国民经济)$"), "国内生产总值"),
)


@lru_cache(maxsize=16384)
def _strip(subject: str) -> str:
    s = subject.strip(" 　、“”\"'")
    s = _re(r"^[，；：。、\s]+").sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = _LEAD.sub("", s)
        s = _TAIL.sub("", s)
        s = s.strip(" 、，的")
    # "…十个方面" / "8个方面" after a name: a grouping, not part of it
    s = _re(r"(?:[一二三四五六七八九十\d]+个?方面)$").sub("", s)
    s = (
        _re(r"\s+|各类|各项|各种|_\{|\}|\d{4}年(?:底|末)?")
        .sub("", s)
        .replace("的比重", "比重")
        .strip("“”\"'和")
    )
    if _re(r"^(?:原定)?(?:年度|全年|年初)?(?:确定的)?(?:目标|计划|任务)的?$").match(s) or re.search(
        r"(?:确定|既定|下达|提出)的?$", s
    ):
        return ""
    s = _re(r"^[^等]{2,}?等(?=[\u4e00-\u9fff“]{2})").sub("", s)  # "水电路261弄等房屋成套改造" → the category
    for pattern, name in _SYNONYMS:
        if pattern.match(s):
            return name
    return s


@lru_cache(maxsize=4096)
def _has_noun(s: str) -> bool:
    """Does a subject name something? Cached: each subject is asked several times per clause."""
    return len(s) >= 2 and not _NOISE_SUBJECT.match(s)


# ---------------------------------------------------------------- kinds


def _kind(unit: str, subject: str, lead: str) -> str:
    """lead: the words right before the number (after the subject)."""
    if unit != "%":
        return "level"
    if _re(r"增长(?:预期)?目标(?:为|定为|定在)$").search(subject + lead):
        return "growth"  # "经济增长预期目标为7%左右"
    if _re(r"目标的?$|计划的?$|任务的?$").search(lead) or _re(r"(?:超出|超过).{0,6}目标").search(lead):
        return "rate"
    if "涨幅" in subject or "涨幅" in lead or "增幅" in lead or "增速" in lead:
        return "growth"
    if _re(r"(?:增加|提高|提升|下降|降低|减少|上升|回落|降|升)(?:到|至)$").search(lead):
        return "rate"  # "比重从10.1%下降到2.6%": a level, not a change
    if _TO_WORD.search(lead) and not _GROWTH_WORD.search(lead[:-1]) and not _REDUCTION_WORD.search(lead[:-1]):
        return "rate"
    stripped = _re(r"(?:分别|都要|要|将|再|均|了|预期|力争|同比|实际|名义)+$").sub("", lead)
    if _GROWTH_WORD.search(stripped) or _re(r"增长|上涨|上升|增加").search(lead[-6:]):
        return "growth"
    if _REDUCTION_WORD.search(stripped) or _re(r"下降|降低|减少|削减").search(lead[-6:]):
        return "reduction"
    if _re(r"(?:增长|上涨|上升|增加)(?:了)?$").search(subject):
        return "growth"
    if _re(r"(?:下降|降低|减少|削减)(?:了)?$").search(subject):
        return "reduction"
    return "rate"


_CEILING = re.compile(r"价格|物价|涨幅|失业率|失业人数|赤字|通胀|人口自然增长率|排放量$|浓度$|降尘量$")


def _direction(name: str, kind: str, found: Indicator | None) -> str | None:
    """found: the catalogue's indicator for `name`, if any."""
    if kind == "qualitative":
        return None
    if kind == "reduction":
        return "floor"
    if found is not None and found.direction is not None:
        return found.direction
    if _CEILING.search(name) and kind in ("growth", "rate", "level"):
        return "ceiling"
    return "floor"


# ---------------------------------------------------------------- relevance (outcomes)

# indicators that carry (or typically carry) a target in these reports
_RELEVANT = re.compile(
    r"国内生产总值|生产总值|GDP|财政收入|财政总收入|预算收入|预算总收入|税收总收入|区级税收|"
    r"居民消费价格|物价|消费价格|新增就业|就业岗位|再就业|就业创业|创业|就业|失业|"
    r"进出口|出口|进口|对外贸易|外贸|贸易顺差|外商直接投资|合同外资|实到外资|引进外资|外资|引进内资|"
    r"固定资产投资|工业增加值|消费品零售|零售品销售|零售额|商品销售|粮食|可支配收入|纯收入|"
    r"贫困人口|能耗|能源消耗|排放量|化学需氧量|二氧化硫|PM|细颗粒物|浓度|降尘|生活垃圾|"
    r"旧改|旧区改造|征收|修缮|(?:房屋|住房|成套|旧里|旧区)[^，；。]{0,4}改造|节能改造|(?:小区|住宅)综合整治|"
    r"精品小区|城市更新|收尾|受益居民|"
    r"绿地|绿化|绿道|违法建筑|无证建筑|养老床位|照护床位|实事项目|家门口工程|光伏|并网|"
    r"赤字|国际收支|经常项目|经济指标|目标任务|预期目标"
)
# breakdowns, registered capital, deals, buildings, per-capita and rates that carry no target
_BREAKDOWN = re.compile(
    r"产业|行业|服务业|金融业|制造业|重点企业|企业|楼宇|亿元楼|注册资[金本]|总投资|签约项目|"
    r"涉及|集聚带|带$|园区|暑期|首届|意向|成交|占全|占比|的纳税|二次供水|屋面|电梯|租赁住房|保租房|"
    r"贷款|存款|国债|补贴|补助|资金|支出|投入|储备|人口的|人均国内生产总值|人均生产总值|就业率|涉外经济|"
    r"保险|承保|^占|外资项目|投资项目|(?<!工)业(?:营收|营业收入|零售额|税收|收入)"
)


@lru_cache(maxsize=4096)
def _headline_name(name: str) -> bool | None:
    """True for an indicator that carries targets, False for a breakdown, None for neither. Cached: both
    vocabularies are long alternations, and the same names recur in every report."""
    if _BREAKDOWN.search(name):
        return False
    return True if _RELEVANT.search(name) else None


_MULTI_YEAR = re.compile(
    r"年均|累计|五年来|五年|十年|两年|三年|平均每年|以来|历年|“十[一二三四五六七八九]五”|近\d+年"
)
_FROM_TO = re.compile(r"(?:从|由)(?:[^，；。]{0,14}?)$")


# ---------------------------------------------------------------- attainment statements

_ATTAIN = re.compile(
    # the first characters of the alternatives below: without them search tries every alternative at
    # every position of a sentence, and this search over the review was a sixth of outcome extraction
    r"(?=[均都全圆超提基完实始控保状涨零总没未不进])"
    r"(?P<pred>"
    r"(?:均|都|全面|圆满|超额|提前|基本)*(?:完成|实现)了?(?:[^，；。]{0,24}?)(?:下达|确定|既定|考核)?的?"
    r"(?:目标任务|各项目标任务|年度目标|预期目标|主要目标|考核目标|下达目标|下达指标|下达任务|考核任务)"
    r"|(?:始终)?控制在[^，；。\d]{0,12}?(?:指标|目标|预算范围)(?:以内|之内|内)"
    r"|(?:超过|超出)(?:了)?(?:预期|年度)目标"
    r"|(?:保持)?基本平衡|状况良好|状况(?:得到|有所|继续|进一步)?改善|涨幅得到控制"
    r"|实现零增长|零增长|全部完成|总体符合预期|(?:没有|未能?)(?:完成|实现)|不平衡矛盾加剧|进一步下降"
    r")"
)
_NOT_ATTAINED = re.compile(r"(?:没有|未能?)(?:完成|实现)")
_QUAL_TARGET = re.compile(
    r"(?P<pred>"
    r"(?:均|都|全面)*完成(?:[^，；。]{0,20}?)下达的?(?:[^，；。]{0,10}?)(?:目标|指标|任务)"
    r"|控制在[^，；。\d]{0,12}?(?:指标|目标)(?:以内|之内|内)"
    r"|(?:保持)?基本平衡|基本稳定|稳定增长|同步(?:增长)?$|(?:状况|不平衡状况)(?:得到|有所|继续|进一步)?改善"
    r")"
)


# ---------------------------------------------------------------- helpers


def _section(report: ParsedReport, kind: str) -> list[tuple[int, int]]:
    return [(s.char_start, s.char_end) for s in report.sections if s.kind == kind]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n　、—":
        start += 1
    while end > start and text[end - 1] in " \n　、":
        end -= 1
    return start, end


@lru_cache(maxsize=4096)
def _split_names(subject: str) -> tuple[str, ...]:
    """'A、B和C' → (A, B, C) (names of a paired clause). Cached: a clause's subject is split up to three
    times, and the same subjects recur across clauses."""
    parts = tuple(p for p in _re(r"、|和|与|及|以及").split(subject) if p)
    return parts if len(parts) > 1 and all(len(p) >= 2 for p in parts) else (subject,)


# ---------------------------------------------------------------- clause analysis


@dataclass
class _Fact:
    indicator: str
    kind: str
    comparator: str | None
    value: float | None
    value_high: float | None
    unit: str | None
    start: int
    end: int
    subject_from: str  # 'pre' | 'carried' | 'post' | 'none'


_VERB_BEFORE_NUMBER = re.compile(
    # where the verbs can start, or the end (they are all optional): search tries every position of the
    # text before a number, and without this tried every word below at each
    r"(?=[预完实达为突超合共总计比较同环名分增上提下降减削回控保稳定目要都在了到]|$)"
    r"(?:预计全年|预计)?(?:完成了?|实现了?|达到了?|达|为|突破|超过|合计|共计|总计|共|(?<![合共总统估预])计)?"
    r"(?:比上年|比去年|较上年|较去年|同比|同口径|环比|实际|名义)?"
    r"(?:分别)?(?:比上年|比去年|较上年|同比)?(?:实际|名义)?"
    r"(?:增长了?|增加了?|上涨了?|上升了?|提高了?|下降了?|降低了?|减少了?|削减|减为|回落到|降到|降至|"
    r"增加到|提高到|下降到|减少到|上升到|控制在|保持在|稳定在|定为|定在|目标为|预期增长|要降低|要减少|"
    r"都要减少|都要降低|要增长|在)?(?:了)?(?:到|在)?$"
)
# `_VERB_BEFORE_NUMBER` matches at most 23 characters, and `$` also matches before a final line break: the
# verbs are looked for in the last 24 characters of the text before a number, not at each of its positions
_VERB_RUN_LONGEST = 24
# "2018年", "去年底的" right before a number: a date, not part of the subject (each has 年)
_YEAR_BEFORE_NUMBER = re.compile(r"(?:\d{4}年|去年|上年|当年|今年)(?:底|末)?(?:的)?$")
_ATTAIN_RATIO = re.compile(
    r"(?:完成|达到|超出|超过)(?:了)?(?:原定)?(?:年度|全年|年初)?(?:确定的)?(?:目标|计划|任务)的?$"
)


def _names_for(subject: str, count: int) -> list[str]:
    """'A、B排放量' for two quantities → ['A排放量', 'B排放量']; otherwise the subject for each."""
    parts = list(_split_names(subject))
    if count == 2 and len(parts) == 1 and subject.startswith("城乡"):
        return ["城镇" + subject[2:], "农村" + subject[2:]]  # "城乡居民人均可支配收入分别…": urban, rural
    if len(parts) != count or count < 2:
        return [subject] * count
    head = _re(r"(排放量|排放总量|总额|收入|投资|价格|浓度|人数|纯收入|可支配收入|外资)$").search(parts[-1])
    if head:
        parts = [p if p.endswith(head.group()) or len(p) > 6 else p + head.group() for p in parts]
    return parts


def _quantity_facts(
    text: str,
    cs: int,
    ce: int,
    quantities: list[numbers.Quantity],
    carried: str,
    history: list[str] | None = None,
) -> tuple[list[_Fact], str]:
    """The quantities of one clause with their indicator and kind; returns the subject to carry on."""
    if not quantities:
        return [], carried  # most clauses
    facts: list[_Fact] = []
    pos = cs
    subject = carried
    for i, q in enumerate(quantities):
        pre_text = text[pos : q.start]
        if "年" in pre_text:
            pre_text = _YEAR_BEFORE_NUMBER.sub("", pre_text)
        m = _VERB_BEFORE_NUMBER.search(pre_text, max(0, len(pre_text) - _VERB_RUN_LONGEST))
        lead = pre_text[m.start() :] if m else ""
        raw_subject = pre_text[: m.start()] if m else pre_text
        name = _strip(raw_subject)
        source = "pre"
        after_list = raw_subject.rstrip().endswith("等")
        after_post = i > 0 and facts and facts[-1].subject_from == "post"
        # the noun after the quantity, read only when one of the rules below can take it
        post = _post_noun(text, q.end, ce) if after_list or after_post or not _has_noun(name) else ""
        if after_list and _has_noun(post):
            # "A、B等7个基地实现收尾": the quantity leads its noun
            name, source = post, "post"
        elif after_post and _has_noun(post):
            name, source = post, "post"
        elif i > 0 and not _has_noun(name) and facts:
            # "分别增长2%和17.2%", "6500户、21万平方米": the same subject
            name, source = facts[-1].indicator, facts[-1].subject_from
        elif not _has_noun(name):
            if _has_noun(post):
                name, source = post, "post"
            elif _has_noun(carried):
                name, source = carried, "carried"
            else:
                source = "none"
        kind = _kind(q.unit, raw_subject, lead)
        if i > 0 and facts and not lead.strip("和、及与") and q.unit == facts[-1].unit == "%":
            kind = facts[-1].kind  # "分别增长9.6%和6.2%"
        if q.unit == "%" and _ATTAIN_RATIO.search(pre_text):
            kind = "rate"  # "完成年度目标的128.4%": a ratio to the target
            if _has_noun(carried) and not _has_noun(_strip(_ATTAIN_RATIO.sub("", pre_text))):
                name, source = (facts[-1].indicator, "pre") if facts else (carried, "carried")
        if q.unit != "%" and _re(r"(?:增加|减少|增产|减产)了?$").search(lead):
            if source == "pre":
                name = name + ("减少" if "减少" in lead else "增加")  # an increment: "农村贫困人口减少290万"
                kind = "change"
            else:
                kind = "delta"  # "达到2.17万亿元，比上年增加2787亿元": the change of a stock just stated
        comparator = q.comparator
        if comparator == "plain" and "控制在" in lead + pre_text[-4:]:
            comparator = "at_most"  # "城镇登记失业率控制在4.6%": a ceiling
        facts.append(_Fact(name, kind, comparator, q.value, q.value_high, q.unit, q.start, q.end, source))
        pos = q.end
    # a list of names with as many quantities ("合同外资和实到外资分别增长2%和17.2%") is distributed
    groups: dict[str, list[_Fact]] = {}
    for f in facts:
        groups.setdefault(f.indicator, []).append(f)
    for name, group in groups.items():
        if len(group) == 1:
            if len(_split_names(name)) == 1 or not _re(r"(?:各|都|均)").search(
                text[group[0].start - 6 : group[0].start]
            ):
                continue  # one name, one figure (most clauses)
            # "公共绿地、专用绿地、立体绿化各2万多平方米": one figure for each name
            f0 = group[0]
            names = _names_for(name, len(_split_names(name)))
            extra = [
                _Fact(
                    n,
                    f0.kind,
                    f0.comparator,
                    f0.value,
                    f0.value_high,
                    f0.unit,
                    f0.start,
                    f0.end,
                    f0.subject_from,
                )
                for n in names[1:]
            ]
            f0.indicator = names[0]
            facts[facts.index(f0) + 1 : facts.index(f0) + 1] = extra
            continue
        names = _names_for(name, len(group))
        if group[0].subject_from == "carried" and len(_split_names(name)) != len(group):
            hist = [h for h in (history or []) if h]
            if len(hist) >= len(group):
                names = hist[-len(group) :]
        for f, n in zip(group, names, strict=True):
            f.indicator = n
    facts = [f for f in facts if f.kind != "delta"]
    for f in facts:
        if f.kind == "change":
            f.kind = "level"
    pre_names = list(dict.fromkeys(f.indicator for f in facts if f.subject_from == "pre"))
    if len(pre_names) == 1:
        subject = pre_names[0]
    elif len(pre_names) > 1:
        subject = "、".join(pre_names)  # the next clause's "分别增长a和b" refers to both
    return facts, subject


def _post_noun(text: str, start: int, end: int) -> str:
    tail = text[start:end]
    tail = _re(r"^的").sub("", tail)
    m = _re(r"[^，；。、\d]{2,14}").match(tail)
    if not m:
        return ""
    s = _re(r"通过|获得|荣获|入选|被评为").split(m.group())[0]
    s = _re(r"(?:实现|成功|顺利|已经?|全部)").sub("", s)
    return _strip(s)


# ---------------------------------------------------------------- targets


_LEAD_IN = re.compile(r"(?:主要预期目标|预期目标|主要目标)(?:是|为)[：，:]")
_EXPLAIN = re.compile(r"^(?:这里|总的考虑|主要考虑|综合权衡|关于|提出|这是|这也|这与|实现这|同时，要在)")
_HEADLINE_HINT = re.compile(
    r"国内生产总值|经济增长|增长预期目标|居民消费价格|物价|就业|失业|进出口|能耗|能源消耗强度|排放|国际收支|居民收入"
)
_THIS_YEAR_GOAL = re.compile(r"今年|本年|全年|年内")
_GOAL_CUE = re.compile(r"预期目标|预期增长|目标(?:为|定为|定在)|控制在|要(?:降低|减少|增长)|都要|力争")
_PLAN_SKIP = re.compile(
    r"年均|累计|“十[一二三四五六七八九]五”|十[一二三四五六七八九]五|到20\d\d年|20\d\d年(?:前|底前|以前)|"
    r"今后五年|五年|三年|两年|今明两年|每年|以来|比上年增加|比去年增加|比上年减少|已经|过去"
)


def extract_targets(report: ParsedReport) -> list[TargetRow]:
    text = report.text
    rows: list[TargetRow] = []
    seen: set[tuple] = set()
    targets = _section(report, "targets")
    headline_spans: list[tuple[int, int]] = []
    target_methods = [s.method for s in report.sections if s.kind == "targets"]
    for (ts, te), method in zip(targets, target_methods, strict=False):
        lead = _LEAD_IN.search(text, ts, te)
        if lead:
            body = lead.end()
            while body < te and text[body] in "\n ":
                body += 1
            para_end = _list_end(text, body, te)
            headline_spans.append((body, para_end))
            for row in _headline_block(text, body, para_end):
                key = (row.indicator_id or row.indicator, row.kind, row.value, row.unit)
                if key not in seen:
                    seen.add(key)
                    rows.append(row)
            scattered = [(ts, lead.start()), (para_end, te)]
        else:
            scattered = [(ts, te)]
        if method == "fallback":
            continue
        for ss, se in scattered:
            for row in _scattered_headlines(text, ss, se):
                key = (row.indicator_id or row.indicator, row.kind, row.value, row.unit)
                if key in seen or any(
                    row.kind == r.kind and row.value == r.value and compatible(row.indicator, r.indicator)
                    for r in rows
                ):
                    continue
                seen.add(key)
                headline_spans.append((row.char_start, row.char_end))
                rows.append(row)
    rows.extend(_commitments(report, headline_spans, seen))
    return rows


_LIST_ITEM = re.compile(r"^(?:——|—|[-•·]|\d+[.、]|（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+是)")


def _list_end(text: str, body: int, stop: int) -> int:
    """The end of the headline list: its paragraph, continued while a paragraph ends with ；，： or the next
    one is a list item ("——地区生产总值增长6%左右；")."""
    end = text.find("\n\n", body)
    end = stop if end < 0 or end > stop else end
    while end < stop:
        nxt = end + 2
        nxt_end = text.find("\n\n", nxt)
        nxt_end = stop if nxt_end < 0 or nxt_end > stop else nxt_end
        if text[end - 1 : end] in ("；", "，", "：") or _LIST_ITEM.match(text[nxt:nxt_end]):
            end = nxt_end
        else:
            break
    return end


def _target_row(
    tier: str, f: _Fact, text: str, ps: int, pe: int, siblings: list[_Fact] | None = None
) -> TargetRow:
    if siblings is not None and f.kind != "qualitative":
        ps, pe = _fact_span(text, f, [g for g in siblings if g is not f], ps, pe)
    ps, pe = _trim(text, ps, pe)
    found = load_catalogue().lookup(f.indicator) if f.indicator else None  # one lookup for id and direction
    return TargetRow(
        tier=tier,
        indicator=f.indicator,
        indicator_id=found.id if found is not None else None,
        kind=f.kind,
        comparator=f.comparator if f.kind != "qualitative" else None,
        value=f.value,
        value_high=f.value_high,
        unit=f.unit,
        direction=_direction(f.indicator, f.kind, found),
        phrase=text[ps:pe],
        char_start=ps,
        char_end=pe,
    )


def _headline_block(text: str, start: int, end: int) -> Iterator[TargetRow]:
    for ss, se in _sentences(text, start, end):
        if _EXPLAIN.match(text[ss:se].lstrip()):
            if text[ss:se].lstrip().startswith("同时，要在"):
                # "同时，要在…取得新进展，城乡居民收入…同步": only its attainment-type clauses count
                for cs, ce in _clauses(text, ss, se):
                    yield from _qualitative_targets(text, cs, ce)
            continue
        carried = ""
        for cs, ce, quantities in _quantified_clauses(text, ss, se):
            facts, carried = _quantity_facts(text, cs, ce, quantities, carried)
            facts = [f for f in facts if _has_noun(f.indicator)]
            if facts:
                for f in facts:
                    yield _target_row("headline", f, text, cs, ce, facts)
            else:
                yield from _qualitative_targets(text, cs, ce)


def _qualitative_targets(text: str, cs: int, ce: int) -> Iterator[TargetRow]:
    clause = text[cs:ce]
    m = _QUAL_TARGET.search(clause)
    if not m:
        return
    pred = m.group("pred")
    subject = clause[: m.start()]
    if pred.startswith("同步"):
        subject = _re(r"(?:实际)?(?:增长|提高).*$").sub("", subject)
        names = [_strip(subject)]
    elif "完成" in pred and not _has_noun(_strip(subject)):
        # verb first: "全面完成“某某工程”等区政府实事项目和市政府下达的节能减排等目标"
        obj = _re(r"^(?:均|都|全面)*完成").sub("", pred)
        names = []
        for part in _split_names(obj):
            part = (
                _re(r"^.*等").sub("", part) if not part.endswith("等目标") else _re(r"等目标$").sub("", part)
            )
            part = _re(r"^.*等").sub("", part)
            part = _re(r"^(?:[区市县省]政府|上级)?(?:下达的?)?").sub("", part)
            part = _re(r"(?:目标|指标)$").sub("", part)
            names.append(_strip(part))
    else:
        subject = _re(r"(?:不平衡)?状况(?:得到|有所|继续|进一步)?$").sub("", subject)
        subject = _re(r"(?:保持|均|都|总体)$").sub("", subject)
        names = [_strip(p) for p in _split_names(_strip(subject))]
    for name in names:
        if not _has_noun(name):
            continue
        f = _Fact(name, "qualitative", None, None, None, None, cs, ce, "pre")
        yield _target_row("headline", f, text, cs, ce)


def _scattered_headlines(text: str, start: int, end: int) -> Iterator[TargetRow]:
    """Older reports: "今年经济增长预期目标为7%左右" anywhere in the targets span."""
    for ss, se in _sentences(text, start, end):
        sentence = text[ss:se]
        if not _THIS_YEAR_GOAL.search(sentence) or _PLAN_SKIP.search(sentence.split("，")[0]):
            continue
        explicit = (
            "预期目标是" in sentence
            or "预期目标为" in sentence
            and "，" in sentence[sentence.find("预期目标为") :]
        )
        carried = ""
        for cs, ce, quantities in _quantified_clauses(text, ss, se):
            clause = text[cs:ce]
            facts, carried = _quantity_facts(text, cs, ce, quantities, carried)
            for f in facts:
                if not _has_noun(f.indicator) or _PLAN_SKIP.search(clause):
                    continue
                cued = _GOAL_CUE.search(sentence) and _HEADLINE_HINT.search(f.indicator + clause)
                if not cued and "预期目标是" not in sentence:
                    continue
                if f.kind == "level" and not explicit and not _HEADLINE_HINT.search(f.indicator):
                    continue
                yield _target_row("headline", f, text, cs, ce, facts)


_PLAN_SENTENCE_SKIP = re.compile(
    r"“十[一二三四五六七八九]五”|十[一二三四五六七八九]五|到20\d\d年|20\d\d年(?:前|底前|以前)|今后[一二三四五]年|"
    r"未来[一二三四五]年|今明两年|年均|过去"
)
# changes against last year, done things, multi-year spans, per-unit standards and prices
_PLAN_CLAUSE_SKIP = re.compile(
    r"比上年|比去年|上年|去年|累计|每年|以来|已|五年|三年|两年|每|人均|价格|收购价"
)


# a sentence that opens a span of several years ("五年来，…", "今后五年，…", "“十二五”时期中央财政将…")
_MULTI_YEAR_OPENER = re.compile(
    r"^(?:——|--)?(?:我们要[^。，]*。)?(?:五年来|这五年|(?:今后|未来)[三五]年|“?十[一二三四五六七八九]五”?(?:时期|期间))"
)
_MULTI_YEAR_MARK = re.compile(r"五年|十[一二三四五六七八九]五")
_CHAPTER = re.compile(r"[一二三四五六七八九十]+、")  # used with .match(text, pos)
_LINE_BREAKS = re.compile(r"\n+")
_ITEM_DASHES = ("——", "—", "--", "-")  # a list item of the paragraph before
# a sentence that turns from last year's results back to the plan
_BACK_TO_PLAN = re.compile(r"今年|要|将|拟|原则|同时|必须|继续")


def _plan_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of a plan span that can state this year's plans with a quantity. Skipped: from a
    sentence that opens a span of several years to the end of its paragraph, and the "——" list items that
    follow it; a "过去一年，…" passage (last year's results restated before the plan) up to the sentence that
    turns back to the plan (今年, 要, 将, 同时 …); every sentence of a paragraph that cannot hold a quantity
    (most paragraphs of a plan): it is read only for whether it opens several years."""
    out: list[tuple[int, int]] = []
    multi_year = chapter_multi_year = False
    for ps, pe in _spans(text, start, end, _LINE_BREAKS):
        if _CHAPTER.match(text, ps) and pe - ps <= 40:
            # "二、“十二五”时期的主要目标和任务": the whole chapter is about the five years
            chapter_multi_year = bool(_MULTI_YEAR_MARK.search(text, ps, pe))
        if chapter_multi_year or (multi_year and text.startswith(_ITEM_DASHES, ps)):
            continue
        if not numbers.may_hold_quantity(text, ps, pe):
            # no commitment in it: it counts only when "——" items follow, if it opens several years
            breaks = _LINE_BREAKS.match(text, pe, end)
            multi_year = (
                breaks is not None
                and text.startswith(_ITEM_DASHES, breaks.end())
                and any(_MULTI_YEAR_OPENER.match(text[ss:se].lstrip()) for ss, se in _sentences(text, ps, pe))
            )
            continue
        multi_year = looking_back = False
        for ss, se in _sentences(text, ps, pe):
            sentence = text[ss:se].lstrip()
            multi_year = multi_year or bool(_MULTI_YEAR_OPENER.match(sentence))
            if _LAST_YEAR_LEAD.match(sentence):
                looking_back = True
            elif looking_back and _BACK_TO_PLAN.search(sentence):
                looking_back = False
            if not (looking_back or multi_year):
                out.append((ss, se))
    return out


_CUTS = ("减少", "削减", "压减")
_CUT_FIRST = re.compile(r"^(减少|削减|压减)(.{2,})$")


def _commitments(report: ParsedReport, skip: list[tuple[int, int]], seen: set[tuple]) -> list[TargetRow]:
    """Quantified plans of the year outside the headline targets ("拟安排财政赤字…", "新增养老床位300张")."""
    text = report.text
    rows: list[TargetRow] = []
    for ps, pe in _section(report, "plan"):
        for ss, se in _plan_sentences(text, ps, pe):
            if not _has_quantity(text, ss, se) or _PLAN_SENTENCE_SKIP.search(text, ss, se):
                continue  # a commitment is a quantity
            carried = ""
            for cs, ce, quantities in _quantified_clauses(text, ss, se):
                carried_before = carried
                facts, carried = _quantity_facts(text, cs, ce, quantities, carried)
                if _PLAN_CLAUSE_SKIP.search(text, cs, ce):
                    continue
                for f in facts:
                    if not _has_noun(f.indicator) or any(a <= f.start < b for a, b in skip):
                        continue
                    if _from_to_past(text, f, cs, ce):
                        continue
                    if (
                        text[f.start - 1 : f.start] == "“"
                        or text[f.end : f.end + 1] in ("”", "的")
                        or "标准" in f.indicator
                    ):
                        continue  # a name in quotes ("“50条”"), a share ("60%的县") or a standard
                    if f.indicator.startswith(_CUTS):  # "再减少农村贫困人口…" → 农村贫困人口减少
                        f.indicator = _CUT_FIRST.sub(r"\2\1", f.indicator)
                    if f.indicator.startswith("占") and _has_noun(carried_before):
                        f.indicator = carried_before + f.indicator  # "财政赤字…，占国内生产总值比重在3%以内"
                    row = _target_row("commitment", f, text, cs, ce, facts)
                    key = (row.indicator_id or row.indicator, row.kind, row.value, row.unit)
                    if key in seen:
                        continue
                    seen.add(key)
                    rows.append(row)
    return rows


# ---------------------------------------------------------------- outcomes


_SCOPE = re.compile(
    r"^(?:近[两三四五]年|这五年|五年来|过去五年|五年|十年来|“十[一二三四五六七八九]五”(?:前[一二三四]年|期间|时期)?)(?:累计|来)?"
)
_MULTI_YEAR_REVIEW = re.compile(r"五年|“十[一二三四五六七八九]五”|十[一二三四五六七八九]五")
_LAST_YEAR_LEAD = re.compile(r"^(?:过去一年|去年一年|去年)")


def extract_outcomes(report: ParsedReport) -> list[OutcomeRow]:
    text = report.text
    year = report.meta.review_year
    rows: list[OutcomeRow] = []
    multi_year = False
    catalogue = load_catalogue()  # once: finding it reads the environment
    for sec in report.sections:
        if sec.kind != "review":
            continue
        multi_year = multi_year or bool(_MULTI_YEAR_REVIEW.search(sec.heading))
        for ps, pe in _paragraphs(text, sec.char_start, sec.char_end):
            if _SCOPE.match(text[ps:pe]):
                continue  # "这五年，…": the whole paragraph is about five years
            if not (numbers.may_hold_quantity(text, ps, pe) or _ATTAIN.search(text, ps, pe)):
                continue  # no result in it: not read sentence by sentence (most paragraphs of a review)
            for ss, se in _sentences(text, ps, pe):
                if _may_state_result(text, ss, se):
                    rows.extend(_sentence_outcomes(text, ss, se, year, catalogue))
    if multi_year:
        # a five-year review states last year's figures in the plan: "过去一年，…国内生产总值增长10.3%"
        for ps, pe in _section(report, "plan"):
            for qs, qe in _paragraphs(text, ps, pe):
                started = False
                for ss, se in _sentences(text, qs, qe):
                    sentence = text[ss:se]
                    if started and _re(r"今年|要|把|将").search(sentence):
                        break
                    started = started or bool(_LAST_YEAR_LEAD.match(sentence))
                    if started and _may_state_result(text, ss, se):
                        rows.extend(_sentence_outcomes(text, ss, se, year, catalogue))
    # the same result stated twice is one fact
    seen: set[tuple] = set()
    unique: list[OutcomeRow] = []
    for r in rows:
        key = (
            r.indicator_id or r.indicator,
            r.kind,
            r.value,
            r.unit,
            r.phrase if r.kind == "qualitative" else "",
        )
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


def _may_state_result(text: str, start: int, end: int) -> bool:
    """A sentence states a result only with a quantity or an attainment phrase (`_ATTAIN` covers the
    "没有完成" of `_NOT_ATTAINED` too); every other sentence is passed over without reading its clauses."""
    return _has_quantity(text, start, end) or _ATTAIN.search(text, start, end) is not None


_PARAGRAPH_BREAK = re.compile(r"\n\n")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return _spans(text, start, end, _PARAGRAPH_BREAK)


_SUBJECT_CUT = re.compile(
    r"近年来|首次|出现|保持|继续|进一步|得到|有所|明显|稳步|持续|不断|大幅|连续|在(?:上年|去年)"
)
_GENERIC_HEAD = re.compile(r"^(?:总产量|产量|总额|总量|总收入|收入)$")


def _sentence_outcomes(
    text: str, ss: int, se: int, review_year: int | None, catalogue: Catalogue
) -> Iterator[OutcomeRow]:
    carried = ""
    previous: list[_Fact] = []
    history: list[str] = []
    scoped = False
    for cs, ce, quantities in _quantified_clauses(text, ss, se):
        clause = text[cs:ce]
        if scoped or _SCOPE.match(clause):
            scoped = True  # "五年累计，…" / "近三年累计，…": the rest of the sentence is multi-year
            continue
        if _NOT_ATTAINED.search(clause) and _re(r"目标|任务").search(clause):
            yield from _not_attained(text, cs, ce, catalogue)
            continue
        if _re(r"决定|作为|标准").search(clause):
            continue  # a decision or a standard, not a result
        facts, carried_next = _quantity_facts(text, cs, ce, quantities, carried, history)
        if facts:
            for f in facts:
                if (
                    _GENERIC_HEAD.match(f.indicator)
                    and _has_noun(carried)
                    and not carried.endswith(f.indicator)
                ):
                    f.indicator = carried + f.indicator  # "粮食…，总产量10570亿斤"
            tiers = [_keep_outcome(text, cs, ce, f, review_year) for f in facts]
            for f, tier in zip(facts, tiers, strict=True):
                if tier:
                    # "预计全年…" covers the rest of its sentence
                    estimated = text.find("预计", ss, f.start) >= 0
                    siblings = [g for g in facts if g is not f]
                    yield _outcome_row(text, f, cs, ce, estimated, siblings, tier, catalogue)
            history.extend(dict.fromkeys(f.indicator for f in facts if f.subject_from == "pre"))
            # "A为…，B为…，均完成考核目标"
            previous = previous + [f for f, tier in zip(facts, tiers, strict=True) if tier == "headline"]
        else:
            attained = _ATTAIN.search(clause)
            if attained:
                yield from _attainment_outcomes(text, cs, ce, attained, carried, previous, catalogue)
            previous = []
            if not (attained or quantities) and len(clause) <= 40:
                cut = _SUBJECT_CUT.search(clause)
                name = _strip(clause[: cut.start()] if cut else clause)
                if _has_noun(name) and len(name) <= 14:
                    carried_next = name
        carried = carried_next


def _keep_outcome(text: str, cs: int, ce: int, f: _Fact, review_year: int | None) -> str | None:
    """'headline' for a result of the year about an indicator that carries targets, 'detail' for any
    other result of the year (it can still settle a commitment), None for what is not the year's result."""
    clause = text[cs:ce]
    before = text[cs : f.start]
    after = text[f.end : ce]
    name = f.indicator
    if not _has_noun(name):
        return None
    if _MULTI_YEAR.search(before) and not _re(r"(?:增加|提高|下降|减少|降|上升)到\d{4}年的$").search(before):
        return None
    # "从A增加到B": A is the past
    if _from_to_past(text, f, cs, ce):
        return None
    # another year named right before the number, not the review year
    years = _re(r"(\d{4})年").findall(before) if "年" in before else []
    if years and review_year and int(years[-1]) != review_year:
        return None
    if _re(r"由上年|比首届|首届").search(before):
        return None
    if _re(r"占[^，；。]{0,12}的?$|占全").search(before) or after.startswith("的"):
        return None
    if _re(r"楼宇|亿元楼|注册资[金本]|总投资|涉及").search(clause):
        return None
    if f.unit == "%" and f.subject_from == "post":
        return None  # "90%以上进入…": a share of something else
    # a change stated verb first ("削减财政赤字450亿元") is not the year's level
    if _re(r"(?:削减|压减|减少|增加|新增加)").match(name):
        return None
    tied = _re(r"^[^，；。]{0,4}(?:年度任务|年度目标)").match(after) or (
        "完成" in before and name.endswith("任务")
    )
    headline = _headline_name(name)
    if headline or (tied and headline is None):
        return "headline"
    return "detail"


def _fact_span(text: str, f: _Fact, siblings: list[_Fact], cs: int, ce: int) -> tuple[int, int]:
    """The phrase of one quantity: from its subject (or the clause start) to the end of the quantity, or to
    the end of the clause when the quantity leads its noun ("83张认知障碍照护床位")."""
    ps, pe = cs, f.end
    earlier = [g.end for g in siblings if g.start < f.start]
    if earlier and f.subject_from == "pre" and f.indicator not in text[cs : max(earlier)]:
        ps = max(earlier)
    if f.subject_from == "post":
        later = [g.start for g in siblings if g.start > f.start]
        pe = min(later) if later else ce
        if earlier:
            gap = text[max(earlier) : f.start]
            cut = max(gap.rfind(c) for c in "和及与、，")
            ps = max(earlier) + cut + 1 if cut >= 0 else max(earlier)
        while pe > f.end and text[pe - 1] in "和及与、，":
            pe -= 1
    ps, pe = _trim(text, ps, pe)
    return _skip_punct(text, ps, pe), pe


def _from_to_past(text: str, f: _Fact, cs: int, ce: int) -> bool:
    """Is this the first number of "从A增加到B" (the past, not the figure)?"""
    return bool(
        _FROM_TO.search(text[cs : f.start])
        and _re(r"^[^，；。]{0,12}?(?:增加|提高|下降|减少|降|上升|扩大|减)(?:到|至|为)").search(
            text[f.end : ce]
        )
    )


def _outcome_row(
    text: str,
    f: _Fact,
    cs: int,
    ce: int,
    estimated: bool,
    siblings: list[_Fact],
    tier: str,
    catalogue: Catalogue,
) -> OutcomeRow:
    ps, pe = _fact_span(text, f, siblings, cs, ce)
    return OutcomeRow(
        indicator=f.indicator,
        indicator_id=_id_in(catalogue, f.indicator),
        kind=f.kind,
        value=f.value,
        unit=f.unit,
        phrase=text[ps:pe],
        char_start=ps,
        char_end=pe,
        estimated=estimated,
        attainment="ratio" if f.unit == "%" and _ATTAIN_RATIO.search(text, cs, f.start) else None,
        tier=tier,
    )


def _skip_punct(text: str, ps: int, pe: int) -> int:
    while ps < pe and text[ps] in "，；：、和及与 ":
        ps += 1
    return ps


def _qual_row(text: str, name: str, ps: int, pe: int, attainment: str, catalogue: Catalogue) -> OutcomeRow:
    ps, pe = _trim(text, ps, pe)
    ps = _skip_punct(text, ps, pe)
    return OutcomeRow(
        name, _id_in(catalogue, name), "qualitative", None, None, text[ps:pe], ps, pe, False, attainment
    )


# a statement about the target itself settles any target of its indicator; a state only a qualitative one
_STATES = re.compile(r"基本平衡|状况良好|状况|改善|涨幅得到控制|零增长|进一步下降")


def _attainment_of(pred: str) -> str:
    if _NOT_ATTAINED.search(pred):
        return "not_met"
    if _re(r"不平衡|加剧").search(pred):
        return "negative"
    return "positive" if _STATES.search(pred) else "met"


def _not_attained(text: str, cs: int, ce: int, catalogue: Catalogue) -> Iterator[OutcomeRow]:
    """ "没有实现年初确定的A降低4%左右、B减少2%的目标", "A、B目标没有完成": one row per indicator named."""
    clause = text[cs:ce]
    if _MULTI_YEAR.search(clause) or _re(r"规划").search(clause):
        return  # a five-year plan's goal, not the year's
    m = _NOT_ATTAINED.search(clause)
    subject = _strip(_re(r"(?:的)?(?:调控)?目标$").sub("", clause[: m.start()]))
    if _has_noun(subject):
        names = [_re(r"调控$").sub("", _strip(p)) for p in _split_names(subject)]
        names = ["居民消费价格" if n.startswith("物价") else n for n in names]
    else:
        obj = _re(r"^[^，；。]*?确定的").sub("", clause[m.end() :])
        obj = _re(r"的?目标$").sub("", obj)
        names = []
        for part in _split_names(obj):
            qs = find_quantities(part)
            part = part[: qs[0].start] if qs else part
            part = _re(r"(?:降低|下降|减少|增长|提高|控制在)$").sub("", part)
            names.append(_strip(part))
    for name in names:
        if _has_noun(name):
            yield _qual_row(text, name, cs, ce, "not_met", catalogue)


def _attainment_outcomes(
    text: str,
    cs: int,
    ce: int,
    m: re.Match[str],
    carried: str,
    previous: list[_Fact],
    catalogue: Catalogue,
) -> Iterator[OutcomeRow]:
    """m: `_ATTAIN` found in the clause text[cs:ce]."""
    clause = text[cs:ce]
    if _re(r"五年|年均|累计|以来|“十[一二三四五六七八九]五”").search(clause):
        return
    pred = m.group("pred")
    subject = _strip(_re(r"(?:始终|均|都|总体|保持|也|顺利)+$").sub("", clause[: m.start()]))
    general = False
    if _re(r"(?:超过|超出)").match(pred) and not _has_noun(subject) and _has_noun(carried):
        names = [carried]  # "城镇新增就业980万人，超过预期目标"
    elif _re(r"目标任务|预期目标|主要目标").search(pred) and not _has_noun(subject):
        general = True
        names = ["主要预期目标" if _re(r"预期目标|主要目标").search(pred) else "目标任务"]
        if "提前" in pred and _has_noun(carried):
            names, general = [carried], False  # "提前超额完成年初确定的目标任务": the topic's own target
    elif pred.startswith("均") and not _has_noun(subject) and previous:
        names = [f.indicator for f in previous]
    elif _has_noun(subject):
        names = [_strip(p) for p in _split_names(subject)]
    elif carried and not pred.startswith("全部完成"):
        names = [carried]
    else:
        return
    ps = cs + (m.start() if not _has_noun(subject) else 0)
    for name in names:
        if not _has_noun(name) or (not general and not _headline_name(name)):
            continue
        yield _qual_row(text, name, ps, cs + m.end(), _attainment_of(pred), catalogue)
