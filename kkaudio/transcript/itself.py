"""What a transcript, its page or its tool says of itself, and nobody says: a call's notes, a
network's notice about its rush transcript, a page's own links, a site template's tags, a chat
client's notices."""

from __future__ import annotations

import re

from .times import CHAT_STAMP, TIME_MARK

# What a video call's transcript says of itself: `Meeting ended after 00:06:12 👋`, `Jane started
# transcription`, `This editable transcript was computer generated and might contain errors.`
_CALL_NOTE = re.compile(r"^\s*(?:(?:[Mm]eeting|[Rr]ecording|[Cc]all|[Tt]ranscription|[Tt]ranscript)\s+"
                        r"(?:ended|started|stopped|paused)(?:\s+(?:after|at)\s+[\d:]+)?|(?:[A-Z][\w'’.-]*\s+){1,4}(?:started|stopped)\s+(?:transcription|recording)|"
                        r"(?:[A-Z][\w'’.-]*\s){1,4}(?:joined|left) the (?:conference|meeting|call)|"  # Jitsi's, and its frame:
                        r"Transcript of (?:conference|meeting|call) held at .{1,120}|Transcript,? started at .{1,40}|End of transcript at .{1,60}|"
                        r".{0,60}\b[Tt]ranscript\b.{0,40}\b(?:computer|machine|automatically|auto)[- ]generated\b.{0,160})"
                        r"[^\w]*$")
# What a transcript says of itself (a network's `THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN
# ITS FINAL FORM…`, `This transcript has been edited for length and clarity.`, a Chinese site's
# `以下为访谈文字实录：`), and a page's own links (`Return to Transcripts main page`, `点击进入访谈页面`).
# Said of this transcript, not of transcripts in general (`we read the transcripts and found errors` is said).
_ABOUT_THE_TEXT = re.compile(
    r"^\s*(?=[^\n]{0,400}$)(?=.*\btranscripts?\b)(?=.*(?:\brush transcript\b|\bthis\b(?:\s+[\w-]+){0,3}\s+(?:transcript|copy)\b"
    r"[^.]{0,80}\b(?:may|might|has been|have been|was|is|should)\b|\btranscripts?\s+(?:are|is|was|were|has been|have been)\s+"
    r"(?:(?:human|machine|computer|automatically|manually|professionally|AI)[- ])?(?:created|produced|generated|edited|prepared|"
    r"made|provided)\b))[^:：]{0,400}$"
    r"|^\s*This (?:record|transcript|copy) contains the text of\b.{0,400}$"  # a verbatim record's (the UN's)
    # a chat assistant's words above the transcript it tidied: `Based on …, here is the transcribed dialogue …:`
    r"|^\s*(?:[^.!?\n]{0,160},\s*)?(?:here(?:'s|’s| is| are)|below is|the following is)\b[^.!?\n]{0,80}"
    r"\b(?:transcribed|formatted|cleaned|tidied|corrected|diarized|labell?ed|organized|organised|structured)\s+"
    r"(?:transcript|transcription|dialogue|conversation|interview)\b[^.!?\n]{0,160}[:：]\s*$"
    # a tool's note that a machine wrote it: `以上内容由AI生成，仅供参考`, `AI-generated content may be incorrect.`
    r"|^\s*(?:以上|本文|本)?(?:内容|內容|文字|文本|纪要|紀要|转写|轉寫)?(?:均)?(?:由|为|為)\s*AI\s*(?:生成|转写|轉寫|整理)[^。！？\n]{0,20}[。！]?\s*$"
    r"|^\s*AI-generated content (?:may be|might be|can be) (?:incorrect|inaccurate)\.?\s*$"
    r"|^\s*(?:以下|下面)(?:是|为|為)?[^。！？，,]{0,12}(?:实录|實錄|全文|文字稿|速记|速記|整理稿|摘编|摘編|节选|節選)"
    r"[^。！？，,]{0,6}[:：]?\s*$"
    r"|^\s*(?:Return to|Back to|Go back to|Skip to)\s[^.!?]{1,40}$|^\s*(?:点击|點擊)(?:进入|進入|查看)[^。！？]{0,12}$"
    r"|^\s*[【\[]?(?:查看原图|查看原圖|返回顶部|返回頂部|返回首页|返回首頁)[】\]]?\s*$",
    re.IGNORECASE)
# A chat client's lines about the log, not anyone's words: `--- Day changed Fri Jan 10 2020`,
# `--- Log opened …`, `-!- dave [~d@host] has joined #chan`, `*** alice is now known as al`.
_CHAT_NOTICE = re.compile(r"^\s*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s+)?(?:---|-!-|\*\*\*)\s+\S")
# What a chat app writes into its export (WhatsApp's), after the message's date and time.
_CHAT_APP_NOTE = re.compile(r"^\W*(?:Messages and calls are end-to-end encrypted\b.*|(?:[^:]{1,40}:\s+)?(?:<?(?:Media|image|audio|"
                            r"video|sticker|GIF|document) omitted>?|This message was deleted\.?|You deleted this message\.?)|.{1,60} (?:created group|"
                            r"changed the subject|changed this group's icon|joined using this group's invite link)\b.*)$",
                            re.IGNORECASE)
_TEMPLATE_TAG = re.compile(r"\s*\{%.*%\}\s*")  # Jekyll's and Liquid's `{% irc %}`


def said_of_itself(plain: str) -> str | None:
    """Why the line is the transcript's or its page's own note, if it is one."""
    if _CALL_NOTE.match(TIME_MARK.sub("", plain, count=1) if TIME_MARK.match(plain) else plain):  # `<7:35 AM> Tom joined…`
        return "the call's own note"
    if _ABOUT_THE_TEXT.match(plain):
        return "what the page says of the transcript, or its own link"
    if _TEMPLATE_TAG.fullmatch(plain):
        return "a site template's tag ({% … %})"
    if _CHAT_NOTICE.match(plain):
        return "the chat log's own notice"
    if (stamped := CHAT_STAMP.sub("", plain)) != plain and _CHAT_APP_NOTE.match(stamped):
        return "the chat app's own note"
    return None
