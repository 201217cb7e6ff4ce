"""Speech-to-text exports in JSON, read by their shape, not by a list of vendors.

A transcript in JSON is somewhere a list of records, each with something said and someone who
said it: AssemblyAI's `utterances` (speaker "A"), WhisperX's `segments` (SPEAKER_00), Deepgram's
`utterances` or `paragraphs` (speaker 0, the words under `sentences`), Rev's `monologues` (the
words under `elements`), Gecko's and Descript's speakers as objects, AWS Transcribe's newer
`audio_segments`. So: every list of objects in the file is looked at; in each object, the text
is a string under a text-like key (text, transcript, content…) or the words of a list under it
(elements, words, sentences, alternatives…), and the speaker a value under a speaker-like key
(speaker, speaker_label, speakerTag, role…), a name inside an object there, or one in the
first alternative. The list whose records say the most with a speaker wins; if only single
words carry speakers (AssemblyAI's and Deepgram's `words`), the words are joined into turns
where the speaker changes. When words and speakers are in separate lists (AWS Transcribe's
`items` and `speaker_labels.segments`), each word goes to the speaker whose span holds its
start. Speaker ids become names a person can read and rename (`kkaudio init`): 0 -> Speaker 0,
"A" -> Speaker A, SPEAKER_01 -> Speaker 1; a list of speakers with names (id -> name) is used
when the file has one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import ScriptError
from ..lines import Document, Line, Piece, normalise_spaces
from . import MAX_FILE_BYTES, Source, decode, peek_text, register

_TEXT_KEYS = ("text", "transcript", "display", "content", "body", "utterance", "sentence", "caption", "message",
              "punctuated_word", "value", "word")
_NESTED_TEXT = ("sentences", "elements", "words", "terms", "tokens", "items", "alternatives", "nBest", "nbest",
                "lines", "fragments")
_FIRST_ONLY = ("alternatives", "nBest", "nbest")  # other hearings of the same words: the first is the best
_SPEAKER_KEY = re.compile(r"^(?:speakers?(?:[_ ]?(?:label|name|id|tag|info|number))?|spk(?:_?id)?|participant"
                          r"(?:_?(?:id|name))?|role|author|who|channel_?(?:label|tag))$", re.IGNORECASE)
_NAME_KEYS = ("name", "display_name", "displayName", "full_name", "label", "title")
_ID_KEYS = ("id", "speaker", "speaker_id", "speakerId", "spk", "label", "tag")
_START_KEYS = ("start", "start_time", "startTime", "start_s", "start_ms", "startMs", "begin", "ts", "offset", "from",
               "time")
_END_KEYS = ("end", "end_time", "endTime", "end_s", "end_ms", "endMs", "end_ts", "to")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_ID = re.compile(r"^(?:speaker|spk|spkr|s|ch|channel)?[\s_\-]*(?P<tail>\d{1,3}|[A-Za-z])$", re.IGNORECASE)


def _claims(head: bytes, suffix: str) -> bool:
    start = peek_text(head).lstrip("\ufeff \t\r\n")
    return start[:1] in ("{", "[") and (suffix == ".json" or bool(re.match(r'[{\[]\s*["{\[]', start)))


@dataclass
class _Said:
    speaker: str | None  # as the file writes it
    text: str
    start: float | None
    end: float | None


def _read(data: bytes, path: Path) -> Document:
    text, encoding = decode(data, path)
    try:
        root = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ScriptError(f"is not valid JSON ({exc.msg}); a JSON transcript must be one document", path,
                          exc.lineno) from None
    best = _best_list(root)
    if best is None:
        raise ScriptError(_why_not(root), path)
    where, said = best
    names = _speaker_names(root, {s.speaker for s in said})
    lines = []
    for n, s in enumerate(said, 1):
        body = normalise_spaces(s.text).strip()
        if body:
            name = names.get(s.speaker, s.speaker)
            lines.append(Line(n, "text", (Piece(body),), para=n, speaker=name, start=s.start,
                              speaker_id=s.speaker if s.speaker != name else None))
    if not lines:
        raise ScriptError(_why_not(root), path)
    front = {}
    if isinstance(root, dict):
        for key in ("title", "episode_title", "name"):
            value = root.get(key)
            if isinstance(value, str) and 0 < len(value) <= 200 and not re.search(r"\.\w{2,4}$", value):
                front["title"] = value.strip()
                break
    described = f"JSON, {len(lines)} records with speakers ({where})"
    if encoding != "UTF-8":
        described += f", in {encoding}"
    return Document(front, tuple(lines), kind="json", described=described)


# --- finding the list ----------------------------------------------------------------------------

def _lists(obj: Any, path: str = "", depth: int = 0) -> Iterator[tuple[str, list[dict]]]:
    """Every list of objects in the document, with where it is (`results.utterances`); the lists
    inside a list's items are read as one (every paragraph's sentences, every channel's words)."""
    if depth > 12:
        return
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _lists(value, f"{path}.{key}" if path else str(key), depth + 1)
    elif isinstance(obj, list):
        records = [x for x in obj if isinstance(x, dict)]
        if not records or len(records) < len(obj) / 2:
            return
        yield path or "(top level)", records
        keys = dict.fromkeys(k for x in records[:200] for k, v in x.items() if isinstance(v, (list, dict)))
        for key in keys:
            children: list = []
            for x in records:
                value = x.get(key)
                if isinstance(value, list):
                    children += value
                elif isinstance(value, dict):
                    children.append(value)
            yield from _lists(children, f"{path}[].{key}", depth + 1)


