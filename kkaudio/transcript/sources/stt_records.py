"""One record of a speech-to-text export in JSON: what it says, who says it, and when.

The keys services use for each (stt_json.py reads the file and finds the list of records): text,
transcript or display for the words (or a key ending in such a word: FinalSentence), or the words
of a list under sentences, elements, words or alternatives; speaker, speaker_label, speakerTag,
role or a name inside an object for who (or in an object of the record's: `additions.speaker`; or the
first of a list of them: Zoom's `users`);
start, start_time or offset for when. Keys are compared in lower case (the file's keys are lowered as it
is read).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

TEXT_KEYS = ("text", "transcript", "transcription", "display", "content", "body", "utterance", "utt", "sentence",
             "phrase", "caption", "message", "punctuated_word", "value", "word", "onebest", "w")
# Other services' names for the text end in one of those words (Tencent's FinalSentence, a
# written_text); of such keys, the words as written come first, the forms made for search last.
TEXT_SUFFIX = re.compile(r"(?:text|sentence|transcript|content|utterance)$")
WRITTEN_FIRST = re.compile(r"^(?:final|written|display|punctuated|formatted|best)")
NOT_WRITTEN = re.compile(r"^(?:slice|lexical|raw|itn|masked|normali[sz]ed|token|phone|pinyin|lang|translat|source|target)")
SPAN_KEYS = ("timestamp", "time", "span", "dur", "interval", "offsets")  # [start, end] in one list
NESTED_TEXT = ("sentences", "elements", "words", "terms", "tokens", "items", "alternatives", "nbest",
               "lines", "fragments", "segments", "utterances", "phrases", "rt", "ws", "cw", "res")  # iFlytek: rt, ws, cw; Baidu: res
FIRST_ONLY = ("alternatives", "nbest", "cw")  # other hearings of the same words: the first is the best
SPEAKER_KEY = re.compile(r"^(?:speakers?(?:[_ ]?(?:label|name|id|tag|info|number|role))?|spk(?:_?id)?|participants?"
                          r"(?:_?(?:id|name|role))?|users?|role|rl|author|who|channel_?(?:label|tag))$", re.IGNORECASE)
NAME_KEYS = ("name", "display_name", "displayname", "speaker_name", "speakername", "full_name", "username", "user_name",
             "label", "title")
ID_KEYS = ("id", "speaker", "speaker_id", "speakerid", "spk", "label", "tag")
START_KEYS = ("start", "start_time", "starttime", "start_s", "start_ms", "startms", "begin", "ts", "offset", "from",
              "time", "bg", "startoffset", "start_offset", "offsetinticks")
END_KEYS = ("end", "end_time", "endtime", "end_s", "end_ms", "endms", "end_ts", "to", "ed", "endoffset", "end_offset")
_MS_KEYS = ("bg", "ed")  # iFlytek's, in milliseconds
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
CJK_OR_MARK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")  # and full-width marks: ，。
# The prefix may come twice where a tool prefixes the diarizer's own id (speaker_SPEAKER_04).
ID = re.compile(r"^(?:(?:speaker|spk|spkr|s|ch|channel)[\s_\-]*){0,2}(?P<tail>\d{1,3}|[A-Za-z])$", re.IGNORECASE)


@dataclass
class Said:
    """What one record says, who says it (as the file writes it), and when."""

    speaker: str | None  # as the file writes it
    text: str
    start: float | None
    end: float | None


def record_said(record: dict, ms: bool = False) -> Said:
    """`ms`: whether the list this record is in counts bare integer times in milliseconds (said_all)."""
    start, end = record_time(record, START_KEYS, ms), record_time(record, END_KEYS, ms)
    if start is None and (span := _span(record)) is not None:  # `"timestamp": [0.0, 3.16]`
        start, end = (x / 1000 if ms and isinstance(x, int) else float(x) for x in span)
    return Said(record_speaker(record), record_text(record), start, end)


def said_all(records: list[dict]) -> list[Said]:
    """record_said over one list, its bare integer times in one unit for the whole list: FunASR's
    sentences start at 370 and at 1600, both milliseconds (a unit guessed record by record read the
    first as 370 seconds)."""
    ms = _in_milliseconds(records)
    return [record_said(r, ms) for r in records]


def _whole(value: Any) -> Any:
    """A time written as digits in a string ("2000") as the integer it is; anything else as it is."""
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


def _span(record: dict) -> list | None:
    return next((v for k in SPAN_KEYS if isinstance(v := record.get(k), list) and len(v) == 2
                 and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)), None)


def _bare(key: str) -> bool:
    """A time's key that does not say its unit (`start`, `start_offset`; not `start_ms`, `bg`)."""
    return not key.endswith(("ms", "_s", "ticks")) and key not in _MS_KEYS


