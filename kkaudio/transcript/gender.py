"""A guess at each speaker's gender, from evidence, with the evidence named.

Casting gives a speaker nobody configured a voice of this gender (a woman's name never gets a
man's voice); `kkaudio script` and `init` show the guess and why, so a user can check it.

Evidence, strongest first; conflicting evidence, or none strong enough, is `unknown`:
- a title or role word in the label, its descriptor or the name: Mr., Ms., Mrs., 先生, 女士,
  小姐, 妈妈, 父亲, Chairwoman;
- the given name: Latin-script names (with diacritics) through gender-guesser's name list (some
  40,000 names of many countries; only its confident answers count), Chinese names through
  ngender's character statistics when the name starts with a surname and its answer is
  confident, pinyin names (Li Na, Wang Qiang) through the same statistics summed over the
  characters each syllable can be written with;
- the text about them: she/her and he/him/his, 她 and 他, next to the name in the front
  matter or the introduction.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .given_names import detector
from .labels import HONORIFIC_WORD
from .names import DOUBLE_SURNAMES, SURNAMES, TITLES
from .not_names import ROLE_WORDS

MALE, FEMALE = "male", "female"
_CJK = re.compile(r"[\u3400-\u9fff]")
_TITLES = {
    MALE: re.compile(r"^(?:mr|mister|sir|lord|mr\.)\.?$|^(?:先生|男士|爸爸|父亲|父親|丈夫|儿子|兒子|爷爷|爺爺|哥哥|弟弟|叔叔|伯伯|舅舅|"
                     r"外公|老爷|小伙|大爷|大爺|father|dad|husband|son|brother|grandfather|grandpa|uncle|"
                     r"chairman|congressman|king|prince|monsieur|señor|senor|herr)$", re.IGNORECASE),
    FEMALE: re.compile(r"^(?:ms|mrs|miss|madam|madame|dame|lady|ms\.|mrs\.)\.?$|^(?:女士|小姐|太太|夫人|妈妈|媽媽|母亲|母親|"
                       r"妻子|女儿|女兒|奶奶|姐姐|妹妹|阿姨|婆婆|外婆|姑姑|大妈|大媽|大姐|mother|mom|mum|wife|"
                       r"daughter|sister|grandmother|grandma|aunt|chairwoman|congresswoman|queen|princess|"
                       r"madame|señora|senora|frau|mademoiselle)$", re.IGNORECASE),
}
# Written after a Chinese name: 王先生, 李女士, 张老太.
_CJK_SUFFIX = {MALE: re.compile(r"(?:先生|男士|大爷|大爺|老爷|爷爷|爺爺|叔叔|伯伯|哥)$"),
               FEMALE: re.compile(r"(?:女士|小姐|太太|夫人|阿姨|奶奶|大妈|大媽|姐|妈妈|媽媽)$")}
CONFIDENCE = 0.8  # ngender's and the pinyin model's probability below which a name says nothing


@dataclass(frozen=True)
class Guess:
    gender: str | None  # male | female | None: unknown
    evidence: str  # what it rests on, for the user: "given name 娜", "Mr.", "conflicting: …"

    def describe(self) -> str:
        return f"{self.gender or 'unknown'}" + (f" ({self.evidence})" if self.evidence else "")


def guess(name: str, labels: Iterable[str] = (), descriptors: Iterable[str] = (), context: str = "",
          others: Iterable[str] = ()) -> Guess:
    """The gender of a speaker called `name` (labelled `labels`, described as `descriptors`),
    from their name and titles and, if given, the text about them (`context`, where the names
    of the `others` speakers tell whose sentence a pronoun is in)."""
    votes: list[tuple[str, str, float]] = []  # (gender, evidence, weight)
    for text in dict.fromkeys([name, *labels, *descriptors]):
        for found in _titles(text):
            votes.append((*found, 3.0))
    given = _given_name(name, labels)
    if given is not None:
        votes.append((*given, 2.0))
    if context:
        said = _pronouns(name, context, others)
        if said is not None:
            votes.append((*said, 1.5))
    score = defaultdict(float)
    for gender, _, weight in votes:
        score[gender] += weight
    if not votes:
        return Guess(None, "")
    if score[MALE] and score[FEMALE]:
        if max(score.values()) < 2 * min(score.values()):
            return Guess(None, "conflicting: " + ", ".join(f"{e} says {g}" for g, e, _ in votes))
    winner = max(score, key=score.get)
    evidence: dict[str, str] = {}
    for g, e, _ in votes:
        if g == winner:
            evidence.setdefault(e.casefold(), e)
    return Guess(winner, ", ".join(evidence.values()))


def _titles(text: str) -> list[tuple[str, str]]:
    out = []
    for word in re.split(r"[\s,，、（）()]+", text.strip()):
        for gender, pattern in _TITLES.items():
            if word and pattern.match(word):
                out.append((gender, word))
    if _CJK.search(text):
        for gender, pattern in _CJK_SUFFIX.items():
            m = pattern.search(text.strip())
            if m and len(text.strip()) > len(m.group(0)):
                out.append((gender, m.group(0)))
    return out


def _given_name(name: str, labels: Iterable[str]) -> tuple[str, str] | None:
    for candidate in (name, *labels):
        candidate = candidate.strip()
        if _CJK.search(candidate):
            found = _chinese(candidate)
        else:
            found = _latin(candidate)
        if found is not None:
            return found
    return None


# Western given names as Chinese writes them, before the dot of a foreign name (凯文·凯利): ngender
# reads Chinese names, and these are not. The common ones, by the gender their owners mostly are.
_TRANSLITERATED = {
    MALE: set("约翰 凯文 迈克尔 迈克 大卫 戴维 詹姆斯 彼得 保罗 乔治 托马斯 汤姆 杰克 威廉 理查德 罗伯特 史蒂夫 史蒂芬 "
              "斯蒂芬 马克 比尔 埃隆 杰夫 蒂姆 拉里 谢尔盖 沃伦 查理 查尔斯 丹尼尔 安德鲁 克里斯 布莱恩 埃里克 山姆 萨姆 "
              "亚当 尼克 弗兰克 亨利 路易斯 马丁 爱德华 约瑟夫 本杰明 乔纳森 瑞安 贾斯汀 亚历山大 尼古拉斯 雷 霍华德 "
              "唐纳德 巴拉克 乔 纳瓦尔 凯 尤瓦尔 贾雷德 马尔科姆 肯 莱昂纳多 汉斯 卡尔 弗里德里希 伊隆".split()),
    FEMALE: set("玛丽 安娜 莎拉 萨拉 艾米丽 伊丽莎白 珍妮弗 詹妮弗 丽莎 琳达 苏珊 凯特 凯瑟琳 艾玛 奥利维亚 索菲亚 "
                "露西 朱莉 杰西卡 米歇尔 海伦 芭芭拉 雪莉 克莱尔 劳拉 安吉拉 黛安 桑德拉 谢丽尔 梅琳达 奥普拉 希拉里 "
                "艾丽斯 爱丽丝 格蕾丝 汉娜 伊娃 玛格丽特 安妮 简 珍妮 南希 卡罗尔 黛博拉 维多利亚 特蕾莎".split()),
}


def _chinese(name: str) -> tuple[str, str] | None:
    """A Chinese full name (surname first) by its given name's characters, through ngender; a
    foreign name written in Chinese (凯文·凯利) by its given name before the dot."""
    if m := re.match(r"([\u3400-\u9fff]{1,5})[·•・]", name):
        return next(((g, f"given name {m.group(1)}") for g, names in _TRANSLITERATED.items() if m.group(1) in names), None)
    name = re.sub(r"[·•\s]", "", name)
    if not re.fullmatch(r"[\u3400-\u9fff]{2,4}", name) or ROLE_WORDS.match(name):
        return None  # a role names no one: 原告 is not a 原 called 告
    surname = 2 if name[:2] in DOUBLE_SURNAMES else 1 if name[0] in SURNAMES else 0
    given = TITLES.sub("", name[surname:])  # 王老师, 李总: a title, not a given name
    if not surname or not given:
        return None
    try:
        gender, p = _ngender().guess(name[0] + given)
    except (AssertionError, ValueError, KeyError):  # ngender asserts on characters it cannot read
        return None
    if gender in (MALE, FEMALE) and p >= CONFIDENCE:
        return gender, f"given name {given}"
    return None


def _latin(name: str) -> tuple[str, str] | None:
    everything = [w.strip(".,") for w in name.split() if w.strip(".,")]
    words = [w for w in everything if not (_TITLES[MALE].match(w) or _TITLES[FEMALE].match(w) or HONORIFIC_WORD.match(w))]
    if len(words) == 1 < len(everything):
        return None  # Mr. Stewart, Chief Justice Roberts: a title and a surname, no given name
    if not words or len(words[0]) < 2 or words[0].isupper() and len(words[0]) <= 3 or not words[0][0].isupper():
        return None  # initials (AA, K.K.), a bare Q, a caption's lower-case `the speaker`
    first = words[0]
    if first[0].isalpha() and not first.isupper() or len(first) > 3:
        found = detector().get_gender(first.capitalize())
        if found in ("male", "mostly_male"):
            return MALE, f"given name {first}"
        if found in ("female", "mostly_female"):
            return FEMALE, f"given name {first}"
    if len(words) >= 2:  # Li Na, Wang Qiang: pinyin, surname first
        return _pinyin(words)
    return None


def _pinyin(words: list[str]) -> tuple[str, str] | None:
    surname, *given = [w.lower() for w in words]
    syllables = [s for w in given for s in _syllables(w)]
    if surname not in _pinyin_surnames() or not syllables or any(s not in _pinyin_model() for s in syllables):
        return None
    female = male = 1.0
    for s in syllables:
        f, m = _pinyin_model()[s]
        female, male = female * f, male * m
    p = max(female, male) / (female + male)
    if p >= CONFIDENCE:
        return (FEMALE if female > male else MALE), f"given name {' '.join(words[1:])} (pinyin)"
    return None


def _syllables(word: str) -> list[str]:
    """A pinyin given name cut into syllables: `xiaoming` -> xiao ming (the longest that fit)."""
    word = word.replace("-", "").replace("'", "")
    out, pos = [], 0
    while pos < len(word):
        for end in range(min(len(word), pos + 6), pos, -1):
            if word[pos:end] in _pinyin_model():
                out.append(word[pos:end])
                pos = end
                break
        else:
            return []
    return out


def _pronouns(name: str, context: str, others: Iterable[str] = ()) -> tuple[str, str] | None:
    """she/her or he/him next to the name in the text about the speaker (front matter, intro):
    in the sentences that name them and nobody else, and the sentence after each."""
    counts = {MALE: 0, FEMALE: 0}
    short = _first_word(name)
    if not short:
        return None
    rivals = [r for r in (_first_word(o) for o in others if o != name) if r]
    sentences = re.split(r"(?<=[。！？.!?])\s*", context)
    for i, sentence in enumerate(sentences):
        if short not in sentence and name not in sentence or any(r in sentence for r in rivals):
            continue
        sentence += " ".join(sentences[i + 1 : i + 2])  # and the sentence after it: 她在……
        counts[FEMALE] += len(re.findall(r"她|\b(?:she|her|hers|herself)\b", sentence, re.IGNORECASE))
        counts[MALE] += len(re.findall(r"他(?!们|們)|\b(?:he|him|his|himself)\b", sentence, re.IGNORECASE))
    if counts[FEMALE] > 2 * counts[MALE]:
        return FEMALE, "她/she in the introduction"
    if counts[MALE] > 2 * counts[FEMALE]:
        return MALE, "他/he in the introduction"
    return None


def _first_word(name: str) -> str:
    words = name.split()
    return words[0] if words else ""


@lru_cache(maxsize=1)
def _ngender():
    import ngender

    return ngender.ngender.guesser


@lru_cache(maxsize=1)
def _pinyin_model() -> dict[str, tuple[float, float]]:
    """P(syllable | female), P(syllable | male) for given-name syllables: ngender's character
    counts summed over the characters each pinyin syllable is written with."""
    from pypinyin import Style, pinyin

    guesser = _ngender()
    female: dict[str, float] = defaultdict(float)
    male: dict[str, float] = defaultdict(float)
    for char, (f, m) in guesser.freq.items():
        for reading in pinyin(char, style=Style.NORMAL, heteronym=False)[0]:
            female[reading] += f
            male[reading] += m
    return {s: (female[s] + 1e-6, male[s] + 1e-6) for s in set(female) | set(male)}


@lru_cache(maxsize=1)
def _pinyin_surnames() -> set[str]:
    from pypinyin import Style, lazy_pinyin

    return {lazy_pinyin(s, style=Style.NORMAL)[0] for s in SURNAMES} | {
        "".join(lazy_pinyin(s, style=Style.NORMAL)) for s in DOUBLE_SURNAMES}
