"""Chinese numbers and signs as words: dates, times, money, units, ranges, scores, fractions and
digit strings as a person reads them. WeTextProcessing's grammars (grammars.py) read each stretch
around a number; our own rules come first only where the grammars are wrong for speech, each
measured in bench/readings.py and listed in docs/readings.md.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .grammars import NEEDS_GRAMMAR, grammar, read_with_numbers

_CLAUSE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;\n]*")  # numbers never span a sentence
_UNITS = {"㎡": "平方米", "㎞": "公里", "㎝": "厘米", "㎜": "毫米", "㎏": "千克", "㎎": "毫克", "㎖": "毫升",
          "m²": "平方米", "km²": "平方公里", "km/h": "公里每小时"}
_UNIT = re.compile("|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)))
_SPEED = re.compile(r"(\d+(?:\.\d+)?)\s*km/h")
# A fraction, 1/3: smaller over larger, no leading zero (08/08 and 2008/08 are dates, 2/2 a score).
_FRACTION = re.compile(r"(?<![\d/.:-])([1-9]\d{0,2})/([1-9]\d{0,2})(?![\d/])")
_BELOW_ZERO = re.compile(r"(?<![\dA-Za-z])[-−](\d+(?:\.\d+)?)\s*(?=℃|°C|度)")
_CURRENCY = re.compile(r"[￥¥](\d[\d,]*(?:\.\d+)?(?:万|亿|千万|百万)?)(?!\s*元)")  # ￥58: 五十八元; ¥3,560万: 三千五百六十万元
# A name's number after a hyphen, GPT-4, COVID-19: GPT四 (the grammars: GPT负四); more than a
# number, 100+个, 10万+: 一百多个 (the grammars leave the +); No.1: 第一 (the grammars: No.一).
_NAME_HYPHEN = re.compile(r"(?<=[A-Za-z])[-‐](?=\d)")
_PLUS = re.compile(r"(?<=[\d万亿千百])\+(?![\d+])")
_ADD = re.compile(r"(?<=\d)\s*\+\s*(?=\d)")  # 90+3分钟: 九十加三 (the grammars: 九十正三)
# A video's lines of resolution, said digit by digit: 1080p 一零八零P, 720p, 480i.
_RESOLUTION = re.compile(r"(?<![\d.])(\d{3,4})([pPi])(?![A-Za-z\d])")
_NUMBER_SIGN = re.compile(r"(?<![A-Za-z])(?:No|NO|no)\.\s?(?=\d)")
_PER_MILLE = re.compile(r"(\d+(?:\.\d+)?)\s*‰")  # 2.5‰: 千分之二点五 (the grammars leave the ‰)
# 两, not 二, for a count of two things: 2遍 两遍, 2个人 两个人, 约2万 两万 (the grammars say 二).
_TWO = re.compile(r"(?<![\d.．/:~-])2(?=[个遍次本天位只条张件种句名家台部辆双口首间座所块片倍岁周项份场届轮千万亿"
                  r"尊匹头枚架艘棵颗粒把杯碗瓶斤吨根支盏封篇幅趟套副批类样米]|公[里斤分顷]|年(?!级))")
# 二, not 两, where 2 numbers a place: 2单元, 在2层 (the grammars: 两单元, 在两层; 2层楼 is two storeys).
_SECOND = re.compile(r"(?<![\d.])2(?=单元)|(?<=[在到住去])2(?=层(?!楼|高))")
# A rate, 206人/平方公里: 每平方公里两百零六人 (the grammars know one-character units after the
# slash and 小时; they said "每平方两百零六人公里", and left 30元/公斤 unread).
_PER_UNIT = ("平方公里 平方千米 平方米 平方厘米 立方米 公斤 千克 克 斤 吨 毫升 升 公里 千米 厘米 米 小时 分钟 秒 "
             "星期 天 日 周 月 年 人 次 个 件 张 台 户 亩 间 份 瓶 包 盒 袋 位 晚 套 页").split()
_PER = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?[万亿]?)\s*([\u4e00-\u9fff]{1,3}?)\s*/\s*("
                  + "|".join(sorted(_PER_UNIT, key=len, reverse=True)) + ")")
# A range of percentages, 10-15%: 百分之十到百分之十五 (the grammars: "十月一日百分之五").
_PERCENT_RANGE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)%?\s*[-–—~～]\s*(\d+(?:\.\d+)?)%")
# A range, 2-3年, 1980—1990年: the grammars read "~" as 到 (二到三年), but "-" before 年 as minus
# (二减三年) and any dash but "-" not at all. A range rises (a score is 3-2, 1–1), and with an
# ASCII "-" it rises to a unit or to 之间, 左右, 以内. A span of years is read as years (_years).
_RANGE = re.compile(r"(?<![\d.:/-])(\d{1,4}(?:\.\d+)?)\s*(?:([-])|[—–～〜])\s*(\d{1,4}(?:\.\d+)?)(?![\d.:/-])"
                    r"(?=\s*([年月天日周个小时分钟秒岁万亿千百人次倍%％元米公点层页章集期名位件份篇本台家级届轮场局项条种所步遍句"
                    r"杯瓶盒块斤克吨度季代辈圈组批段节部门道张支只头双对套间栋座辆艘架颗粒口里折成码]|之间|左右|以内)?)")
# A score, 以3-2击败, 比分为2-2: 三比二 (the grammars: 三减二), told by the words around it (_score).
_SCORE = re.compile(r"(?<![\d.:：/-])(\d{1,3})\s*[-–—]\s*(\d{1,3})(?![\d.:：/-])")
_SCORE_AFTER = re.compile(r"\s*(?:获胜|取胜|击败|战胜|打败|落败|告负|不敌|大胜|险胜|完胜|逆转|领先|落后|战平|打平|赢|输|胜|负)")
# 7×24小时: 七乘二十四小时 (the grammars: 七乘二四); 120Hz: 一百二十赫兹 (the grammars read 120 as the
# ambulance's number, 幺二零, before 赫兹 too).
_TIMES = re.compile(r"(?<![\d.])(\d+)\s*[×*]\s*(\d+)(?![\d.])")
_HERTZ = re.compile(r"(\d+(?:\.\d+)?)\s*(GHz|MHz|kHz|Hz|赫兹)")
_HERTZ_SAID = {"GHz": "G赫兹", "MHz": "兆赫兹", "kHz": "千赫兹", "Hz": "赫兹", "赫兹": "赫兹"}
# A height, 1米85: 一米八五, the centimetres digit by digit (the grammars: 一米八十五).
_HEIGHT = re.compile(r"(?<![\d.])([12])米(\d{1,2})(?![\d.]|\s*(?:厘米|公分|毫米|cm|mm))")
# Numbers that are names, read digit by digit: 985 and 211 (tiers of universities), 996 (a working
# week), 618 (a shopping festival), 315 (consumer rights day). Before what they name, or in a list
# of such names (985、211): 我花了985元 stays a count.
_NAMES = r"(?:985|211|996|618|315)"
_NAMED_NUMBER = re.compile(rf"(?<![\d.]){_NAMES}(?:\s*[、和与及/或]\s*{_NAMES})*(?![\d.])")
_NAMED_BEFORE = re.compile(r"\s*(?:大学|高校|院校|工程|名校|学校|学历|毕业|工作制|福报|大促|购物节|晚会)")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")  # a number that may be a year, 1500-2099
# A year before 年之后/年之前, 1949年之后: 一九四九年 (the grammars read a span of years, 一千九百四十九年).
_YEAR_OF = re.compile(rf"(?<![\d.])({_YEAR.pattern})(?=年之)")
# From one year to another, 1881年—1936年: 一八八一年到一九三六年 (the grammars read the dash as a pause).
_YEARS_APART = re.compile(rf"(?<=\d年)\s*[-–—~～]\s*(?={_YEAR.pattern}年)")
# A phone number in groups, 138 0013 8000, 010-6552 9988: digit by digit, a pause between groups
# (the grammars read the spaced groups as counts, 一百三十八零零十三八千).
_PHONE = re.compile(r"(?<![\d.])(?:(?:\+?86[\s-])?1[3-9]\d(?:[\s-]\d{4}){2}|0\d{2,3}[\s-]\d{3,4}[\s-]\d{4})(?![\d.])")
# A day written month/day, 12/31前, 截至5/20: 十二月三十一日, when the words around it are a date's
# (the grammars read it as a fraction, 三十一分之十二); 1/16英寸 stays a fraction.
_SLASH_DATE = re.compile(r"(?<![\d/.])(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])(?![\d/.])")
_DATE_BEFORE = re.compile(r"(?:截至|截止到?|于|定于|从|自|日期|时间)\s*$")
_DATE_AFTER = re.compile(r"\s*(?:前|之前|以前|截止|当天|那天|当晚|晚上|上午|下午|中午|凌晨|早上|起|[（(]?(?:周|星期)[一二三四五六日天])")
# A version, v2.3.1: v二点三点一 (the grammars: v二.三点一); not a date, 2008.08.08.
_VERSION = re.compile(r"(?<=[vV])(\d+(?:\.\d+)+)(?![\d.])"
                      r"|(?<![\d.A-Za-z])(?!(?:1[5-9]|20)\d\d\.[01]?\d\.[0-3]?\d(?![\d.]))(\d+\.\d+\.\d+)(?![\d.])")
# A code of capitals and digits, 工号A1023, RTX4090, A380: the digits one by one (the grammars:
# A一千零二十三); fewer than three digits are a name's number (iPhone15, G20: 十五, 二十).
_CODE = re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,4})-?(\d{3,})(?![\d.])")
# A battery's or a meter's charge after a number, 5000mAh, 60kWh: 五千毫安时 (the grammars: 五千米Ah).
_CHARGE = re.compile(r"(?<=\d)\s*(mAh|kWh|Wh|Ah)(?![A-Za-z])")
_CHARGE_SAID = {"mAh": "毫安时", "kWh": "千瓦时", "Wh": "瓦时", "Ah": "安时"}
# A number that names, not counts, read digit by digit: eleven digits or more (an ID card's, an
# order's, a bank card's; 110101199003074512), a train's (G2次, K1234次), and any number of four
# digits or more after what says it is one (验证码是839201, 订单号：2024031500, 尾号1702, 工号 0371).
_IDENTIFIER = re.compile(r"(?<![\d.,])\d{11,}(?![\d.,])|(?<=(?<![A-Za-z0-9])[GDCZTKYLS])\d{1,4}(?=次)|"
                         r"(?:(?:验证|密|代|编|条)码|号码|邮编|(?:单|账|帐|卡|编|证|学|工|尾|机|话|牌|批|列|员|信|Q)号|ID|id)"
                         r"\s*(?:是|为|：|:)?\s*\d{4,}(?![\d.,])")  # not 起码1000元, 价码: a count
# From one dated day to another, 2024.5.20—2024.6.30: 到 (the grammars read the dash as a pause).
_DATES_APART = re.compile(r"((?:19|20)\d\d([./-])\d{1,2}\2\d{1,2})\s*(?:—{1,2}|–|~|～|-{1,2})\s*(?=(?:19|20)\d\d([./-])\d{1,2}\3\d{1,2})")
# A length of time, not a time of day, after what says so: 时长1:23:45 一小时二十三分四十五秒, 倒计时00:59
# 五十九秒 (the grammars: 一点二十三分…, 零点五十九分); and a time just after midnight, 0:30 零点三十分
# (the grammars: 零比三十).
_DURATION = re.compile(r"(时长|长度|用时|耗时|历时|全长|总长|倒计时|计时)([为是：:]?\s*)(\d{1,2})[:：]([0-5]\d)(?:[:：]([0-5]\d))?(?![\d:：])")
_MIDNIGHT = re.compile(r"(?<![\d:：.])0?0[:：]([0-5]\d)(?![\d:：])")
# A room's or a bus line's number, 305室, 1201房间, 302路公交: digit by digit, as it is said (the
# grammars: 三百零五室).
_ROOM = re.compile(r"(?<![\d.])(\d{3,4})(?=\s*(?:室|号房|房间|路公交|路车|路巴士))")
# 万 as the internet writes it, 10w+, 3.5w: 十万多, 三点五万; W after a number is watts where power
# is spoken of (65W快充: 六十五瓦快充), else 万 only before a plus (100W+).
_WAN = re.compile(r"(?<![\d.A-Za-z])(\d+(?:\.\d+)?)\s?(?:w|W(?=\+))(?![A-Za-z])")
_WATT = re.compile(r"(?<![\d.A-Za-z])(\d+(?:\.\d+)?)\s?W(?![A-Za-z+])(?=.{0,6}?(?:快充|充电|功率|电源|灯|功耗|供电|输出|电机))"
                   r"|(?<=功率)(\d+(?:\.\d+)?)\s?W(?![A-Za-z+])")
# ≈100元: 约一百元 (the grammars leave the sign); +15% after 涨幅: 百分之十五 (the grammars: 百分之正十五).
_ABOUT = re.compile(r"[≈≒]\s*(?=\d)")
_PLUS_PERCENT = re.compile(r"(?<![0-9A-Za-z.+])\+(?=\d+(?:\.\d+)?\s*[%％])")
_KEPT = "\ue000"  # a private-use character, holding the place of what _HELD keeps through the grammar
# Held from the grammar, in its place: a digit between Latin letters (P2P, B2B) is part of a name
# the engine reads as English (the grammar would make it "P to P"); 约 (about) just before a clock
# time, which the grammar's math rule takes with it for a ratio (约10:30 "约十比三十").
_HELD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]+\d+[A-Za-z]+(?![A-Za-z0-9])|约(?=(?:[01]?\d|2[0-3])[:：][0-5]\d(?![\d:：]))")


# Full-width digits and the signs read with them (１２．５％: the grammars left ．and ％ as written), and
# Roman numerals written as one character (第Ⅱ部分): as the ASCII or the Chinese numeral they are.
_FULL_WIDTH = re.compile(r"[０-９]+(?:[．.][０-９]+)?％?")
_ROMAN_ONE = {chr(first + k): n for first in (0x2160, 0x2170)  # Ⅰ…Ⅻ and ⅰ…ⅻ
              for k, n in enumerate("一 二 三 四 五 六 七 八 九 十 十一 十二".split())}
_ROMAN_CHAR = re.compile("[" + "".join(_ROMAN_ONE) + "]")


def numbers_zh(text: str) -> str:
    """Numbers and signs as words: each stretch around them (a few characters either side, within
    its sentence) through the grammars; the rest of the text as it is (the grammars cost a few
    milliseconds a stretch, and most text has no numbers)."""
    text = _FULL_WIDTH.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = _ROMAN_CHAR.sub(lambda m: _ROMAN_ONE[m.group(0)], text)
    text = _NAMED_NUMBER.sub(_named_number, text)  # across a list's 、, which ends a window
    out, pos = [], 0
    for m in _CLAUSE.finditer(text):
        clause = m.group(0)
        if not NEEDS_GRAMMAR.search(clause):
            continue
        for start, stop in _windows(clause):
            out += [text[pos : m.start() + start], _numbers_window(clause[start:stop])]
            pos = m.start() + stop
    out.append(text[pos:])
    return "".join(out)


_SIGN = "0-9０-９%％$￥€£℃°㎡㎞㎝㎜㎏㎎㎖"
# A number with what is read with it: 22：58, 1,000,000, 3-5, 2019-2023, 120km/h, -5℃, 10x.
_NUMBER_RUN = re.compile(rf"[{_SIGN}.:：,/+\-×x~～—–]*[{_SIGN}][{_SIGN}.:：,/+\-×x~～—–A-Za-z²]*")


_CONTEXT = 8  # characters either side of a number the grammars see


def _windows(clause: str) -> list[tuple[int, int]]:
    """Stretches of `clause` around its numbers and signs, joined where they touch: up to eight
    characters either side, within the clause marks (，、：), and only through what can be read
    with a number (_context: 年, 月, 点, 比, 第, measure words; Latin letters, signs, spaces). A
    stretch costs the grammars about 0.05 ms a character: 我们一共有5个 is given as 5个."""
    context, with_teams = _context()
    spans: list[list[int]] = []
    for m in _NUMBER_RUN.finditer(clause):
        start, stop = m.start(), m.end()
        before = with_teams if _SCORE_LIKE.search(m.group(0)) else context  # 中国队3:2
        while (start > 0 and m.start() - start < _CONTEXT and clause[start - 1] not in "，、：,"
               and (clause[start - 1] in before or not _HAN.match(clause[start - 1]))):
            start -= 1
        while (stop < len(clause) and stop - m.end() < _CONTEXT and clause[stop] not in "，、：,。！？"
               and (clause[stop] in context or not _HAN.match(clause[stop]))):
            stop += 1
        while start > 0 and clause[start - 1].isascii() and clause[start - 1].isalnum():
            start -= 1  # not inside a Latin word
        while stop < len(clause) and clause[stop].isascii() and clause[stop].isalnum():
            stop += 1
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], stop)
        else:
            spans.append([start, stop])
    return [(a, b) for a, b in spans]


_HAN = re.compile(r"[\u3400-\u9fff]")
_SCORE_LIKE = re.compile(r"\d\s*[-–—:：/]\s*\d")


@functools.lru_cache(maxsize=1)
def _context() -> tuple[frozenset[str], frozenset[str]]:
    """The Han characters that can change how a number beside them is read: those the grammars'
    data and rules name and those our own rules here name (their patterns, and 第); and the same
    with those of the team names the grammars read before a score."""
    named = read_with_numbers()
    ours = "".join(v.pattern for v in globals().values() if isinstance(v, re.Pattern)) + "第"
    context = frozenset(named["zh"]) | frozenset(_HAN.findall(ours))
    return context, context | frozenset(named["zh_teams"])


@functools.lru_cache(maxsize=65536)
def _numbers_window(clause: str) -> str:
    """One stretch with numbers: our rules where the grammars are wrong for speech, then theirs."""
    clause = _PHONE.sub(lambda m: _dialled(m.group(0)).replace("+", "加"), clause)
    clause = _PLUS_PERCENT.sub("", _ABOUT.sub("约", _SLASH_DATE.sub(_slash_date, clause)))
    clause = _MIDNIGHT.sub(lambda m: "零点" + (_cardinal(m.group(1).lstrip("0")) + "分" if m.group(1) != "00" else ""),
                           _DURATION.sub(_duration, _DATES_APART.sub(r"\1到", clause)))
    clause = _IDENTIFIER.sub(lambda m: _dialled(m.group(0)), clause)
    clause = _CHARGE.sub(lambda m: _CHARGE_SAID[m.group(1)], clause)
    clause = _CODE.sub(lambda m: m.group(1) + _digit_by_digit(m.group(2)), clause)
    clause = _ROOM.sub(lambda m: _digit_by_digit(m.group(1)), clause)
    clause = _WATT.sub(lambda m: (m.group(1) or m.group(2)) + "瓦", _WAN.sub(r"\1万", clause))
    clause = _VERSION.sub(lambda m: "点".join(_cardinal(n) for n in (m.group(1) or m.group(2)).split(".")), clause)
    clause = _HEIGHT.sub(lambda m: f"{_digit_by_digit(m.group(1))}米{_digit_by_digit(m.group(2))}", clause)
    clause = _SPEED.sub(lambda m: f"每小时{m.group(1)}公里", clause)
    clause = _UNIT.sub(lambda m: _UNITS[m.group(0)], clause)
    clause = _BELOW_ZERO.sub(lambda m: "零下" + m.group(1), clause)
    clause = _CURRENCY.sub(lambda m: m.group(1) + "元", clause)
    clause = _PLUS.sub("多", _ADD.sub("加", _NUMBER_SIGN.sub("第", _NAME_HYPHEN.sub("", clause))))
    clause = _RESOLUTION.sub(lambda m: _digit_by_digit(m.group(1)) + m.group(2).upper(), clause)
    clause = _PER_MILLE.sub(lambda m: "千分之" + m.group(1), clause)
    clause = _FRACTION.sub(lambda m: f"{_cardinal(m.group(2))}分之{_cardinal(m.group(1))}"
                           if int(m.group(1)) < int(m.group(2)) else m.group(0), clause)
    clause = _PER.sub(lambda m: f"每{m.group(3)}{m.group(1)}{m.group(2)}", clause)
    clause = _PERCENT_RANGE.sub(r"\1%~\2%", clause)
    clause = _YEARS_APART.sub("到", clause)
    clause = _SCORE.sub(_score, clause)
    clause = _RANGE.sub(_range, clause)
    clause = _TIMES.sub(lambda m: f"{_cardinal(m.group(1))}乘{_cardinal(m.group(2))}", clause)
    clause = _HERTZ.sub(lambda m: _cardinal(m.group(1)) + _HERTZ_SAID[m.group(2)], clause)
    clause = _YEAR_OF.sub(lambda m: _digit_by_digit(m.group(1)), clause)
    clause = _TWO.sub("两", _SECOND.sub("二", clause))
    kept = _HELD.findall(clause)
    said = grammar("zh", _HELD.sub(_KEPT, clause))
    if said.count(_KEPT) != len(kept):  # the grammar did not keep the place: read it all as written
        said, kept = grammar("zh", clause), []
    for name in kept:
        said = said.replace(_KEPT, name, 1)
    return said.replace("第两", "第二")  # an ordinal is never 两 (the grammars: 第2名 第两名)


def _duration(m: re.Match) -> str:
    """时长1:23:45 -> 时长一小时二十三分四十五秒; 用时2:03 -> 用时两分三秒 (hours, minutes and seconds
    as many as written, a zero part left out, 零 between where one is skipped: 1:00:05 一小时零五秒)."""
    parts = [m.group(3), m.group(4)] + ([m.group(5)] if m.group(5) else [])
    units = ["小时", "分", "秒"][3 - len(parts):]
    said, skipped = "", False
    for n, unit in zip(parts, units):
        if int(n) == 0:
            skipped = bool(said)
            continue
        number = "两" if int(n) == 2 and unit != "秒" else _cardinal(str(int(n)))
        said += ("零" if skipped else "") + number + unit
        skipped = False
    return m.group(1) + m.group(2) + (said or "零秒")


def _named_number(m: re.Match) -> str:
    """985大学, 996工作制, 985、211: digit by digit; any other 985 as it is (a count)."""
    if len(re.findall(r"\d+", m.group(0))) > 1 or _NAMED_BEFORE.match(m.string[m.end():]):
        return _digit_by_digit(m.group(0))
    return m.group(0)


def _slash_date(m: re.Match) -> str:
    """12/31 as 十二月三十一日 where a date's words are beside it; as it is (a fraction) elsewhere."""
    if _DATE_BEFORE.search(m.string[: m.start()]) or _DATE_AFTER.match(m.string[m.end():]):
        return f"{_cardinal(m.group(1).lstrip('0'))}月{_cardinal(m.group(2).lstrip('0'))}日"
    return m.group(0)


