"""What a published interview carries that nobody says: where the interview is over, the
publisher's pleas, captions, editors' notes, time stamps and subtitle cues. Built in, for every
transcript; voices.yaml's `script` rules add to them. Chinese rules are written in simplified
characters: the reader matches a traditional transcript through a simplified copy of each line.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from .credits import BYLINE_NAME
from .examination import Examination, examiner
from .header import SUMMARY, a_list, header, keyword_lines, summary
from .itself import said_of_itself
from .lists import ATTENDEES_INLINE, attendee_lines, chapter_list
from .times import DATE, DAY_DATE, LINE_CLOCK, TIMECODE, time_column
from .labels import SENTENCE_END, TIME_MARK
from .lines import Line, Piece, said_next
from .style import Style

SUBHEADING_CHARS = 24  # a subheading is short; a longer line alone is something said

END_MARKERS = re.compile(
    r"^\s*(?:推荐阅读|往期推荐|往期回顾|往期精选|相关阅读|延伸阅读|猜你喜欢|精彩推荐|热门推荐|推薦閱讀|延伸閱讀|"
    r"相關閱讀|Related (?:reading|articles|posts|episodes)|Further reading|Read more|More (?:from|episodes))\b",
    re.IGNORECASE)
# The publisher's pleas and notices, which nobody says: dropped as a short line anywhere.
PLEA = re.compile(
    r"关注我们|关注公众号|点击关注|长按|扫码|扫描二维码|二维码|点个?[赞在]看|点赞|按赞|在看|星标|置顶|订阅我们|"
    r"欢迎订阅|点击订阅|欢迎转发|留言区|评论区|未经授权|禁止转载|转载请|版权所有|版权归|侵权|侵删|原创声明|追踪我们|"
    r"订阅电子报|加入会员|成为会员|赞助我们|支持我们|"
    r"subscribe|newsletter|follow us|become a (?:member|patron|subscriber)|support (?:us|the show|our work)|"
    r"donate|patreon|rate and review|leave (?:us )?a review|all rights reserved|copyright|©|\(c\) \d{4}|"
    r"sponsored by|this transcript",
    re.IGNORECASE)
# After the last turn, the reader is addressed more loosely: share, support, the app, the site.
READER_ADDRESS = re.compile(
    PLEA.pattern + r"|订阅|分享|转发|赞助|打赏|会员|电子报|追踪|下载.{0,8}(?:APP|App|app|应用)|喜欢(?:这篇|本文|我们)|"
    r"欢迎(?:留言|加入|关注)|sign up|share (?:this|it)|if you (?:liked|enjoyed)|visit (?:us|our)", re.IGNORECASE)
CAPTION_START = re.compile(r"^\s*(?:图|圖|图为|圖為|图片|圖片|图源|圖源|摄影|攝影|上图|下图|▲|△|↑|Photo|Image|Pictured|Source)")
CAPTION_CHARS = 40  # a caption is short; a longer line after an image is what someone says
# An editor's note in brackets after the last turn: （本文由记者根据录音整理）, [Transcript edited].
EDITORS_NOTE = re.compile(r"^\s*[（(【\[].*[）)】\]]\s*$")

# When, not what: `1:15 P.M. EDT`, `END 2:30 P.M.`, `9:01 am`, `(01:09)`, `00:12:33`, `[04:01]`.
_TIME_ONLY = re.compile(
    rf"^\s*(?:END\s+)?[\[(（]?{TIMECODE}[\])）]?\s*(?:[AaPp]\.?\s?[Mm]\.?)?"
    r"\s*(?:[A-Z]{2,4}T|UTC|GMT)?\s*$"
    r"|^\s*[\[(（]\s*\d{1,2}[.:]\d{2}\s*[AaPp]\.?\s?[Mm]\.?\s*[\])）]\s*$")  # a British record's `(10.00 am)`
# A span of time, as exports head each utterance: `00:00:07-00:00:31 (23 sec)`, `[00:01] – [00:05]`, and a
# video editor's timecode with its frames (Premiere's `00:00:04:12 - 00:00:06:03`, `;` where frames drop).
_CLOCK = rf"[\[(（]?{TIMECODE}[\])）]?"
_TIME_SPAN = re.compile(rf"^\s*{_CLOCK}\s*(?:[-–—~]|to)\s*{_CLOCK}\s*(?:[(（]\s*(?:\d+(?:\.\d+)?)?\s*"
                        r"(?:s|secs?|seconds?|mins?|minutes?)\s*[)）])?\s*$")
# A cue's timing, as subtitles and Teams' Word transcripts write it: 00:01:02,500 --> …, 0:0:5.320 --> 0:0:9.10.
_CUE_TIMING = re.compile(r"^\s*\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?\s*-->\s*\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?")

# What happens rather than what is said, a line of its own: [Laughter], (Applause.), （笑）,
# [The press briefing resumes]. Short, and in brackets from end to end; or, in a meeting's verbatim
# record, a line of its own that says what the meeting did (`The meeting rose at 11.40 a.m.`).
STAGE_DIRECTION = re.compile(r"^\s*(?:[\[【〔][^\[\]【】〔〕]{1,60}[\]】〕]|[(（][^()（）]{1,60}[)）]|"
                             r"The (?:meeting|sitting|session|hearing) (?:rose|adjourned|was (?:called to order|suspended|"
                             r"resumed|adjourned|closed|opened))\b[^!?]{0,40}|The agenda was adopted\.|"
                             r"[A-Z][\w'’]*(?:\s[\w'’]+){0,3}\sinterjecting\W{0,2})\s*$")  # a house's `Opposition members interjecting—`
SUNG = re.compile(r"^\s*[♪♫]")  # captions mark a song's words so: `♪ La la la ♪`
# A photo's credit, on a line of its own or glued after what someone said (a newspaper's Q&A):
# 资料图片, 图／新华社, （记者张三摄）, (Photo: Reuters). Matched on a simplified copy.
_PHOTO_CREDIT = re.compile(
    r"(?P<credit>[（(【\[]?\s*(?:资料图片|资料相片|资料照片|档案照片|档案图片|网上图片|网络图片|图片来源\s*[:：]?\s*\S{1,20}|"
    r"图片\s*[:：/／]\s*\S{1,20}|图\s*[/／:：]\s*\S{1,20}|(?<=[（(])[^（()）]{0,12}摄|(?:记者|摄影记者)\s*\S{2,4}\s?摄|"
    r"摄影\s*[:：/／]\s*\S{1,20}|(?:File )?Photo(?:graph)?(?: by|:)\s[^.()]{1,40}|File photo|Getty Images|"
    r"AP Photo(?:/[^\s)]+)?|Reuters(?:/[^\s)]+)?)\s*[）)】\]]?)\s*$", re.IGNORECASE)


_BRACKETED_CAPTION = re.compile(r"^\s*[（(【\[]\s*(?:图|图片|图为|摄影|上图|下图|Photo|Image|Pictured)\s*[:：].{1,80}[）)】\]]\s*$",
                                re.IGNORECASE)
_CAPTIONED = re.compile(r"[，,]\s*(?:照片|图片|图)\s*均?\s*(?:为|由)\s*\S{2,12}?\s*(?:摄|拍摄|提供)\s*。?\s*$")


def photo_credit(text: str) -> int | None:
    """Where a photo credit starts in `text` (0: the whole line is one), if it ends with one that
    stands on its own or after the end of a sentence."""
    if len(text) <= 60 and _CAPTIONED.search(text) or _BRACKETED_CAPTION.match(text):
        return 0  # 白岩松接受专访，照片均为蔡艺芃摄。 (图：朱大明与罗小华。资料图片): the line is a caption
    m = _PHOTO_CREDIT.search(text)
    if m is None:
        return None
    start = m.start("credit")
    before = text[:start].rstrip()
    if before and not re.search(rf"[{re.escape(SENTENCE_END)}.]$", before):
        return None
    return start


# A record's heading run into the line by a PDF's text layer, after someone's last sentence and
# before the next label: `…Mr. Cooper? ORAL ARGUMENT OF CHARLES J. COOPER ON BEHALF OF THE PETITIONERS MR. COOPER: …`
# So is a programme's cue in brackets before a label, on its line: `【瞬间】记者：请点我！`, `【同期】张三：…`.
GLUED_HEADING = re.compile(r"(?:(?<=[.?!…])|^)\s*(?P<heading>(?:[A-Z][A-Z'’.\-]*,?\s+){3,}[A-Z][A-Z'’.\-]*)\s*$"
                           r"|^\s*(?P<cue>[【［\[][^】］\]\d:：]{1,10}[】］\]])\s*$")
# An export that numbers each utterance after its quotation: `"I am back." 2`.
_NUMBERED_QUOTE = re.compile(r'^\s*["“](?P<said>.*)["”]\s+(?P<number>\d{1,6})\s*$')


def numbered_quotes(lines: Sequence[Line]) -> dict[int, tuple[str, str]]:
    """Lines written as a quotation and its number, in a file that writes its words so (three
    lines or more, numbered upwards): line index -> (the words without the quotes, the number)."""
    found = {i: m for i, ln in enumerate(lines) if (m := _NUMBERED_QUOTE.match(ln.plain))}
    numbers = [int(m.group("number")) for m in found.values()]
    if len(found) < 3 or numbers != sorted(numbers):
        return {}
    return {i: (m.group("said").strip(), m.group("number")) for i, m in found.items()}


# A date on its own, or a page's `Published May 1, 2024` / `发布于 2024-05-01`.
_DATE_ONLY = re.compile(r"^\s*(?:(?:Published|Posted|Updated|Recorded|Aired|Date|发布于|发布时间|发表于|更新于|录制于|日期)"
                        rf"\s*(?:on\s+)?[:：]?\s*)?(?:[A-Z][a-z]+day,?\s+)?{DATE}"
                        r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?)?"
                        rf"(?:\s+(?:by|·|\|)\s+{BYLINE_NAME})?\s*$")  # a post's `… by Maya Lin`
# A page's number as a Word file's or a PDF's footer prints it: `Page 1 of 3`, `第 2 页 共 5 页`, `- 3 -`.
_PAGE = re.compile(r"^\s*(?:Page\s+\d+(?:\s*(?:of|/)\s*\d+)?|第\s*\d+\s*页\s*[，,]?\s*(?:共\s*\d+\s*页)?|[-–]\s*\d+\s*[-–])\s*$",
                   re.IGNORECASE)
# A link alone, or the recording's with a few words before it (`VIEW RECORDING - 29 mins: https://…`, the
# link itself left out by a copy that kept only the words).
_LINK_ONLY = re.compile(r"^\s*(?:[^.!?。！？]{0,60}(?:view|watch|listen|recording|video|audio|link|replay|回放|录音|录像|视频|"
                        r"音频|链接)[^.!?。！？]{0,60}[:：\-–—]\s*)?<?https?://\S+>?\s*$|^\s*(?:view|watch) recording\b.{0,60}$",
                        re.IGNORECASE)
_BREADCRUMB = re.compile(r"^\s*[^>›»\n]{1,16}(?:\s*[>›»]\s*[^>›»\n]{1,16}){2,}\s*$")
# (and Word's own Transcribe, its `Audio file` heading over the recording's file name)
_TRANSCRIPT_HEADING = re.compile(r"^\s*(?:Transcript|Transcription|Full transcript|Chapters|Timestamps|Audio file|Media file|"
                                 r"Recording|音频文件|录音文件|文字记录|文字記錄|"
                                 r"文字稿|逐字稿|速记稿|速記稿|章节|章節|时间轴|時間軸|原文|对话原文|對話原文|"
                                 r"转录|转写|轉錄|轉寫|(?:(?:访谈|訪談|采访|採訪|会议|會議|对话|對話|时间轴|時間軸|完整)(?:与|與|和|及)?){0,2}(?:转录|转写|轉錄|轉寫)?"
                                 r"(?:内容|內容|结果|結果|文本|全文|记录|記錄|实录|實錄))\s*[:：]?\s*$", re.IGNORECASE)
# A recording's details on one line: its date, time, length and word count (`2024年5月12日 上午 10:00 |
# 28分钟 3秒`, `May 12, 2024 · 28 min`, `时长：28:03`, `时长: 186秒 | 字数: 412`), and nothing else but bars,
# dots and spaces between them.
_WHEN_PART = re.compile(r"(?:时长|時長|录音时长|Duration|Length)\s*[:：]?|(?:字数|字數|Words|Word count)\s*[:：]?\s*[\d,]+"
                        r"|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?|星期[一二三四五六日天]|周[一二三四五六日]"
                        rf"|{DAY_DATE}"
                        r"|(?:上午|下午|晚上|早上|中午)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?"
                        r"|\d+\s*(?:小时|小時|分钟|分鐘|分|秒|(?:hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b)", re.IGNORECASE)


def recording_details(plain: str) -> bool:
    """A line that is only when the recording was made and how long it is."""
    parts = _WHEN_PART.findall(plain)
    return len(plain) <= 80 and len(parts) >= 2 and not re.sub(r"[\s|｜·•丨,，/]+", "", _WHEN_PART.sub("", plain))


_BREAK = re.compile(r"^\s*(?:Break|Ad break|Mid-roll|Intermission|Sponsor(?: break)?|广告|中场休息|插播)\s*[:：]?\s*$", re.IGNORECASE)


# A PDF's page number run into the paragraph that starts the page, before its label: `2 Patrick Lee: This begins…`.
_PAGE_BEFORE_LABEL = re.compile(r"^\s*(?P<page>\d{1,3})\s+(?=(?:[A-Z][\w.'’-]*\s){1,3}[A-Z][\w.'’-]*:\s+\S)")


def said_lines(lines: Sequence[Line]) -> tuple[list[Line], list[tuple[int, str, str]]]:
    """The lines that may be said, and (line, text, why) for each one that never is: cue timings
    and numbers, time stamps, dates, links, a call's notes and attendees, a chapter list, a
    record's examination headers. Under such a header, `Q.` and `A.` lines become the examining
    lawyer's and the witness's labelled lines."""
    kept: list[Line] = []
    unsaid: list[tuple[int, str, str]] = []
    plains = [ln.plain for ln in lines]
    attendees = attendee_lines(plains)
    keywords = keyword_lines(plains, [ln.kind for ln in lines])
    listed = chapter_list(plains)
    details = header(plains)
    details.update(dict.fromkeys(summary(plains, cue_furniture), SUMMARY))
    record = Examination(plains)
    column = time_column(plains)
    for n, ln in enumerate(lines):
        if column and ln.pieces and (m := LINE_CLOCK.match(ln.plain)) and ln.pieces[0].text.startswith(m.group()):
            ln = dataclasses.replace(ln, pieces=(dataclasses.replace(ln.pieces[0], text=ln.pieces[0].text[m.end():]),
                                                 *ln.pieces[1:]))
        reason = cue_furniture(ln.plain) or ("the list of who took part" if n in attendees else None) or \
            ("the episode's chapter list" if n in listed else None) or ("the recording's keywords" if n in keywords else None) or \
            details.get(n)
        if reason == "time stamp" and n and _wrapped_clock(lines[n - 1], ln):
            reason = None
        if not reason and n + 1 < len(lines):
            reason = _numbered(ln, lines[n + 1])
        if reason := record.unsaid(n, reason):
            unsaid.append((ln.number, ln.plain, reason))
        elif len(ln.pieces) == 1 and (m := _PAGE_BEFORE_LABEL.match(ln.plain)):
            unsaid.append((ln.number, m.group("page"), "a page number before a label"))
            kept.append(dataclasses.replace(ln, pieces=(dataclasses.replace(ln.pieces[0], text=ln.plain[m.end():]),)))
        elif question := record.asked(ln.plain):
            kept.append(dataclasses.replace(ln, pieces=(Piece(question),)))
        else:
            kept.append(ln)
    return kept, unsaid


def _wrapped_clock(above: Line, ln: Line) -> bool:
    """A clock said at the end of a sentence that a printed page wrapped onto a line of its own
    (`The time is` over `9:02 a.m.`): the sentence runs on into it, and it ends the sentence."""
    return above.para == ln.para and len(above.plain) >= 25 and bool(re.search(r"[a-z,]$", above.plain)) \
        and bool(re.search(r"[AaPp]\.?\s?[Mm]\.?$|\d\.$", ln.plain.strip()))


def _numbered(ln: Line, nxt: Line) -> str | None:
    """A number over what it numbers: a subtitle cue's, or a section's over its heading (a web
    page's `02 Topic` above `<h2>Trends…</h2>`)."""
    if ln.plain.isdigit() and cue_furniture(nxt.plain) == "subtitle cue timing":
        return "subtitle cue number"
    if nxt.kind == "heading" and ln.kind == "text" and re.fullmatch(r"\W*\d{1,3}\W*[^\W\d]{0,12}\W*", ln.plain):
        return "the section's number over its heading"
    return None


def cue_furniture(plain: str) -> str | None:
    """Why a line is never said, if it is a time stamp, a date, a bare link, a site's
    navigation, a break in the show, or a subtitle file's own line."""
    if _CUE_TIMING.match(plain):
        return "subtitle cue timing"
    if plain.strip() in ("WEBVTT", "\ufeffWEBVTT") or plain.startswith("WEBVTT "):
        return "subtitle file header"
    if _TIME_ONLY.match(plain) or _TIME_SPAN.match(plain):
        return "time stamp"
    if _DATE_ONLY.match(plain):
        return "date stamp"
    if recording_details(plain):
        return "the recording's date and length"
    if _PAGE.match(plain):
        return "a page number"
    if (m := ATTENDEES_INLINE.match(plain)) and (a_list(m.group("list")) or "@" in m.group("list")):
        return "the list of who took part"
    if _LINK_ONLY.match(plain):
        return "a link on its own"
    if _MEDIA_FILE.match(plain):
        return "the recording's file"
    if _SETTINGS.match(plain):
        return "the transcription tool's settings"
    if _BREADCRUMB.match(plain):
        return "the site's navigation"
    if _BREAK.match(TIME_MARK.sub(" ", plain)):
        return "a break in the show"
    if _FIGURE.match(plain):
        return "a figure's caption"
    if _LEADERS.search(plain):
        return "a list's leader dots (who sits where, what is on which page)"
    if _TRANSCRIPT_HEADING.match(plain):
        return "the export's heading"
    if reason := said_of_itself(plain):
        return reason
    if examiner(plain):
        return "who examines the witness next (a deposition's or hearing's header)"
    return None


# The recording a tool transcribed, named on a line of its own: `Audio file: ./Interview 3.mp3`.
# (Under a key that says so, or a bare path: a sentence that ends on a file's name is said.)
_MEDIA_FILE = re.compile(r"^\s*(?:[\w ]{0,20}(?:audio|video|media|source|file|recording|datei|fichier|archivo|音频|录音|文件)[\w ]{0,20}"
                         r"[:：]\s*\S.{0,200}|(?:\.{0,2}/|~/|[A-Z]:\\)?[^\s/\\:：]*(?:[/\\][^/\\]+)*)"
                         r"\.(?:mp3|wav|m4a|aac|flac|ogg|opus|wma|mp4|m4v|mov|webm|mkv|avi)\s*$", re.IGNORECASE)
# A transcription tool's settings in a line: `(Language: English (en) | Speaker detection: auto | …)`.
_SETTINGS = re.compile(r"^\s*[(\[]?\s*[^\W\d_][\w ]{0,30}:\s*[^|:]{1,40}(?:\|\s*[^\W\d_][\w ]{0,30}:\s*[^|:]{1,40}){2,}[)\]]?\s*$")
# A row of a list set with leader dots between its columns (a verbatim record's `China ........ Mr. Fu
# Cong`, a table of contents): a table, never said; an ellipsis is rarely longer than six dots.
_LEADERS = re.compile(r"\S\s?(?:\.\s?){8,}\s*\S")
# A numbered figure's or table's caption in a printed transcript (`Fig. 35: Still from the interview…`,
# `Afb. 2.`, `Abb. 3:`, `图1：`): never said, though written like a label.
_FIGURE = re.compile(r"^\s*(?:(?:Fig(?:ure)?|Afb(?:eelding)?|Abb(?:ildung)?|Ill(?:ustration)?|Table|Tab(?:el|le)?|Photo|Foto|"
                     r"Image|Bild|Plate|Exhibit)\.?\s*\d+(?:[.\-]\d+)*[a-z]?\s*(?:[:：.．]|\s[-–—])|[图圖表]\s*\d+(?:[.\-]\d+)*\s*[:：.．\s])\s*\S",
                     re.IGNORECASE)


_PART_NUMBER = re.compile(r"(?:\d{1,2}|[IVX]{1,4}|[一二三四五六七八九十]{1,3})[.、．]")


def subheading(lines: Sequence[Line], i: int, found: Style, clean: str, lead_in: bool = False,
               after_title: bool = False) -> bool:
    """A short line standing alone between turns, without the punctuation a sentence ends with:
    a section's title inside the dialogue, not something said. Before the dialogue (`lead_in`),
    only after a finished sentence of the introduction (or right `after_title`, nothing said yet)
    and right over the first label, alone or in two lines: `…畅谈“我与人民日报”的故事。` /
    `回忆70年代初进人民日报` / `主持人：…`."""
    if not _heading_shape(lines, i, found, clean):
        return False
    prev = said_next(lines, i, -1)
    if prev is not None and prev in found.labels and found.labels[prev].below:
        return False  # a label alone on its line: what follows it is its speaker's words (`Dark Mode is always appreciated`)
    if lead_in:
        return _over_first_label(lines, i, found, after_title or bool(_PART_NUMBER.fullmatch(clean)))
    ln = lines[i]
    before, after = lines[i - 1] if i else None, lines[i + 1] if i + 1 < len(lines) else None
    # (right over a label alone on its line, it may share its paragraph: `Origins` / `Lex Fridman` / the words)
    over_label = i + 1 in found.labels and found.labels[i + 1].below
    alone = (before is None or before.para != ln.para) and (after is None or after.para != ln.para or over_label)
    nxt = said_next(lines, i, 1)
    return alone and nxt is not None and (nxt in found.labels or ends_sentence(lines, i))


def _heading_shape(lines: Sequence[Line], i: int, found: Style, clean: str) -> bool:
    ln = lines[i]
    if ln.kind not in ("text", "quote") or found.inline.get(i) or not clean or ln.start is not None or i in found.labels:
        return False  # a caption's cue without a label (`But`) is said: its time is in the recording
    english = not re.search(r"[\u3400-\u9fff]", clean)
    # A record's heading in capitals (`STATEMENT OF DR. JANE ROE, DIRECTOR, NATIONAL WIDGET LABORATORY`)
    # may be longer and hold commas; not a caption's cue, which may be in capitals throughout.
    capitals = english and len(clean.split()) >= 3 and clean.upper() == clean and sum(c.isalpha() for c in clean) >= 10
    if len(clean) > (120 if capitals else 60 if english else SUBHEADING_CHARS) or \
            (english and not capitals and len(clean.split()) > 8):
        return False
    if _PART_NUMBER.fullmatch(clean):
        return True  # a part's number alone (`2.`, `二、`): the next interview, or the next part of one
    if ln.all_strong and len(clean) <= SUBHEADING_CHARS:
        clean = re.sub(r"\s*[:：]$", "", clean)  # `**管理人员：**`, bold and alone: a section's title, not a label
    if re.search(rf"[{re.escape(SENTENCE_END)}.,，、；;:：]$", clean) or (re.search(r"[，,；;]", clean) and not capitals):
        return False
    if re.search(r"(?:--|[—–])$", clean):
        return False  # cut off, as a record writes a sentence someone broke off: `Second of all --`
    if english and re.search(r"[a-z]{2}[.!?]\s+\S", clean) and not all(w[0].isupper() or not w[0].isalpha() for w in clean.split()):
        return False  # a sentence ended inside it, more words after: said (`Hello. Are you there`), not a title
    return not (english and not clean[0].isupper() or clean[0] in "“\"'「『(（")


def _over_first_label(lines: Sequence[Line], i: int, found: Style, after_title: bool = False) -> bool:
    before, after = said_next(lines, i, -1), said_next(lines, i, 1)
    first, last = i, i  # the heading's lines: this one, and the one above or below it
    if before is not None and _heading_shape(lines, before, found, lines[before].plain.strip()):
        first = before
    elif after is not None and _heading_shape(lines, after, found, lines[after].plain.strip()):
        last = after
    below = said_next(lines, last, 1)
    return (after_title or ends_sentence(lines, first)) and below is not None and below in found.labels


def ends_sentence(lines: Sequence[Line], i: int) -> bool:
    prev = said_next(lines, i, -1)
    return prev is not None and bool(re.search(rf"[{re.escape(SENTENCE_END)}.]$", lines[prev].plain))


def site_link(clean: str) -> bool:
    """A few words with no punctuation, after someone finished a sentence: a page's links
    (新闻热点, Related stories), not what they go on to say."""
    english = not re.search(r"[\u3400-\u9fff]", clean)
    short = len(clean.split()) <= 3 if english else len(clean) <= 8
    return short and not re.search(r"[\W_]", clean.replace(" ", ""))


def image_caption(clean: str) -> bool:
    """A short line right after an image that reads as a caption, not as what someone says."""
    if CAPTION_START.match(clean):
        return len(clean) <= 2 * CAPTION_CHARS
    return len(clean) <= CAPTION_CHARS and not re.search(r"[。！？!?.…”\"」]$", clean)
