"""readers.read_document: bytes → Document, table-driven.

Every case in CASES is one file: its name, how its bytes are made, and what must come out (the text, or
parts that must / must not be in it, the encoding and the format), or the IngestError code it must raise.
The report text is self-written; the corpus tests read the real reports through the `corpus_dir` fixture.

Its length (about 600 lines) is the table CASES, one file format or encoding a case.
"""

from __future__ import annotations

import html
import io
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pledgetrack.ingest.readers import decode_text, read_document
from pledgetrack.model import Document, IngestError
from tests.conftest import FIXTURES

PARAGRAPHS = (
    "2019年青溪区政府工作报告",
    "各位代表：",
    "现在，我代表区人民政府，向大会报告政府工作，请予审议，并请区政协委员和其他列席人员提出意见。",
    "过去一年，全区地区生产总值增长6.8%，一般公共预算收入增长7.2%，城镇登记失业率控制在3.5%以内。",
    "2019年全区经济社会发展的主要预期目标是：地区生产总值增长6.5%左右；新增城镇就业5000人以上。",
    "各位代表，新的征程已经开启，让我们奋力拼搏、开拓进取，为全面完成全年目标任务而努力奋斗！",
)
REPORT = "\n\n".join(PARAGRAPHS)  # ends with a CJK-range char ('！'), so cutting a byte splits a character
TRADITIONAL = (
    "各位代表：現在，我代表區人民政府，向大會報告政府工作，請予審議。過去一年，全區經濟社會發展穩中有進。\n"
)


def squash(text: str) -> str:
    """Whitespace removed: HTML and PDF layout may break lines anywhere, the characters must all be there."""
    return re.sub(r"\s+", "", text)


def cut_in(data: bytes, at: int, junk: bytes) -> bytes:
    return data[:at] + junk + data[at:]


# ---------------------------------------------------------------------------------------------- pages


GOV_CHROME = (
    "网站首页",
    "走进青溪",
    "办事服务",
    "站内搜索",
    "当前位置",
    "相关链接",
    "2017年青溪区政府工作报告",
    "分享到",
    "联系我们",
    "网站地图",
    "版权所有",
    "ICP备",
    "访问统计",
    "青溪区人民政府",
    "color",
)


def gov_page(title: str, paragraphs: list[str] | tuple[str, ...], charset: str = "utf-8") -> str:
    """A government-site page: <title> with the site name, header, nav bar, sidebar, scripts, footer."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{html.escape(title)}_青溪区人民政府</title>
<style>body {{ color: #333 }}</style><script>var 访问统计 = "青溪区人民政府";</script></head>
<body>
<div id="header"><h1 class="logo">青溪区人民政府</h1><form><input value="站内搜索"></form></div>
<ul class="menu"><li><a href="/">网站首页</a></li><li><a href="/zjqx/">走进青溪</a></li>
<li><a href="/bsfw/">办事服务</a></li></ul>
<div class="position">当前位置：<a href="/">网站首页</a> &gt; 政府工作报告</div>
<div class="side"><h3>相关链接</h3><ul><li><a href="/2017.html">2017年青溪区政府工作报告</a></li></ul></div>
<div class="article">
{body}
<div class="share">分享到：<a href="#">微信</a></div>
</div>
<div id="footer"><a href="/lxwm/">联系我们</a> | <a href="/map/">网站地图</a>
<p>版权所有：青溪区人民政府　ICP备00000000号</p></div>
<script>document.write("访问统计");</script>
</body></html>"""