def _score(m: re.Match) -> str:
    """3-2 as a score (三比二) where the words say so: a verb of winning or losing after it, or
    以/为/是 before it and nothing after it in its clause (以21-6，21-13战胜; 比分为2-2)."""
    after, before = m.string[m.end():], m.string[: m.start()]
    if _SCORE_AFTER.match(after) or (before.endswith(("以", "为", "是")) and re.match(r"\s*(?:[，。、；！？,;!?]|$)", after)):
        return f"{m.group(1)}比{m.group(2)}"
    return m.group(0)


def _range(m: re.Match) -> str:
    low, high = float(m.group(1)), float(m.group(3))
    if _years(m):
        return f"{_digit_by_digit(m.group(1))}到{_digit_by_digit(m.group(3))}"
    if low >= high or m.group(2) and not m.group(4):
        return m.group(0)  # 3-2, 1–1: a score; 010-1234: no range
    return f"{m.group(1)}~{m.group(3)}"


def _years(m: re.Match) -> bool:
    """A span of years, read as years (一八八一到一九三六; the grammars: 一千八百八十一到…): two years,
    the first the earlier, before 年 or no unit at all, and in brackets (a life, 鲁迅（1881—1936）)
    or less than a century apart (1990-1995举行; 1500-2000之间 stays two counts)."""
    first, last = m.group(1), m.group(3)
    if not (_YEAR.fullmatch(first) and _YEAR.fullmatch(last) and int(first) < int(last)) or m.group(4) not in (None, "年"):
        return False
    bracketed = m.string[: m.start()].rstrip().endswith(("（", "(")) and m.string[m.end():].lstrip().startswith(("）", ")"))
    return bracketed or int(last) - int(first) < 100


def _digit_by_digit(text: str) -> str:
    """2024 -> 二零二四: a year, a phone number, a code, a number that is a name (each digit of
    `text` spelled, anything between the digits kept: 985、211, 138 0013 8000)."""
    return "".join("零一二三四五六七八九"[int(c)] if c.isdigit() else c for c in text)


def _dialled(text: str) -> str:
    """Digit by digit as a phone number is read, 1 as 幺 (as the grammars read an unbroken one)."""
    return _digit_by_digit(text).replace("一", "幺")


def _cardinal(digits: str) -> str:
    import cn2an

    return cn2an.an2cn(digits, "low")