def _in_milliseconds(records: list[dict]) -> bool:
    """Whether a list's bare integer times (start, end, start_offset… or a [start, end] span) are
    milliseconds: they reach 1000 and its records last, or follow each other, by more than 30
    units (half a minute a sentence would be long; 30 ms is short)."""
    starts, lengths = [], []
    for record in records:
        start = _whole(next((record[k] for k in START_KEYS if k in record and _bare(k)), None))
        end = _whole(next((record[k] for k in END_KEYS if k in record and _bare(k)), None))
        if start is None and (span := _span(record)) is not None:
            start, end = span
        if isinstance(start, float) or isinstance(end, float):
            return False  # a unit with decimals is seconds
        if isinstance(start, int) and not isinstance(start, bool):
            starts.append(start)
            if isinstance(end, int) and not isinstance(end, bool):
                lengths.append(end - start)
    if not starts or max(starts) + max(lengths, default=0) < 1000:
        return False
    steps = sorted(lengths) if len(lengths) >= len(starts) / 2 else sorted(
        b - a for a, b in zip(sorted(starts), sorted(starts)[1:]))
    return bool(steps) and steps[len(steps) // 2] > 30


def record_text(record: dict, depth: int = 0) -> str:
    for key in TEXT_KEYS:
        value = record.get(key)
        if isinstance(value, str):
            return value
    suffixed = [k for k, v in record.items()
                if isinstance(v, str) and v.strip() and TEXT_SUFFIX.search(k) and not NOT_WRITTEN.match(k)]
    if suffixed:
        return record[min(suffixed, key=lambda k: not WRITTEN_FIRST.match(k))]
    if depth > 2:
        return ""
    for key in NESTED_TEXT:
        value = record.get(key)
        if isinstance(value, str) and key in ("words", "sentences", "tokens") and " " in value.strip():
            return value  # NeMo's diarized sentences: `"words": "It started with one tomato."`
        if isinstance(value, list) and value:
            if key in FIRST_ONLY:
                value = value[:1]
            if all(isinstance(v, str) for v in value):
                return join_pieces(value, raw=False)
            children = [v for v in value if isinstance(v, dict)]
            if children:
                raw = any(c.get("type") in ("punct", "punctuation") and isinstance(c.get("value"), str)
                          and c["value"].strip() == "" for c in children)  # Rev: spaces are elements too
                pieces = [(record_text(c, depth + 1), c.get("type")) for c in children]
                return join_pieces([p for p, _ in pieces], raw=raw, kinds=[k for _, k in pieces])
    return ""


def join_pieces(pieces: list[str], raw: bool, kinds: list[Any] | None = None) -> str:
    """Words back into text: spaces between words, none before punctuation or between CJK characters.
    Tokens that carry their own spaces (Soniox's and Whisper's ` hav`, `ing`; ElevenLabs' spacing
    tokens) are joined as they are: a word may come in pieces."""
    spaced = sum(p[:1].isspace() for p in pieces)
    if raw or (spaced >= len(pieces) / 3 and spaced < len(pieces)):
        return "".join(pieces)
    out = ""
    for i, piece in enumerate(pieces):
        piece = piece.strip()
        if not piece:
            continue
        punct = (kinds and kinds[i] in ("punctuation", "punct")) or re.fullmatch(r"[^\w\s]+", piece)
        if out and not punct and not (CJK_OR_MARK.match(out[-1]) and CJK_OR_MARK.match(piece[0])):
            out += " "
        out += piece
    return out


def record_speaker(record: dict) -> str | None:
    found = [name for key, value in record.items() if SPEAKER_KEY.match(key) and (name := scalar(value)) is not None]
    if found:  # a name (Rev's speaker_info, a speaker_name) over an id (speaker: 0)
        return next((n for n in found if not ID.match(n)), found[0])
    # Speechmatics: the speaker is in the first alternative; Volcengine: in the record's `additions`.
    inner = [v[0] for k in FIRST_ONLY if isinstance(v := record.get(k), list) and v and isinstance(v[0], dict)]
    inner += [v for v in record.values() if isinstance(v, dict)]
    return next((name for d in inner for k, v in d.items() if SPEAKER_KEY.match(k) and (name := scalar(v)) is not None),
                None)


_SNAKE_NAME = re.compile(r"^[A-Z][a-z'’\-]+(?:_[A-Z][a-z'’\-]+)+$")


def readable_id(raw: str) -> str:
    """A speaker id as a name a person can read and rename: 0 -> Speaker 0, "A" -> Speaker A,
    SPEAKER_01 -> Speaker 1, a name written as an identifier with spaces (Randy_Yates -> Randy
    Yates); anything else (a name) as it is."""
    m = ID.match(raw)
    if m is None:
        return raw.replace("_", " ") if _SNAKE_NAME.match(raw) else raw
    tail = m.group("tail")
    return f"Speaker {int(tail) if tail.isdigit() else tail.upper()}"


# An id no one would call a person: a directory's object id (Teams writes `<v 68f0e9b4-…@72f9…>`), a hash.
OPAQUE = re.compile(r"^(?:[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}(?:@\S+)?|[0-9a-f]{16,})$", re.IGNORECASE)


def readable_ids(raws: Iterable[str]) -> dict[str, str]:
    """Speaker ids, in the order they are first heard, as names a person can read and rename:
    readable_id's, and opaque ids (GUIDs) as Speaker 1, Speaker 2, … in that order."""
    out: dict[str, str] = {}
    opaque = 0
    for raw in raws:
        if raw in out:
            continue
        if OPAQUE.match(raw):
            opaque += 1
            out[raw] = f"Speaker {opaque}"
        else:
            out[raw] = readable_id(raw)
    return out


def scalar(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value and isinstance(value[0], dict):  # Zoom's `users`: [{"username": …}], the first
        return scalar(value[0])
    if isinstance(value, dict):  # {"id": "spk1", "name": "Speaker A"}, Rev's speaker_info
        for key in (*NAME_KEYS, *ID_KEYS):
            if isinstance(value.get(key), (str, int)) and not isinstance(value.get(key), bool):
                return scalar(value[key])
    return None


def record_time(record: dict, keys: tuple[str, ...], ms: bool = False) -> float | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str):
            value = value.strip().removesuffix("s") if re.fullmatch(r"\d+(?:\.\d+)?s", value.strip()) else value  # Google's "1.5s"
            try:
                value = int(value) if value.strip().isdigit() else float(value)
            except ValueError:
                continue
        if key.endswith("ticks") and isinstance(value, (int, float)):  # Azure's, ten million a second
            return value / 10_000_000
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if key.endswith("ms") or key in _MS_KEYS or (ms and isinstance(value, int) and _bare(key)):
                return value / 1000
            return float(value)
    return None


def word_level(texts: Sequence[str]) -> bool:
    """Single words: most records (or caption cues) are one word (or one or two CJK characters)."""
    short = sum(len(t.split()) <= 1 and len(CJK.findall(t)) <= 2 for t in texts)
    return short >= 0.8 * len(texts) and len(texts) >= 3


def unlabelled(lists: Iterable[tuple[str, list[dict]]]) -> tuple[str, list[Said]] | None:
    """Of lists of records with text and no speaker (Bilibili's subtitles, Whisper's segments), the
    one that says the most, as (where, what is said): the reader looks for labels in their text
    (`刘润：…`), as in any caption's; a file whose text names nobody is refused there."""
    best: tuple[int, str, list[Said]] | None = None
    for where, records in lists:
        said = [Said(who, s.text, s.start, s.end) for s, who in zip(said_all(records), _turns_marked(records)) if s.text.strip()]
        chars = sum(len(x.text) for x in said)
        if len(said) >= 2 and not word_level([x.text for x in said]) and (best is None or chars > best[0]):
            best = (chars, where, said)
    return (best[1], best[2]) if best else None


_TURN_FLAG = re.compile(r"^speaker_?turn(?:_?next)?$", re.IGNORECASE)


def _turns_marked(records: list[dict]) -> list[str | None]:
    """Where a recogniser marks only that the speaker changes after a segment (whisper.cpp's
    tinydiarize: `"speaker_turn_next": true`), two voices taking turns, Speaker 1 and Speaker 2: a
    third voice cannot be told from the marks. None for each record where nothing is marked."""
    flags = [next((v for k, v in r.items() if _TURN_FLAG.match(k) and isinstance(v, bool)), None) for r in records]
    if not any(flags):
        return [None] * len(records)
    out, who = [], 1
    for flag in flags:
        out.append(f"Speaker {who}")
        who = 3 - who if flag else who
    return out


def recording_title(root: Any) -> str | None:
    """The recording's title: a `title` at the top or in the objects the transcript is nested in
    (Fireflies' `data.transcript.title`), or the top's `name`; not a file's name (`call.mp3`)."""
    level, keys = [root] if isinstance(root, dict) else [], ("title", "episode_title", "meeting_title", "name")
    for _ in range(3):
        found = [v.strip() for obj in level for key in keys if isinstance(v := obj.get(key), str)
                 and 0 < len(v.strip()) <= 200 and not re.search(r"\.\w{2,4}$", v)]
        if found:
            return found[0]
        level, keys = [v for obj in level for v in obj.values() if isinstance(v, dict)], keys[:3]
    return None
