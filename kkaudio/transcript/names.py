"""Names as speakers are written: which labels are one person, and whether a label seen once
looks like a person or a role rather than a word before a colon.

Chinese names are recognised by their surname (the common single and double surnames, in
simplified and traditional characters) or by a title or role after them (老师, 部长, 记者);
Latin names by their shape (labels.is_name). Variants of one speaker share a key: case and an
honorific aside (MR. KIRBY, John Kirby), or a surname alone after the full name was given
(STEVE INSKEEP, HOST … INSKEEP); one name written with different descriptors of who they are
(Felix (Geth), Felix (Nethermind)) is as many people.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..text.spoken import drop_stage_directions
from .labels import HONORIFIC_WORD, PARTICLES, PUBLICATION, Candidate, canonical, without_titles
from .not_names import TITLES
from .lines import Line

_CJK = "\u3400-\u9fff\uf900-\ufaff"
# The common surnames (about 300, simplified and traditional), then double surnames.
SURNAMES = set(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林高罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于蒋蔣蔡"
    "余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎"
    "贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申"
    "欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂塗成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華"
    "喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党黨宫宮费費卜冷晏席卫衛"
    "米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺官封谈談"
    "匡鞠惠荆荊乐樂冀郁胥南班储儲原栗燕楚鄢劳勞谌諶奚皮粟冼蔺藺楼樓盘盤满滿闻聞位厉厲伊仝区區郜海阚闞花权權强強帅帥屠豆"
    "朴蓬邰"
)
DOUBLE_SURNAMES = {"欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟", "尉遲", "公孙",
                   "公孫", "慕容", "长孙", "長孫", "宇文", "司徒", "夏侯", "轩辕", "軒轅", "令狐", "端木", "独孤", "獨孤"}


def looks_like_person(name: str) -> bool:
    """A label seen once that names a person or a role, not a word before a colon (好处：)."""
    name = name.strip()
    if re.fullmatch(rf"[{_CJK}·•]+", name):
        if TITLES.search(name) or PUBLICATION.search(name):
            return True
        if "·" in name or "•" in name:  # a transliterated name: 凯文·凯利
            return True
        if name[:2] in DOUBLE_SURNAMES:
            return 3 <= len(name) <= 4
        if len(name) == 2 and (name[0] in "小老" and name[1] in SURNAMES or name[0] == "阿"):
            return True  # what friends and colleagues call someone: 小王, 老李, 阿明
        return name[0] in SURNAMES and len(name) <= 4  # 朱：, as a legend (朱：朱凯廸) shortens a name
    return bool(re.search(r"[^\W\d_]", name))  # Latin names were shaped by labels.is_name already


def _base(name: str) -> str:
    """The name without its leading honorifics: MR. KIRBY -> kirby, Chairman Powell -> powell."""
    return canonical(without_titles(name))


NUMBERED_QA = re.compile(r"^(q|a|问|答|問|question|answer)\s*\d{1,3}$", re.IGNORECASE)  # Q1, A2: numbered, not people


def speaker_key(names: Iterable[str]) -> dict[str, str]:
    """name -> the key of its speaker: one key for the variants of one person's label."""
    names = set(names)
    bases = {n: _base(n) for n in names}
    written = {b: n for n, b in bases.items() if " " in b}  # a full name's key: one way it is written
    full = set(written)
    out = {}
    for name, base in bases.items():
        base = NUMBERED_QA.sub(r"\1", base)
        if " " not in base and re.search(r"[^\W\d_]{2}", base) and not re.search(rf"[{_CJK}]", base):
            longer = [f for f in full if f.split()[-1] == base] or [f for f in full if f.split()[0] == base]
            if len(longer) == 1:  # INSKEEP after STEVE INSKEEP, Christina after Christina Gilbert; not when two share it
                base = longer[0]
            elif not longer and re.fullmatch(r"[A-Z]{2,3}", name):  # TG after Terry Gross (a script's initials)
                longer = [f for f in full if base in _initials(written[f])]
                base = longer[0] if len(longer) == 1 else base
        elif m := re.fullmatch(r"([^\W\d_])\.? (\S+)", base):  # S. O'BRIEN after SOLEDAD O'BRIEN and MILES O'BRIEN
            longer = [f for f in full if f != base and f.split()[-1] == m[2] and f[0] == m[1] and len(f.split()[0]) > 2]
            base = longer[0] if len(longer) == 1 else base
        out[name] = base
    return out


def _initials(name: str) -> tuple[str, str]:
    """The initials a name may be written as: all of them and the first and last (Sandra Stewart
    Holyoak -> ssh, sh; Terry Gross -> tg; Ludwig van Beethoven -> lb, a particle in lower case
    has none)."""
    words = [w for w in name.split() if not HONORIFIC_WORD.match(w)]
    every = "".join(w[0] for w in words if not (w.islower() and w in PARTICLES)).casefold()
    return every, every[0] + every[-1] if every else ""


