"""Times written into a transcript's lines that nobody says: a time mark in brackets, a clock or a
span before a label, a tool's time after it, a chat export's date and time before the sender."""

from __future__ import annotations

import re

# A time mark in a transcript ([04:01], (01:02:03), （11時24分）), or a span of them as speech-to-text
# tools write it ([0.00s -> 2.50s], (00:01.000 --> 00:03.000)): when, not what is said.
CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?"
# A clock, or a video editor's timecode with its frames after the seconds (Premiere's `00:00:04:12`,
# `;` where frames drop): the frames are under a second, and a timecode is a time as a clock is.
TIMECODE = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+|[:;]\d{2})?"
_WHEN = rf"(?:{CLOCK}|\d+(?:\.\d+)?\s?s)"
_UNTIL = r"\s*(?:-->|->|[-–—~]|to)\s*"
# FunASR's raw lines write start and end as minutes:seconds with a comma between ([0:0.930,0:1.780]),
# and the diarizer's speaker index after them: `[0:0.930,0:1.780,0]  你好啊。`
_MS = r"\d{1,3}:\d{1,2}(?:\.\d+)?"
# A name and a time inside one pair of brackets before the words: `【张三 00:01:02】…`, `[Jane Doe 00:01]`.
NAME_TIME_BRACKET = re.compile(rf"^\s*[\[【［]\s*(?P<name>[^\[\]【】［］\d:：]{{1,40}}?)\s+{CLOCK}\s*[\]】］]\s*(?=\S)")
TIMED_ID = re.compile(rf"^\s*\[\s*{_MS}\s*,\s*{_MS}\s*,\s*(?P<spk>\d{{1,3}})\s*\]\s*(?=\S)")
_BRACKETED_CLOCK = rf"[\[(（【［]\s*{CLOCK}\s*[\])）】］]"
TIME_MARK = re.compile(rf"(?:\s*{_BRACKETED_CLOCK}{_UNTIL}{_BRACKETED_CLOCK}\s*"  # [58:03] to [58:19]
                       rf"|\s*[\[(（【［]\s*(?:{CLOCK}(?:{_UNTIL}{CLOCK})?|{_WHEN}{_UNTIL}{_WHEN}|{_MS}\s*,\s*{_MS}|"
                       r"\d{1,2}\s*[時时点點]\s*\d{1,2}\s*分(?:\s*\d{1,2}\s*秒)?)\s*[\])）】］]\s*"
                       r"|\s*#\d{1,2}:\d{2}:\d{2}(?:[-.,]\d{1,3})?#\s*"  # and f4transkript's, easytranscript's `#00:01:22-6#`
                       rf"|\s*<\s*{CLOCK}(?:\s?[AaPp]\.?[Mm]\.?)?\s*>\s*)")  # and Jitsi's `<7:35:26 AM>`
# A tool's time right after a label, before the words: a clock no one says (00:00:01, 00:05), not 10:30.
CLOCK_AFTER = re.compile(r"^\s*(?:\d{1,2}:\d{2}:\d{2}|0\d:\d{2})(?:[.,]\d+)?\s+(?=\S)")
# A clock that starts a line before its label, without brackets: `00:00:01 Speaker 1: …`,
# `00:00:01 - Jane Doe` (the words below), `00:01.000 --> 00:03.000 SPEAKER_00: …`, Fathom's `@0:23 - Jane Doe`.
LEADING_CLOCK = re.compile(rf"^\s*@?{CLOCK}(?:{_UNTIL}{CLOCK})?\s*(?:[-–—|]\s*)?(?=\S)")
# A chat export's date and time before the sender: WhatsApp's `06/03/2024, 18:00 - Alice: …` and
# `[06/03/2024, 18:00:12] Alice: …`, `3/6/24, 6:00 PM - Alice: …`, WeChat's `2024-03-06 18:00:12 Alice`.
CHAT_STAMP = re.compile(r"^\s*\[?\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?\]?"
                        r"\s*(?:[-–—]\s*)?(?=\S)")
# A name, its time in brackets, its words: `Jane Doe [00:00:01] Welcome…` (Trint's export).
NAME_THEN_TIME = re.compile(rf"^\s*(?P<name>[^\W\d][^\[\]()（）:：.,!?。，！？]{{0,39}}?){TIME_MARK.pattern}(?P<rest>\S.*)$")
# A name, its time and its words on one line, no brackets: `Jane Doe 00:01:02 Welcome…`, `说话人 1 00:04:58上一段`
# (the words glued to the time, as some Chinese tools write it); not a span (`Jane 00:00 - 00:05`).
NAME_CLOCK_WORDS = re.compile(rf"^\s*(?P<name>[^\W\d][^\[\]()（）:：.,!?。，！？]{{0,39}}?)\s+{CLOCK}"
                              r"(?:\s+|(?=[^\W\d_]))(?![-–—~]|to\b)(?P<rest>\S.*)$")
# A clock alone after a name: `Jane Doe 00:00` over the words.
BARE_TIME = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?$")
# A calendar date as a transcript's page writes one: `2024-05-01`, `2024年5月1日`, `May 1, 2024`,
# `1 May 2024`, or a month and its year alone under a title (`November 2017`, `2017年11月`).
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DAY_DATE = rf"\d{{4}}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?|{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}}"
DATE = rf"(?:{DAY_DATE}|{MONTH}\s+\d{{4}}|\d{{4}}年\d{{1,2}}月)"


def untimed(text: str) -> str:
    """A line without the time marks in it."""
    return TIME_MARK.sub(" ", text).strip()


# A clock before the words of every line (`0:00 Hello…`, `00:01:02 Hello…`): the tool's column of
# times, when nearly every line of the file has one (a single line's clock may be a chapter's), or
# every line that has none is a name over them (`发言人1` over `00:04 你好…`). Left out as a label's
# time is, not listed line by line among what the reader dropped.
LINE_CLOCK = re.compile(rf"^\s*{CLOCK}\s+(?=\S)")
_NAME_ALONE = re.compile(r"^[^\W\d][^。！？!?.,，:：]{0,29}$")


def time_column(plains: list[str]) -> bool:
    said = [p.strip() for p in plains if p.strip()]
    clocked = sum(bool(LINE_CLOCK.match(p)) for p in said)
    if len(said) < 6 or clocked < 0.4 * len(said):
        return False
    return clocked >= 0.9 * len(said) or all(LINE_CLOCK.match(p) or _NAME_ALONE.match(p) for p in said)
