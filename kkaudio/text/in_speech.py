"""Polyphones read as speech reads them, in the contexts an interview is full of, where the context
model (g2pM, trained on CPP's written sentences) is sure and wrong: (pattern, reading), the reading
given to the pattern's group `c` where no phrase of the dictionary reads that character."""

from __future__ import annotations

import re

# 很长 chang2 (said zhang3), 长得像 zhang3, 你得走 dei3 (said de2), 数一数 shu3, 为人民服务
# wei4 (said wei2), 跑得很快 de5 (said de2). Each checked on CPP's test set (bench/readings.py).
_VERB = {"量": "liang2", "称": "cheng1", "转": "zhuan4", "调": "tiao2", "扇": "shan1"}
_DEGREE = "很|太|较|更|最|挺|够|非常|特别|这么|那么|多么|比较|相当|有点|越来越|不"
IN_SPEECH = [
    (re.compile(rf"(?:{_DEGREE})(?P<c>长)(?!大|高|成|得|出|相|官|辈|者|子|孙)"), "chang2"),  # 很长, 太长时间
    (re.compile(r"(?P<c>长)(?=得(?!多|了|很长)[\u4e00-\u9fff])"), "zhang3"),  # 长得像, 长得很高
    (re.compile(r"(?P<c>长)(?=得多)"), "chang2"),  # 比那条长得多: longer by far
    (re.compile(r"(?<![很太较更最挺够么])(?P<c>长)(?=高|胖|肉|个子|出来|出了|满|歪|势)"), "zhang3"),  # 孩子长高了, 长满了
    (re.compile(r"(?<=[\u4e00-\u9fff])(?<![我你他她它咱您们])(?P<c>得)(?=很|非常|太|真|挺|特别|更|越来越|十分|相当|比较|那么|这么|不错|清楚|明白)"),
     "de5"),  # 跑得很快 (the model: de2)
    (re.compile(r"(?<=[我你他她它咱您们就还也都总只])(?P<c>得)(?=[\u4e00-\u9fff])(?!得|到|了|很|多|更|太|不|着|过|出|住|起|分|奖|知|罪|意|病|"
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
]