_LEGEND_PAIR = re.compile(r"^\s*(?P<short>[\u3400-\u9fff]{1,3})\s*[:：=＝]\s*(?P<full>[\u3400-\u9fff·]{2,8})"
                          r"(?:\s*[（(][^()（）]{1,30}[)）]|\s*[，,、]\s*[^:：；;，,]{1,16})?\s*$")


# The same in Latin letters: initials and the name they stand for (`DO: Daniel Ortiz`), or a role,
# the name and its initials (`Interviewer: Daniel Ortiz (DO)`), as oral histories head their transcripts.
_NAME = r"[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){1,3}"
_LEGEND_INITIALS = re.compile(rf"^\s*(?:(?P<short>[A-Z]{{2,3}})\s*[:=：]\s*(?P<full>{_NAME})|[^\W\d][\w ]{{1,24}}?\s*[:：]"
                              rf"\s*(?P<full2>{_NAME})\s*[（(]\s*(?P<short2>[A-Z]{{2,3}})\s*[)）]|(?P<role3>[^\W\d][\w ]{{1,24}}?)"
                              rf"\s*[（(]\s*(?P<short3>[A-Z]{{1,3}})\s*[)）]\s*[:：]\s*(?P<full3>{_NAME}))\s*$")


# `Dr = Dr. Carmen Gillespie`, `A = Agnes Meeker, local historian`, `Amber / Am = Amber Quinlan, …`:
# the labels (after an equals sign, any short form of the name) and the person, maybe described.
_LEGEND_EQUALS = re.compile(rf"^\s*(?P<shorts>[^\W\d_][\w.]{{0,11}}(?:\s*/\s*[^\W\d_][\w.]{{0,11}})?)\s*[=＝]\s*"
                            rf"(?P<full>{_NAME})\s*(?:[,，;；]\s*[^=＝]{{1,120}}|[（(][^()（）=]{{1,80}}[)）])?\s*$")


def _short_for(short: str, full: str) -> bool:
    """A label that writes a name short: its initials, a title it carries (Dr), a word or the start of one (Am)."""
    words = full.replace(".", " ").casefold().split()
    short = short.rstrip(".").casefold()
    return short in _initials(full) or any(w.startswith(short) for w in words)


def _legend_pairs(part: str) -> list[tuple[str, str]] | None:
    if (m := _LEGEND_EQUALS.match(part)) is None:
        return None
    out = [(short.strip(), m.group("full").strip()) for short in m.group("shorts").split("/")]
    return out if all(_short_for(short, full) for short, full in out) else None


def _initials_pair(part: str) -> tuple[str, str] | None:
    m = _LEGEND_INITIALS.match(part)
    if m is None:
        return None
    if m.group("short3"):  # `Interviewer (I): Maya Chen`: the letter is the role's
        role = "".join(w[0] for w in m.group("role3").split()).upper()
        return (m.group("short3"), m.group("full3")) if m.group("short3") in (role, role[:1]) else None
    short, full = (m.group("short"), m.group("full")) if m.group("short") else (m.group("short2"), m.group("full2"))
    initials = "".join(w[0] for w in full.split() if w[0].isupper())
    return (short, full) if initials and short in (initials, initials[0] + initials[-1]) else None


# `陈立新（以下简称“陈”）`, `Maya Chen (hereafter MC)`: a full name, and the short label it is written as from then on.
_CALLED = re.compile(r"(?P<full>[\u3400-\u9fff·]{2,12}|[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){1,3})\s*[（(]\s*"
                     r"(?:[^（）()]{1,40}?[，,、；;]\s*)?"  # what the person is, first: （香港大學教授，下稱「朱」）
                     r"(?:(?:以下|下文|下)?(?:简称|簡稱|称|稱)[为為]?|(?:hereafter|hereinafter|henceforth)(?:\s+called)?)\s*"
                     r"[“\"「『]?(?P<short>[\u3400-\u9fff]{1,4}|[A-Z]{1,4}|[A-Z][a-z]+)[”\"」』]?\s*[）)]")


def called(plains: Sequence[str]) -> dict[str, str]:
    """Short labels and the full names an introduction says they stand for (`陈立新（以下简称“陈”）`,
    `Maya Chen (hereafter MC)`, `朱大明（香港大學教授，下稱「朱」）`): short -> full. A Chinese name
    is taken from its short form on (主持人王小丽（以下简称“王”） is 王小丽)."""
    out: dict[str, str] = {}
    for plain in plains[:80]:
        for m in _CALLED.finditer(plain):
            full, short = m.group("full"), m.group("short")
            if re.fullmatch(r"[\u3400-\u9fff·]+", full):
                full = full[full.rfind(short[0]):] if short[0] in full else full[-3:]
            out.setdefault(short, full)
    return out