def _best_list(root: Any) -> tuple[str, list[_Said]] | None:
    segments: list[tuple[int, str, list[_Said]]] = []
    words: list[tuple[int, str, list[_Said]]] = []
    for where, records in _lists(root):
        said = [_said(r) for r in records]
        with_speaker = [s for s in said if s.text.strip() and s.speaker is not None]
        if not with_speaker or len(with_speaker) < len([s for s in said if s.text.strip()]) * 0.8:
            continue
        chars = sum(len(s.text) for s in with_speaker)
        if (streams := _streams(records)) is not None:  # a channel each, over the same time: by time
            with_speaker, where = streams, f"{where} (one per speaker, merged by time)"
        (words if _word_level(with_speaker) else segments).append((chars, where, with_speaker))
    best_words = max(words, key=lambda c: c[0], default=None)
    # Of the lists that say (nearly) everything, the finest: Deepgram's utterances over its
    # paragraphs, where the speaker changes are drawn closest to the words.
    most = max((c[0] for c in segments), default=0)
    best_segments = max((c for c in segments if c[0] >= 0.9 * most), key=lambda c: len(c[2]), default=None)
    if best_segments and (best_words is None or best_segments[0] >= 0.5 * best_words[0]):
        return best_segments[1], best_segments[2]
    if best_words:
        return best_words[1] + " (words, joined into turns)", _join_words(best_words[2])
    joined = _words_into_spans(root)
    if joined:
        return joined
    return None


def _why_not(root: Any) -> str:
    for _, records in _lists(root):
        if sum(bool(_said(r).text.strip()) for r in records) >= 2:
            return ("is a transcript in JSON without speakers (no speaker field in its segments); kkaudio needs to "
                    "know who speaks: export it again with speaker labels (diarization) turned on")
    return ("is JSON, but not a transcript: no list of records with text and a speaker in it (an STT export's "
            "utterances, segments or monologues)")


def _word_level(said: list[_Said]) -> bool:
    """Single words: most records are one word (or one or two CJK characters)."""
    short = sum(len(s.text.split()) <= 1 and len(_CJK.findall(s.text)) <= 2 for s in said)
    return short >= 0.8 * len(said) and len(said) >= 3


# --- one record ----------------------------------------------------------------------------------

def _said(record: dict) -> _Said:
    return _Said(_speaker(record), _text(record), _time(record, _START_KEYS), _time(record, _END_KEYS))


def _text(record: dict, depth: int = 0) -> str:
    for key in _TEXT_KEYS:
        value = record.get(key)
        if isinstance(value, str):
            return value
    if depth > 2:
        return ""
    for key in _NESTED_TEXT:
        value = record.get(key)
        if isinstance(value, list) and value:
            if key in _FIRST_ONLY:
                value = value[:1]
            if all(isinstance(v, str) for v in value):
                return _join(value, raw=False)
            children = [v for v in value if isinstance(v, dict)]
            if children:
                raw = any(c.get("type") in ("punct", "punctuation") and isinstance(c.get("value"), str)
                          and c["value"].strip() == "" for c in children)  # Rev: spaces are elements too
                pieces = [(_text(c, depth + 1), c.get("type")) for c in children]
                return _join([p for p, _ in pieces], raw=raw, kinds=[k for _, k in pieces])
    return ""


def _join(pieces: list[str], raw: bool, kinds: list[Any] | None = None) -> str:
    """Words back into text: spaces between words, none before punctuation or between CJK characters."""
    if raw:
        return "".join(pieces)
    out = ""
    for i, piece in enumerate(pieces):
        piece = piece.strip()
        if not piece:
            continue
        punct = (kinds and kinds[i] in ("punctuation", "punct")) or re.fullmatch(r"[^\w\s]+", piece)
        if out and not punct and not (_CJK.match(out[-1]) and _CJK.match(piece[0])):
            out += " "
        out += piece
    return out


def _speaker(record: dict) -> str | None:
    found = [name for key, value in record.items() if _SPEAKER_KEY.match(key) and (name := _scalar(value)) is not None]
    if found:  # a name (Rev's speaker_info, a speaker_name) over an id (speaker: 0)
        return next((n for n in found if not _ID.match(n)), found[0])
    for key in _FIRST_ONLY:  # Speechmatics: the speaker is in the first alternative
        value = record.get(key)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            name = next((_scalar(v) for k, v in value[0].items() if _SPEAKER_KEY.match(k)), None)
            if name is not None:
                return name
    return None


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):  # {"id": "spk1", "name": "Speaker A"}, Rev's speaker_info
        for key in (*_NAME_KEYS, *_ID_KEYS):
            if isinstance(value.get(key), (str, int)) and not isinstance(value.get(key), bool):
                return _scalar(value[key])
    return None


