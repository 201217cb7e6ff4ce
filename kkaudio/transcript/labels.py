"""Speaker labels: what looks like one on a line, and which words before a colon are not names.

A label is a short name before a colon, full or half width, inside or outside bold or brackets:
`吴琪：`, `**罗永浩**: `, `**林红** **：**`, `**[主持人]**: `, `【记者】`, `Jerod Santo:`, or a
name alone on its line with the words on the next. Whether a label is a *speaker* is decided
by the cast (cast.py): it has to start turns more than once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COLON = "[:：]"
_OPEN, _CLOSE = r"[\[【(（〔]", r"[\]】)）〕]"
_CJK = "\u3400-\u9fff\uf900-\ufaff"
# A name: CJK characters (with the interpunct of transliterated names), or capitalised Latin
# words (K.K., Jerod Santo, DHH, O'Brien); numbers only after a letter (Speaker 2).
_CJK_NAME = rf"[{_CJK}][{_CJK}·•]{{0,11}}"
_LATIN_WORD = r"(?:[A-Z][A-Za-z'’.\-]*|de|van|von|da|di|del|la|le|bin|al)"
_LATIN_NAME = rf"{_LATIN_WORD}(?:\s{_LATIN_WORD}){{0,3}}(?:\s\d{{1,2}})?"
_NAME = rf"(?:{_CJK_NAME}|{_LATIN_NAME}|[A-Za-z]\.?[A-Za-z]?\.?)"
# At the start of a line: the label, its colon (or a closing bracket), and the words after.
LINE_LABEL = re.compile(rf"^\s*(?:{_OPEN}\s*(?P<b>{_NAME})\s*{_CLOSE}\s*{_COLON}?|(?P<n>{_NAME})\s*{_COLON})\s*")
# Inside a line: a label after the end of someone's words (sentence mark, quote, space).
_INLINE = r"(?:(?<=[。！？!?…”\"」』])|(?<=[。！？!?…”\"」』]\s)|(?<=[.]\s))"

# Words that take a colon but never name a speaker: discourse markers, credits, metadata.
NOT_NAMES = frozenset("""
比如 例如 譬如 注 注意 备注 注释 提示 温馨提示 提醒 总结 小结 结论 答案 原因 结果 问题 第一 第二 第三 其一 其二
首先 其次 再次 最后 总之 重点 划重点 关键 要点 例子 案例 原文 链接 网址 网站 地址 电话 邮箱 微信 时间 地点 日期
标题 主题 题目 作者 来源 编者按 编者注 按 题记 摘要 导语 引言 前言 后记 附 附录 说明 声明 免责声明 一句话 他说 她说
我说 你说 我想 他们说 大家 比方说 也就是说 简单说 换句话说 举个例子 数据 资料 参考 参考资料 本文 全文 正文 图 文 图文
图片 视频 音频 摄影 图源 编辑 责编 责任编辑 排版 美编 校对 审核 审校 监制 策划 设计 主编 出品 出品人 实习生
运营 视觉 翻译 整理 采访 撰文 剪辑 制作 统筹 文字 撰稿 编审 终审 值班编辑 联系 合作 投稿 商务 转载 版权 Tags 标签
PS Note Notes Update Warning Tip Source Photo Photos Image Credit Credits Editor Edited Producer Produced Transcript
Date Time Link Links URL Title Author Tags Category Subscribe Website Email Twitter Follow Sponsor Sponsors Music Show
Chapters Episode Summary Description Topics Resources References Timestamps Http Https Q&A
""".split())
# A publication or its reporter as the interviewer (三联生活周刊, 財新記者): a host, and a label
# that may be longer than a person's name.
PUBLICATION = re.compile(r"(?:周刊|日报|日報|记者|記者|杂志|雜誌|新闻|新聞|时报|時報|财经|財經|报|報|社|台|网|網)$")
# Credits and the like: a line `编辑：张三` (or `文 / 张三`) is not spoken, wherever it is.
CREDIT = re.compile(
    r"^\s*(?:文|图|文字|图片|视频|编辑|责编|责任编辑|排版|美编|校对|审核|审校|监制|策划|设计|主编|出品|出品人|作者|来源|"
    r"摄影|图源|记者|实习生|实习记者|运营|视觉|翻译|整理|撰文|剪辑|制作|统筹|撰稿|编审|终审|值班编辑|本文(?:作者|编辑)|"
    r"Edited by|Editor|Photos?|Photography|Produced by|Producer|Transcribed by|Transcript(?:ion)? by|"
    r"Audio|Music|Artwork|Source)\s*(?:[:：|｜/]|丨)"
)


@dataclass(frozen=True)
class Label:
    name: str  # as written, without brackets or colon
    rest: str  # the words after it on the line


def line_label(plain: str) -> Label | None:
    """The label that starts a line's plain text, if it looks like one."""
    m = LINE_LABEL.match(plain)
    if not m:
        return None
    name = (m.group("b") or m.group("n")).strip()
    if not is_name(name):
        return None
    return Label(name, plain[m.end() :].strip())


def is_name(name: str) -> bool:
    name = name.strip()
    if not name or name in NOT_NAMES or name.lower() in _LATIN_NOT_NAMES:
        return False
    if re.fullmatch(_CJK_NAME, name):
        # Long CJK labels are publications or titles (三联生活周刊, 財新記者), not phrases.
        return len(name) <= 6 or bool(PUBLICATION.search(name))
    return len(name) <= 30


_LATIN_NOT_NAMES = frozenset(n.lower() for n in NOT_NAMES if n.isascii())


def inline_labels(names: list[str]) -> re.Pattern[str] | None:
    """A pattern for these labels where they start a turn inside a line (after a sentence ends)."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?:^|{_INLINE})\s*(?:\*\*)?{_OPEN}?({alternatives}){_CLOSE}?(?:\*\*)?\s*{_COLON}\s*")


def inline_candidates(plain: str) -> list[str]:
    """Names that look like labels inside a line, after a sentence ends (for counting)."""
    out = []
    for m in re.finditer(rf"{_INLINE}\s*{_OPEN}?({_NAME}){_CLOSE}?\s*{_COLON}", plain):
        if is_name(m.group(1)):
            out.append(m.group(1).strip())
    return out


# A time mark in a transcript ([04:01], (01:02:03)): when, not what is said.
TIME_MARK = re.compile(r"\s*[\[(（]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?[\])）]\s*")
