"""What a published interview carries that nobody says: where the interview is over, the
publisher's pleas, captions, editors' notes. Built in, for every transcript; voices.yaml's
`script` rules add to them."""

from __future__ import annotations

import re

# Built in, for every transcript: where the interview is over, and lines that are never spoken.
END_MARKERS = re.compile(
    r"^\s*(?:推荐阅读|往期推荐|往期回顾|往期精选|相关阅读|延伸阅读|猜你喜欢|精彩推荐|热门推荐|推薦閱讀|延伸閱讀|"
    r"相關閱讀|Related (?:reading|articles|posts|episodes)|Further reading|Read more)\b", re.IGNORECASE)
PLEA = re.compile(
    r"关注我们|关注公众号|点击关注|长按|扫码|扫描二维码|二维码|点个?[赞在]看|点赞|在看|星标|置顶|订阅我们|"
    r"欢迎订阅|欢迎转发|留言区|评论区|未经授权|禁止转载|转载请|版权所有|版权归|侵权|侵删|原创声明|"
    r"關注我們|訂閱|轉載|版權所有|"
    r"subscribe|newsletter|follow us|all rights reserved|copyright|©|\(c\) \d{4}|sponsored by|this transcript",
    re.IGNORECASE)
CAPTION_START = re.compile(r"^\s*(?:图|圖|图为|圖為|图片|圖片|图源|圖源|摄影|攝影|上图|下图|▲|△|↑|Photo|Image|Pictured|Source)")
CAPTION_CHARS = 40  # a caption is short; a longer line after an image is what someone says
# An editor's note in brackets after the last turn: （本文由记者根据录音整理）, [Transcript edited].
EDITORS_NOTE = re.compile(r"^\s*[（(【\[].*[）)】\]]\s*$")