def nested_page(depth: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return "<html><body>" + "<div><span>" * depth + body + "</span></div>" * depth + "</body></html>"


def aspnet_page() -> str:
    """An old CMS page: everything inside <form>, the report in <div id="zoom"> split by <br>."""
    return (
        "<html><head><title>2019年青溪区政府工作报告 - 青溪区人民政府门户网站</title></head><body>"
        '<form id="form1"><div class="top">青溪区人民政府 网站首页 走进青溪</div>'
        '<div class="left"><a href="/1">相关链接一：2017年青溪区政府工作报告</a><br>'
        '<a href="/2">网站地图</a></div>'
        '<div id="zoom">' + "<br><br>\n".join(html.escape(p) for p in PARAGRAPHS[1:]) + "</div>"
        '<div class="bottom">版权所有 青溪区人民政府</div></form></body></html>'
    )


def article_page() -> str:
    """A national-portal layout: h1, date/source bar, content div, editor line, prev/next, related list."""
    body = "".join(f'<p style="text-indent:2em">{html.escape(p)}</p>' for p in PARAGRAPHS[1:])
    return f"""<html><head><title>政府工作报告_2019年青溪区政府工作报告_青溪区政府网</title></head><body>
<div class="header"><div class="logo"><a href="/"><img alt="青溪区政府网"></a></div></div>
<div class="nav"><a>首页</a><a>要闻</a><a>政策</a></div>
<div class="container"><div class="BreadcrumbNav">首页 &gt; 政府工作报告</div>
<div class="article oneColumn pub_border"><h1>2019年青溪区政府工作报告</h1>
<div class="pages-date">2019-01-18 16:21 来源：区政府办公室
<span class="font">【字体：<a>大</a> <a>中</a> <a>小</a>】</span></div>
<div class="pages_content" id="UCAP-CONTENT">{body}
<p><a href="/a.pdf">附件：2019年青溪区政府工作报告全文下载</a></p></div>
<div class="editor">【我要纠错】 责任编辑：某某某</div>
<div class="pages_turn"><p>上一篇：<a>关于某某问题的一篇很长的新闻标题</a></p>
<p>下一篇：<a>另一篇新闻标题</a></p></div>
<div class="related"><h3>相关稿件</h3><ul><li><a>相关报道标题一二三四五六</a></li></ul></div>
</div></div><div class="footer">青溪区政府网 版权所有</div></body></html>"""


def entity_page() -> str:
    return (
        "<html><body><article><h1>2019年青溪区政府工作报告</h1>"
        "<p>&ldquo;十三五&rdquo;规划目标&amp;任务&#x5B8C;&#25104;良好&nbsp;。</p>"
        '<p style="display:none">隐藏的文字</p><p hidden>也隐藏</p>'
        "<pre>表一  指标\n  增长6.5%</pre></article></body></html>"
    )


# ----------------------------------------------------------------------------------------------- PDFs


def pdf(pages: list[list[str]], header: str = "", numbers: bool = False, encrypt: str | None = None) -> bytes:
    """A PDF drawn with reportlab's built-in CID font STSong-Light (no font file needed)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1, encrypt=encrypt)
    for number, lines in enumerate(pages, 1):
        page.setFont("STSong-Light", 12)
        y = 800
        if header:
            page.drawString(72, y, header)
            y -= 40
        for line in lines:
            page.drawString(72, y, line)
            y -= 20
        if numbers:
            page.drawCentredString(297, 40, f"- {number} -")
        page.showPage()
    page.save()
    return buffer.getvalue()


def report_pdf() -> bytes:
    """Three pages, each with a running header and a '- n -' footer; lines wrapped at 30 characters."""
    lines = [p[i : i + 30] for p in PARAGRAPHS for i in range(0, len(p), 30)]
    return pdf([lines[:4], lines[4:8], lines[8:]], header="青溪区人民政府文件", numbers=True)


def blank_pdf() -> bytes:
    """A page with only a drawn rectangle: what a scan looks like to a text extractor."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.rect(100, 100, 300, 400, fill=1)
    page.showPage()
    page.save()
    return buffer.getvalue()


MARKDOWN = """# 2019年青溪区政府工作报告

## 一、2018年工作回顾

过去一年，**全区地区生产总值**增长6.8%，详见[统计公报](http://example.gov.cn/tjgb.html)。

- 一般公共预算收入增长*7.2%*
- 城镇登记失业率控制在`3.5%`以内

> 各位代表，新的征程已经开启！

---

转义的星号：\\*不是强调\\*
"""
MARKDOWN_TEXT = """2019年青溪区政府工作报告

一、2018年工作回顾

过去一年，全区地区生产总值增长6.8%，详见统计公报。

一般公共预算收入增长7.2%
城镇登记失业率控制在3.5%以内

各位代表，新的征程已经开启！

转义的星号：*不是强调*"""


# ---------------------------------------------------------------------------------------------- table


@dataclass(frozen=True)
class Case:
    id: str
    name: str
    data: Callable[[], bytes]
    text: str | None = None  # the exact text expected
    contains: tuple[str, ...] = ()  # each must be in the text (compared without whitespace)
    absent: tuple[str, ...] = ()  # none may be in the text
    encoding: str | tuple[str, ...] | None = None
    format: str | None = None
    first_line: str | None = None
    error: str | None = None  # the IngestError code expected instead of a Document
    reason: tuple[str, ...] = ()  # substrings of the error's reason


CHROME_FIXTURE = (
    "首页",
    "政务公开",
    "办事服务",
    "站内搜索",
    "当前位置",
    "相关链接",
    "2018年青溪区政府工作报告",
    "统计公报",
    "分享到",
    "微博",
    "发布时间",
    "联系我们",
    "网站地图",
    "版权所有",
    "ICP备",
    "统计代码",
    "请勿抓取",
    "导航样式",
    "青溪区人民政府",
    "color",
)
FIXTURE_REPORT = (
    "——2019年1月15日在青溪区第五届人民代表大会第四次会议上",
    "各位代表：",
    "一、2018年工作回顾",
    "城镇登记失业率控制在3.5%以内，居民人均可支配收入增长8.1%，主要经济指标好于预期。",
    "单位地区生产总值能耗下降3%。",
    "加快建设美丽宜居新城区。",
    "为全面完成全年目标任务而努力奋斗！",
)

CASES: list[Case] = [
    # --- encodings: detected, never assumed
    Case("utf-8", "r.txt", lambda: REPORT.encode("utf-8"), text=REPORT, encoding="utf-8", format="txt"),
    Case("utf-8-sig", "r.txt", lambda: REPORT.encode("utf-8-sig"), text=REPORT, encoding="utf-8-sig"),
    Case("gb18030", "r.txt", lambda: REPORT.encode("gb18030"), text=REPORT, encoding="gb18030"),
    Case("gbk", "r.txt", lambda: REPORT.encode("gbk"), text=REPORT, encoding="gb18030"),
    Case("gb2312", "r.txt", lambda: REPORT.encode("gb2312"), text=REPORT, encoding="gb18030"),
    Case("utf-16-le-bom", "r.txt", lambda: REPORT.encode("utf-16"), text=REPORT, encoding="utf-16-le"),
    Case(
        "utf-16-be-bom",
        "r.txt",
        lambda: b"\xfe\xff" + REPORT.encode("utf-16-be"),
        text=REPORT,
        encoding="utf-16-be",
    ),
    Case("utf-16-no-bom", "r.txt", lambda: REPORT.encode("utf-16-le"), text=REPORT, encoding="utf-16-le"),
    Case(
        "big5-via-charset-normalizer",
        "r.txt",
        lambda: (TRADITIONAL * 3).encode("big5"),
        text=TRADITIONAL * 3,
        encoding=("big5", "big5hkscs", "cp950"),
    ),
    Case("crlf", "r.txt", lambda: REPORT.replace("\n", "\r\n").encode(), text=REPORT),
    Case("rare-char-gb18030", "r.txt", lambda: (REPORT + "䶮\xa0").encode("gb18030"), text=REPORT + "䶮\xa0"),
    # --- a file cut inside its last character: the rest is decoded, the partial character dropped
    Case("truncated-utf-8", "r.txt", lambda: REPORT.encode()[:-1], text=REPORT[:-1], encoding="utf-8"),
    Case("truncated-utf-8-2", "r.txt", lambda: REPORT.encode()[:-2], text=REPORT[:-1], encoding="utf-8"),
    Case(
        "truncated-gb18030",
        "r.txt",
        lambda: REPORT.encode("gb18030")[:-1],
        text=REPORT[:-1],
        encoding="gb18030",
    ),
    Case("truncated-gb18030-4byte", "r.txt", lambda: (REPORT + "䶮").encode("gb18030")[:-2], text=REPORT),
    Case("truncated-utf-16", "r.txt", lambda: REPORT.encode("utf-16")[:-1], text=REPORT[:-1]),
    # --- damage in the middle is an error with the offset, never mojibake
    Case(
        "garbage-in-utf-8",
        "r.txt",
        lambda: cut_in(REPORT.encode(), len(REPORT[:40].encode()), b"\xff\xfe"),
        error="decode_error",
        reason=(f"offset {len(REPORT[:40].encode())}", "UTF-8"),
    ),
    Case(
        "garbage-in-gb18030",
        "r.txt",
        lambda: cut_in(REPORT.encode("gb18030"), len(REPORT[:40].encode("gb18030")), b"\xff"),
        error="decode_error",
        reason=(f"offset {len(REPORT[:40].encode('gb18030'))}", "GB18030"),
    ),
    Case(
        "garbage-in-utf-8-bom",
        "r.txt",
        lambda: cut_in(REPORT.encode("utf-8-sig"), 3 + len(REPORT[:20].encode()), b"\x80"),
        error="decode_error",
        reason=(f"offset {3 + len(REPORT[:20].encode())}",),
    ),
    # --- empty and binary
    Case("empty", "r.txt", lambda: b"", error="empty", reason=("0 bytes",)),
    Case("whitespace", "r.txt", lambda: b" \r\n\t \n  ", error="empty", reason=("whitespace",)),
    Case("ideographic-spaces", "r.txt", lambda: "\u3000\u3000\n\xa0".encode(), error="empty"),
    Case("bom-only", "r.txt", lambda: b"\xef\xbb\xbf", error="empty"),
    Case("random", "r.txt", lambda: random.Random(20190115).randbytes(4096), error="binary", reason=("NUL",)),
    Case(
        "random-without-nul",
        "r.txt",
        lambda: random.Random(20190115).randbytes(4096).replace(b"\x00", b"\x01"),
        error="binary",
    ),
    Case(
        "random-high-bytes",
        "r.txt",
        lambda: bytes(b | 0x80 for b in random.Random(20190115).randbytes(4096)),
        error="binary",
    ),
    # --- formats: the content decides, Document.format says what it really was
    Case("docx", "r.docx", lambda: b"PK\x03\x04" + bytes(200), error="unsupported_format", reason=("ZIP",)),
    Case("docx-named-txt", "r.txt", lambda: b"PK\x03\x04" + bytes(200), error="unsupported_format"),
    Case("text-named-doc", "r.doc", lambda: REPORT.encode(), error="unsupported_format", reason=(".doc",)),
    Case("no-extension", "README", lambda: REPORT.encode(), error="unsupported_format"),
    Case("text-named-pdf", "r.pdf", lambda: REPORT.encode(), error="pdf_unreadable", reason=("%PDF-",)),
    Case(
        "html-named-txt",
        "r.txt",
        lambda: gov_page(PARAGRAPHS[0], PARAGRAPHS[1:]).encode(),
        contains=PARAGRAPHS,
        absent=GOV_CHROME,
        format="html",
    ),
    Case(
        "html-named-doc",
        "r.doc",
        lambda: gov_page(PARAGRAPHS[0], PARAGRAPHS[1:]).encode(),
        contains=PARAGRAPHS,
        format="html",
    ),
    Case(
        "html-url-name",
        "http://www.qingxi.gov.cn/art/2019/1/18/art_1.shtml?id=7#top",
        lambda: gov_page(PARAGRAPHS[0], PARAGRAPHS[1:]).encode(),
        contains=PARAGRAPHS,
        format="html",
    ),
    Case("pdf-named-txt", "r.txt", report_pdf, contains=PARAGRAPHS, format="pdf", encoding=""),
    Case("tagless-html", "r.html", lambda: REPORT.encode(), text=REPORT, format="txt"),
    # --- HTML: main text only, paragraphs kept, title first
    Case(
        "html-fixture",
        "chrome_page.html",
        lambda: (FIXTURES / "chrome_page.html").read_bytes(),
        contains=FIXTURE_REPORT,
        absent=CHROME_FIXTURE,
        format="html",
        encoding="utf-8",
        first_line="2019年青溪区政府工作报告",
    ),
    Case(
        "html-gov-page",
        "r.html",
        lambda: gov_page(PARAGRAPHS[0], PARAGRAPHS[1:]).encode(),
        text=REPORT,
        absent=GOV_CHROME,
    ),
    Case(
        "html-meta-gb2312",
        "r.htm",
        lambda: gov_page(PARAGRAPHS[0], PARAGRAPHS[1:], charset="gb2312").encode("gb18030"),
        text=REPORT,
        encoding="gb18030",
    ),
    Case(
        "html-meta-gb2312-but-utf-8",
        "r.htm",
        lambda: gov_page(PARAGRAPHS[0], PARAGRAPHS[1:], charset="gb2312").encode("utf-8"),
        text=REPORT,
        encoding="utf-8",
    ),
    Case(
        "html-meta-utf-8-but-gbk",
        "r.htm",
        lambda: gov_page(PARAGRAPHS[0], PARAGRAPHS[1:], charset="utf-8").encode("gbk"),
        text=REPORT,
        encoding="gb18030",
    ),
    Case(
        "html-meta-latin1-but-gbk",
        "r.htm",
        lambda: gov_page(PARAGRAPHS[0], PARAGRAPHS[1:], charset="iso-8859-1").encode("gbk"),
        text=REPORT,
        encoding="gb18030",
    ),
    Case(
        "html-meta-big5",
        "r.htm",
        lambda: (
            '<html><head><meta charset="big5"><title>政府工作報告</title></head>'
            f"<body><p>{TRADITIONAL}</p></body></html>"
        ).encode("big5"),
        contains=(TRADITIONAL,),
        encoding="big5hkscs",
    ),
    Case(
        "html-aspnet-zoom-br",
        "r.aspx.html",
        lambda: aspnet_page().encode(),
        text=REPORT,
        absent=("网站首页", "相关链接", "网站地图", "版权所有"),
    ),
    Case(
        "html-title-only-site-first",
        "t.html",
        lambda: (
            "<html><head><title>青溪区人民政府门户网站-2019年青溪区政府工作报告</title></head><body>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
            + "</body></html>"
        ).encode(),
        text=REPORT,
    ),
    Case(
        "html-title-year-range",
        "t.html",
        lambda: (
            "<html><head><title>青溪区2018-2019年工作报告 | 青溪区政府网</title></head><body>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
            + "</body></html>"
        ).encode(),
        first_line="青溪区2018-2019年工作报告",
    ),
    Case(
        "html-article-layout",
        "a.html",
        lambda: article_page().encode(),
        text=REPORT,
        absent=("首页", "来源", "字体", "附件", "纠错", "责任编辑", "上一篇", "下一篇", "相关", "版权所有"),
    ),
    Case("html-nested-1000", "deep.html", lambda: nested_page(1000).encode(), text=REPORT),
    Case("html-nested-5000", "deeper.html", lambda: nested_page(5000).encode(), text=REPORT),
    Case(
        "html-entities-hidden-pre",
        "e.html",
        lambda: entity_page().encode(),
        text="2019年青溪区政府工作报告\n\n“十三五”规划目标&任务完成良好\xa0。\n\n表一 指标\n增长6.5%",
    ),
    Case("html-only-chrome", "r.html", lambda: gov_page("空页面", []).encode(), error="empty"),
    # --- Markdown
    Case("markdown", "r.md", lambda: MARKDOWN.encode(), text=MARKDOWN_TEXT, format="md"),
    Case("markdown-long-ext", "r.markdown", lambda: MARKDOWN.encode("gb18030"), text=MARKDOWN_TEXT),
    # --- PDF: the text layer, running headers and page numbers off
    Case(
        "pdf-chinese",
        "r.pdf",
        report_pdf,
        contains=PARAGRAPHS,
        absent=("青溪区人民政府文件", "- 1 -", "- 2 -", "- 3 -"),
        format="pdf",
        encoding="",
        first_line=PARAGRAPHS[0],
    ),
    Case("pdf-no-text", "scan.pdf", blank_pdf, error="pdf_no_text", reason=("OCR",)),
    Case("pdf-corrupt", "r.pdf", lambda: report_pdf()[:2000], error="pdf_unreadable"),
    Case(
        "pdf-garbage-body",
        "r.pdf",
        lambda: b"%PDF-1.7\n" + random.Random(7).randbytes(3000),
        error="pdf_unreadable",
    ),
    Case(
        "pdf-encrypted",
        "r.pdf",
        lambda: pdf([["机密文件"]], encrypt="secret"),
        error="pdf_unreadable",
        reason=("encrypted",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_read_document(case: Case) -> None:
    data = case.data()
    if case.error:
        with pytest.raises(IngestError) as raised:
            read_document(case.name, data)
        assert raised.value.code == case.error, raised.value.reason
        for part in case.reason:
            assert part in raised.value.reason
        return
    doc = read_document(case.name, data)
    assert isinstance(doc, Document) and doc.source_name == case.name
    if case.text is not None:
        assert doc.text == case.text
    body = squash(doc.text)
    assert [part for part in case.contains if squash(part) not in body] == []
    assert [part for part in case.absent if part in doc.text] == []
    if case.encoding is not None:
        expected = (case.encoding,) if isinstance(case.encoding, str) else case.encoding
        assert doc.encoding in expected
    if case.format is not None:
        assert doc.format == case.format
    if case.first_line is not None:
        assert doc.text.split("\n", 1)[0] == case.first_line
    assert "\r" not in doc.text


def test_html_paragraphs_are_separated_by_one_blank_line() -> None:
    doc = read_document("chrome_page.html", (FIXTURES / "chrome_page.html").read_bytes())
    assert "\n\n各位代表：\n\n现在，我代表区人民政府" in doc.text
    assert "\n\n\n" not in doc.text


def test_truncation_is_reported_by_decode_text() -> None:
    assert decode_text(REPORT.encode()[:-1]).dropped == 2
    assert decode_text(REPORT.encode("gb18030")[:-1]).dropped == 1
    assert decode_text(REPORT.encode()).dropped == 0


def test_charset_normalizer_is_not_called_for_utf8_or_gb18030(monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("charset-normalizer called")

    monkeypatch.setattr(charset_normalizer, "from_bytes", refuse)
    for data in (REPORT.encode(), REPORT.encode("gb18030"), REPORT.encode("utf-16")):
        assert read_document("r.txt", data).text == REPORT


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_reading_60_kb_of_text_takes_under_5_ms(encoding: str) -> None:
    data = ((REPORT + "\n\n") * 200).encode(encoding)[: 60 * 1024]
    read_document("warmup.txt", data)
    best = min(_elapsed(lambda: read_document("r.txt", data)) for _ in range(7))
    assert best < 0.005, f"{best * 1000:.2f} ms"


def _elapsed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


# ---------------------------------------------------------------------------------------------- corpus


def _corpus_files(corpus_dir: Path) -> list[Path]:
    files = sorted(corpus_dir.glob("seeds/*.txt")) + sorted(corpus_dir.glob("national/*.txt"))
    assert files, f"no reports under {corpus_dir}"
    return files


@pytest.mark.corpus
def test_corpus_files_read_as_their_utf8_text(corpus_dir: Path) -> None:
    for path in _corpus_files(corpus_dir):
        data = path.read_bytes()
        doc = read_document(path.name, data)
        assert doc.text == data.decode("utf-8-sig"), path.name
        assert (doc.format, doc.encoding) == ("txt", "utf-8-sig" if data[:3] == b"\xef\xbb\xbf" else "utf-8")


@pytest.mark.corpus
def test_gb18030_copy_reads_exactly_like_the_utf8_original(corpus_dir: Path) -> None:
    for path in _corpus_files(corpus_dir):
        text = path.read_bytes().decode("utf-8-sig")
        doc = read_document(path.name, text.encode("gb18030"))
        assert doc.encoding == "gb18030", path.name
        assert doc.text == text, path.name


@pytest.mark.corpus
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_seed_wrapped_in_a_gov_page_gives_back_its_paragraphs(corpus_dir: Path, encoding: str) -> None:
    seeds = sorted(corpus_dir.glob("seeds/*.txt"))
    assert seeds
    for path in seeds:
        text = path.read_bytes().decode("utf-8-sig")
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        title = paragraphs[0].strip()
        page = gov_page(title, paragraphs, charset="utf-8" if encoding == "utf-8" else "gb2312")
        doc = read_document(path.stem + ".html", page.encode(encoding))
        assert doc.format == "html"
        body = squash(doc.text)
        missing = [p[:40] for p in paragraphs if squash(p) not in body]
        assert missing == [], path.name
        chrome = [c for c in GOV_CHROME if c in doc.text and c not in text]
        assert chrome == [], path.name
        assert doc.text.count("\n\n") >= len(paragraphs) - 1  # one paragraph each, as in the file
