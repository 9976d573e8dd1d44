"""What a line of a scraped article is: spam, navigation, metadata, a by-line, a journal's
apparatus (abstract, keywords, affiliations), a photo's caption, a site name, a title candidate.
Each test looks at one line; the passes that drop lines and keep the audit are in
:mod:`govtopics.text.clean`.
"""

from __future__ import annotations

import re

from .repair import CJK

_ISSUE = re.compile(r"\d{4}\s*年\s*第?\s*\d{1,2}\s*期")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def is_spam(line: str, rules) -> bool:
    lowered = line.lower()
    return sum(term.lower() in lowered for term in rules.spam_terms) >= rules.spam_min_hits


# A line that is an address and at most a short label (EN https://www.gov.cn/; 原文链接：http://…)
URL = r"(?:https?://|www\.)[^\s，。；、“”（）()<>]+"
URL_LINE = re.compile(rf"[^\s]{{0,8}}\s*[:：]?\s*{URL}(\s+{URL})*\s*")


def not_chinese(line: str) -> bool:
    """A line in another language: Latin letters (two or more) and Chinese characters fewer than one
    for ten of them (an English title, abstract or affiliation of a journal article; EN); a Chinese
    sentence with an English term in it (5C(Carrier,Culture…)) is Chinese."""
    latin = len(re.findall(r"[A-Za-z]", line))
    return latin >= 2 and len(re.findall(f"[{CJK}]", line)) * 10 < latin


def is_navigation(line: str) -> bool:
    if re.match(r"(上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇)\s*[:：]", line) and len(line) <= 80:
        return True  # 上一篇：北京推进接诉即办改革
    parts = [p.strip() for p in re.split(r"[|｜]", line)]
    if len(parts) >= 4 and sum(len(p) for p in parts) / len(parts) <= 10:
        return True
    if re.fullmatch(r"[^>＞。！？，]{1,12}(\s*[>＞]\s*[^>＞。！？，]{1,12}){2,}", line.strip()):
        return True  # a breadcrumb: 新华网 > 时政 > 正文
    return bool(re.search(r"(首页|当前位置|您的位置)\s*[>＞]|[>＞]{2}", line)) and len(line) <= 60


def metadata_fields(line: str) -> dict:
    found = {}
    if m := _DATE.search(line):
        found["date"] = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    if m := re.search(r"来源[:：]\s*([^\s|]+)", line):
        found["publisher"] = m.group(1)
    if m := re.search(r"作者[:：]\s*([^\s|来]+)", line):
        found["author"] = m.group(1)
    elif m := re.match(rf"^原创\s+([{CJK}]{{2,4}})\s", line):  # a WeChat repost: 原创 作者 公众号 日期
        found["author"] = m.group(1)
    return found


_PUBLICATION = re.compile(rf"^([{CJK}A-Za-z0-9·]{{2,16}}(报|网|刊|杂志|论坛|日报|晚报))(?=\s|\d|$)")


def publication(line: str) -> str:
    """中国城市报 2020年05月18日 → 中国城市报; 党政论坛 2019年3期 → 党政论坛."""
    m = _PUBLICATION.match(line.strip())
    return m.group(1) if m and (_DATE.search(line) or _ISSUE.search(line)) else ""


# Common surnames (the tokens stage's list), to tell a line of names from a line of words
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金廖贾夏韦付方邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤温康牛樊葛邢齐乔伍"
    "庞颜倪庄聂章鲁岳翟殷詹欧耿焦俞左柳甘祝宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍喻祁"
    "蒲滕屈饶艾尤穆卓缪褚娄窦戚岑瞿佟臧闵苟邬卞姬栾隋刁荣巫寇桑郎甄丛虞敖巩佘池习"
)


def byline_authors(line: str) -> list[str]:
    """Names in a by-line: ■中国城市报记者 杜英姿 郭文治 综合报道 → [杜英姿, 郭文治];
    (作者潘炜系…;作者贺小林系…) → [潘炜, 贺小林]."""
    if "系" in line and "作者" in line:
        return re.findall(rf"作者([{CJK}]{{2,4}}?)系", line)
    names = re.split(r"\s*[，,、]\s*", line.strip())
    if len(names) >= 2 and all(re.fullmatch(rf"[{CJK}]{{2,4}}", n) for n in names):
        return names
    text = re.sub(r"\s+", " ", re.sub(r"《[^》]*》|[(（)）■]", " ", line))
    text = re.split(r"综合报道|报道|摄", text)[0]
    if "记者" in text or "通讯员" in text:
        text = re.split(r"记者|通讯员", text, maxsplit=1)[1]
    elif re.search(r"[、，,]", text):  # ■赤峰市委常委、组织部长 李 炯: the name follows the post
        text = " ".join(text.split()[1:])
    names = [n for n in text.split() if re.fullmatch(rf"[{CJK}]{{1,4}}", n)]
    # 马 源, 李 炯: a one-character surname and given name set apart by a space
    merged: list[str] = []
    for name in names:
        if merged and len(merged[-1]) == 1 and len(name) == 1:
            merged[-1] += name
        else:
            merged.append(name)
    return [n for n in merged if len(n) >= 2]


