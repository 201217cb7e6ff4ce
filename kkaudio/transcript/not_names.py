"""Words around labels: written before a colon, like a speaker's label, words that never name one
(discourse markers 比如：, So:; credits and metadata 编辑：, Source:, 关键词：; a show's furniture,
Chapters:), and the roles and titles that do (ROLE_WORDS: 主持人, Host; TITLES: 老师, 主任)."""

from __future__ import annotations

import re

# Words that take a colon but never name a speaker: discourse markers, credits, metadata.
NOT_NAMES = frozenset("""
比如 例如 譬如 注 注意 备注 注释 提示 温馨提示 提醒 总结 小结 结论 答案 原因 结果 问题 第一 第二 第三 其一 其二
首先 其次 再次 最后 总之 重点 划重点 关键 要点 例子 案例 原文 链接 网址 网站 地址 电话 邮箱 微信 时间 地点 日期
标题 主题 题目 作者 来源 编者按 编者注 按 题记 摘要 导语 引言 前言 后记 附 附录 说明 声明 免责声明 一句话 他说 她说
我说 你说 我想 他们说 大家 比方说 也就是说 简单说 换句话说 举个例子 数据 资料 参考 参考资料 本文 全文 正文 图 文 图文
图片 视频 音频 摄影 图源 编辑 责编 责任编辑 排版 美编 校对 审核 审校 监制 策划 设计 主编 出品 出品人 实习生
运营 视觉 翻译 整理 采访 撰文 剪辑 制作 统筹 文字 撰稿 编审 终审 值班编辑 联系 合作 投稿 商务 转载 版权 Tags 标签
商业合作 商务合作 广告合作 投稿邮箱 联系方式 联系我们 合作邮箱 转载须知 版权声明 本期嘉宾 本期主播 主播 嘉宾介绍 节目
关键词 关键字 關鍵詞 智能纪要 会议纪要 纪要 待办 待办事项 章节速览 发言总结 全文摘要 时长 時長 Keywords Duration
PS Note Notes Update Warning Tip Source Photo Photos Image Credit Credits Editor Edited Producer Produced Transcript
Date Time Link Links URL Title Author Tags Category Subscribe Website Email Twitter Follow Sponsor Sponsors Music Show
Chapters Episode Summary Description Topics Resources References Timestamps Http Https Q&A OK Okay Yes No So And But
Also Then Now Here There Well Step Part Chapter Section Example Questions Result Results Reason
Disclosure Disclosures Clarification Addendum Erratum Corrigendum Acknowledgements Acknowledgments Sources Footnote
Location Place Present Attendees Participants Appearances Contents Index Proceedings Correction Corrections
Location Place Present Break Intermission Transcribed Recorded Published Posted Released Updated Edited Background Context Disclaimer
Abstract Preface Foreword Restrictions Format Bibliography Biography Citation Videographer Transcriber Interviewed Notice Notices
Interview Interviews Conversation Conversations Podcast Exclusive Opinion Profile Feature Review 专访 專訪 对话 對話 访谈 訪談 独家 獨家
""".split())
NOT_NAMES_FOLDED = frozenset(n.casefold() for n in NOT_NAMES) | {"table of contents", "show notes", "episode notes"}
# English words that are no one's handle in lower case (a caption's wrap leaves `the` alone in a cue).
FUNCTION_WORDS = frozenset("the an of to in on at by for with from and or but nor so that this these those it its is are was "
                           "were be been not no like just very then than as if you we they he she me us them my our your".split())
# Characters that do not occur in a person's name or a role: grammar words (a sentence before a colon)...
NOT_IN_NAMES = set("的了吗呢吧啊们这说是就都也很把被")
# ...but 被 starts the roles of who is asked, sued or examined: 被访者, 被采访人, 被告, 被告人代理人, 被申请人,
# and alone it is a court record's short 被告 (审：… 原：… 被：…).
PASSIVE_ROLE = re.compile(r"^被(?=访|訪|采|採|告|调|調|申|上诉|上訴|执行|執行|害|询|詢|试|試|$)")
# A word ending as a contraction or a possessive (`I'm`, `That's`, `don't`), which speech-to-text
# writes before a stray colon (`I'm: more concerned`), never names a speaker; O'Brien does.
CONTRACTION = re.compile(r"(?:['’](?:s|m|re|ve|ll|d)|n['’]t)$")

# Titles and roles written after a name, before it (主持人　寿小丽) or as the label itself.
TITLES = re.compile(
    r"(?:老师|老師|先生|女士|小姐|教授|博士|医生|醫生|院长|院長|部长|部長|局长|局長|主任|总|總|董事长|董事長|总裁|總裁|"
    r"委员|委員|议员|議員|主席|发言人|發言人|记者|記者|主持人|代表|市长|市長|省长|省長|经理|經理|同学|同學|律师|律師|"
    r"书记|書記|校长|校長|所长|所長|总监|總監|创始人|創辦人|作家|导演|導演|厅长|廳長|司长|司長|处长|處長|县长|縣長|"
    r"秘书长|秘書長|行政院长|院士|研究员|研究員|网友|網友|观众|觀眾|旁白|嘉宾|嘉賓|主播|师傅|師傅|师父|師父|老板|老闆|"
    r"店长|店長|馆长|館長|队长|隊長|船长|船長|大夫|护士|護士|警官|主编|主編|编辑|編輯|"
    # who speaks in a news report's sound bite, by what they are there (【现场】摊主：…)
    r"市民|村民|居民|游客|遊客|摊主|攤主|店主|摊贩|攤販|司机|司機|乘客|家长|家長|患者|顾客|顧客|消费者|消費者|"
    r"志愿者|志願者|业主|業主|商户|商戶|工作人员|工作人員|负责人|負責人|民警)$")

# A parliament's record names an office, then the person holding it: `The Secretary of State for
# Health (Ms Jane Doe)`, `The Minister of State, Home Department (Mr Tom Lee)`; later `Ms Jane Doe:`.
OFFICE_AND_PERSON = re.compile(r"^(?P<office>(?:The|Madam|Mr\.?|Madame)\s.{2,80}?)\s*\((?P<person>(?:Mr|Mrs|Ms|Miss|Dr|Sir|"
                               r"Dame|Lord|Lady)\.?\s[A-Z][^()]{1,40})\)$")

# Labels that are roles, not names (a person in any transcript): who asks, who answers, who narrates.
ROLE_WORDS = re.compile(
    r"^(?:问|答|提问|回答|记者|記者|主持人|主持|主席|旁白|解说|解說|画外音|畫外音|嘉宾|嘉賓|观众|觀眾|网友|網友|"
    r"发言人|發言人|同上记者|同上記者|"
    # a court's record (庭审笔录): who presides, records, sues, is sued, speaks for them or testifies
    r"审判长|審判長|审判员|審判員|人民陪审员|人民陪審員|书记员|書記員|法官|公诉人|公訴人|检察员|檢察員|辩护人|辯護人|"
    r"(?:原告|被告|被告人|上诉人|上訴人|被上诉人|被上訴人|申请人|申請人|被申请人|被申請人|第三人)(?:委托)?(?:诉讼)?(?:代理人)?|"
    r"证人|證人|鉴定人|鑑定人|Q|A|Question|Answer|Interviewer|Interviewee|Host|Co-?host|Guest|Moderator|"
    r"Reporter|Narrator|Voiceover|Announcer|Audience|Audience member|Participant|Speaker|Unidentified|"
    r"Unknown|Panelist|Caller|Anchor|Correspondent|Presenter)(?:\s?\d{1,2})?$", re.IGNORECASE)
