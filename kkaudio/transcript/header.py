"""What a transcript says of its recording above the talk, one `Key: value` a line: a meeting's
subject, time, place and who took part (`会议时间：2024-03-05 14:00`, `参会人：王小丽、李建国`), an
oral history's date, place and transcriber. Nobody says these lines; they come before anyone
speaks. Who the interviewer and narrator are (`Interviewer: Daniel Ortiz (DO)`) is a legend
(names.legend), not a line of the header here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text.language import to_simplified

# Keys a recording's details are written under. Rules are in simplified characters (the reader
# matches a traditional transcript through a simplified copy).
_KEY = re.compile(
    r"^\s*(?:(?:会议|采访|访谈|录音|录制|访问|面谈|文档|文件|音频)?(?:主题|地址|方式|形式|号|编号|链接)|"
    r"[\u4e00-\u9fff]{0,4}(?:时间|日期|地点|时长)|(?:音频|录音|视频|媒体)?文件名?|"  # 处理时间, 转写日期, 音频文件
    r"参会人员?|参会者|与会者|与会人员|出席人员?|出席者|列席人员?|缺席人员?|记录人?|整理人?|速记|校对|审校|"
    r"案由|案号|审判人员|合议庭(?:成员)?|审判长|审判员|人民陪审员|书记员|公诉人|法官助理|"  # a court record's (庭审笔录)
    r"(?:(?:Interview|Recording|Meeting|Session|Call)\s+)?(?:Date|Time|Place|Location|Venue|Subject|Topic|Title|Length|"
    r"Duration|ID|Number|Link|Format|Medium)s?|Recorded(?:\s+(?:on|at|in|by))?|Attendees|Participants|Present|"
    r"Absent|Invited|Interviewed by|Interview by|Conducted by|Transcribed by|Transcriber|Transcription|Transcript by|Edited by|Editor|Reviewed by|"
    r"Audit-?edited by|Project|Collection|Series|Accession(?: number)?|Call number|Restrictions|Language|"
    r"Author|Authors|Written by|Credit|Draft date|Contact|Copyright|"  # and a script's title page (Fountain)
    r"节目|发布日期|发布时间|播出时间|原始链接|原文链接|"  # a podcast's notes in Chinese (not 主持, 嘉宾: a legend's roles)
    r"(?:Feed|Episode|Show|Podcast) title|Source(?: audio| video| file| recording)?|Audio(?: file)?|Published(?: on)?|"
    r"Released|Air date|Aired|Hosts present|Guests present|Corrections?(?: changelog)?|Changelog)"  # a podcast's notes
    r"(?:\s*/\s*[^\W\d_]+){0,2}\s*[:：]\s*(?P<value>\S.*)$", re.IGNORECASE)  # and two keys in one: `Location/Platform`
# The one that names what the recording is about: the episode's title, when nothing else gives one.
_SUBJECT = re.compile(r"^\s*(?:(?:会议|会議|會議|采访|採訪|访谈|訪談)?主题|主題|(?:Meeting |Interview |Episode )?"
                      r"(?:Subject|Topic|Title))\s*[:：]\s*(?P<value>\S.{0,78})$", re.IGNORECASE)
SUBJECT = "the recording's subject (the episode's title if nothing else is)"
DETAILS = "the recording's details above the talk"
# A value that says something rather than naming a time, a place or people: a sentence.
_SENTENCE = re.compile(r"[。！？!?]|(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|No|Lt))(?<!\b(?:Mrs|Maj|Gen|Col|Sgt|Rev|Sen|Rep|Gov))"
                       r"(?<!\b(?:Capt|Prof))[.](?:\s|$)")  # a full stop, not a title's


def subject(plain: str) -> str | None:
    """`会议主题：养蜂人访谈` -> 养蜂人访谈, `Subject: Garden hour` -> Garden hour."""
    m = _SUBJECT.match(plain)
    return m.group("value").strip() if m else None


def header(plains: Sequence[str]) -> dict[int, str]:
    """The lines of the recording's details at the top of a transcript: two or more `Key: value`
    lines under keys such details are written under, each value short and not a sentence, among
    the first lines (a title above them, a legend's `Interviewer: Name (XY)` between them):
    line index -> why it is not said (SUBJECT or DETAILS)."""
    found: list[int] = []
    gap = 0
    for i, plain in enumerate(plains[:40]):
        m = _KEY.match(to_simplified(plain) if re.search(r"[\u3400-\u9fff]", plain) else plain)
        if m and len(m.group("value")) <= 120 and not _SENTENCE.search(m.group("value")):
            found.append(i)
            gap = 0
        elif plain.strip():
            gap += 1
            if gap > (2 if found else 3):
                break
    if len(found) < 2:
        return {}
    return {i: SUBJECT if subject(plains[i]) else DETAILS for i in found}


# What a transcription tool writes above the transcript of its own: its summary, key points, to-dos
# and chapters (Feishu's 智能纪要, Tingwu's 全文概要 and 发言总结, an AI summary), each under a heading.
_SUMMARY_HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:智能纪要|会议纪要|AI\s*纪要|纪要|总结|全文概要|概要|摘要|内容摘要|要点|重点|待办|待办事项|章节速览|"
    r"发言总结|问答回顾|AI\s*(?:总结|摘要)|(?:AI |Meeting )?Summary|Overview|Outline|Key points|Highlights|Action items|"
    r"Next steps|Notes|Key takeaways|Takeaways|Meeting purpose|Purpose|Topics|Quick recap)\s*[:：]?\s*$", re.IGNORECASE)
_TOOLS_SUMMARY = re.compile(r"^\s*(?:#+\s*)?(?:智能纪要|AI\s*(?:纪要|总结|摘要)|全文(?:概要|摘要|总结)|章节速览|发言人?总结|"
                            r"AI summary|Meeting summary|Smart summary)\s*[:：]?\s*$", re.IGNORECASE)
SUMMARY = "the transcription tool's summary"


def summary(plains: Sequence[str], why_not_said) -> set[int]:
    """The lines of a tool's summary: from the first summary heading to the heading the transcript
    itself starts under (文字记录, 原文, Transcript: `why_not_said` names it), when the one comes
    before the other; or, below the transcript, from a tool's own summary heading to the end."""
    # A heading's words are short: only such lines are worth a simplified copy (OpenCC is slow on a long file).
    start = next((i for i, p in enumerate(plains)
                  if len(re.sub(r"[\s#:：]", "", p)) <= 20 and _SUMMARY_HEADING.match(to_simplified(p))), None)
    if start is None:
        return set()
    end = next((i for i in range(start + 1, len(plains)) if why_not_said(plains[i]) == "the export's heading"), None)
    if end is not None:
        return set(range(start, end))
    # Below the transcript, only a heading no person writes over their words (`## AI 摘要`, 智能纪要,
    # `Meeting summary`) starts the tool's summary, which then runs to the end of the file; a summary
    # is shorter than what it sums up, so one with the longer part after it is above, not below.
    before, after = (sum(len(p.strip()) for p in part) for part in (plains[:start], plains[start:]))
    if before <= after or not _TOOLS_SUMMARY.match(to_simplified(plains[start])):
        return set()
    # and no one goes on speaking under it as they spoke above (`张三：…` under a closing 发言总结)
    spoke = {m.group(1) for p in plains[:start] if (m := _LABEL_START.match(p))}
    return set() if any((m := _LABEL_START.match(p)) and m.group(1) in spoke for p in plains[start:]) \
        else set(range(start, len(plains)))


_LABEL_START = re.compile(r"^\s*([^\s:：\-*•]{1,12})\s*[:：]")


# A recording's keywords, as meeting tools list them over their transcript: `关键词：` over `菜园、屋顶`,
# or Feishu's `财富 直播 老师` (Chinese words between spaces; English needs its commas).
_KEYWORDS = re.compile(r"^\s*(?:关键词|关键字|關鍵詞|關鍵字|(?:Summary )?Keywords|Key words|Tags|标签|標籤)(?:\s*[:：]\s*(?P<list>.*)|\s*)$",
                       re.IGNORECASE)
_SPACED_WORDS = re.compile(r"(?=.*[\u3400-\u9fff])[\w·]{1,12}(?:[ \u3000]+[\w·]{1,12})+")


def a_list(plain: str) -> bool:
    """Items between commas (`bees, hives`, `菜园、屋顶`), no sentence."""
    return len(plain) <= 300 and bool(re.search(r"[,，、]", plain)) and not re.search(r"[。！？!?]|\.\s|\.$", plain)


def keyword_lines(plains: Sequence[str], kinds: Sequence[str]) -> set[int]:
    """The lines of a recording's keywords: `关键词：菜园、屋顶`, or `关键词` over the list (`kinds`: each
    line's kind, Line.kind)."""
    out: set[int] = set()
    for n, plain in enumerate(plains):
        if (m := _KEYWORDS.match(plain)) is None:
            continue
        listed = (m.group("list") or "").strip()
        if listed and _keywords(listed):
            out.add(n)
        elif not listed and n + 1 < len(plains) and _keywords(plains[n + 1]):
            out.update((n, n + 1))
        elif not listed:  # a list's items, one a line: `# 关键词` over `- 杨家坪村`, `- 养蚕产业`
            items = 0
            while n + 1 + items < len(plains) and kinds[n + 1 + items] == "item" \
                    and re.fullmatch(r"[^。！？，,.!?：:；;]{1,20}", plains[n + 1 + items].strip()):
                items += 1
            if items >= 2:
                out.update(range(n, n + 1 + items))
    return out


def _keywords(plain: str) -> bool:
    return a_list(plain) or bool(_SPACED_WORDS.fullmatch(plain.strip()))