def is_metadata(line: str) -> bool:
    if (
        re.search(r"(^|[\s|\]】\[【])(来源|作者|时间|发布时间|编辑|关键词|关键字|浏览次数|点击)\s*[:：\]】]", line)
        and len(line) <= 120
    ):
        return True
    rest = _ISSUE.sub("", _DATE.sub("", line))
    rest = re.sub(r"\d{1,2}:\d{2}(:\d{2})?|星期.|周.|第\s*\d+\s*版|[\s:：()（）]", "", rest)
    return (bool(_DATE.search(line)) or bool(_ISSUE.search(line))) and len(rest) <= 12


def is_byline(line: str) -> bool:
    if line.startswith("■") and len(line) <= 80:
        return True
    if re.fullmatch(r"[(（][^()（）]*(作者|记者|通讯员)[^()（）]*[)）]", line):
        return True
    if re.fullmatch(r"[(（][^()（）]{2,60}\d{6}[)）]", line):  # (北京市党的建设研究所,北京 100013): affiliation
        return True
    if re.match(
        rf"([{CJK}]{{0,8}}?(社|台|报|网|站))?(本报|本刊)?(特约)?(记者|通讯员)\s*\S{{2,4}}"
        rf"(\s+(\S{{2,4}}|[{CJK}]{{2,6}}·[{CJK}]{{2,4}}))*$",
        line,
    ):
        return True  # 新华社记者 王晓明 徐立新; 本报记者 朱海兵 陆乐 共享联盟·诸暨 李伯俭
    names = re.split(r"\s*[，,、]\s*", line)  # 沈晓梅，姜明栋，钟冠宇: authors alone on a line
    if 2 <= len(names) <= 6 and all(re.fullmatch(rf"[{CJK}]{{2,4}}", n) and n[0] in _SURNAMES for n in names):
        return True
    if re.fullmatch(rf"[{CJK}]{{2,3}}", line) and line[0] in _SURNAMES:  # a lone 刘碧莹: a name, not a word
        from .tokens import _jieba_words

        return _jieba_words().get(line, "nr").startswith("nr")
    parts = line.split()
    return 2 <= len(parts) <= 5 and all(re.fullmatch(rf"[{CJK}]{{2,3}}", p) for p in parts)


OPEN, CLOSE = r"[\[【〔［(（<《]", r"[\]】〕］)）>》]"
# A journal article's apparatus, in any of the bracket styles journals and their reposts use
# (〔关键词〕, 【摘要】, [中图分类号], (基金项目)) or none: (reason, the label that starts the line)
_APPARATUS = [
    ("keywords", r"关键词|关键字|key\s*words?"),
    ("abstract", r"摘\s*要|内容提要|提\s*要|abstract"),
    ("catalogue", r"中图分类号|中图法分类号|文献标识码|文献标志码|文章编号|doi"),
    ("funding", r"基金项目|基金|项目来源|资助项目|课题来源"),
    ("author_bio", r"作者简介|作者单位|通讯作者|通信作者|收稿日期|修回日期|网络首发"),
]
_APPARATUS_LINE = [
    (reason, re.compile(rf"^\s*{OPEN}?\s*(?:{label})\s*{CLOSE}?\s*(?:[:：]|{CLOSE}|\s)", re.IGNORECASE))
    for reason, label in _APPARATUS
]
_CATALOGUE_ANYWHERE = re.compile(
    rf"(中图分类号|文献标识码|文献标志码|文章编号)\s*{CLOSE}?\s*[:：]?\s*{CLOSE}?\s*[A-Z0-9]"
)
_INSTITUTION = r"大学|学院|研究院|研究所|研究中心|科学院|社会科学院|党校|行政学院|课题组|研究会|编辑部"
_AFFILIATION = re.compile(rf"^{OPEN}?[^。！？]{{0,60}}({_INSTITUTION})[^。！？]{{0,40}}(\d{{6}}|{CLOSE})?\s*$")
_POSTCODE = re.compile(r"(?<!\d)\d{6}(?!\d)")
_BYLINE_MARK = re.compile(rf"^[□■●◆▲★☆○◎◇△▽]\s*[{CJK}]{{2,4}}(\s+[{CJK}]{{2,4}}){{0,4}}$")
_WIDGET_WORDS = re.compile(
    r"^(打印|纠错|分享|收藏|评论|点赞|在看|转发|字号|关闭|返回|顶部|大|中|小|微信|微博|QQ空间|\d+)$"
)
# A reposted WeChat article's furniture, and a page number left in a text made from a PDF
_WECHAT = re.compile(
    r"^(点击(上方)?(蓝字|关注)|长按(识别)?(图中)?二维码|扫码关注|END$|—+\s*END\s*—+$|预览时标签不可点)"
)
# A photo's caption: it says what a picture shows (图为…), points at the people in it (（左一）), or
# is short and ends with its credit (徐辉冠/摄, 供图：…, （记者 张三 摄）, 摄影：…, 图片来源：…).
# A long paragraph ending with a credit keeps its sentences: only the credit goes.
_CAPTION_START = re.compile(
    r"^(图为|(上|下|左|右|题)图[:：为]|图片[:：])|[（(]([前后]排)?[左右][一二三四五六七八九][)）]"
)
PHOTO_CREDIT = re.compile(
    rf"((本报|新华社)?(记者|通讯员)\s*[{CJK}、 ]{{2,12}}\s*摄|[{CJK}]{{2,4}}\s*[/／]\s*摄|供图\s*[:：].{{0,30}}"
    rf"|(^|(?<=[。！？\s]))摄影?\s*[:：]\s*[{CJK}、 ]{{2,20}}|图片来源\s*[:：].{{0,30}}"
    rf"|[（(](新华社)?(记者|通讯员)?\s*[{CJK}、 ]{{2,12}}\s*摄[)）])\s*$"
)


