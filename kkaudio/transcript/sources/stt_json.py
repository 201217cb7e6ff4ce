"""Speech-to-text exports in JSON, read by their shape, not by a list of vendors.

A transcript in JSON is somewhere a list of records, each with something said and someone who said
it: AssemblyAI's `utterances` (speaker "A"), WhisperX's `segments` (SPEAKER_00), Deepgram's
`utterances` or `paragraphs` (speaker 0, the words under `sentences`), Rev's `monologues` (the words
under `elements`), Gecko's and Descript's speakers as objects, AWS Transcribe's newer
`audio_segments`, Aliyun Tingwu's `Paragraphs` (keys are compared in lower case), Google's diarized
words (each result's words again in the last, with speakers: the copy is read), iFlytek's sentences
(`rl` the role, the words under `rt`, `ws` and `cw`, all in a string of JSON), Tencent Cloud's
`ResultDetail` (the words under `FinalSentence`), Volcengine's `utterances` (the speaker inside each
one's `additions`). So: every list of objects in the file is looked at; in each object, the text is
a string under a text-like key (text, transcript, content…, or a key ending in one: FinalSentence)
or the words of a list under it (elements, words, sentences, alternatives…), and the speaker a value
under a speaker-like key (speaker, speaker_label, speakerTag, role…), a name inside an object there,
or one in the first alternative or in an object of the record's own. The list whose records say the
most with a speaker wins; if only single words carry speakers (AssemblyAI's and Deepgram's `words`),
the words are joined into turns where the speaker changes. When words and speakers are in separate
lists (AWS Transcribe's `items` and `speaker_labels.segments`), each word goes to the speaker whose
span holds its start. Speaker ids become names a person can read and rename (`kkaudio init`): 0 ->
Speaker 0, "A" -> Speaker A, SPEAKER_01 -> Speaker 1; a list of speakers with names (id -> name) is
used when the file has one. A record the diarizer left without a speaker (WhisperX does, where no
speaker's span overlaps a segment) keeps its words: its words' speaker, or the one before it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ...errors import ScriptError
from ..lines import Document, Line, Piece, normalise_spaces
from . import MAX_FILE_BYTES, Source, decode, peek_text, register
from .stt_records import (ID, ID_KEYS, NAME_KEYS, NESTED_TEXT, Said, join_pieces, readable_id, readable_ids,
                          record_said, record_speaker, record_text, recording_title, said_all, scalar, unlabelled,
                          word_level)


def _claims(head: bytes, suffix: str) -> bool:
    start = peek_text(head).lstrip("\ufeff \t\r\n")
    return start[:1] in ("{", "[") and (suffix in (".json", ".jsonl", ".ndjson") or bool(re.match(r'[{\[]\s*["{\[]', start)))


def _read(data: bytes, path: Path) -> Document:
    text, encoding = decode(data, path)
    # Keys in lower case: services spell the same field Text, text or TEXT (Aliyun's Paragraphs).
    lowered = lambda pairs: {k.lower(): v for k, v in pairs}  # noqa: E731
    try:
        root = json.loads(text.lstrip("\ufeff"), object_pairs_hook=lowered)
    except json.JSONDecodeError as exc:
        try:  # JSON Lines, one record a line, as streaming tools and loggers write them
            root = [json.loads(line, object_pairs_hook=lowered) for line in text.lstrip("\ufeff").splitlines()
                    if line.strip()]
        except json.JSONDecodeError:
            raise ScriptError(f"is not valid JSON ({exc.msg}); a JSON transcript is one document, or one record a line",
                              path, exc.lineno) from None
    root = _keyed_by_speaker(_unnested(root), text)
    best = _best_list(root) or unlabelled(_lists(root))
    if best is None:
        raise ScriptError(_why_not(root), path)
    where, said = best
    names = _speaker_names(root, dict.fromkeys(s.speaker for s in said))
    lines = []
    for n, s in enumerate(said, 1):
        body = normalise_spaces(s.text).strip()
        if body:
            name = names.get(s.speaker, s.speaker)
            lines.append(Line(n, "text", (Piece(body),), para=n, speaker=name, start=s.start,
                              speaker_id=s.speaker if s.speaker != name else None))
    if not lines:
        raise ScriptError(_why_not(root), path)
    front = {"title": title} if (title := recording_title(root)) else {}
    named = "with speakers" if any(ln.speaker for ln in lines) else "without speakers, names looked for in the text"
    described = f"JSON, {len(lines)} records {named} ({where})"
    if encoding != "UTF-8":
        described += f", in {encoding}"
    return Document(front, tuple(lines), kind="json", described=described)


# A list whose records are people: each one's name (or id) is who says what is inside it.
_PEOPLE = re.compile(r"^(?:speakers|participants|people|persons|voices|channels)$", re.IGNORECASE)


def _keyed_by_speaker(root: Any, text: str) -> Any:
    """`{"SPEAKER_00": [segments…], "SPEAKER_01": […]}` (a diarizer's output keyed by speaker) as a
    list of speakers with their segments, which _streams merges by time; anything else as it is.
    `text` is the document, read again only here for the speakers' names as written."""
    if not isinstance(root, dict) or not 2 <= len(root) <= 16 or not all(
            isinstance(v, list) and v and all(isinstance(x, dict) for x in v) for v in root.values()):
        return root
    names = list(json.loads(text.lstrip("\ufeff")))
    if len(names) != len(root) or not all(
            ID.match(n) or re.fullmatch(r"(?:[A-Z]|[\u3400-\u9fff])[\w.'’\- ]{0,39}", n) for n in names):
        return root  # `segments` and `word_segments` (WhisperX) are not people
    if not all((s := record_said(x)).text.strip() and s.start is not None for v in root.values() for x in v):
        return root
    return {"speakers": [{"speaker": name, "segments": value} for name, value in zip(names, root.values())]}


def _unnested(obj: Any, depth: int = 0) -> Any:
    """The document with JSON written inside its strings read as JSON: some services return their
    result as a string of JSON inside the response (iFlytek's `orderResult`, each sentence's
    `json_1best` inside that; its older API's `data`); and timed words written as lists (`[word,
    start, end]`, IBM Watson's `timestamps`) as records."""
    if depth > 8:
        return obj
    if isinstance(obj, dict):
        obj = {k: _unnested(v, depth + 1) for k, v in obj.items()}
        if len(obj) >= 2 and all(isinstance(v, dict) and record_speaker(v) is not None for v in obj.values()) \
                and sum(bool(record_said(v).text.strip()) for v in obj.values()) >= 2:
            return list(obj.values())  # records keyed by their own id (a chunk's file name): a list in order
        return obj
    if isinstance(obj, list):
        if len(obj) == 2 and isinstance(obj[0], str) and _speaker_like(obj[0]) and isinstance(obj[1], list) \
                and all(isinstance(x, dict) for x in obj[1]):
            return {"speaker": obj[0], "segments": _unnested(obj[1], depth + 1)}  # `["SPEAKER_04", [segments…]]`
        if obj and all(isinstance(v, list) and len(v) == 3 and isinstance(v[0], str) and all(
                isinstance(x, (int, float)) and not isinstance(x, bool) for x in v[1:]) for v in obj):
            return [{"word": w, "start": a, "end": b} for w, a, b in obj]  # IBM Watson's `["hello", 0.5, 0.9]`
        return [_unnested(v, depth + 1) for v in obj]
    if isinstance(obj, str) and len(obj) > 2 and obj[0] + obj[-1] in ("{}", "[]"):
        try:
            inner = json.loads(obj, object_pairs_hook=lambda pairs: {k.lower(): v for k, v in pairs})
        except json.JSONDecodeError:
            return obj
        return _unnested(inner, depth + 1) if isinstance(inner, (dict, list)) else obj
    return obj


def _speaker_like(value: str) -> bool:
    """An id or a short name, as a pair `[speaker, [segments…]]` puts one before what they said."""
    return bool(ID.match(value) or re.fullmatch(r"[^\W\d][\w.'’\- ]{0,39}", value.strip()))


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


def _best_list(root: Any) -> tuple[str, list[Said]] | None:
    segments: list[tuple[int, str, list[Said]]] = []
    words: list[tuple[int, str, list[Said]]] = []
    for where, records in _lists(root):
        said = said_all(records)
        if _PEOPLE.match(where.rsplit(".", 1)[-1].strip("[]")):  # a list of speakers: each one's name is the speaker
            said = [Said(s.speaker or scalar(r), s.text, s.start, s.end) for s, r in zip(said, records)]
        said, records = _without_a_copy(said, records)
        said = _fill_speakers(said, records)
        with_speaker = [s for s in said if s.text.strip() and s.speaker is not None]
        if not with_speaker or len(with_speaker) < len([s for s in said if s.text.strip()]) * 0.8:
            continue
        chars = sum(len(s.text) for s in with_speaker)
        if (streams := _streams(records, [s.speaker for s in said])) is not None:  # a channel each: by time
            with_speaker, where = streams, f"{where} (one per speaker, merged by time)"
        (words if word_level([s.text for s in with_speaker]) else segments).append((chars, where, with_speaker))
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


def _without_a_copy(said: list[Said], records: list[dict]) -> tuple[list[Said], list[dict]]:
    """Google's diarized results: each result's words without speakers, then the last result with
    every word again, each with its speaker. The words without are the copy."""
    untagged = [s.text.strip() for s in said if s.speaker is None and s.text.strip()]
    if not untagged or untagged != [s.text.strip() for s in said if s.speaker is not None and s.text.strip()]:
        return said, records
    keep = [i for i, s in enumerate(said) if s.speaker is not None or not s.text.strip()]
    return [said[i] for i in keep], [records[i] for i in keep]


def _fill_speakers(said: list[Said], records: list[dict]) -> list[Said]:
    """Records a diarizer left without a speaker (WhisperX gives a segment none when no speaker's
    span overlaps it) in a list where most have one: the speaker most of its words have, else the
    speaker of the record before it (after it, at the start), so that no words are lost."""
    spoken = [s for s in said if s.text.strip()]
    known = sum(s.speaker is not None for s in spoken)
    if not spoken or known == len(spoken) or known < len(spoken) / 2:
        return said
    out = []
    for s, record in zip(said, records):
        if s.speaker is None and s.text.strip():
            votes: dict[str, int] = {}
            for key in NESTED_TEXT:
                children = record.get(key)
                for child in children if isinstance(children, list) else ():
                    if isinstance(child, dict) and (who := record_speaker(child)) is not None:
                        votes[who] = votes.get(who, 0) + len(record_text(child)) + 1
            if votes:
                s = Said(max(votes, key=votes.__getitem__), s.text, s.start, s.end)
        out.append(s)
    last = next((s.speaker for s in out if s.speaker is not None and s.text.strip()), None)
    for i, s in enumerate(out):
        if s.speaker is None and s.text.strip():
            out[i] = Said(last, s.text, s.start, s.end)
        elif s.speaker is not None:
            last = s.speaker
    return out


def _why_not(root: Any) -> str:
    for _, records in _lists(root):
        if sum(bool(record_said(r).text.strip()) for r in records) >= 2:
            return ("is a transcript in JSON without speakers (no speaker field in its segments); kkaudio needs to "
                    "know who speaks: export it again with speaker labels (diarization) turned on")
    return ("is JSON, but not a transcript: no list of records with text and a speaker in it (an STT export's "
            "utterances, segments or monologues)")


# --- words into turns ----------------------------------------------------------------------------

def _streams(records: list[dict], speakers: list[str | None]) -> list[Said] | None:
    """Records that are each one speaker's whole stream of timed words or segments over the same
    stretch of time (AWS Transcribe's channel_labels.channels, a channel per person; a list of
    speakers, each with their segments): merged in the order they were said, one turn where the
    speaker changes."""
    if not 2 <= len(records) <= 16:
        return None
    words: list[Said] = []
    spans = []
    for record, who in zip(records, speakers):
        timed = next((v for k in NESTED_TEXT if isinstance(v := record.get(k), list) and len(v) >= 1
                      and all(isinstance(x, dict) for x in v)
                      and any(record_said(x).start is not None for x in v)), None)
        if who is None or timed is None:
            return None
        own = []
        for item, said in zip(timed, said_all(timed)):
            if said.start is None and own:  # punctuation: goes with the word before it
                own[-1] = Said(who, join_pieces([own[-1].text, said.text], raw=False, kinds=[None, item.get("type")]),
                                own[-1].start, own[-1].end)
            elif said.start is not None and said.text.strip():
                own.append(Said(who, said.text, said.start, said.end))
        if not own:
            return None
        spans.append((own[0].start, own[-1].start))
        words += own
    spans.sort()
    if not any(b[0] < a[1] for a, b in zip(spans, spans[1:])):
        return None  # one after another: segments, not streams
    return _join_words(sorted(words, key=lambda w: w.start or 0.0))


def _join_words(words: list[Said]) -> list[Said]:
    out: list[Said] = []
    run: list[Said] = []
    for w in [*words, None]:
        if run and (w is None or w.speaker != run[0].speaker):
            out.append(Said(run[0].speaker, join_pieces([x.text for x in run], raw=False), run[0].start, run[-1].end))
            run = []
        if w is not None:
            run.append(w)
    return out


def _words_into_spans(root: Any) -> tuple[str, list[Said]] | None:
    """Timed words without speakers, and speakers' spans without words (AWS Transcribe): each
    word to the span that holds its start; punctuation without a time to the word before it."""
    spans, items, where = None, None, ""
    for path, records in _lists(root):
        said = said_all(records)
        if spans is None and sum(s.speaker is not None and s.start is not None and not s.text.strip()
                                 for s in said) >= 0.8 * len(said):
            spans = said
        elif items is None and sum(bool(s.text.strip()) and s.speaker is None for s in said) >= 0.8 * len(said) \
                and sum(s.start is not None for s in said) >= 0.5 * len(said) and word_level([s.text for s in said]):
            items, where = [(s, r) for s, r in zip(said, records)], path
    if not spans or not items:
        return None
    spans.sort(key=lambda s: s.start or 0.0)
    words: list[Said] = []
    k = 0
    for s, record in items:
        if s.start is None:  # punctuation: goes with the word before it
            if words:
                words[-1] = Said(words[-1].speaker, join_pieces([words[-1].text, s.text], raw=False,
                                                          kinds=[None, record.get("type")]), words[-1].start,
                                  words[-1].end)
            continue
        while k + 1 < len(spans) and (spans[k + 1].start or 0.0) <= s.start + 1e-6:
            k += 1
        words.append(Said(spans[k].speaker, s.text, s.start, s.end))
    return f"{where} by the spans of the speakers", _join_words(words)


def _dicts(obj: Any, depth: int = 0) -> Iterator[dict]:
    """Every object in the document, outside lists of records (a mapping sits beside them)."""
    if depth > 6:
        return
    if isinstance(obj, dict):
        yield obj
        for value in obj.values():
            if isinstance(value, dict):
                yield from _dicts(value, depth + 1)


def _speaker_names(root: Any, ids: dict[str | None, None]) -> dict[str | None, str]:
    """Raw speaker values (in the order heard) -> names: a list in the file that names them (id
    -> name), else a readable form of the id (Speaker 0, Speaker A); names are kept as written."""
    named: dict[str | None, str] = {}
    for _, records in _lists(root):
        for r in records:
            ident = next((v for k in ID_KEYS if k in r and not isinstance(r[k], (dict, list)) and (v := scalar(r[k])) in ids),
                         None)  # not the record's own number (`"id": 1`) beside its `speaker_id`
            name = next((r[k].strip() for k in NAME_KEYS if isinstance(r.get(k), str) and r[k].strip()), None)
            if ident in ids and name and name != ident and len(name) <= 60:
                named.setdefault(ident, readable_id(name))  # `"speaker_name": "Speaker 1"` beside `"S0"`
    folded = {str(i).lower(): i for i in ids if i is not None}
    for mapping in _dicts(root):  # `"speaker_names": {"SPEAKER_00": "Ines Duarte", …}` (keys read in lower case)
        for key, name in mapping.items():
            if key in folded and isinstance(name, str) and name.strip() and not ID.match(name) and len(name) <= 60:
                named.setdefault(folded[key], name.strip())
    return {**readable_ids(raw for raw in ids if raw is not None and raw not in named), **named}


register(Source("json", _claims, _read, max_bytes=MAX_FILE_BYTES))