def legend(labelled: dict[int, bool], lines: Sequence[Line]) -> dict[int, list[tuple[str, str]]]:
    """`labelled`: line index -> whether its label has words after it. Lines before the dialogue that say who a short label stands for (`朱：朱凯廸`, or several
    on one line: `（朱：朱慧玲，店主；罗：罗子谦）`): line index -> (label, full name). Each full
    name starts with or holds its label; the line says nothing else."""
    def pairs_of(text: str) -> list[tuple[str, str]] | None:
        parts = [p for p in re.split(r"[；;]|\s{2,}", re.sub(r"^[（(\[【](.*)[）)\]】]$", r"\1", text.strip())) if p.strip()]
        if parts and all(latin := [_initials_pair(p) for p in parts]):
            return latin
        if parts and all(equals := [_legend_pairs(p) for p in parts]):
            return [pair for pairs in equals for pair in pairs]
        found = [_LEGEND_PAIR.match(p) for p in parts]
        if not found or not all(found):
            return None
        out = [(m.group("short"), m.group("full")) for m in found]
        return out if all(full.startswith(short) or short in full for short, full in out) else None

    said = [i for i, has_words in labelled.items() if has_words and pairs_of(lines[i].plain) is None]
    first = min(said, default=len(lines))
    return {i: pairs for i in range(min(first, len(lines))) if (pairs := pairs_of(lines[i].plain))}


def legend_keys(key: dict[str, str], full_names: dict[str, str]) -> dict[str, str]:
    """Labels the legend gives one name (`J / Jo = Jonah Obi`) are one speaker's, and so is a label
    written as one part of a name it spells out (`Dr. Gillespie` and `Agnes` beside `Dr = Dr. Carmen
    Gillespie` and `A = Agnes Meeker`): label -> speaker key."""
    def words(name: str) -> list[str]:
        return [w for w in re.split(r"[\s.]+", name.casefold()) if len(w) > 1 and not HONORIFIC_WORD.match(w)]

    parts: dict[str, set[str]] = defaultdict(set)
    for k, full in full_names.items():
        for w in {*words(full)[:1], *words(full)[-1:]}:  # a given name, or a surname
            parts[w].add(k)
    first = {}
    for k, full in full_names.items():
        first.setdefault(canonical(full), k)
    out = {name: first[canonical(full_names[k])] if k in full_names else k for name, k in key.items()}
    for name, k in key.items():
        if k not in full_names and len(own := words(name)) == 1 and len(parts.get(own[0], ())) == 1:
            out[name] = next(iter(parts[own[0]]))
    return out


def told_apart(cands: list[Candidate]) -> tuple[list[Candidate], dict[str, str]]:
    """One name written with different descriptors names different people (`嘉宾（张伟）` and
    `嘉宾（李娜）`, `Felix (Geth)` and `Felix (Nethermind)` on one call): each written form becomes
    a label of its own. A name with one descriptor, or with it and without, stays one speaker
    (罗永浩（锤子科技）, then 罗永浩), and a stage direction (刘润（笑）) describes nobody.
    Returns the candidates and, for each label made so, the name it was written with."""
    told: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        if _describes(c.descriptor):
            told[canonical(c.name)].add(canonical(c.descriptor))
    apart = {name for name, descriptors in told.items() if len(descriptors) >= 2}
    out, based = [], {}
    for c in cands:
        if canonical(c.name) in apart and _describes(c.descriptor) and c.written:
            based[c.written] = c.name
            c = replace(c, name=c.written, descriptor="")
        out.append(c)
    return out, based


# What a record writes after a name about the moment, not the person: MR. SMITH (continuing),
# Senator REED (presiding), 刘润（续）.
_PROCEDURAL = re.compile(r"(?i)\b(?:continu|resum|presid|interpret|translat|through|via|off\b|on\b|cont'?d|"
                         r"o\.s\.|v\.o\.|in\s)|^[\s(（]*(?:续|继续|繼續|翻译|翻譯|同传|同傳|画外音|畫外音)")


def _describes(descriptor: str) -> bool:
    """Whether a label's descriptor says who the speaker is (an organisation, a person, a post),
    rather than what they are doing (laughing, continuing, presiding)."""
    core = descriptor.strip(" （）()[]【】,|｜")
    return bool(core) and bool(drop_stage_directions(f"（{core}）").strip()) and not _PROCEDURAL.search(core)
