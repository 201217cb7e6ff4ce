"""Polyphones read as speech reads them, in the contexts an interview is full of, where the context
model (g2pM, trained on CPP's written sentences) is sure and wrong: (pattern, reading), the reading
given to the pattern's group `c` where no phrase of the dictionary reads that character (or even there, where
a third element says so)."""

from __future__ import annotations

import re

# 很长 chang2 (said zhang3), 长得像 zhang3, 你得走 dei3 (said de2), 数一数 shu3, 为人民服务
# wei4 (said wei2), 跑得很快 de5 (said de2). Each checked on CPP's test set (bench/readings.py).
_VERB = {"量": "liang2", "称": "cheng1", "转": "zhuan4", "调": "tiao2", "扇": "shan1"}
_REACHED = "用睡找见摸够猜犯值买吃等"  # verbs whose 得着/不着 says whether it can be reached: 用得着, 睡不着
_DEGREE = "很|太|较|更|最|挺|够|非常|特别|这么|那么|多么|比较|相当|有点|越来越|不"
IN_SPEECH = [
    (re.compile(rf"(?:{_DEGREE})(?P<c>长)(?!大|高|成|得|出|相|官|辈|者|子|孙)"), "chang2"),  # 很长, 太长时间
    (re.compile(r"(?P<c>长)(?=得(?!多|了|很长)[\u4e00-\u9fff])"), "zhang3"),  # 长得像, 长得很高
    (re.compile(r"(?P<c>长)(?=得多)"), "chang2"),  # 比那条长得多: longer by far
    (re.compile(r"(?<![很太较更最挺够么])(?P<c>长)(?=高|胖|肉|个子|出来|出了|满|歪|势)"), "zhang3"),  # 孩子长高了, 长满了
    (re.compile(r"(?<=[\u4e00-\u9fff])(?<![我你他她它咱您们就还也都总只须定])(?P<c>得)(?=很|非常|太|真|挺|特别|更|越来越|十分|相当|比较|那么|"
                r"这么|不错|清楚|明白|对[。，！？,.!?吗呢了]|好[。，！？,.!?吗呢了]|快[。，！？,.!?吗呢了])"), "de5"),  # 跑得很快, 说得对 (the model: de2)
    (re.compile(r"(?:(?P<a>[\u4e00-\u9fff])(?P=a)|认真|仔细|努力|不断|逐渐|逐步|积极|充分|明显|迅速|主动)(?P<c>地)(?=[\u4e00-\u9fff])"),
     "de5"),  # 慢慢地走, 认真地做
    (re.compile(r"(?<=[晒烘吹擦晾烤喝吃])(?P<c>干)"), "gan1"),  # 晒干了, 喝干
    (re.compile(r"(?:好好|要|在|苦|实|肯|能|会|敢|想|就|一起|加油)(?P<c>干)(?!净|燥|杯|粮|货|扰|涉|预|旱|脆|枯|冰|爹|妈|果|巴|瘪)"), "gan4"),  # 好好干
    (re.compile(r"(?P<c>还)(?=给[我你他她它咱您们]{1,2}(?:买|做|打|发|带|讲|说|寄|送|准备|留|安排|推荐|介绍|看|写|拿|找))"), "hai2", True),  # 他还给我买了书: the dictionary's 还给 is huán
    (re.compile(r"(?<=[我你他她它咱您们就还也都总只])(?P<c>得)(?=[\u4e00-\u9fff])(?!得|到|了|很|多|更|太|不|着(?!手|眼|重)|过|出|住|起|分|奖|知|罪|意|病|"
                r"力|益|救|逞|手|胜|失|当|体|志|宠|悉|以|道|主|票|数|利|空|闲|法|劲|及)"), "dei3"),  # 你得早点来
    (re.compile(r"(?P<c>数)(?=一数|了数|不清|不过来|得过来|数看|钱)"), "shu3"),  # 数一数, 数不清
    (re.compile(r"(?<=数[一了])(?P<c>数)"), "shu3"),
    (re.compile(r"(?P<c>为)(?=[^，。！？；,.!?;]{1,8}?(?:服务|着想|操心|担心|骄傲|自豪|感到|奋斗|买单|负责))"), "wei4"),  # 为人民服务
    # a verb done a little, X一X or X了X: 量一量 liáng, 称一称, 转一转, 调一调
    *[(re.compile(rf"(?P<c>{ch})(?=[一了]{ch})"), py) for ch, py in _VERB.items()],
    *[(re.compile(rf"(?<={ch}[一了])(?P<c>{ch})"), py) for ch, py in _VERB.items()],
    (re.compile(r"(?<![这那哪各一某几多每同此该品物人兵播杂变菜剑火])(?P<c>种)(?=了|过|着|出来|下去|下了)"), "zhong4"),  # 种了很多树
    (re.compile(r"(?P<c>背)(?=(?:起|着|上)?(?:书包|背包|包|孩子|行李|筐|篓|柴|枪))"), "bei1"),  # 背着书包
    (re.compile(r"绕[^，。！？；,.!?;]{0,8}?(?<![旋扭回逆反翻])(?P<c>转)(?=[了着圈，。！？；,.!?;]|$)"), "zhuan4"),  # 绕着太阳转
    (re.compile(r"(?P<c>转)(?=圈|来转去|悠)"), "zhuan4"),  # 转圈, 转来转去
    (re.compile(r"(?<![关联体派世星院谱直旁母父嫡])(?P<c>系)(?=上|好|紧|鞋带|领带|安全带|扣子|围巾|红领巾)"), "ji4"),  # 系上鞋带
    (re.compile(r"(?P<c>还)(?=清|款|债|贷|[车书钱](?:了|吧|吗|[。！？，,.!?]|$))"), "huan2"),  # 一起还车。
    # 着急地说, 大声地问: how something is said or done (the model: di4; 当地说法 stays di4)
    (re.compile(r"(?<=[然急静声兴奋心动奈意真重])(?P<c>地)(?=说|问|笑|回答|点头|摇头|喊|叫|告诉|表示|补充|看着|望着)"), "de5"),
    (re.compile(r"(?<!出)(?P<c>差)(?=了?一点|了?一些|得远|得多|远了|太多|很多)"), "cha4"),  # 质量差了一点
    # 用得着, 睡不着, 找不着: whether it can be reached, zháo (the model: de2 zhe5)
    (re.compile(rf"(?<=[{_REACHED}])[得不](?P<c>着)"), "zhao2"),
    (re.compile(rf"(?<=[{_REACHED}])(?P<c>得)(?=着)"), "de5"),
    # 他还你钱, 还我们的书: give back, to whom, then what
    (re.compile(r"(?P<c>还)(?=[我你他她它您咱]们?[^，。！？；,.!?;]{0,4}?(?:钱|书|车|东西|债|账|人情)(?!包))"), "huan2"),
    (re.compile(r"(?<![西宝矿库道经青蒙])(?P<c>藏)(?=在|起来|起了|着|好了|到了|进了|匿|身)"), "cang2"),  # 就藏在山里
]