def caption(line: str) -> str:
    """``'caption'`` if ``line`` is a photo's caption, ``'credit'`` if it is a longer paragraph
    that ends with a photo credit (which alone goes), else ''."""
    if len(line) > 120:
        return "credit" if PHOTO_CREDIT.search(line) else ""
    if _CAPTION_START.search(line):
        return "caption"
    if m := PHOTO_CREDIT.search(line):
        return "caption" if m.start() <= 60 else "credit"
    return ""


PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)


def _affiliation(text: str) -> bool:
    """An affiliation: an institution with a postcode, or bracketed, and no sentence; several of
    them numbered on one line ((1.河海大学商学院，江苏 南京 211100; 2.天津大学…，天津 300072)) each
    so."""
    if len(text) <= 100 and not re.search(r"[。！？]", text) and _AFFILIATION.match(text):
        bracketed = re.match(OPEN, text) is not None
        return bool(_POSTCODE.search(text) or bracketed or re.search(rf"({_INSTITUTION})\s*$", text))
    parts = [p for p in re.split(r"[;；]", re.sub(rf"^{OPEN}|{CLOSE}$", "", text)) if p.strip()]
    return (
        2 <= len(parts) <= 8
        and len(text) <= 400
        and all(len(p) <= 100 and _POSTCODE.search(p) and _AFFILIATION.match(p.strip()) for p in parts)
    )


def apparatus(line: str) -> str:
    """Why ``line`` is apparatus around an article and not its text, or ''. Judged by what the
    line is made of: a journal's keyword, abstract, classification, funding or author-biography
    line in any bracket style; an affiliation (an institution with a postcode, or bracketed, and no
    sentence: 中共绍兴市委政法委课题组, 华中师范大学…湖北武汉，430079); a by-line marked with a
    symbol (□ 高静娟, ●郑殿兴); a widget row (共产党员网 打印 纠错; 1 1 1)."""
    text = line.strip()
    for reason, pattern in _APPARATUS_LINE:
        if pattern.match(text):
            return reason
    if len(text) <= 200 and _CATALOGUE_ANYWHERE.search(text):
        return "catalogue"
    if _affiliation(text):
        return "affiliation"
    if _BYLINE_MARK.match(text):
        return "byline"
    if _WECHAT.match(text):
        return "widget"
    if PAGE_NUMBER.match(text):
        return "page_number"
    parts = text.split()
    # a row of buttons and counters (共产党员网 打印 纠错, 1 1 1): short, and at most one part is
    # not a widget's word, itself short (not 1 9 9 8 年是全面贯彻…, a year spaced out before a sentence)
    others = [p for p in parts if not _WIDGET_WORDS.match(p)]
    if 2 <= len(parts) <= 8 and len(others) <= 1 and all(len(p) <= 12 for p in others) and len(text) <= 60:
        return "widget"
    return ""


def is_site_name(line: str) -> bool:
    return len(line) <= 12 and bool(re.fullmatch(rf"[{CJK}A-Za-z0-9]+(网|报|网站|客户端|在线)", line))


_ENUMERATED = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+[章节部分])"
)


def title_candidate(line: str, rules) -> bool:
    """A title: short, no sentence end, mostly Chinese, not a numbered section heading (一、…)."""
    cjk = len(re.findall(f"[{CJK}]", line))
    return (
        4 <= len(line) <= rules.max_heading_chars
        and line[-1] not in "。！？；…"
        and cjk >= 4
        and cjk >= 0.6 * len(line.replace(" ", ""))
        and not _ENUMERATED.match(line)
    )


# A page title's site name: 北京:12345,有呼必有应-新华网, …_中国共产党新闻网
SITE_SUFFIX = re.compile(rf"\s*[-_|｜—–]+\s*[{CJK}A-Za-z0-9·]{{2,14}}(网|报|频道|客户端|新闻|在线|门户|政府)\s*$")
TITLE_APPARATUS = {"metadata", "affiliation", "abstract", "keywords", "catalogue", "funding", "author_bio"}
