"""Credit lines: `编辑：张三`, `文 / 张三`, `Produced by Jane Roe`. Not spoken, wherever they are,
though written like a label and its words."""

from __future__ import annotations

import re

from ..text.language import to_simplified
from .times import DATE

# Credits and the like: a line `编辑：张三` (or `文 / 张三`) is not spoken, wherever it is.
CREDIT_WORD = re.compile(
    r"^\s*(?:文|图|文字|图片|视频|编辑|责编|责任编辑|排版|美编|校对|审核|审校|监制|策划|设计|主编|出品|出品人|作者|来源|"
    r"摄影|图源|记者|实习生|实习记者|运营|视觉|翻译|整理|撰文|剪辑|制作|统筹|撰稿|编审|终审|值班编辑|本文(?:作者|编辑)|"
    r"商业合作|商务合作|广告合作|投稿|投稿邮箱|联系|联系方式|转载|版权|"
    r"Edited by|Editor|Photos?|Photography|Produced by|Producer|Transcribed by|Transcript(?:ion)? by|"
    r"Audio|Music|Artwork|Source)\s*(?:[:：|｜/]|丨)"
)

# Whom a byline names, after its `by`: a name of one to four capitalised words (`Ann Lee`, `Mary O'Neill`).
BYLINE_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
# The tool's own line under its transcript, no colon: `Transcribed by https://otter.ai`,
# `Transcribed by Descript`, `Captions by Rev.com`.
_MADE_BY = re.compile(r"^\s*(?:Transcribed|Transcription|Transcript|Captioned|Captions|Subtitles)\s+(?:by|with|using|via)\s+"
                      r"(?:https?://\S+|[\w-]+\.[a-z]{2,}\S*|(?:[A-Z]|[a-z]+[A-Z])[\w.-]*(?:\s[A-Z][\w.-]*){0,2})"  # (noScribe)
                      r"(?:,?\s+(?:v|vers?\.?|version)?\s*\d+(?:\.\d+)*\w*)?\s*\.?\s*$"  # and its version: `vers. 0.7`
                      # and a byline under the title: `Interviewed by Ann Lee`, `Translated by Tom Roe`
                      r"|^\s*(?:Interviewed|Interview|Conducted|Edited|Produced|Moderated|Translated|Photographed|Illustrated|"
                      rf"Photographs?|Photos?|Illustrations?)\s+by\s+{BYLINE_NAME}\s*$"
                      # or an article's, maybe with its date: `By Dana Park`, `By Dana Park, December 4, 2026`
                      rf"|^\s*By\s+{BYLINE_NAME}(?:\s+and\s+{BYLINE_NAME})?(?:\s*[,|·–—]\s*(?:[A-Z][a-z]+day,?\s+)?{DATE})?\s*$")


def is_credit(line: str) -> bool:
    """A credit line: a credit word, its colon, and a few names (`记者：王五`), not a sentence
    (`记者：您每天都这么早出海吗？` is a reporter asking); or a transcription tool's own line."""
    if len(line) > 60:  # a credit word, its colon and at most 24 characters of names
        return False
    if _MADE_BY.match(line):
        return True
    m = CREDIT_WORD.match(line)
    if m is None and re.search(r"[\u3400-\u9fff]", line[:8]):  # 責任編輯：… through a simplified copy
        line = to_simplified(line)
        m = CREDIT_WORD.match(line)
    if m is None:
        return False
    rest = line[m.end():].strip()
    return len(rest) <= 24 and not re.search(r"[。！？!?，；;…]", rest)