def _time(record: dict, keys: tuple[str, ...]) -> float | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if key.lower().endswith("ms") or (isinstance(value, int) and value >= 1000 and key in ("start", "end")):
                return value / 1000
            return float(value)
    return None


# --- words into turns ----------------------------------------------------------------------------

def _streams(records: list[dict]) -> list[_Said] | None:
    """Records that are each one speaker's whole stream of timed words over the same stretch of
    time (AWS Transcribe's channel_labels.channels, a channel per person): their words, merged
    in the order they were said, one turn where the speaker changes."""
    if not 2 <= len(records) <= 16:
        return None
    words: list[_Said] = []
    spans = []
    for record in records:
        who = _speaker(record)
        timed = next((v for k in _NESTED_TEXT if isinstance(v := record.get(k), list) and len(v) >= 2
                      and all(isinstance(x, dict) for x in v) and any(_said(x).start is not None for x in v)), None)
        if who is None or timed is None:
            return None
        own = []
        for item in timed:
            said = _said(item)
            if said.start is None and own:  # punctuation: goes with the word before it
                own[-1] = _Said(who, _join([own[-1].text, said.text], raw=False, kinds=[None, item.get("type")]),
                                own[-1].start, own[-1].end)
            elif said.start is not None and said.text.strip():
                own.append(_Said(who, said.text, said.start, said.end))
        if not own:
            return None
        spans.append((own[0].start, own[-1].start))
        words += own
    spans.sort()
    if not any(b[0] < a[1] for a, b in zip(spans, spans[1:])):
        return None  # one after another: segments, not streams
    return _join_words(sorted(words, key=lambda w: w.start or 0.0))


def _join_words(words: list[_Said]) -> list[_Said]:
    out: list[_Said] = []
    run: list[_Said] = []
    for w in [*words, None]:
        if run and (w is None or w.speaker != run[0].speaker):
            out.append(_Said(run[0].speaker, _join([x.text for x in run], raw=False), run[0].start, run[-1].end))
            run = []
        if w is not None:
            run.append(w)
    return out


def _words_into_spans(root: Any) -> tuple[str, list[_Said]] | None:
    """Timed words without speakers, and speakers' spans without words (AWS Transcribe): each
    word to the span that holds its start; punctuation without a time to the word before it."""
    spans, items, where = None, None, ""
    for path, records in _lists(root):
        said = [_said(r) for r in records]
        if spans is None and sum(s.speaker is not None and s.start is not None and not s.text.strip()
                                 for s in said) >= 0.8 * len(said):
            spans = said
        elif items is None and sum(bool(s.text.strip()) and s.speaker is None for s in said) >= 0.8 * len(said) \
                and sum(s.start is not None for s in said) >= 0.5 * len(said) and _word_level(said):
            items, where = [(s, r) for s, r in zip(said, records)], path
    if not spans or not items:
        return None
    spans.sort(key=lambda s: s.start or 0.0)
    words: list[_Said] = []
    k = 0
    for s, record in items:
        if s.start is None:  # punctuation: goes with the word before it
            if words:
                words[-1] = _Said(words[-1].speaker, _join([words[-1].text, s.text], raw=False,
                                                          kinds=[None, record.get("type")]), words[-1].start,
                                  words[-1].end)
            continue
        while k + 1 < len(spans) and (spans[k + 1].start or 0.0) <= s.start + 1e-6:
            k += 1
        words.append(_Said(spans[k].speaker, s.text, s.start, s.end))
    return f"{where} by the spans of the speakers", _join_words(words)


def _speaker_names(root: Any, ids: set[str | None]) -> dict[str | None, str]:
    """Raw speaker values -> names: a list in the file that names them (id -> name), else a
    readable form of the id (Speaker 0, Speaker A); names are kept as written."""
    named: dict[str | None, str] = {}
    for _, records in _lists(root):
        for r in records:
            ident = next((_scalar(r[k]) for k in _ID_KEYS if k in r and not isinstance(r[k], (dict, list))), None)
            name = next((r[k].strip() for k in _NAME_KEYS if isinstance(r.get(k), str) and r[k].strip()), None)
            if ident in ids and name and name != ident and not _ID.match(name) and len(name) <= 60:
                named.setdefault(ident, name)
    out = {}
    for raw in ids:
        if raw in named:
            out[raw] = named[raw]
        elif raw is not None and (m := _ID.match(raw)):
            tail = m.group("tail")
            out[raw] = f"Speaker {int(tail) if tail.isdigit() else tail.upper()}"
        elif raw is not None:
            out[raw] = raw
    return out


register(Source("json", _claims, _read, max_bytes=MAX_FILE_BYTES))
