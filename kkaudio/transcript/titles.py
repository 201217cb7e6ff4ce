"""The episode's title where a transcript has no heading for it: a plain-text file's first line,
and a title without what a transcriber adds to it (the recording's file name, Teams' time)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .credits import is_credit
from .furniture import STAGE_DIRECTION, cue_furniture
from .lines import Line
from .labels import PUBLICATION
from .times import DATE
from .names import looks_like_person


# A transcriber's title over its transcript: the recording's file name, `转录：访谈.mp4`, `Transcript: call.m4a`,
# or a meeting's, as Teams and Meet name it (`Radio repair-20240501_150312-Meeting Recording`, `Radio repair - Transcript`).
_MEDIA_FILE = re.compile(r"^(?:(?:转录|轉錄|转写|轉寫|文字记录|文字記錄|Transcript(?:ion)?(?:\s+of)?)\s*[:：-]?\s*)?"
                         r"(?P<name>\S.*?)(?:\.(?:mp4|m4a|mp3|wav|mov|webm|mkv|aac|flac|ogg|opus|amr|wma)"
                         r"|-\d{8}_\d{6}-Meeting (?:Recording|Transcript)(?:\.(?:mp4|m4a|docx|vtt))?|\s+[-–—]\s+(?:Transcript|文字记录)"
                         r"|\s*\(Completed\s+\d{1,2}/\d{1,2}/\d{2,4}\))\s*$", re.IGNORECASE)  # Rev's `Title (Completed 03/02/24)`


# A transcript page's own title, with its site's name: `Transcript for Jane Doe: Robots… | Lex Fridman Podcast #999`.
_PAGE_TITLE = re.compile(r"^(?:Transcript(?:ion)?|Full transcript)\s+(?:for|of)\s+\S.*\s[|｜]\s+\S", re.IGNORECASE)


# A tool's title over its transcript, the meeting's name after what the text is and before its date:
# Feishu's `文字记录：企业AI系统分享 2026年6月18日`, `智能纪要：…`, `Transcript: Weekly sync May 1, 2024`.
_TOOL_TITLE = re.compile(rf"^\s*(?:文字记录|文字記錄|智能纪要|智能紀要|会议纪要|會議紀要|转录|轉錄|转写|轉寫|Transcript(?:ion)?)\s*[:：]\s*"
                         rf"(?P<name>\S.*?)(?:\s+{DATE})?\s*$", re.IGNORECASE)


def bare_title(title: str) -> str:
    """The episode's title from a heading: a recording's file name without its extension and the
    transcriber's `转录：` (`转录：旧书店访谈.mp4` -> 旧书店访谈), a meeting's without the time Teams
    adds; any other heading as it is."""
    m = _MEDIA_FILE.match(title) or _TOOL_TITLE.match(title)
    return m.group("name").strip() if m else title


def title_like(ln: Line, clean: str, lines: Sequence[Line], longest: int = 40) -> bool:
    """A plain-text transcript's first line, short and not a sentence, alone in its paragraph (a
    blank line after it, or a Word file's next paragraph) but for the recording's date and length."""
    longest = 120 if _PAGE_TITLE.match(clean) else longest  # it says it is the title, however long
    clean = bare_title(clean)
    if ln.kind != "text" or len(clean) > longest or re.search(r"[。！？!?.，,:：]$", clean) or STAGE_DIRECTION.match(clean):
        return False  # nor `[MUSIC PLAYING]`, a caption's sound
    following = next((x for x in lines if x.number > ln.number and not cue_furniture(x.plain) and not is_credit(x.plain)), None)
    return following is None or following.para != ln.para


# Whom a title says the interview is with: `Interview with Ana Ruiz`, `专访｜陈大文：慢慢写`, `对话凯文·凯利`.
# (Only the words before the name in any case: the name's words each start with a capital.)
_WITH = re.compile(r"\b(?i:interview|conversation|talking|q&a)\s+(?i:with)\s+"
                   r"(?P<en>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})(?=\s*(?:$|[:,;|(–—-]|\s+(?:on|about)\b))")
_ZH_WITH = re.compile(r"(?:专访|專訪|对话|對話|访谈|訪談)\s*[｜|：:·\-—]?\s*"
                      r"(?P<zh>[\u3400-\u9fff]{2,4}(?:·[\u3400-\u9fff]{1,6})?)(?=$|[：:｜|，,\s（(])")


def guest_in_title(title: str) -> str | None:
    """The person a title says the interview is with, if it names one (`Interview with Ana`,
    `专访｜陈大文：慢慢写`): the name for an answerer the transcript calls only Guest or 答."""
    if m := _WITH.search(title):
        return m.group("en").strip()
    if (m := _ZH_WITH.search(title)) and looks_like_person(m.group("zh")) and not PUBLICATION.search(m.group("zh")):
        return m.group("zh")
    return None
